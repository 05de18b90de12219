@testable import Extraction
@testable import Matching
@testable import Model
@testable import Reading
import Testing

/// How findings read in their conversation: who promised what, and what was only asked.
@Suite struct InterpreterTests {
    func chat(_ lines: [(Character, String)]) -> [Finding] { Support.chat(lines) }

    func promises(_ lines: [(Character, String)]) -> [String] { Support.promises(lines) }

    @Test func aYesToTheBuyersQuestionIsTheSellersPromiseQuotingBoth() throws {
        let findings = chat([("B", "长度有40cm吗？"), ("S", "对的亲")])
        #expect(findings.map(\.stance) == [.question, .confirmed])
        let promise = try #require(findings.last)
        #expect(promise.isPromise)
        #expect(promise.speaker == "示例旗舰店:客服")
        #expect(promise.quote == "对的亲")
        #expect(promise.asked == "长度有40cm吗？")
        #expect(promise.askedLine == 1)
        #expect(promise.line == 2)
    }

    @Test func noOrACorrectionIsNoConfirmation() {
        #expect(promises([("B", "是纯棉的吗"), ("S", "不是的亲")]).isEmpty)
        #expect(promises([("B", "Is it 60W?"), ("S", "No, it's 40W.")]) == ["power=40 W"])
        #expect(promises([("B", "有30cm的吗？"), ("S", "没有30cm的，只有25cm")]) == ["length=25 cm"])
    }

