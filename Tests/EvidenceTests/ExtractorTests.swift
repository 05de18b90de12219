@testable import Model
@testable import Reading
import Testing

@Suite struct ExtractorTests {
    func summary(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.attribute)=\(ValueText.of($0))" }
    }

    @Test func lengthWeightVolumeAreNormalised() {
        let findings = Support.extract("长30cm，重1.2公斤，容量500毫升").result.findings
        #expect(summary(findings) == ["length=30 cm", "weight=1200 g", "volume=500 ml"])
        #expect(findings.map(\.raw) == ["长30cm", "重1.2公斤", "容量500毫升"])
    }

    @Test func findingsCiteLineTimeSpeakerAndQuote() throws {
        let chat = """
        2024-03-12 14:20:05 tb_小鹿买买买: 衣长多少？
        2024-03-12 14:21:40 示例旗舰店:小美: 亲，M码衣长98cm，
        胸围88cm哦
        """
        let findings = Support.extract(chat).result.findings
        #expect(summary(findings) == ["garment_length=98 cm @M", "chest=88 cm @M"])
        let chest = try #require(findings.last)
        #expect(chest.attribute == "chest")
        #expect(chest.line == 3)
        #expect(chest.time == "2024-03-12T14:21:40")
        #expect(chest.speaker == "示例旗舰店:小美")
        #expect(chest.role == .seller)
        #expect(chest.quote == "亲，M码衣长98cm，\n胸围88cm哦")
        #expect(chest.pattern == "dimension.labelled")
    }

    @Test func headersNeverGiveFindings() {
        // The name and time look like promises (长30cm, 15天包换) but are not message text.
        let chat = "2024-03-12 14:20:05 长30cm专营店: 你好\n2024-03-12 14:20:06 15天包换: 在的\n"
        #expect(Support.extract(chat).result.findings.isEmpty)
    }

    @Test func matchesDoNotRunAcrossMessages() {
        let chat = "2024-03-12 14:20:05 店小二: 长30\n2024-03-12 14:20:06 买家: cm\n"
        #expect(Support.extract(chat).result.findings.isEmpty)
    }

    @Test func overlappingMatchesKeepTheLongestLeftmost() {
        // 误差1-3cm is a tolerance, not a 1–3 cm length; the composition pairs 棉 with 95%.
        let findings = Support.extract("手工测量误差1-3cm，材质成分: 棉95% 聚氨酯弹性纤维(氨纶)5%").result.findings
        #expect(summary(findings) == ["measurement_tolerance=1–3 cm", "material=cotton 95%", "material=spandex 5%"])
    }

    @Test func negatedMaterialIsNotAPromise() {
        let findings = Support.extract("不是纯棉的亲，含5%氨纶").result.findings
        #expect(summary(findings) == ["material=spandex 5%"])
    }

    @Test func minimumOrderIsNotPackSize() {
        let findings = Support.extract("一箱50个，100个起批").result.findings
        #expect(summary(findings) == ["quantity=50 pcs", "min_order=100 pcs"])
    }

    @Test func commitmentsAreNormalisedToWindows() {
        let findings = Support.extract("支持七天无理由退货，48小时内发货，质保一年，15天包换").result.findings
        #expect(summary(findings) == ["return_window=7 days", "dispatch_within=48 hours", "warranty=12 months", "exchange_window=15 days"])
    }

    @Test func dimensionTuplesAreSplitIntoAxes() {
        let findings = Support.extract("尺寸30*40*5cm").result.findings
        #expect(summary(findings) == ["length=30 cm", "width=40 cm", "height=5 cm"])
    }

    @Test func noPromisesNoFindings() {
        #expect(Support.extract("你好，在吗？\n在的亲，有什么可以帮您").result.findings.isEmpty)
    }

    @Test func hugeSingleLineIsScanned() {
        let line = String(repeating: "这是一段很长的描述文字，", count: 200_000) + "长30cm"
        let findings = Support.extract(line).result.findings
        #expect(summary(findings) == ["length=30 cm"])
    }
}
