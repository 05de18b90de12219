@testable import Catalog
@testable import Compare
@testable import Extraction
import Foundation
@testable import Model
import Testing

/// Product categories, their default tolerances, the tape's floor and the tiers of a mismatch,
/// from the built binary on chats written for these tests.
@Suite struct CategoryTests {
    /// A chat and notes in a temporary folder; `compare --format json` on them, parsed.
    static func compare(_ chat: String, notes: String, _ options: [String] = []) throws -> (status: Int32, json: [String: Any]) {
        let folder = Support.temporaryFolder()
        let chatFile = Support.write(chat, to: "chat.txt", in: folder)
        let notesFile = Support.write(notes, to: "notes.txt", in: folder)
        let run = try Support.run(["compare", chatFile, "--measured", notesFile, "--format", "json"] + options)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return (run.status, json)
    }

    static func item(_ json: [String: Any], _ attribute: String) -> [String: Any]? {
        (json["items"] as? [[String: Any]])?.first { $0["attribute"] as? String == attribute }
    }

    static let mattressChat = """
    2025-06-01 10:00:00 tb_买家: 这款乳胶弹簧床垫1.8米的尺寸是多少？
    2025-06-01 10:01:00 梦乡家居旗舰店:小林: 亲，180×200cm，厚度24cm
    2025-06-01 10:02:00 tb_买家: 好的拍了
    """

    @Test func aMattressWithoutASellerToleranceGetsItsCategorysToleranceWithItsSource() throws {
        let (status, json) = try Self.compare(Self.mattressChat, notes: "长 198.5cm\n宽 179cm\n厚度 22cm\n")
        let category = try #require(json["category"] as? [String: Any])
        #expect(category["id"] as? String == "mattress" && category["source"] as? String == "inferred")
        #expect((category["inferred_from"] as? [String])?.contains("床垫") == true)
        let length = try #require(Self.item(json, "length"))
        let tolerance = try #require(length["tolerance"] as? [String: Any])
        #expect(tolerance["category"] as? String == "mattress" && tolerance["value"] as? Double == 2)
        #expect((tolerance["detail"] as? String)?.contains("QB/T 1952.2") == true)
        #expect((tolerance["detail"] as? String)?.contains("GB/T 1804") == false)
        #expect(length["verdict"] as? String == "within_tolerance")
        // 2 cm short on a 24 cm height is beyond the ±1 cm for a mattress's height.
        let thickness = try #require(Self.item(json, "thickness"))
        #expect(thickness["verdict"] as? String == "mismatch" && thickness["tier"] as? String == "strong")
        #expect(status == 1)
    }

    @Test func aRugAndABagTakeTheirOwnDefaults() throws {
        let rug = try Self.compare("2025-06-01 10:00:00 织梦地毯店:客服: 客厅地毯 160×230cm 短绒\n", notes: "长 226cm\n宽 158cm\n")
        #expect((rug.json["category"] as? [String: Any])?["id"] as? String == "rug_curtain")
        let length = try #require(Self.item(rug.json, "length"))
        // 2% of 230 cm is 4.6 cm: 4 cm short is within it.
        #expect(length["verdict"] as? String == "within_tolerance")
        #expect((length["tolerance"] as? [String: Any])?["percent"] as? Double == 2)
        let bag = try Self.compare("2025-06-01 10:00:00 Tom: What size is the canvas backpack?\n2025-06-01 10:01:00 Yiwu Bags: 42 x 30 x 12 cm\n",
                                   notes: "height 41 cm\nwidth 29.2 cm\ndepth 12 cm\n")
        #expect((bag.json["category"] as? [String: Any])?["id"] as? String == "luggage_bag")
        #expect(Self.item(bag.json, "width")?["verdict"] as? String == "within_tolerance")
        #expect(((Self.item(bag.json, "width")?["tolerance"] as? [String: Any])?["detail"] as? String)?.contains("QB/T") == true)
    }

