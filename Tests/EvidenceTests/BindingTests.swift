@testable import Compare
@testable import Extraction
@testable import Matching
@testable import Model
@testable import Reading
import Testing

/// Each value bound to what it is about before it can become a claim: the item, its carton or
/// packaging, the speaker, another model, a variant, a tuple's sides.
@Suite struct BindingTests {
    func chat(_ lines: [(Character, String)]) -> [Finding] { Support.chat(lines) }

    func promises(_ lines: [(Character, String)]) -> [String] { Support.promises(lines) }

    func compare(_ lines: [(Character, String)], measured: String, variant: String? = nil) -> Comparison {
        let findings = chat(lines)
        let reader = Support.notesReader().read(path: "m.txt", text: measured)
        #expect(reader.unread.isEmpty, "\(reader.unread.map(\.text))")
        return Comparer(catalog: Support.catalog).compare(findings: findings, measurements: reader.measurements, variant: Support.variant(variant, findings))
    }

    @Test(arguments: [
        [("B", "我一米六二，坐着脚能着地吗"), ("S", "可以的亲")],
        [("B", "本人九十公斤，这个凳子扛得住吗"), ("S", "没问题")],
        [("B", "I'm about 5 ft 10, is the bunk long enough?"), ("S", "Yes sure")],
        [("B", "My son and me, 4 ft 8 and 130 lb, both fit?"), ("S", "Yes")],
    ] as [[(Character, String)]])
    func theSpeakersOwnFiguresAreNeverConfirmedAsPromises(_ lines: [(Character, String)]) {
        let findings = chat(lines)
        #expect(findings.allSatisfy { $0.subject != nil || $0.kind == .quantity }, "\(findings.map(\.attribute))")
        #expect(!findings.contains { $0.role == .seller }, "a yes to the buyer's own figures is no promise")
    }

    /// A bare weight right after the carton's size, parted by a comma, is the carton's; a
    /// weight with its own word, or in a clause of its own, stays the item's.
    @Test func aCountPerCartonLeavesTheFigureAfterItToTheItem() {
        // 40 rolls per carton is a count; the 10 m after it is a roll's (the goods' length, sold
        // wound), never the carton's length.
        let findings = chat([("S", "Packing: 40 rolls per carton, 10 m per roll")])
        #expect(findings.map { "\($0.attribute)=\(ValueText.of($0)) \($0.level ?? "-")" } == ["quantity=40 pcs carton", "length=1000 cm -"])
    }

    @Test func aToleranceWrittenWithPlusMinusIsNoPromise() {
        let findings = chat([("S", "Net weight 2.5 kg, weight ±40 g"), ("S", "尺寸±1cm，手工测量")])
        #expect(findings.map(\.attribute) == ["weight", "measurement_tolerance", "measurement_tolerance"])
        #expect(promises([("S", "Net weight 2.5 kg, weight ±40 g")]) == ["weight=2500 g", "measurement_tolerance=40 g"])
    }

    @Test func aHandOrAHeadAFitSpeaksOfIsNotTheItems() {
        #expect(promises([("S", "L码适合手掌宽9到10厘米的")]).isEmpty)
        #expect(promises([("S", "This size fits head circumference 55-59 cm")]).isEmpty)
    }

    @Test func aWeighedFigureIsComparedNotTheLabelRestatingThePromise() {
        let comparison = Support.compareChat([("S", "这款蜂蜜净含量500g")], measured: "厨房秤称 净重 480g\n罐身标签 净含量500克\n")
        let weight = comparison.items.first { $0.attribute == "weight" }
        #expect(weight?.measuredText == "480 g" && weight?.verdict == .mismatch)
    }

    /// 功率误差±5% is the seller's tolerance on the power alone: a weight 8% light is judged
    /// against the weight's own default, and the power 4% low is within the seller's word.
    @Test func aToleranceSaidOfOneSpecFigureCoversOnlyIt() {
        let comparison = Support.compareChat([("S", "电暖器功率2000W，功率误差±5%，整机重量5公斤")], measured: "功率计实测 1920W\n称重 4.6kg\n")
        let power = comparison.items.first { $0.attribute == "power" }
        let weight = comparison.items.first { $0.attribute == "weight" }
        #expect(power?.verdict == .withinTolerance && power?.tolerance?.source == .seller)
        #expect(weight?.tolerance?.source != .seller && weight?.verdict == .mismatch, "\(String(describing: weight?.tolerance))")
    }

    /// A scale's capacity and reading step are not what it weighs.
    @Test func aScalesCapacityAndStepAreNotItsWeight() {
        let found = chat([("S", "体重秤最大称重180kg，精度0.05kg，净重1.4kg")]).filter { $0.kind == .weight }
        #expect(found.map(\.attribute) == ["load_capacity", "scale_division", "weight"])
    }

    @Test func aBareWeightAfterTheCartonSizeIsTheCartons() {
        for line in ["Packing: 20 pcs per carton, carton 50x40x38 cm, 12.5 kg", "外箱尺寸58*42*40cm，16公斤，一箱24个"] {
            let weight = chat([("S", line)]).first { $0.kind == .weight }
            #expect(weight?.attribute == "carton_gross_weight" && weight?.level == "carton", "\(line): \(String(describing: weight?.attribute))")
        }
        for line in ["Carton 50x40x38 cm. The lamp itself weighs 1.2 kg", "外箱58*42*40cm，单个净重1.2kg"] {
            let weight = chat([("S", line)]).first { $0.kind == .weight }
            #expect(weight?.level == nil && weight?.attribute.contains("carton") == false, "\(line): \(String(describing: weight?.attribute))")
        }
    }

