@testable import Claim
@testable import Compare
@testable import Extraction
import Foundation
@testable import Matching
@testable import Model
@testable import Reading
import Testing

/// Promises against measurements, and the claim drafted from them.
@Suite struct CompareTests {
    static let cases = Support.packageRoot.appendingPathComponent("Tests/EvidenceTests/Fixtures/cases")

    func findings(_ files: [(String, String?)]) throws -> [Finding] {
        try files.flatMap { name, format in
            let data = try Data(contentsOf: Self.cases.appendingPathComponent(name))
            let log = try ChatReader(inputFormat: format).read(path: name, text: try TextDecoder.decode(Array(data)), scratch: MatchScratch())
            return Support.extractor.extract(log, scratch: MatchScratch()).findings
        }
    }

    func measurements(_ lines: String) -> [Model.Measurement] {
        let result = Support.notesReader().read(path: "m.txt", text: lines)
        #expect(result.unread.isEmpty, "\(result.unread.map(\.text))")
        return result.measurements
    }

    func jacket(variant: String? = nil, measured: String? = nil) throws -> Comparison {
        let text = try measured ?? String(contentsOf: Self.cases.appendingPathComponent("jacket-measured.txt"), encoding: .utf8)
        let found = try findings([("jacket-chat.txt", nil), ("jacket-listing.txt", "listing")])
        return Comparer(catalog: Support.catalog).compare(findings: found, measurements: measurements(text), variant: Support.variant(variant, found))
    }

    func verdicts(_ comparison: Comparison) -> [String: Verdict] {
        Dictionary(uniqueKeysWithValues: comparison.items.map { ($0.attribute, $0.verdict) })
    }

    @Test func sellersToleranceDecidesAndCompositionsCompareAsSets() throws {
        let comparison = try jacket()
        #expect(comparison.variant?.value == "L")
        #expect(comparison.variant?.source.contains("jacket-chat.txt:6") == true)
        #expect(verdicts(comparison) == ["chest": .mismatch, "garment_length": .withinTolerance, "shoulder": .matches, "sleeve": .withinTolerance, "material": .mismatch])
        let length = try #require(comparison.items.first { $0.attribute == "garment_length" })
        #expect(length.difference == -2)
        #expect(length.tolerance?.source == .seller)
        #expect(length.tolerance?.value == 3)
        #expect(length.tolerance?.detail.contains("误差1-3cm") == true)
        let chest = try #require(comparison.items.first { $0.attribute == "chest" })
        #expect(chest.difference == -6)
        #expect(chest.promised?.line == 2 && chest.promised?.speaker == "某某男装旗舰店:阿飞")
        let material = try #require(comparison.items.first { $0.attribute == "material" })
        #expect(material.promised?.stance == .confirmed)
        #expect(comparison.hasDiscrepancy)
    }

    @Test func theSizeChartRowFollowsTheOrderedSize() throws {
        let comparison = try jacket(variant: "xl码", measured: "肩宽 50cm\n袖长 60cm\n")
        #expect(comparison.variant?.value == "XL")
        let shoulder = try #require(comparison.items.first { $0.attribute == "shoulder" })
        #expect(shoulder.promised?.value == .number(50) && shoulder.promised?.variant == "XL" && shoulder.verdict == .matches)
        let sleeve = try #require(comparison.items.first { $0.attribute == "sleeve" })
        #expect(sleeve.promised?.value == .number(62) && sleeve.verdict == .withinTolerance)
    }

    @Test func halfMeasuresAreDoubledAndXLCountsCompareEqual() throws {
        let text = "尺码 衣长 1/2胸围 (cm)\nXXL 72 60\n"
        let log = try ChatReader(inputFormat: "listing").read(path: "l", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        let findings = Support.extractor.extract(log, scratch: MatchScratch()).findings
        let comparison = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: measurements("胸宽 58cm\n"), variant: Support.variant("2XL", findings))
        let chest = try #require(comparison.items.first { $0.attribute == "chest" })
        #expect(chest.promised?.value == .number(120))
        #expect(chest.measured.first?.value == .number(116))
        #expect(chest.verdict == .withinTolerance)
    }