    @Test func theCategoryOptionWinsAndAnUnknownOneIsAUsageError() throws {
        let (_, json) = try Self.compare("2025-06-01 10:00:00 某店:客服: 长度120cm\n", notes: "长度 118cm\n", ["--category", "rug_curtain"])
        let category = try #require(json["category"] as? [String: Any])
        #expect(category["id"] as? String == "rug_curtain" && category["source"] as? String == "option")
        #expect(Self.item(json, "length")?["verdict"] as? String == "within_tolerance")
        let unknown = try Support.run(["compare", "x.txt", "--measure", "长度 1m", "--category", "spaceship"])
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown category `spaceship`") && unknown.stderr.contains("mattress"))
        let none = try Self.compare("2025-06-01 10:00:00 某店:客服: 长度120cm\n", notes: "长度 118cm\n")
        #expect(none.json["category"] is NSNull)
    }

    @Test func aManifestRowNamesItsCategoryAndABadOneNamesTheLine() throws {
        let folder = Support.temporaryFolder()
        Support.write("2025-06-01 10:00:00 某店:客服: 长度120cm\n", to: "c.txt", in: folder)
        Support.write("长度 118cm\n", to: "m.txt", in: folder)
        let manifest = Support.write("id,chat,measurements,category\no1,c.txt,m.txt,rug_curtain\no2,c.txt,m.txt,\n", to: "orders.csv", in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try Support.run(["claim", "--manifest", manifest, "--out", out])
        // o1 as a rug: 2% of 120 cm allows the 2 cm; o2 has no category: 1.5% (1.8 cm) does not.
        #expect(run.status == 1)
        let first = try String(contentsOfFile: out + "/o1.md", encoding: .utf8)
        #expect(first.contains("nothing to claim") || first.contains("no discrepancy"))
        let bad = Support.write("id,chat,measurements,category\no1,c.txt,m.txt,spaceship\n", to: "bad.csv", in: folder)
        let refused = try Support.run(["claim", "--manifest", bad, "--out", out])
        #expect(refused.status == 2 && refused.stderr.contains("bad.csv:2") && refused.stderr.contains("unknown category `spaceship`"))
    }

    @Test func compareTakesTheClaimsCaseOptions() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("2025-06-01 10:00:00 义乌工厂: 每箱50个\n", to: "c.txt", in: folder)
        let run = try Support.run(["compare", chat, "--measure", "每箱 46个", "--platform", "1688", "--price", "900", "--received", "2025-06-09"])
        #expect(run.status == 1)
        #expect(try Support.run(["compare", chat, "--measure", "每箱 46个", "--platform", "ebay"]).status == 64)
    }

    @Test func aDifferenceATapeCannotReadIsNoMismatchButACaliperFigureIs() throws {
        let chat = "2025-06-01 10:00:00 tb_买家: 桌面多大\n2025-06-01 10:01:00 某店:客服: 桌面长度40cm，厚度1.8cm，误差2mm以内\n"
        let (_, json) = try Self.compare(chat, notes: "长度 39.6cm\n厚度 15mm\n")
        let length = try #require(Self.item(json, "length"))
        #expect(length["verdict"] as? String == "within_tolerance")
        #expect((length["notes"] as? [String])?.contains { $0.contains("tape measure") } == true)
        #expect(Self.item(json, "thickness")?["verdict"] as? String == "mismatch")
    }