    /// A connector's size (5.5x2.1 mm barrel plug, DC头5.5*2.1mm) is the plug's, never the cable's length.
    @Test func aPlugsSizeIsThePlugs() {
        for line in ["The adapter has a 1.8 m cable with a 5.5x2.1 mm barrel plug", "配1.8米线，DC头5.5*2.1mm"] {
            let findings = chat([("S", line)])
            let small = findings.filter { if case .number(let value)? = $0.value { value < 1 } else { false } }
            #expect(small.count == 2 && small.allSatisfy { $0.part == "plug" }, "\(line): \(findings.map { ($0.attribute, $0.value, $0.part) })")
        }
    }

    /// A figure of a pet the item is for (fits cats up to 7 kg) or of the buyer's own pet is never the item's.
    @Test func aPetsFiguresAreNotTheItems() {
        let findings = chat([("S", "Fits cats up to 6 kg, carrier weight 0.9 kg"), ("B", "My own dog is 8 kg and 45 cm long, ok?"), ("S", "Yes")])
        // 6 kg is whom it fits (body_weight), the dog's figures are the buyer's: the item weighs 0.9 kg.
        #expect(findings.filter { $0.isPromise && $0.attribute == "weight" }.map(\.value) == [.number(900)], "\(findings.map { ($0.attribute, $0.value, $0.isPromise) })")
        #expect(!findings.contains { $0.isPromise && $0.kind == .dimension }, "the dog's 45 cm")
    }

    @Test func aFigureBeforeAnOrderWordIsNotTheSpeakers() {
        #expect(promises([("B", "我要1.8米的"), ("S", "好的")]).isEmpty)
        #expect(chat([("B", "我量了一下长72cm")]).first?.subject == nil)
    }

    @Test func figuresThatNameAModelCarryIt() {
        let findings = chat([("S", "40cm那款重2.6kg，45cm的重3.1kg"), ("S", "Our 20 oz model weighs 11 oz, this one is lighter")])
        let weights = findings.filter { $0.kind == .weight }.map { "\(ValueText.of($0))" }
        #expect(weights.contains("2600 g @40cm"))
        #expect(weights.contains { $0.hasPrefix("311.844") && $0.hasSuffix("@20 oz") }, "\(weights)")
        #expect(!findings.contains { $0.raw == "20 oz" }, "a model's name is no weight")
    }

    @Test func aTupleThatNamesAVariantKeepsItsSides() {
        let findings = chat([("S", "160*60*75的桌面厚2.5cm，120*60*75的厚1.8cm")])
        let thickness = findings.filter { $0.attribute == "thickness" }.map { ValueText.of($0) }
        #expect(thickness == ["2.5 cm @160*60*75", "1.8 cm @120*60*75"])
    }

    @Test func theOrderedVariantIsMatchedByItsFigures() {
        let ordered = OrderedVariant(value: "120", source: "test")
        #expect(ordered.matches("120*60*75"))
        #expect(!ordered.matches("160*60*75"))
        #expect(OrderedVariant(value: "1.5米", source: "test").matches("1.5米×2米"))
        #expect(!OrderedVariant(value: "10", source: "test").matches("100*50"))
        #expect(OrderedVariant(value: "1米2", source: "test").matches("1.2米"))
        #expect(OrderedVariant(value: "2 SEAT", source: "test").matches("两座"))
        let comparison = compare([("S", "160*60*75的桌面厚2.5cm，120*60*75的厚1.8cm"), ("B", "那我要120的")], measured: "厚度 1.5cm\n")
        #expect(comparison.variant?.value == "120")
        let thickness = comparison.items.first { $0.attribute == "thickness" }
        #expect(thickness?.promised?.value == .number(1.8) && thickness?.verdict == .mismatch)
    }

    /// Another model named by its code after a lead-in (We have TK-9 with…, 还有H7是…): its
    /// figures are that model's, and never replace the item's own as "more favourable".
    @Test func anotherModelIntroducedByItsCodeKeepsItsFigures() {
        let comparison = compare([("S", "This is model TK-5: 3 burners, 4.2 kg, 52 cm wide"), ("B", "anything lighter?"),
                                  ("S", "We have TK-3 with 2 burners, 3.1 kg. But it is smaller"), ("B", "ok, stay with TK-5")], measured: "weight 4.25 kg\n")
        let weight = comparison.items.first { $0.attribute == "weight" }
        #expect(weight?.promised?.value == .number(4200) && weight?.verdict != .mismatch, "\(String(describing: weight?.promised))")
        let zh = chat([("S", "这款H5是4升的，重1.1kg"), ("S", "还有H7是6升的，重1.5kg")])
        #expect(zh.filter { $0.kind == .weight }.map { ValueText.of($0) } == ["1100 g @H5", "1500 g @H7"], "\(zh.map { ValueText.of($0) })")
    }

    /// A size the buyer names about their own things in a question (我家桌子80*120的，买哪个尺寸)
    /// is no order; the size named with 拍 later is.
    @Test func aSizeInAQuestionIsNoOrder() {
        let findings = chat([("B", "我家床是1.5米的，买哪个尺寸"), ("S", "亲 建议拍1.8米的哦"), ("B", "好的 拍了1.8米的")])
        #expect(VariantInference.ordered(in: findings, vocabulary: Support.catalog.vocabulary)?.value != "1.5米")
        let asked = chat([("B", "我家床是1.5米的，买哪个尺寸")])
        #expect(VariantInference.ordered(in: asked, vocabulary: Support.catalog.vocabulary) == nil)
    }