    /// A seller who takes a figure back (说错了, correction) replaces it: the earlier figure for
    /// the same thing stops being a promise and says where it was corrected; a figure for
    /// another attribute, or with no correction word, is left alone.
    @Test func aSellersCorrectionReplacesTheEarlierFigure() throws {
        let findings = chat([("S", "这款砧板厚度2.5cm，重1.2kg"), ("B", "好的"), ("S", "不好意思，刚才看错了，厚度是2cm，重量没错")])
        let corrected = try #require(findings.first { $0.stance == .corrected })
        #expect(corrected.attribute == "thickness" && corrected.value == .number(2.5) && corrected.unit == "cm" && corrected.correctedLine == 3)
        #expect(promises([("S", "这款砧板厚度2.5cm，重1.2kg"), ("B", "好的"), ("S", "不好意思，刚才看错了，厚度是2cm，重量没错")])
            == ["weight=1200 g", "thickness=2 cm"])
        // A bare figure takes the attribute it corrects; the correction may come a message later.
        #expect(promises([("S", "Blade length 20 cm"), ("S", "sorry typo"), ("S", "it is 18 cm")]) == ["length=18 cm"])
        #expect(promises([("S", "盒子内径12cm"), ("S", "更正一下，是11.5cm")]) == ["inner_diameter=11.5 cm"])
        // No correction word: both stay (another model, or said twice).
        #expect(promises([("S", "长度40cm"), ("S", "这款长45cm，不会错的")]).count == 2)
        // A correction of another attribute leaves the first.
        #expect(promises([("S", "长度40cm"), ("S", "说错了，是宽度45cm")]) == ["length=40 cm", "width=45 cm"])
    }

    @Test func negatedStatementsAreDropped() {
        #expect(promises([("S", "这款不是纯棉的，没有30cm的")]).isEmpty)
        #expect(promises([("S", "不能保证今天发")]).isEmpty)
    }

    @Test func theBuyerQuotingTheSellerIsTheBuyersWord() {
        let findings = chat([("B", "你说过质量问题包退换的")])
        #expect(findings.map(\.stance) == [.quoted])
        #expect(!findings[0].isPromise)
    }

    @Test func aQuestionInsideASellersMessageIsOnlyThatClause() {
        #expect(promises([("S", "亲，长度30cm，您看可以吗？")]) == ["length=30 cm"])
    }

    @Test func variantsComeFromTheTextAroundTheValue() {
        #expect(promises([("S", "20寸的长55cm，24寸的长65cm")]) == ["length=55 cm @20寸", "length=65 cm @24寸"])
        #expect(promises([("S", "M码胸围96cm")]) == ["chest=96 cm @M"])
        #expect(promises([("S", "不是的亲，50L是大号，中号40L")]) == ["volume=50000 ml @大号", "volume=40000 ml @中号"])
        #expect(promises([("S", "size 4 weight 380g, size 3 is 300g")]) == ["weight=380 g @4", "weight=300 g @3"])
    }

    @Test func sizeChartCellsCarryTheirRow() {
        let text = "尺码表（单位：cm）\n尺码 衣长 胸围 肩宽 袖长\nS 66 104 46 20\nM 68 108 48 21\n平铺测量，误差1-3cm\n"
        let log = try! ChatReader(inputFormat: "listing").read(path: "l", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        let findings = Support.extractor.extract(log, scratch: MatchScratch()).findings
        #expect(findings.filter { $0.pattern == SizeChart.patternID }.map { "\($0.attribute)=\(ValueText.of($0))" } == [
            "garment_length=66 cm @S", "chest=104 cm @S", "shoulder=46 cm @S", "sleeve=20 cm @S",
            "garment_length=68 cm @M", "chest=108 cm @M", "shoulder=48 cm @M", "sleeve=21 cm @M",
        ])
        #expect(findings.filter { $0.pattern == SizeChart.patternID }.allSatisfy { $0.role == .seller && $0.isPromise && $0.line >= 3 })
    }

    @Test func barredChartsTakeTheirUnitAndMethodFromTheCaption() {
        let cells = Self.chartCells("Size guide (in inches, laid flat)\nSize | Chest (pit to pit) | Length | Waist\nM | 21 | 27 | 17\nL | 22 | 28 | 18\n")
        // Pit to pit and a flat waist are half girths: doubled, in inches.
        #expect(cells == [
            "chest=106.68 cm @M", "length=68.58 cm @M", "waist=86.36 cm @M",
            "chest=111.76 cm @L", "length=71.12 cm @L", "waist=91.44 cm @L",
        ])
    }

    /// Named sizes (小号/中号), a column that is no attribute (适用 …) read past, and a cell with
    /// its own unit (约0.9kg) in a chart whose caption says cm.
    @Test func chartsWithNamedSizesOtherColumnsAndUnitsInCells() {
        let cells = Self.chartCells("尺寸说明（单位：cm）\n规格\t高度\t底径\t适用\t重量\n小号\t20\t9\t单人\t约0.5kg\n中号\t26\t12\t双人\t约0.9kg\n")
        #expect(cells == [
            "height=20 cm @小号", "base_diameter=9 cm @小号", "weight=≈500 g @小号",
            "height=26 cm @中号", "base_diameter=12 cm @中号", "weight=≈900 g @中号",
        ], "\(cells)")
        // A weight column with no unit of its own under a caption in cm gives no weight in cm.
        #expect(Self.chartCells("单位：cm\n尺码 衣长 重量\nM 66 300\n") == ["garment_length=66 cm @M"])
    }

    /// A flat caption halves girths unless the chest is already more than the length (a kid's
    /// chart: 150 码, length 60, chest 90); a column headed 参考身高 is read past (参 is a
    /// numeral to Unicode, no digit).
    @Test func aFlatCaptionOverFullGirthsKeepsThemFull() {
        #expect(Self.chartCells("尺码表（单位：cm，平铺测量）\n尺码\t参考身高\t衣长\t胸围\n150\t145-155\t60\t90\n")
                == ["garment_length=60 cm @150", "chest=90 cm @150"])
        #expect(Self.chartCells("尺码表（单位：cm，平铺测量）\n尺码\t衣长\t胸围\nL\t72\t55\n") == ["garment_length=72 cm @L", "chest=110 cm @L"])
    }

    /// The size-chart cells of a saved listing, as `attribute=value`.
    static func chartCells(_ text: String) -> [String] {
        let log = try! ChatReader(inputFormat: "listing").read(path: "l", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        return Support.extractor.extract(log, scratch: MatchScratch()).findings.filter { $0.pattern == SizeChart.patternID }.map { "\($0.attribute)=\(ValueText.of($0))" }
    }

    @Test func cunIsReadFromContextOrLeftAmbiguous() throws {
        let luggage = try #require(chat([("S", "20寸的行李箱")]).first)
        #expect(luggage.unit == "cm" && luggage.value == .number(50.8) && luggage.ambiguous.isEmpty)
        let bare = try #require(chat([("S", "这个是20寸的")]).first)
        #expect(bare.unit == "寸" && bare.value == .number(20))
        #expect(bare.ambiguous == ["inch", "cun"])
        #expect(promises([("S", "腰围2尺1")]) == ["waist=70 cm"])
    }

    @Test func returnCommitmentsCarryTheirConditions() throws {
        let window = try #require(chat([("S", "支持7天无理由，吊牌完好，拆封后不退")]).first { $0.attribute == "return_window" })
        #expect(window.conditions == ["吊牌完好", "拆封后不退"])
    }

    @Test func toleranceScopeFollowsTheAttributeOrUnit() {
        let findings = chat([("S", "重量误差±5%，手工测量误差1-3cm，因显示器不同存在色差")])
        #expect(findings.map(\.scope) == ["weight", "dimension", "color"])
    }

    @Test func theSellerRestatingTheBuyersFiguresIsNoPromise() {
        let findings = chat([("S", "30码腰围76cm，您腰围2尺3建议拍31码")])
        #expect(findings.map(\.stance) == [.stated, .buyerInfo, .stated])
        #expect(findings.filter(\.isPromise).map(\.attribute) == ["waist", "size_label"])
    }

    @Test func modelStatisticsInAListingAreNotTheItem() {
        let text = "模特身高175cm 体重65kg 试穿L码\n"
        let log = try! ChatReader(inputFormat: "listing").read(path: "l", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        #expect(Support.extractor.extract(log, scratch: MatchScratch()).findings.isEmpty)
    }
}