    @Test func withoutAnOrderedSizePerSizePromisesAreSetAsideWithAWarning() throws {
        let findings = try findings([("jacket-listing.txt", "listing")])
        let comparison = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: measurements("肩宽 48cm\n"), variant: Support.variant(nil, findings))
        #expect(comparison.items.first { $0.attribute == "shoulder" }?.verdict == .measuredNotPromised)
        #expect(comparison.warnings.contains { $0.contains("shoulder") && $0.contains("--variant") })
    }

    @Test func unitsConvertAndShortfallOnlyCountsWhereItShould() {
        let text = "2024-03-12 10:00:00 某某工厂: 长度12英寸，一袋两斤，功率60W\n"
        let log = try! ChatReader().read(path: "c", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        let findings = Support.extractor.extract(log, scratch: MatchScratch()).findings
        let comparison = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: measurements("length 28 cm\nweight 0.9kg\npower 75W\n"), variant: Support.variant(nil, findings))
        let length = comparison.items.first { $0.attribute == "length" }
        #expect(abs((length?.difference ?? 0) + 2.48) < 1e-9)
        #expect(length?.verdict == .mismatch)
        #expect(comparison.items.first { $0.attribute == "weight" }?.verdict == .mismatch)  // 10% short of 1000 g, ±5% allowed
        #expect(comparison.items.first { $0.attribute == "power" }?.verdict == .matches)  // more power than promised is no fault
    }

    /// Each port's rating is its own; a rating said as a maximum (最大65W) is the rated figure
    /// where only a shortfall counts, so a port that delivers less falls short.
    @Test func eachPortIsComparedWithItsOwnRatedMaximum() {
        let comparison = Support.compareChat([("S", "C1口最大100W，A口最大22.5W，多口同时输出65W")],
                                             measured: "C1口：20V × 3.1A ≈ 62W\nA口 实测 22 W\n")
        let port = comparison.items.first(where: { $0.attribute == "power" && $0.promised?.part == "port C1" })
        #expect(port?.verdict == .mismatch)
        #expect(port?.notes.contains { $0.contains("rated figure") } == true)
        #expect(comparison.items.first(where: { $0.attribute == "power" && $0.promised?.part == "port A" })?.verdict == .withinTolerance)
        #expect(comparison.items.first(where: { $0.attribute == "voltage" })?.measured.first?.part == "port C1")
        // An upper bound where a surplus is the fault stays a ceiling.
        let weight = Support.compareChat([("S", "重量不超过2kg")], measured: "weight 1.8 kg\n")
        #expect(weight.items.first(where: { $0.attribute == "weight" })?.verdict == .matches)
    }

    /// A small size read to the whole centimetre (厚度 2公分) cannot show a difference under half
    /// a centimetre; read to a tenth (2.1 cm), it can.
    @Test func aReadingToTheWholeUnitCannotShowLessThanHalfOfIt() {
        let whole = Support.compareChat([("S", "钱包厚度1.6公分")], measured: "厚度 2公分\n")
        let item = whole.items.first(where: { $0.attribute == "thickness" })
        #expect(item?.verdict == .withinTolerance)
        #expect(item?.notes.contains { $0.contains("written to the whole cm") } == true)
        let tenths = Support.compareChat([("S", "钱包厚度1.6公分")], measured: "厚度 2.1cm\n")
        #expect(tenths.items.first(where: { $0.attribute == "thickness" })?.verdict == .mismatch)
        #expect(Comparer.writtenWhole("厚度 2公分（空夹）", 2) && !Comparer.writtenWhole("厚度 2.0cm", 2) && !Comparer.writtenWhole("12cm", 2))
    }

    /// A sound level counts against the seller only when louder than promised, beyond what a
    /// meter or an app reads (±3 dB); a difference said with 比 is no promise.
    @Test func noiseCountsOnlyWhenLouderThanPromised() {
        let louder = Support.compareChat([("S", "运行噪音约55dB，比上一代低6分贝")], measured: "噪音 手机测 63dB\n")
        let item = louder.items.first(where: { $0.attribute == "noise" })
        #expect(item?.promised.map(ValueText.of) == "≈55 dB" && item?.verdict == .mismatch)
        #expect(Support.compareChat([("S", "Noise level 55 dB")], measured: "noise 49 dB\n").items.first(where: { $0.attribute == "noise" })?.verdict == .matches)
        #expect(Support.compareChat([("S", "Noise level 55 dB")], measured: "noise 57 dB\n").items.first(where: { $0.attribute == "noise" })?.verdict == .withinTolerance)
    }

    @Test func chatAndListingDisagreeingUsesTheOneMoreFavourableToTheBuyer() {
        let chat = "2024-03-12 10:00:00 某某店:客服: 衣长70cm哦\n"
        let listing = "产品参数：\n衣长: 74cm\n尺码: M\n颜色分类: 白\n"
        var all: [Finding] = []
        for (text, format) in [(chat, nil), (listing, "listing")] {
            let log = try! ChatReader(inputFormat: format).read(path: format ?? "chat", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
            all += Support.extractor.extract(log, scratch: MatchScratch()).findings
        }
        let comparison = Comparer(catalog: Support.catalog).compare(findings: all, measurements: measurements("衣长 70cm\n"), variant: Support.variant(nil, all))
        let item = comparison.items[0]
        #expect(item.promised?.value == .number(74))
        #expect(item.verdict == .mismatch)
        #expect(item.notes.contains { $0.contains("promises disagree") && $0.contains("more favourable to the buyer") })
    }

    @Test func toleranceOverrideComesFirst() throws {
        let override = AppliedTolerance(value: 0, percent: 10, direction: .both, source: .user, detail: "--tolerance chest=10%", verified: true)
        let found = try findings([("jacket-chat.txt", nil)])
        let comparison = Comparer(catalog: Support.catalog, overrides: ["chest": override]).compare(
            findings: found, measurements: measurements("胸围 116cm\n"), variant: Support.variant(nil, found))
        #expect(comparison.items.first { $0.attribute == "chest" }?.verdict == .withinTolerance)
    }

    @Test func plainAttributeValueLinesAreReadToo() {
        let result = Support.notesReader().read(path: "m.txt", text: "数量 46个\n数量: 46\n衣长 92\n")
        #expect(result.measurements.map { "\($0.attribute)=\(ValueText.plain($0.value)) \($0.unit ?? "-")" } == ["quantity=46 pcs", "quantity=46 pcs", "garment_length=92 -"])
        #expect(result.unread.isEmpty)
    }

    @Test func unreadLinesNameFileLineAndReason() {
        let result = Support.notesReader().read(path: "m.txt", text: "衣长 70cm\n\n# note\n颜色没问题\n尺寸 20寸\n")
        #expect(result.measurements.count == 1)
        #expect(result.unread.map(\.line) == [4, 5])
        #expect(result.unread[0].unreadReason?.hasPrefix("a remark with no figure") == true)
        #expect(result.unread[1].unreadReason?.contains("inch or cun") == true)
    }

    @Test func claimForTaobaoAnd1688() throws {
        let comparison = try jacket()
        let builder = ClaimBuilder(catalog: Support.catalog)
        let taobao = try #require(builder.draft(comparison, context: ClaimContext(platform: "taobao", price: 259, received: "2024-09-05", listingFiles: ["jacket-listing.txt"])))
        #expect(taobao.reasonLabel == "大小/尺寸与商品描述不符")
        #expect(taobao.refund.text.zh == "退货退款" && taobao.refund.amount == 259)
        #expect(taobao.summary.zh.count <= 150 && taobao.summary.zh.utf8.count <= 400)
        #expect(taobao.summary.zh.contains("L码胸围承诺122cm，实测116cm，少6cm，超出卖家自称的误差±3cm"))
        #expect(taobao.summary.zh.contains("材质承诺棉100%，实为棉80%、聚酯纤维20%"))
        #expect(!taobao.summary.zh.contains("衣长"))  // within tolerance: not a discrepancy
        #expect(taobao.quotes.contains { $0.raw == "衣长72cm，胸围122cm" && $0.line == 2 && $0.time == "2024-09-02T20:10:45" })
        #expect(taobao.statement.zh.contains("卖家承诺“退货包运费”"))
        #expect(taobao.timeline.contains { $0.time == "2024-09-12" && $0.text.zh.contains("7天退货期截止") })
        // No day of measuring given: the entry has none (it is not taken to be the day of receipt).
        #expect(taobao.timeline.contains { $0.time == nil && $0.text.zh == "实测：胸围116cm，材质棉80%、聚酯纤维20%" })
        #expect(taobao.timeline.contains { $0.time == "2024-09-02T20:10:45" && $0.text.zh == "卖家承诺“衣长72cm，胸围122cm”（某某男装旗舰店:阿飞）" })
        var measuredOn = ClaimContext(platform: "taobao", received: "2024-09-05", measuredOn: "2024-09-06")
        measuredOn.listingFiles = ["jacket-listing.txt"]
        let dated = try #require(builder.draft(comparison, context: measuredOn))
        #expect(dated.timeline.contains { $0.time == "2024-09-06" && $0.text.zh.hasPrefix("实测：") })
        // The statement for the platform names who said it and when, never a file.
        #expect(!taobao.statement.zh.contains(".txt") && !taobao.statement.en.contains(".txt"))
        // English outside the quoted Chinese words has no full-width punctuation.
        let unquoted = taobao.statement.en.split(separator: "“").map { $0.split(separator: "”", maxSplits: 1).last ?? "" }.joined()
        #expect(!unquoted.contains { "，。；：（）".contains($0) }, "\(unquoted)")
        #expect(taobao.evidence.contains { $0.text.zh.hasPrefix("平铺测量照片") && $0.status == "needed" })
        let factory = try #require(builder.draft(comparison, context: ClaimContext(platform: "1688")))
        #expect(factory.reasonLabel == "收到的货物与约定不符（尺寸规格）")
        #expect(factory.summary.zh.count >= 2 && factory.summary.zh.count <= 150)
    }

    @Test func aShortCountAsksForTheMissingPiecesOrAPartialRefund() throws {
        let text = "2024-05-06 10:05:30 义乌市某某日用品有限公司: 尺寸7*7*22cm，一箱50个，100个起批\n"
        let log = try ChatReader().read(path: "c", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        let comparison = Comparer(catalog: Support.catalog).compare(findings: Support.extractor.extract(log, scratch: MatchScratch()).findings,
                                                                      measurements: measurements("每箱 46 个\n"), variant: nil)
        let builder = ClaimBuilder(catalog: Support.catalog)
        // Counted per carton, with no order size: no amount (the carton is not the order).
        let unknown = try #require(builder.draft(comparison, context: ClaimContext(platform: "1688", price: 1000)))
        #expect(unknown.reasonLabel == "少件/漏发")
        #expect(unknown.refund.amount == nil && unknown.refund.basis?.contains("--quantity") == true)
        #expect(unknown.refund.text.zh == "补寄缺少的每箱4件，或部分退款")
        #expect(unknown.summary.zh.contains("每箱数量承诺50个，实测46个，少4个"))
        // 2000 ordered: 40 cartons, 160 pieces if each is as short, ¥1000 × 160/2000.
        let order = OrderSize(pieces: 2000, source: "c:2 “订2000个”")
        let claim = try #require(builder.draft(comparison, context: ClaimContext(platform: "1688", price: 1000, orderSize: order)))
        #expect(claim.refund.amount == 80)
        #expect(claim.refund.basis == "price ¥1000.00 × 160/2000: 160 of 2000 pieces missing = 4 short per carton × 40 cartons (2000 ÷ 50 = 40), assuming every one is as short as the one counted; order size from c:2 “订2000个”")
        #expect(claim.refund.text.zh == "补寄缺少的160件（每箱少4件×40箱，按每箱同样短缺估算），或部分退款")
        // Cartons given: the same arithmetic from 30 cartons of 50.
        let cartons = try #require(builder.draft(comparison, context: ClaimContext(platform: "1688", price: 1500, orderSize: OrderSize(cartons: 30, source: "--cartons 30"))))
        #expect(cartons.refund.amount == 120)
        #expect(cartons.refund.basis?.hasPrefix("price ¥1500.00 × 120/1500: 120 of 1500 pieces missing = 4 short per carton × 30 cartons") == true)
    }

    @Test func exclusionsAreAnsweredAndOfferedExchangesKept() throws {
        let text = "2024-03-12 10:00:00 店:客服: 衣长70cm，拆封后不退，15天包换\n"
        let log = try ChatReader().read(path: "c", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        let comparison = Comparer(catalog: Support.catalog).compare(findings: Support.extractor.extract(log, scratch: MatchScratch()).findings,
                                                                      measurements: measurements("衣长 60cm\n"), variant: nil)
        let claim = try #require(ClaimBuilder(catalog: Support.catalog).draft(comparison, context: ClaimContext(platform: "taobao")))
        #expect(claim.refund.text.zh == "退货退款（或按卖家承诺换货）")
        #expect(claim.statement.zh.contains("卖家所说“拆封后不退”（店:客服，2024-03-12 10:00:00）只限无理由退货，不适用于商品与描述不符"))
    }

    /// A weight short of the promise is refunded in proportion; a weight above it is no
    /// shortfall to prorate: the goods go back for a full refund.
    @Test func onlyAShortfallIsRefundedInProportion() throws {
        for (measured, prorated) in [("称重 410g\n", true), ("称重 680g\n", false)] {
            let comparison = Support.compareChat([("S", "这款收纳篮重量约500g")], measured: measured)
            let claim = try #require(ClaimBuilder(catalog: Support.catalog).draft(comparison, context: ClaimContext(platform: "taobao", price: 100)))
            #expect((claim.refund.basis?.contains("short") ?? false) == prorated, "\(measured): \(String(describing: claim.refund.basis))")
            #expect(claim.refund.amount == (prorated ? 18 : 100))
        }
    }

    @Test func wrongSizeSentIsAWrongItem() throws {
        let comparison = try jacket(measured: "尺码: XL\n")
        #expect(comparison.items.first { $0.attribute == "size_label" }?.verdict == .mismatch)
        let claim = try #require(ClaimBuilder(catalog: Support.catalog).draft(comparison, context: ClaimContext(platform: "taobao")))
        #expect(claim.reasonLabel == "卖家发错货")
        #expect(claim.refund.text.zh.hasPrefix("换货"))
    }

    @Test func shippingLaterThanPromisedIsALateShipmentClaim() throws {
        let text = "2024-03-12 10:00:00 店:客服: 48小时内发货，晚发必赔\n"
        let log = try ChatReader().read(path: "c", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        let findings = Support.extractor.extract(log, scratch: MatchScratch()).findings
        let comparer = Comparer(catalog: Support.catalog)
        func dispatch(_ measured: String = "", ordered: String? = nil, shipped: String? = nil) -> ComparedItem? {
            comparer.compare(findings: findings, measurements: measured.isEmpty ? [] : measurements(measured), variant: Support.variant(nil, findings), ordered: ordered, shipped: shipped)
                .items.first { $0.attribute == "dispatch_within" }
        }
        // Dates alone count whole days: 48 hours is 2 days, 4 days is late.
        let late = try #require(dispatch(ordered: "2024-03-12", shipped: "2024-03-16"))
        #expect(late.verdict == .mismatch)
        #expect(late.difference == 2)
        #expect(late.measured.first?.unit == "days")
        // With times, hours: 47 is on time, 49 is late.
        #expect(dispatch(ordered: "2024-03-12 10:00", shipped: "2024-03-14 09:00")?.verdict == .matches)
        #expect(dispatch(ordered: "2024-03-12 10:00", shipped: "2024-03-14 11:00")?.verdict == .mismatch)
        // Or from a measurement line.
        #expect(dispatch("发货时间 3天\n")?.verdict == .mismatch)
        #expect(dispatch("发货时间 40小时\n")?.verdict == .matches)
        // Dates win over a measurement line, with a warning.
        let both = comparer.compare(findings: findings, measurements: measurements("发货时间 1天\n"), variant: Support.variant(nil, findings), ordered: "2024-03-12", shipped: "2024-03-16")
        #expect(both.items.first { $0.attribute == "dispatch_within" }?.verdict == .mismatch)
        #expect(both.warnings == ["dispatch_within: `发货时间 1天` (m.txt:1) not used: --ordered/--shipped give the dispatch time"])
        // Nothing to compare without a dispatch time.
        #expect(dispatch() == nil)

        let comparison = comparer.compare(findings: findings, measurements: [], variant: Support.variant(nil, findings), ordered: "2024-03-12", shipped: "2024-03-16")
        let context = ClaimContext(platform: "taobao", ordered: "2024-03-12", shipped: "2024-03-16")
        let claim = try #require(ClaimBuilder(catalog: Support.catalog).draft(comparison, context: context))
        #expect(claim.reasonLabel == "未按约定时间发货")
        #expect(claim.statement.zh.contains("卖家承诺“晚发必赔”（店:客服，2024-03-12 10:00:00），违反承诺应按承诺赔付（《淘宝平台争议处理规则》第15条）"))
        #expect(claim.timeline.map(\.text.zh).last == "发货（晚于承诺）")  // a late dispatch is no measurement
        #expect(claim.summary.zh == "未按约定时间发货：承诺下单后2天内发货，实际4天后才发出，晚了2天。申请按卖家“晚发必赔”的承诺赔付。")
        #expect(claim.summary.en.hasPrefix("Not shipped on time: "))
    }

    @Test func anotherColourIsAColourClaimAndShadeDisclaimersDoNotCoverIt() throws {
        let text = "2024-03-12 10:00:00 店:客服: 颜色是黑色的哦，因显示器不同存在色差\n"
        let log = try ChatReader().read(path: "c", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        let findings = Support.extractor.extract(log, scratch: MatchScratch()).findings
        func compared(_ line: String) -> Comparison {
            Comparer(catalog: Support.catalog).compare(findings: findings, measurements: measurements(line), variant: Support.variant(nil, findings))
        }
        #expect(compared("颜色 纯黑\n").items.first { $0.attribute == "color" }?.verdict == .matches)
        #expect(compared("colour: black\n").items.first { $0.attribute == "color" }?.verdict == .matches)
        let navy = compared("颜色：藏青色\n")
        let item = try #require(navy.items.first { $0.attribute == "color" })
        #expect(item.verdict == .mismatch)
        #expect(item.notes.contains { $0.contains("covers a shade, not a different colour") })
        let claim = try #require(ClaimBuilder(catalog: Support.catalog).draft(navy, context: ClaimContext(platform: "taobao")))
        #expect(claim.reasonLabel == "颜色/图案/款式与商品描述不符")
        #expect(claim.summary.zh.hasPrefix("颜色/图案/款式与商品描述不符：颜色承诺黑色，实为藏青色。"))
        #expect(claim.statement.zh.contains("卖家所说“显示器不同存在色差”（店:客服，2024-03-12 10:00:00）只涉及颜色深浅"))
        #expect(claim.evidence.contains { $0.text.zh.hasPrefix("自然光下的实物照片") })
    }

    @Test func noDiscrepancyNoClaim() throws {
        let comparison = try jacket(measured: "衣长 71cm\n胸围 121cm\n")
        #expect(!comparison.hasDiscrepancy)
        #expect(ClaimBuilder(catalog: Support.catalog).draft(comparison, context: ClaimContext(platform: "taobao")) == nil)
    }
}

@Suite struct ClaimCommandTests {
    let cases = CompareTests.cases

    @Test func claimExitsOneWithMarkdownAndZeroWhenNothingIsShort() throws {
        let args = ["claim", cases.appendingPathComponent("jacket-chat.txt").path, "--listing", cases.appendingPathComponent("jacket-listing.txt").path,
                    "--measured", cases.appendingPathComponent("jacket-measured.txt").path, "--price", "259"]
        let run = try Support.run(args)
        #expect(run.status == 1)
        #expect(run.stdout.contains("**退款原因 / Reason:** 大小/尺寸与商品描述不符"))
        #expect(run.stdout.contains("## 卖家原话 / The seller's words"))
        let fine = try Support.run(["claim", cases.appendingPathComponent("jacket-chat.txt").path, "--measure", "衣长 71cm"])
        #expect(fine.status == 0)
        #expect(fine.stdout.contains("nothing to claim"))
    }

    @Test func badOrderDatesAreUsageErrors() throws {
        let run = try Support.run(["compare", cases.appendingPathComponent("jacket-chat.txt").path, "--measure", "衣长 71cm", "--ordered", "3/12", "--shipped", "2024-03-16"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("not `3/12`"))
    }

    @Test func plainTextGivenAsPromisesIsTheSellersWord() throws {
        let folder = Support.temporaryFolder()
        let notes = Support.write("衣长70cm 胸围100cm\n", to: "notes.txt", in: folder)
        let run = try Support.run(["compare", notes, "--measure", "衣长 66cm"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("read as the seller's text"))
        #expect(run.stdout.contains("衣长 garment_length  70 cm"))
    }

    @Test func claimJSONForScripts() throws {
        let run = try Support.run(["claim", "--platform", "1688", "--chat", cases.appendingPathComponent("jacket-chat.txt").path,
                                   "--measured", cases.appendingPathComponent("jacket-measured.txt").path, "--format", "json"])
        #expect(run.status == 1)
        let claim = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(claim["schema"] as? String == "evidence.claim/1")
        #expect(claim["reason_label"] as? String == "收到的货物与约定不符（尺寸规格）")
        let description = try #require(claim["description"] as? [String: Any])
        #expect((description["characters"] as? Int ?? 999) <= 150)
    }

    @Test func a1688ClaimCitesTheCivilCodeNotTaobaosRules() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        2024-05-06 10:05:30 义乌某某工贸有限公司: 一箱40个，定制款不退不换
        2024-05-06 10:06:10 义乌某某工贸有限公司: 付款后48小时内发货，晚发必赔
        """, to: "chat.txt", in: folder)
        for (platform, cited, absent) in [("1688", "《民法典》第497条", "淘宝"), ("taobao", "《消费者权益保护法》第26条", "民法典")] {
            let run = try Support.run(["claim", "--platform", platform, chat, "--measure", "每箱 36 个", "--format", "json"])
            #expect(run.status == 1)
            #expect(run.stdout.contains(cited), "\(platform)")
            #expect(!run.stdout.contains(absent) && !(platform == "1688" && run.stdout.contains("Taobao")), "\(platform)")
        }
        let late = try Support.run(["claim", "--platform", "1688", chat, "--ordered", "2024-05-06 10:10", "--shipped", "2024-05-10 09:00", "--format", "json"])
        #expect(late.status == 1)
        #expect(late.stdout.contains("违反承诺应按承诺赔付（《民法典》第585条）"))
        #expect(!late.stdout.contains("淘宝") && !late.stdout.contains("Taobao"))
    }

    @Test func aPlatformDefinedInAPatternsFolderDraftsItsOwnClaim() throws {
        let folder = Support.temporaryFolder()
        Support.write("""
        platforms:
          pinduoduo:
            name: 拼多多 Pinduoduo
            description_limit: {characters: 200, source: 'test platform'}
            reasons:
              size: {zh: 商品尺寸与页面描述不符, en: Size not as on the page}
            remedies:
              return_refund: {zh: 退货退款（拼多多）, en: a return and refund}
            rules:
              void_exclusion: {zh: 平台规则第1条, en: 'platform rule 1'}
        """, to: "pdd.yaml", in: folder)
        let args = ["claim", cases.appendingPathComponent("jacket-chat.txt").path, "--measured", cases.appendingPathComponent("jacket-measured.txt").path,
                    "--patterns", folder.path, "--platform", "pinduoduo", "--format", "json"]
        let run = try Support.run(args)
        #expect(run.status == 1)
        let claim = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(claim["platform"] as? String == "pinduoduo")
        #expect(claim["reason_label"] as? String == "商品尺寸与页面描述不符")
        #expect((claim["refund"] as? [String: Any])?["zh"] as? String == "退货退款（拼多多）")
        let description = try #require(claim["description"] as? [String: Any])
        #expect((description["en"] as? String)?.hasPrefix("Size not as on the page: ") == true)
        // Without the folder, the platform is unknown: a usage error naming the known ones.
        let unknown = try Support.run(Array(args.dropLast(2).filter { $0 != "--patterns" && $0 != folder.path }) + ["--platform", "pinduoduo"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown platform `pinduoduo` (platforms: 1688, other, taobao, tmall"))
        // A manifest row may name it too.
        let manifest = Support.write("id,platform,chat,measurements\no1,pinduoduo,\(cases.appendingPathComponent("jacket-chat.txt").path),\(cases.appendingPathComponent("jacket-measured.txt").path)\no2,nowhere,\(cases.appendingPathComponent("jacket-chat.txt").path),x.txt\n", to: "orders.csv", in: folder)
        let batch = try Support.run(["claim", "--manifest", manifest, "--out", folder.appendingPathComponent("out").path, "--patterns", folder.path])
        #expect(batch.status == 2)
        #expect(batch.stderr.contains("orders.csv:3: order o2: unknown platform `nowhere` (1688, other, pinduoduo, taobao, tmall)"))
        // A platform's market is retail or procurement; anything else is a catalogue error naming the file.
        let bad = Support.temporaryFolder()
        Support.write("platforms:\n  pdd2:\n    like: taobao\n    market: wholesale\n", to: "pdd2.yaml", in: bad)
        let refused = try Support.run(["claim", cases.appendingPathComponent("jacket-chat.txt").path, "--measure", "衣长 70cm", "--patterns", bad.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("pdd2.yaml") && refused.stderr.contains("market `wholesale` is neither `retail` nor `procurement`"))
    }

    @Test func compareJSONAndExitCodes() throws {
        let run = try Support.run(["compare", cases.appendingPathComponent("jacket-chat.txt").path, "--listing", cases.appendingPathComponent("jacket-listing.txt").path,
                                   "--measured", cases.appendingPathComponent("jacket-measured.txt").path, "--format", "json"])
        #expect(run.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "evidence.compare/1")
        let items = try #require(document["items"] as? [[String: Any]])
        for item in items { for field in ["attribute", "promised", "measured", "difference", "tolerance", "verdict"] { #expect(item.keys.contains(field)) } }
        let chest = try #require(items.first { $0["attribute"] as? String == "chest" })
        #expect((chest["tolerance"] as? [String: Any])?["source"] as? String == "seller")
        let bad = try Support.run(["compare", cases.appendingPathComponent("jacket-chat.txt").path, "--measured", cases.appendingPathComponent("bad-measured.txt").path])
        #expect(bad.status == 0, "an unread line is listed, and the rest is compared")
        #expect(bad.stderr.contains("bad-measured.txt:2: not read: a remark with no figure, material or colour in it"))
        #expect(bad.stdout.contains("not read: "))
        let strict = try Support.run(["compare", cases.appendingPathComponent("jacket-chat.txt").path, "--measured", cases.appendingPathComponent("bad-measured.txt").path, "--strict"])
        #expect(strict.status == 2)
        let usage = try Support.run(["compare", cases.appendingPathComponent("jacket-chat.txt").path])
        #expect(usage.status == 64)
    }
}

@Suite struct PartTests {
    @Test func aPartsMeasureIsComparedOnlyWithThatPart() {
        let text = "2024-07-18 09:17:40 Lisa (Bright Trading Co., Ltd): The bag is 40 x 35 x 10 cm, the handle is 60 cm long.\n"
        let log = try! ChatReader().read(path: "c", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        let findings = Support.extractor.extract(log, scratch: MatchScratch()).findings
        #expect(findings.map(\.part) == [nil, nil, nil, "handle"])
        let measured = Support.notesReader().read(path: "m", text: "length 39.7 cm\nhandle length 50 cm\n").measurements
        let comparison = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: measured, variant: Support.variant(nil, findings))
        let lengths = comparison.items.filter { $0.attribute == "length" }.map { ($0.promised?.part, $0.verdict) }
        #expect(lengths.count == 2)
        #expect(lengths.contains { $0.0 == nil && $0.1 == .withinTolerance })
        #expect(lengths.contains { $0.0 == "handle" && $0.1 == .mismatch })
    }
}