    @Test func outsideTheSellersToleranceButWithinTheCategorysIsWeakAndTheClaimSaysSo() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        2025-06-01 10:00:00 tb_买家: 这个羊毛地毯200×300的吗
        2025-06-01 10:01:00 织梦地毯店:客服: 是的亲，200×300cm，误差1cm以内
        """, to: "chat.txt", in: folder)
        let notes = Support.write("长 296cm\n宽 198cm\n", to: "notes.txt", in: folder)
        let compared = try Support.run(["compare", chat, "--measured", notes, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as? [String: Any])
        #expect(Self.item(json, "length")?["tier"] as? String == "weak")
        #expect(json["only_weak"] as? Bool == true)
        let claim = try Support.run(["claim", chat, "--measured", notes, "--price", "800", "--format", "text"])
        #expect(claim.status == 1)
        #expect(claim.stdout.contains("协商部分退款") && !claim.stdout.contains("退货退款"))
        #expect(claim.stdout.contains("mismatch (weak)"))
        #expect(claim.stdout.contains("但在此类商品通常允许的偏差"))
        // A strong one beside it: the claim leads with it and asks for the return.
        let strong = Support.write("长 296cm\n宽 190cm\n", to: "strong.txt", in: folder)
        let both = try Support.run(["claim", chat, "--measured", strong, "--price", "800", "--format", "json"])
        let draft = try #require(try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [String: Any])
        #expect(((draft["refund"] as? [String: Any])?["zh"] as? String)?.contains("退货退款") == true)
    }

    @Test func fibreSharesMayDifferByFivePointsButNotTheFibresNorAPureClaim() {
        let within = Support.compareChat([("S", "面料：棉95% 氨纶5%")], measured: "洗标：棉93% 氨纶7%\n")
        #expect(within.items.first { $0.attribute == "material" }?.verdict == .withinTolerance)
        let pure = Support.compareChat([("S", "100%纯棉的")], measured: "洗标：棉65% 聚酯纤维35%\n")
        #expect(pure.items.first { $0.attribute == "material" }?.verdict == .mismatch)
    }

    /// A blend named by one word (涤棉, 棉麻) meets a label giving its fibres' shares, and no other.
    @Test(arguments: [
        ("材质：棉麻", "成分标：棉40% 亚麻60%", "matches"),
        ("材质：棉麻", "成分标：棉40% 麻60%", "matches"),
        ("材质：棉麻", "洗标：棉65% 聚酯纤维35%", "mismatch"),
        ("面料是涤棉的", "洗标：聚酯纤维65% 棉35%", "matches"),
        ("面料是涤棉的", "洗标：棉100%", "mismatch"),
    ])
    func aBlendWordMeetsALabelOfItsFibres(promise: String, label: String, verdict: String) {
        let compared = Support.compareChat([("S", promise)], measured: label + "\n")
        #expect(compared.items.first { $0.attribute == "material" }?.verdict.rawValue == verdict)
    }

    /// A blade's stamped steel grade is read against the grade promised.
    @Test func steelGradesCompareByName() {
        let compared = Support.compareChat([("S", "刀身是5Cr15MoV德国钢，刃长20cm")], measured: "刀身钢印：3Cr13\n")
        #expect(compared.items.first { $0.attribute == "material" }?.verdict == .mismatch)
    }

    @Test func anItemsOwnWeightIsAFaultTooHeavyButGoodsSoldByWeightOnlyShort() {
        let bag = Support.compareChat([("S", "这款双肩包净重650g")], measured: "称重 780g\n")
        #expect(bag.items.first { $0.attribute == "weight" }?.verdict == .mismatch)
        var food = Support.compareChat([("S", "云南咖啡豆 净含量500g")], measured: "称重 540g\n")
        #expect(food.category?.category.id == "packaged_goods")
        #expect(food.items.first { $0.attribute == "weight" }?.verdict == .matches)
        food = Support.compareChat([("S", "云南咖啡豆 净含量500g")], measured: "称重 488g\n")
        // JJF 1070: 15 g short allowed from 500 g to 1 kg.
        #expect(food.items.first { $0.attribute == "weight" }?.tolerance?.value == 15)
    }
}

/// Variants named by model codes and figures, and the one ordered from the buyer's order.
@Suite struct ModelVariantTests {
    @Test func aSentenceOpeningWithAModelCodeGivesItsFiguresToThatModel() {
        let findings = Support.chat([("S", "K8是5L的，功率1500W；K6是3L，1200W")])
        let power = findings.filter { $0.attribute == "power" }.map { "\(ValueText.plain($0.value)) \($0.variant ?? "-")" }
        #expect(power == ["1500 K8", "1200 K6"])
    }

    @Test func aFigureAndDeAtTheClauseStartNamesTheVariant() {
        let findings = Support.chat([("S", "这款不是真空包装，1.2米的大概18kg，1.5米的22kg")])
        let weights = findings.filter { $0.attribute == "weight" }.map { "\(ValueText.plain($0.value)) \($0.variant ?? "-")" }
        #expect(weights == ["18000 1.2米", "22000 1.5米"])
        // 200克重的 精梳棉: a spec, then the material after a blank, names no variant.
        #expect(Support.chat([("S", "200克重的 精梳棉 100%棉")]).allSatisfy { $0.variant == nil })
    }

    @Test func aVariantsOwnLineDoesNotNameTheLinesAfterIt() {
        // A bullet that names a size and gives its figures speaks for that size only.
        let findings = Support.chat([("S", "Specs:\n- Size S: chest 96cm, length 66cm\n- Size M: chest 100cm, length 68cm\n- Packing: 8 pcs per inner bag, 40 pcs per carton")])
        #expect(findings.filter { $0.attribute == "chest" }.map(\.variant) == ["S", "M"])
        #expect(findings.filter { $0.attribute == "quantity" }.map { "\(ValueText.plain($0.value)) \($0.variant ?? "-")" } == ["8 -", "40 -"])
    }

    @Test func anotherModelNamedWithAFigureKeepsItsSentencesLaterClauses() {
        let findings = Support.chat([("S", "亲这款是纯棉的。另外还有一款加厚的 200×230，重2.6kg，比较适合冬天"),
                                     ("S", "还有一款 40*60的，这款是 35*50cm"),
                                     ("S", "Sorry, that photo was another model. This one is 1.8 kg")])
        let weights = findings.filter { $0.kind == .weight }.map { "\(ValueText.plain($0.value)) \($0.subject ?? "-")" }
        #expect(weights == ["2600 other_model", "1800 -"])
        // 这款 comes back to the item: its sizes are the item's.
        #expect(findings.filter { $0.kind == .dimension }.map { "\(ValueText.plain($0.value)) \($0.subject ?? "-")" } == ["35 -", "50 -"])
    }

    @Test func aGiftBoxsSizeIsThePackagesNotTheItems() {
        let findings = Support.chat([("S", "一套两只杯子，杯子高12cm；礼盒是25*18*14cm的")])
        #expect(findings.filter { $0.kind == .dimension }.map { "\(ValueText.plain($0.value)) \($0.level ?? "item")" }
            == ["12 item", "25 inner", "18 inner", "14 inner"])
    }

    @Test func okAModelThenOrdersIt() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        [02.06.25, 10:02:11] Lena Vogt: What sizes are the MS-3 and MS-5 monitor stands?
        [02.06.25, 10:05:40] Foshan Metalworks: MS-3: top plate 40 x 24 cm, 1.6 kg
        [02.06.25, 10:06:40] Foshan Metalworks: MS-5 is the bigger one, top plate 52 x 26 cm, 2.3 kg
        [02.06.25, 10:09:02] Lena Vogt: ok MS-3 then. 100 pcs please
        """, to: "chat.txt", in: folder)
        let run = try Support.run(["compare", chat, "--measure", "weight 1.55 kg", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["variant"] as? [String: Any])?["value"] as? String == "MS-3")
        // A stand's top plate names no tableware.
        #expect(json["category"] is NSNull)
    }

    @Test func aDecimalPointEndsNoClause() {
        let findings = Support.chat([("S", "亲，1.5米款是150×200cm")])
        #expect(findings.filter { $0.attribute == "width" }.map(\.variant) == ["1.5米款"])
    }

    @Test func theBuyersOrderNamingAModelPicksItsPromises() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        25/05/2025, 10:02 - Tom Reyes: Hello, what sizes are the KT-30 and KT-40 coolers?
        25/05/2025, 10:05 - Ningbo Cool Co: KT-30 is 48 x 32 x 35 cm, 3.1 kg
        25/05/2025, 10:06 - Ningbo Cool Co: KT-40 is 56 x 36 x 40 cm, 4.0 kg
        25/05/2025, 10:09 - Tom Reyes: OK, 120 pcs of KT-40 in blue. When can you ship?
        """, to: "chat.txt", in: folder)
        let run = try Support.run(["compare", chat, "--measure", "weight 3.95 kg", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["variant"] as? [String: Any])?["value"] as? String == "KT-40")
        let weight = try #require(CategoryTests.item(json, "weight"))
        #expect((weight["promised"] as? [String: Any])?["value"] as? Double == 4000)
        #expect(weight["verdict"] as? String == "within_tolerance")
    }

    /// A model named with or without a space between figure and unit is the same name.
    @Test func aSizeNamedInTheOrderMatchesWithOrWithoutASpace() {
        #expect(VariantInference.contains("PO for 500 pcs of the 26 cm only", "26cm"))
        #expect(VariantInference.contains("要300个26cm的", "26 cm"))
        #expect(!VariantInference.contains("PO for 500 pcs of the 126 cm", "26cm"))
        #expect(!VariantInference.contains("500 pcs of the 26 cm", "26mm"))
    }

    @Test func sizesListedSideBySideAreOptionsAndTheNearestToTheMeasurementsIsSaidAsAnInference() throws {
        let findings = Support.chat([("S", "规格：90×150cm  120×180cm  160×230cm")])
        #expect(findings.filter { $0.kind == .dimension }.map { $0.variant ?? "-" } == ["90×150cm", "90×150cm", "120×180cm", "120×180cm", "160×230cm", "160×230cm"])
        let folder = Support.temporaryFolder()
        let listing = Support.write("北欧客厅地毯 短绒 可机洗\n规格：90×150cm  120×180cm  160×230cm\n", to: "listing.txt", in: folder)
        let run = try Support.run(["compare", "--listing", listing, "--measure", "长 179cm", "--measure", "宽 118.5cm", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let variant = try #require(json["variant"] as? [String: Any])
        #expect((variant["source"] as? String)?.contains("nearest the measurements") == true)
        #expect(CategoryTests.item(json, "length")?["verdict"] as? String == "within_tolerance")
        #expect(run.status == 0)
        // Measured between two options: no pick, a warning instead.
        let unsure = try Support.run(["compare", "--listing", listing, "--measure", "长 205cm", "--format", "json"])
        let none = try #require(try JSONSerialization.jsonObject(with: Data(unsure.stdout.utf8)) as? [String: Any])
        #expect(none["variant"] is NSNull)
    }

    @Test func aRateIsNotTheItemsFigureAndARoomWordBeforeGoodsNamesTheGoods() {
        let humidifier = Support.chat([("S", "出雾量350ml/h，水箱4L")])
        #expect(!humidifier.contains { $0.raw.contains("350") } && humidifier.contains { $0.raw.contains("4L") })
        let rug = Support.chat([("S", "卧室地毯 140×200cm")])
        #expect(rug.allSatisfy { $0.subject == nil } && rug.count == 2)
        #expect(Support.chat([("B", "卧室宽3米2，放得下吗")]).allSatisfy { $0.subject != nil })
    }

    @Test func aCartonWeighedIsItsGrossWeightAndMeetsAPlainGrossWeightPromise() {
        let compared = Support.compareChat([("S", "一箱24个，外箱60*40*35cm，毛重12kg")], measured: "整箱称了 11.9kg\n外箱 60×40×35\n")
        let gross = compared.items.first { $0.attribute == "carton_gross_weight" }
        #expect(gross?.promised?.raw.contains("毛重12kg") == true)
        #expect(gross?.verdict == .withinTolerance)
        #expect(gross?.notes.contains { $0.contains("inference") } == true)
        #expect(compared.items.filter { $0.attribute.hasPrefix("carton_") && $0.kind == .dimension }.allSatisfy { $0.verdict == .matches })
    }

    @Test func aBuyersOrderNamingTheOneSizeTheSellerTaggedPicksIt() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        2025-05-02 09:00:00 采购小王: 300ml和450ml的装箱数是多少
        2025-05-02 09:01:00 义乌杯业-陈: 300ml的一箱60个，450ml一箱48个
        2025-05-02 09:03:00 采购小王: 好的，先要10箱300ml的
        """, to: "chat.txt", in: folder)
        let run = try Support.run(["compare", chat, "--measure", "每箱 58个", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let variant = try #require(json["variant"] as? [String: Any])
        #expect((variant["source"] as? String)?.contains("先要10箱300ml的") == true)
        #expect(CategoryTests.item(json, "quantity")?["verdict"] as? String == "mismatch")
    }

    @Test func measuredFiguresFarApartGoEachWithTheNearestPromise() {
        // The pieces of a set are parts of their own, each with its promise.
        let set = Support.compareChat([("S", "浴巾70×140cm，面巾34×76cm，方巾34×34cm")], measured: "浴巾 138.5 x 69.6\n面巾 75.6 x 34\n方巾 34x34\n")
        let lengths = set.items.filter { $0.attribute == "length" }
        #expect(lengths.compactMap { $0.promised?.part }.sorted() == ["bath towel", "face towel", "hand towel"])
        #expect(lengths.allSatisfy { $0.verdict == .matches || $0.verdict == .withinTolerance })
        // Without words that tell them apart, each promise takes the measurement nearest it.
        let plain = Support.compareChat([("S", "大的长120cm，小的长45cm")], measured: "长 119.5cm\n长 44cm\n")
        let length = plain.items.first { $0.attribute == "length" }
        #expect(length?.verdict != .notMeasured && length?.notes.contains { $0.contains("far apart") } == true)
        // A panel's thickness noted under the chest is not the chest measured.
        let suit = Support.compareChat([("S", "L码胸围100cm"), ("B", "拍L")], measured: "胸围 平铺 49.5 x2\n胸口面料 2mm\n")
        #expect(suit.items.first { $0.attribute == "chest" }?.measured.last.map { ValueText.plain($0.value) } == "99")
    }

    @Test func aSizeFollowedAtOnceByItsFiguresNamesThemAndAUseIsNoCategory() {
        let findings = Support.chat([("S", "10寸平盘直径25.5cm"), ("S", "8寸直径20.5cm，重420克左右")])
        #expect(findings.filter { $0.attribute == "weight" }.map(\.variant) == ["8寸"])
        let plates = Support.compareChat([("S", "10寸平盘 直径25.5cm，可以进微波炉和洗碗机")], measured: "直径 25.4cm\n")
        #expect(plates.category?.category.id == "tableware")
    }

    @Test func countsOfTwoPackingLevelsAreNoAlternativesAndACartonsTotalIsItsCount() {
        let findings = Support.chat([("S", "一盒6个，一箱4盒共24个，外箱55*30*32cm")]).filter { $0.attribute == "quantity" }
        #expect(findings.map { "\(ValueText.plain($0.value))@\($0.level ?? "-")" } == ["6@inner", "24@carton"])
        #expect(findings.allSatisfy { $0.variant == nil })
        // Pack sizes on offer still are.
        #expect(Support.chat([("S", "10片装、20片装都有")]).filter { $0.attribute == "quantity" }.allSatisfy { $0.variant != nil })
    }

    @Test func aFoldedSizeWithNoSidesNamedIsPairedBySizeWithTheFoldedMeasurement() {
        let table = Support.compareChat([("S", "折叠桌展开120×60cm，折叠后60×60×8cm")], measured: "折叠起来 60 x 60 x 7.8\n")
        let folded = table.items.filter { $0.measured.first?.part == "folded" }
        #expect(!folded.isEmpty && folded.allSatisfy { $0.verdict == .matches || $0.verdict == .withinTolerance })
    }

    @Test func aPowerBanksCellFigureIsComparedAtItsOutputAndTheRatedOneAsItStands() throws {
        let cells = Support.compareChat([("B", "这个充电宝容量多大"), ("S", "亲，20000毫安的")], measured: "USB表实测放电 11500mAh\n")
        let capacity = try #require(cells.items.first { $0.attribute == "battery_capacity" })
        // 20000 × 3.7 / 5 × 80% = 11840 mAh at 5 V: 11500 is within 5% of it, not 42% short.
        #expect(capacity.converted?.target == 11840 && capacity.verdict == .withinTolerance)
        #expect(capacity.notes.contains { $0.contains("20000 × 0.592 = 11840") && $0.contains("inference") })
        let rated = Support.compareChat([("B", "充电宝额定容量多少"), ("S", "额定容量12000mAh")], measured: "USB表实测 11500mAh\n")
        let stated = try #require(rated.items.first { $0.attribute == "rated_capacity" })
        #expect(stated.converted == nil && stated.verdict == .withinTolerance)
        let folder = Support.temporaryFolder()
        let chat = Support.write("2025-05-01 10:00:00 tb_买家: 这个充电宝容量多大\n2025-05-01 10:01:00 某旗舰店:客服: 亲，20000毫安的\n", to: "c.txt", in: folder)
        let claim = try Support.run(["claim", chat, "--measure", "USB表实测 9000mAh", "--format", "text"])
        #expect(claim.stdout.contains("按5V输出折算") && claim.stdout.contains("应不少于11840mAh，实测9000mAh，少2840mAh"))
    }
}