    /// A size said to be the item's (这款展开是220*85cm的) names no variant; those it fits
    /// (一米九以内的都没问题) are people; what it packs down to is the folded state.
    @Test func aSentenceFinal的NamesNoVariant() {
        let findings = chat([("S", "可以的亲，这款展开是220*85cm的，一米九以内的都没问题哈"), ("S", "压缩后收纳直径25cm长40cm左右")])
        #expect(findings.filter(\.isPromise).map { ValueText.of($0) + ($0.part.map { " (\($0))" } ?? "") }
                == ["220 cm", "85 cm", "25 cm (folded)", "40 cm (folded)"], "\(findings.map { ValueText.of($0) })")
    }

    /// Several packs counted against one promise (482 and 485 of 500): the shortest is compared.
    @Test func ofCountsCloseTogetherTheShortestIsCompared() {
        let comparison = compare([("S", "一包500张，一箱5包")], measured: "第一包 每包482张\n再拆一包 每包485张\n")
        let count = comparison.items.first { $0.attribute == "quantity" && $0.promised?.value == .number(500) }
        #expect(count?.measured.count == 2 && count?.difference == -18, "\(String(describing: count?.difference))")
    }

    /// The range on offer (we have 2.5kg up to 50kg) is no promise about the one ordered: the
    /// figure said for it (10kg each) is compared, not a bound any lighter weight meets.
    @Test func aFigureGoesBeforeABoundFarFromIt() {
        let comparison = compare([("S", "We have 2.5kg up to 50kg"), ("S", "10kg each piece, length of one dumbbell 31cm")], measured: "weight 9.38kg\n")
        let weight = comparison.items.first { $0.attribute == "weight" }
        #expect(weight?.promised?.value == .number(10000) && weight?.verdict == .mismatch)
        #expect(comparison.items.first { $0.attribute == "length" }?.promised?.value == .number(31))
    }

    /// A part measured meets the item-wide promise when the promise's message speaks of that
    /// part; otherwise the part stays apart (a strap is not the bag).
    @Test func aPartMeetsAPromiseWhoseMessageNamesIt() {
        let handle = compare([("S", "handle is chrome steel, diameter 32mm")], measured: "handle diameter 25mm\n")
        #expect(handle.items.first { $0.attribute == "diameter" }?.verdict == .mismatch)
        let bag = compare([("S", "这款包长40cm")], measured: "提手长 30cm\n")
        #expect(!bag.items.contains { $0.verdict == .mismatch }, "\(bag.items.map { "\($0.attribute) \($0.verdict)" })")
    }

    /// A set named by its count at a sentence's start (200粒的…) carries the sentence's figures.
    @Test func aCountAnd的NamesTheSet() {
        let findings = chat([("S", "收纳桶直径22cm高25cm"), ("S", "200粒的块是一样的，桶大一号，直径26cm")])
        #expect(findings.filter { $0.attribute == "diameter" }.map { ValueText.of($0) } == ["22 cm", "26 cm @200粒"])
    }

    /// A seller's ±0.5 cm is for the pad's length, not its 4 mm thickness: an amount half the
    /// figure or more is not applied to it.
    @Test func aSellersToleranceIsNotAppliedToAFigureItDwarfs() {
        let comparison = compare([("S", "尺寸90*40cm，厚度4mm，手工测量误差±0.5cm")], measured: "长 89.6cm\n厚度 2.5mm\n")
        #expect(comparison.items.first { $0.attribute == "length" }?.tolerance?.source == .seller)
        let thickness = comparison.items.first { $0.attribute == "thickness" }
        #expect(thickness?.tolerance?.source != .seller && thickness?.verdict == .mismatch)
    }

    /// An average noted beside single readings stands for them.
    @Test func anAverageStandsForTheReadings() {
        let comparison = compare([("S", "weight 230g")], measured: "avg weight of 20 tyres: 261 g\nheaviest 268g, lightest 231g\n")
        let weight = comparison.items.first { $0.attribute == "weight" }
        #expect(weight?.verdict == .mismatch && weight?.difference == 31, "\(String(describing: weight?.difference))")
    }

    /// The counts of a packing (20个一包，一箱10包; 50只一条，20条一箱，一箱1000只) hold at
    /// once, each at its level: never alternatives, never variants.
    @Test func countsOfAPackingAreNoAlternatives() {
        let findings = chat([("S", "50只一条，20条一箱，一箱1000只"), ("S", "20个一包，一箱10包")])
        let counts = findings.filter { $0.kind == .quantity }
        #expect(counts.count == 5 && counts.allSatisfy { $0.variant == nil && $0.isPromise }, "\(counts.map { ValueText.of($0) })")
        let short = compare([("S", "20个一包，一箱10包")], measured: "每包数了 18 个\n")
        #expect(short.items.first { $0.attribute == "quantity" && $0.promised?.level == "inner" }?.verdict == .mismatch)
    }

    @Test func relativeOtherModelsAndListsAreNotTheItems() {
        let findings = chat([("S", "其他容量：3L、5L（另外询价）"), ("S", "We also have one that holds 2 litres")])
        #expect(!findings.contains { $0.isPromise }, "\(findings.map(\.attribute))")
        #expect(findings.filter { $0.subject == "other_model" }.count == 3)
    }

    @Test func cartonsAndPackagingAreTheirOwnLevel() {
        #expect(promises([("S", "单个重480g，外箱尺寸 60*40*45cm，整箱毛重18kg")])
            == ["weight=480 g", "carton_length=60 cm", "carton_width=40 cm", "carton_height=45 cm", "carton_gross_weight=18000 g"])
        let packaged = chat([("S", "净重1.2kg，连包装差不多1.6kg")]).map(\.attribute)
        #expect(packaged == ["weight", "gross_weight"])
    }

    @Test func tuplesAreNamedByTheProductsConvention() {
        let rug = chat([("S", "这款地垫 120x180cm")]).map { "\($0.attribute)=\(ValueText.of($0))" }
        #expect(rug == ["width=120 cm", "length=180 cm"])
        let box = chat([("S", "收纳盒 35*25*20cm")]).map { "\($0.attribute)=\(ValueText.of($0))" }
        #expect(box == ["length=35 cm", "width=25 cm", "height=20 cm"])
        let inferred = chat([("S", "窗帘 2米x2.7米")])
        #expect(inferred.allSatisfy { $0.inference?.contains("窗帘") == true }, "\(inferred.map(\.inference))")
    }

    @Test func unlabelledSidesArePairedBySizeAndSaySo() throws {
        let comparison = compare([("S", "收纳柜尺寸：80*35*100cm")], measured: "高 100cm\n宽 35cm\n长 78cm\n")
        let height = try #require(comparison.items.first { $0.attribute == "height" })
        #expect(height.promised?.value == .number(100) && height.verdict == .matches)
        #expect(height.notes.first?.hasPrefix("paired by size") == true)
        let length = try #require(comparison.items.first { $0.attribute == "length" })
        #expect(length.promised?.value == .number(80) && length.verdict == .mismatch)
    }

    @Test func aWeightWithPackagingCountsOnlyWhenAlreadyShort() throws {
        let short = compare([("S", "净重5kg")], measured: "连箱子一起称 4.2kg\n")
        let weight = try #require(short.items.first { $0.attribute == "weight" })
        #expect(weight.verdict == .mismatch && weight.notes.contains { $0.contains("with its packaging") })
        let heavier = compare([("S", "净重5kg")], measured: "连箱子一起称 5.6kg\n")
        #expect(!heavier.hasDiscrepancy, "a gross weight above the net one proves nothing")
        #expect(heavier.items.first { $0.attribute == "weight" }?.verdict == .notMeasured)
    }

    @Test func ouncesAreCapacityInADrinkContainersMessageUnlessWeighed() {
        let findings = chat([("S", "The flask holds 17 oz and weighs 11 oz empty"), ("S", "10oz duck canvas apron")])
        #expect(findings.map { "\($0.attribute) \($0.unit ?? "")" } == ["volume ml", "weight g", "fabric_weight oz"])
        let volume = findings.first { $0.attribute == "volume" }
        // 17 US fl oz × 29.5735295625 ml.
        guard case .number(let millilitres)? = volume?.value else { Issue.record("no volume"); return }
        #expect(abs(millilitres - 502.75) < 0.001)
    }

    /// A yes confirms only the figures of the question itself, not a statement before it; a
    /// person named further on is not the figure's; `myself:` before a figure is no one's height.
    @Test func figuresOfAStatementBeforeAQuestionAreNotConfirmed() {
        #expect(Support.promises([
            ("B", "The shed is 240 x 180 cm, so the kids play outside. Do you sell the cover too?"),
            ("S", "Yes, cover is 600g"),
        ]) == ["weight=600 g"])
        let shed = Support.chat([("B", "The yard only fits 2 benches (150 x 40 cm) so the kids sit in turns")])
        #expect(shed.map(\.attribute) == ["length", "width"])
        #expect(Support.promises([("S", "Sorry, let me correct myself: 880g is the old model, this one is 920g")]).contains("weight=920 g"))
    }

    /// Warranty said as a period and what it covers (一年只换不修, warranty is 6 months).
    @Test func aWarrantyPeriodIsReadInEveryCommonWording() {
        #expect(Support.promises([("S", "配件一年只换不修"), ("S", "the warranty is 18 months"), ("S", "3个月内有质量问题免费换新")])
                == ["warranty=12 months", "warranty=18 months", "warranty=3 months"])
    }

    /// A length sold wound (100m per roll, 每卷50米) is the goods' length; a length of
    /// something the roll holds (4 drops of 2.5 m per roll) is not.
    @Test func aLengthPerRollIsTheGoodsLength() {
        #expect(Support.promises([("S", "Cat6 cable, 305m per box"), ("S", "钓鱼线每卷100米")]).isEmpty == false)
        #expect(Support.promises([("S", "PVC sheath, 100m per roll"), ("S", "胶带每卷50米")]) == ["length=10000 cm", "length=5000 cm"])
        #expect(Support.chat([("B", "we cut 3 strips of 1.2 m per roll")]).allSatisfy { $0.attribute != "length" })
    }

    /// A figure that names another model (the 750ml, for which a weight is given) is set aside
    /// when the same attribute has other figures; the ordered bottle's 500 ml is compared.
    @Test func aFigureNamingAnotherModelIsSetAside() {
        let comparison = Support.compareChat([
            ("S", "This flask is 500ml, 300g. The 750ml is 380g and 28cm tall."),
            ("S", "Price is USD 3.10 for the 750ml"),
        ], measured: "capacity 492 ml\n")
        let volume = comparison.items.first { $0.attribute == "volume" }
        #expect(volume?.promised.map(ValueText.of) == "500 ml")
        #expect(volume?.notes.contains { $0.contains("names another model") } == true)
    }

    /// One thing measured several times: the reading furthest from the promise is compared, not
    /// the last one; readings of two things (内径长, 外径长) are not taken as one.
    @Test func theReadingFurthestFromThePromiseIsCompared() {
        let comparison = Support.compareChat([("S", "容量500ml，净重200g")], measured: "容量 503 ml, 486ml, 499\n")
        let volume = comparison.items.first { $0.attribute == "volume" }
        #expect(volume?.notes.contains { $0.contains("furthest from the promise") } == true)
        #expect(volume?.difference == -14)
    }

    /// A weight range after a size (L码 9-14kg, S码 84片（4-8kg）) or right after a word of
    /// fitting (L适合9-14kg) is the wearer's band, never the pack's weight; a net weight stays.
    @Test func aWeightBandOfASizeIsTheWearers() {
        let findings = Support.chat([("S", "M码 64片（6-11kg），XL码适合12-17kg"), ("S", "整包净重1.2kg")])
        #expect(findings.filter(\.isPromise).map { "\($0.attribute)=\(ValueText.of($0))" }.contains("weight=1200 g"))
        #expect(findings.filter { $0.attribute == "weight" }.count == 1)
        #expect(findings.filter { $0.attribute == "body_weight" }.count == 2)
    }

    @Test func anAdjustableRangeIsComparedAtItsEnds() throws {
        let lines: [(Character, String)] = [("S", "这款升降桌，桌面高度可调，72-120cm电动升降")]
        let promise = try #require(chat(lines).first { $0.attribute == "height" })
        #expect(promise.adjustable && promise.min == 72 && promise.max == 120)
        let comparison = compare(lines, measured: "桌面高度 最低 72.2cm\n桌面高度 最高 113cm\n")
        #expect(verdicts(comparison) == ["height_lowest": .withinTolerance, "height_highest": .mismatch])
        #expect(comparison.items.allSatisfy { $0.notes.contains { $0.contains("adjustable range") } })
        let inside = compare(lines, measured: "桌面高度 100cm\n")
        #expect(inside.items.first?.notes.contains { $0.contains("measure it at the lowest and the highest") } == true)
    }

    @Test func bothEndsOnOneNoteLine() {
        let reader = Support.notesReader()
        let read = reader.read(path: "m.txt", text: "桌面高度 最低71cm，最高118cm\nstool height lowest 60 cm / highest 79 cm\n")
        #expect(read.unread.isEmpty, "\(read.unread.map(\.text))")
        #expect(read.measurements.map { "\($0.attribute) \($0.position ?? "-") \(ValueText.plain($0.value))" }
            == ["height lowest 71", "height highest 118", "height lowest 60", "height highest 79"])
    }

    @Test func notesNameTheirPackagingLevel() {
        let reader = Support.notesReader()
        let read = reader.read(path: "m.txt", text: "每盒数量 96个\nquantity per carton 24 pcs\n")
        #expect(read.unread.isEmpty)
        #expect(read.measurements.map { "\($0.attribute)@\($0.level ?? "-")" } == ["quantity@inner", "quantity@carton"])
    }

    @Test func bracketHeadersNameTheSidesAndAreNoSizes() {
        let findings = chat([("S", "Cabinet size 60 x 35 x 85 cm (W x D x H)"), ("S", "外箱（长×宽×高）：65×40×90cm")])
        #expect(findings.map { "\($0.attribute)=\(ValueText.of($0))" }
            == ["width=60 cm", "depth=35 cm", "height=85 cm", "carton_length=65 cm", "carton_width=40 cm", "carton_height=90 cm"])
        #expect(findings.allSatisfy { $0.variant == nil && $0.inference == nil }, "a header's L or S is no size")
    }

    @Test func aHeadingForOtherModelsCoversItsWholeLine() {
        let findings = chat([("S", "Also in this range: 120 cm wide (120 x 40 x 75 cm, 21 kg), 140 cm wide (140 x 40 x 75 cm, 24 kg)")])
        #expect(!findings.contains { $0.isPromise }, "\(findings.map(\.attribute))")
    }

    @Test func aChartRowWrittenWithOneUnitKeepsItsLabels() {
        let lines: [(Character, String)] = [("S", "M码肩宽44cm 胸围104 衣长70；L码肩宽46cm 胸围108 衣长72"), ("B", "那我拍L码")]
        #expect(promises(lines).contains("chest=108 cm @L"))
        let comparison = compare(lines, measured: "胸围 108cm\n衣长 69cm\n肩宽 46cm\n")
        #expect(verdicts(comparison) == ["chest": .matches, "garment_length": .mismatch, "shoulder": .matches])
        #expect(comparison.items.allSatisfy { !$0.notes.contains { $0.hasPrefix("paired by size") } })
        #expect(chat([("S", "胸围104 衣长70")]).isEmpty, "no unit anywhere in the message: no finding")
    }

    @Test(arguments: [
        ("Max user weight is 110 kg, the frame weighs 38 kg", ["load_capacity", "weight"]),
        ("净重4.6kg，承重120kg", ["weight", "load_capacity"]),
        ("The shelf holds 20 lb and weighs 6 lb", ["load_capacity", "weight"]),
        ("Weight limit: 90 kg", ["load_capacity"]),
        // A racket's string tension is written in 磅/lbs: a force, not the racket's weight.
        ("3U拍身重85-89g，建议拉力24-26磅，最高可穿28磅", ["weight", "string_tension", "string_tension"]),
        ("Frame 83 g, strung at 24 lbs", ["weight", "string_tension"]),
    ])
    func theLongestAttributeWordDecidesALoad(_ line: String, _ attributes: [String]) {
        #expect(chat([("S", line)]).filter { $0.kind == .weight }.map(\.attribute) == attributes)
    }

    /// A bare whole number of inches names the model (crates, cases, screens): a size, never a
    /// length compared; a length said to equal it is that size's length; the sides of a tuple
    /// and feet-and-inches stay lengths. Grams before a paper are its grams per square metre.
    @Test func sizesInInchesAndPaperGramsAreNotTheItemsLengthOrWeight() {
        let prices = chat([("S", "30 inch USD 16.50, 36 inch USD 18.90")])
        #expect(prices.map(\.attribute) == ["nominal_size", "nominal_size"] && prices.allSatisfy { $0.kind == .size })
        #expect(promises([("S", "Our length is exact: 26 inch = 660mm")]) == ["nominal_size=66.04 cm @26 inch", "length=66 cm @26 inch"])
        #expect(chat([("S", "The tote is 18\" W x 14\" H")]).allSatisfy { $0.kind == .dimension })
        #expect(chat([("S", "He is 5'11\" tall")]).allSatisfy { $0.attribute != "nominal_size" })
        #expect(promises([("S", "内页80g道林纸，整本重320g")]) == ["paper_weight=80 gsm", "weight=320 g"])
    }

    /// A part taken out (不含盖, without lid) negates nothing and names no part: the figure is
    /// the item's own; 锅身高 is the pot's height, not a person's; a weight with no word of its
    /// own after a load capacity is a load capacity; a greeting (您好) addresses nothing to the
    /// buyer; a thing the item fits in (fits a 60cm oven) is not the item.
    @Test func wordsAroundAFigureThatDoNotMakeItSomeoneElses() {
        #expect(promises([("S", "不含盖高度12cm")]) == ["height=12 cm"])
        #expect(promises([("S", "height without the lid 12 cm")]) == ["height=12 cm"])
        #expect(chat([("S", "height without lid 12cm")]).first?.part == nil)
        #expect(promises([("S", "不是12cm的")]).isEmpty)
        #expect(promises([("S", "锅身高12cm")]) == ["height=12 cm"])
        #expect(promises([("S", "单层承重25kg，靠墙固定的话能到40kg，自重3kg")]) == ["load_capacity=25000 g", "load_capacity=40000 g", "weight=3000 g"])
        // What it bears without harm is a load; what a carton packs is not.
        #expect(promises([("S", "加厚款，装十五斤都没问题")]) == ["load_capacity=7500 g"])
        #expect(!promises([("S", "每箱装20斤")]).contains { $0.hasPrefix("load_capacity") })
        #expect(chat([("S", "您好，40cm款深度22cm")]).allSatisfy { $0.stance != .buyerInfo })
        #expect(chat([("S", "您身高170的话建议拍L")]).contains { $0.stance == .buyerInfo })
        #expect(promises([("S", "Both sizes fit a 60cm oven, net weight 4kg")]) == ["weight=4000 g"])
        // A figure named by itself and said to be a model is that model's.
        #expect(chat([("S", "1200W的是6L款哦，这款5L是900W的")]).map { "\($0.attribute)@\($0.variant ?? "-")" } == ["power@6L款", "volume@5L", "power@5L"])
        // A figure said to be another model's by its code is that model's; the item's own untagged
        // figure is compared, with no warning about the ordered model.
        let speaker = compare([("S", "KX-5 is 25W output"), ("S", "Sorry I meant 15W. 25W is the KX-9, the bigger one")], measured: "power 14.5 W\n", variant: "KX-5")
        #expect(speaker.items.first(where: { $0.attribute == "power" })?.promised.map(ValueText.of) == "15 W")
        #expect(!speaker.warnings.contains { $0.contains("is not among the variants") })
        // 不同, 不错 negate nothing; 不是 does.
        #expect(promises([("S", "手工测量方式不同误差1-3cm")]).count == 1)
        #expect(promises([("S", "质量不错，重2.5kg")]) == ["weight=2500 g"])
    }

    /// A size in inches names the figures after it in its sentence, over a name said before it
    /// (the 2026 version), and a figure with its unit heading a line (8kg: …, 3L：…) names the
    /// figures after it; a clock time or a size label's 码 heads nothing new.
    @Test func aSizeOrFigureHeadingNamesTheFiguresAfterIt() {
        #expect(promises([("S", "Updated 2026 version 30 inch is 76x48x53cm, 40 inch 101x63x70cm")]) == [
            "nominal_size=76.2 cm @30 inch", "length=76 cm @30 inch", "width=48 cm @30 inch", "height=53 cm @30 inch",
            "nominal_size=101.6 cm @40 inch", "length=101 cm @40 inch", "width=63 cm @40 inch", "height=70 cm @40 inch"])
        #expect(promises([("S", "30 inch: net weight 7.5kg")]) == ["nominal_size=76.2 cm @30 inch", "weight=7500 g @30 inch"])
        #expect(promises([("S", "8kg: grip diameter 33mm"), ("S", "12kg: grip diameter 35mm")]) == [
            "weight=8000 g @8kg", "diameter=3.3 cm @8kg", "weight=12000 g @12kg", "diameter=3.5 cm @12kg"])
        #expect(promises([("S", "3L：高25cm，重900g")]) == ["volume=3000 ml @3L", "height=25 cm @3L", "weight=900 g @3L"])
        #expect(promises([("S", "09:30 发的货，毛重3kg")]).allSatisfy { !$0.contains("@") })
        #expect(promises([("S", "29码：腰围74cm")]) == ["waist=74 cm @29"])
    }

    /// Words whose last characters name something else: 机身高 is the machine's height (not
    /// 身高, a person's), 越障高度 the step it climbs, 头围 a helmet's fit, 1.44个平方 an area.
    @Test(arguments: [
        ("扫地机越障高度2cm，机身高9.5cm", ["climb_height", "height"]),
        ("M号 头围55-58cm 重量约265g", ["head_circumference", "weight"]),
        ("木地板一箱1.68个平方", [""]),
        // After Φ: the diameter, then the height, or a much smaller wall.
        ("收纳桶 Φ28×32cm", ["diameter", "height"]),
        ("钢管 Φ32×1.5mm", ["diameter", "thickness"]),
    ])
    func wordsEndingInAnotherWordKeepTheirMeaning(_ line: String, _ attributes: [String]) {
        #expect(chat([("S", line)]).map(\.attribute) == attributes, "\(chat([("S", line)]).map { "\($0.attribute)=\(ValueText.of($0))" })")
    }

    /// Two sizes ordered, each measured in the lines under a heading that names it (12 kg:),
    /// until a blank line, or on a line that opens with it (8寸的内框 宽15): each reading meets
    /// its own size's promise of that attribute; a side the seller's tuple did not name meets
    /// the unnamed side nearest it, said as an inference. The tool's own range is no reading.
    @Test func readingsUnderAHeadingThatNamesASizeMeetThatSizesPromises() throws {
        let comparison = compare([("S", "12kg: grip diameter 33mm, height 24cm, net weight 12kg"), ("S", "20kg: grip diameter 38mm, height 29cm, net weight 20kg"),
                                  ("S", "tolerance ±3%")],
                                 measured: "Hanging scale (max 50 kg, d = 20 g)\n12 kg (40 pcs):\nweight 11.2 kg\ngrip diameter 33 mm\n\n20 kg:\nweight 19.9 kg\n")
        let weights = comparison.items.filter { $0.attribute == "weight" }
        #expect(weights.map { $0.promised.map { ValueText.of($0) } ?? "-" } == ["12000 g @12kg", "20000 g @20kg"], "\(comparison.items.map { "\($0.attribute) \($0.verdict)" })")
        #expect(weights.map(\.verdict) == [.mismatch, .withinTolerance])
        #expect(comparison.items.first(where: { $0.attribute == "diameter" })?.verdict == .matches)
        #expect(!comparison.items.contains { $0.measured.contains { $0.value.number == 50000 || $0.value.number == 20 } })
        let frames = compare([("S", "规格：8寸×2个（内框15×20cm） + 10寸×2个（内框20×25cm）")], measured: "8寸的内框 宽15 高20\n10寸内框 宽19.5 高25\n")
        let sides = frames.items.filter { $0.promised?.part == "inner frame" }
        #expect(sides.count == 4 && sides.allSatisfy { $0.verdict == .matches || $0.verdict == .withinTolerance }, "\(frames.items.map { "\($0.attribute) \($0.verdict)" })")
        #expect(sides.contains { $0.notes.contains { $0.contains("names no sides, so the side nearest in size") } })
    }

    /// A chart whose figures carry no unit takes the unit its message (or the seller's message
    /// just before, for a correction) declares: 尺码表（单位cm）; two sizes ordered and measured
    /// under their headings are each compared with their own row, once.
    @Test func aChartTakesTheUnitItsMessageDeclares() throws {
        let lines: [(Character, String)] = [("S", "尺码表（单位cm）：\nS 腰围66 臀围90 裤长96\nM 腰围70 臀围94 裤长97"),
                                            ("S", "抱歉刚才写错了，M码裤长是98"), ("B", "S和M各拍一条")]
        #expect(promises(lines) == ["waist=66 cm @S", "hip=90 cm @S", "pants_length=96 cm @S", "waist=70 cm @M", "hip=94 cm @M", "pants_length=98 cm @M"])
        let comparison = compare(lines, measured: "S码：\n腰围 66\n裤长 95.5\n\nM码：\n腰围 平铺33 ×2\n裤长 97.5\n", variant: "S")
        #expect(comparison.items.filter { $0.attribute == "waist" }.map { "\($0.promised.map(ValueText.of) ?? "-") \($0.verdict)" } == ["66 cm @S matches", "70 cm @M mismatch"])
        #expect(!comparison.items.contains { $0.verdict == .notMeasured && $0.attribute == "waist" })
        // A named material read whole (醋酸纤维70%), not its shorter alias (醋酸).
        #expect(promises([("S", "成分醋酸纤维70% 聚酯纤维30%")]) == ["material=acetate 70%", "material=polyester 30%"])
    }

    /// Size options with their sides in brackets (1.5米（150*90*75cm）) name their sides; what is
    /// sold separately (配套凳子（需另拍）：, sold separately) is not the item.
    @Test func bracketedSidesBelongToTheirSizeAndSeparateItemsAreNotTheItem() {
        #expect(chat([("S", "尺寸：1.5米（150*90*75cm） 1.8米（180*90*75cm）")]).filter { $0.kind == .dimension && !$0.attribute.isEmpty }.map { $0.variant ?? "-" }
            == ["1.5米", "1.5米", "1.5米", "1.8米", "1.8米", "1.8米"])
        #expect(promises([("S", "配套凳子（需另拍）：座高45cm，凳宽40cm")]).isEmpty)
        #expect(promises([("S", "Matching bench sold separately: seat height 46 cm")]).isEmpty)
        #expect(promises([("S", "Our zip bag 12*17cm is the inner size (the zip strip is not included)")]).count == 2)
    }

    /// A bed written length first (床架外框 206*160cm) is not read width first against its own
    /// figures; a named model heading its line (加大款：) names every figure of the line.
    @Test func aWidthFirstConventionYieldsToTheFiguresAndAModelHeadsItsLine() {
        #expect(promises([("S", "1.5米床架外框尺寸是206*160cm")]).contains("length=206 cm"))
        #expect(promises([("S", "1.5米床垫 150*200cm")]).contains("width=150 cm"))
        #expect(chat([("S", "豪华款：内径 110×60cm，外径 118×68×90cm")]).filter { $0.kind == .dimension }.allSatisfy { $0.variant == "豪华款" })
        #expect(chat([("S", "型号：KX-2，重2kg")]).allSatisfy { $0.variant != "型号" })
    }

    /// Two sizes ordered, each measured under the size it was sold as (22": …, 16" blades: …):
    /// each group meets its own size's promise, with no --variant needed.
    @Test func readingsUnderTheSizeSoldAsMeetThatSizesPromise() throws {
        let comparison = compare([("S", "Our lengths: 22 inch = 560mm, 16 inch = 406mm, tolerance +/- 3mm")],
                                 measured: "22\": 55.1cm, 55.3\n16\" blades: 40.5 / 40.6\n")
        let lengths = comparison.items.filter { $0.attribute == "length" }
        #expect(lengths.map { $0.promised.map { ValueText.of($0) } } == ["56 cm @22 inch", "40.6 cm @16 inch"], "\(comparison.items.map(\.attribute))")
        #expect(lengths.map(\.verdict) == [.mismatch, .withinTolerance])
        #expect(lengths.allSatisfy { $0.notes.first?.contains("the size they were sold as") == true })
        #expect(!comparison.warnings.contains { $0.contains("give --variant") }, "\(comparison.warnings)")
    }

    /// A waist noted flat is doubled, unless the promise is itself a flat figure (a kids'
    /// chart's 腰围 26): then it is compared as written and the measurement says why.
    @Test func aFlatGirthMeetsAFlatPromiseAsWritten() throws {
        let flat = compare([("S", "130码 裤长68cm 腰围26cm（平铺）")], measured: "腰围 平量 25.5cm\n")
        let waist = try #require(flat.items.first { $0.attribute == "waist" })
        #expect(waist.measured.last?.value == .number(25.5) && waist.verdict != .mismatch)
        #expect(waist.measured.last?.notes.contains { $0.contains("is a flat figure too") } == true)
        let whole = compare([("S", "腰围52cm")], measured: "腰围 平量 25.5cm\n")
        #expect(whole.items.first { $0.attribute == "waist" }?.measured.last?.value == .number(51))
    }

    /// A tolerance said of the item (600g ±20g) is not the carton's: the carton's gross
    /// weight takes the default.
    @Test func theItemsToleranceIsNotTheCartons() throws {
        let comparison = compare([("S", "单个重600g ±20g，外箱毛重19kg")], measured: "外箱毛重 18.8kg\n")
        let carton = try #require(comparison.items.first { $0.attribute.contains("gross_weight") })
        #expect(carton.verdict == .withinTolerance && carton.tolerance?.source != .seller, "\(carton)")
    }

    /// With no category, a thickness allows the larger of 0.2 mm (what calipers read) and 5%:
    /// a 1.5 mm wall measured 1.05 mm is short; a 2 cm board measured 1.92 cm is not.
    @Test func aThinWallIsHeldToWhatCalipersRead() throws {
        let wall = compare([("S", "壁厚1.5mm")], measured: "壁厚 1.05mm\n")
        #expect(wall.items.first { $0.attribute == "thickness" }?.verdict == .mismatch)
        let board = compare([("S", "厚度2cm")], measured: "厚度 1.92cm\n")
        #expect(board.items.first { $0.attribute == "thickness" }?.verdict == .withinTolerance)
    }

    @Test func figuresFarApartAreNotOnePromise() throws {
        // The listing's line about the matching stool is not the table's height.
        let comparison = compare([("S", "桌子高75cm"), ("S", "配套凳子 高45cm")], measured: "高 75cm\n")
        let height = try #require(comparison.items.first { $0.attribute == "height" })
        #expect(height.verdict == .matches && height.promised?.value == .number(75))
        #expect(height.notes.contains { $0.hasPrefix("promises far apart") })
        // Close together, the one more favourable to the buyer stands.
        let close = compare([("S", "桌子高75cm"), ("S", "高度是78cm的")], measured: "高 75cm\n")
        #expect(close.items.first { $0.attribute == "height" }?.verdict == .mismatch)
    }

    func verdicts(_ comparison: Comparison) -> [String: Verdict] {
        Dictionary(uniqueKeysWithValues: comparison.items.map { ($0.attribute, $0.verdict) })
    }
}
