@testable import Compare
@testable import Extraction
import Foundation
@testable import Model
@testable import Reading
import Testing

/// The quantity layer: every number with a unit found once, whatever the patterns find.
@Suite struct QuantityLayerTests {
    /// `attribute value unit` of every finding of a seller line (attribute `-` when none).
    func read(_ line: String) -> [String] {
        Support.extract(ExampleChat.text([(true, line)])).result.findings.map { finding in
            let value = finding.value.map(ValueText.plain) ?? "\(finding.min.map(NumberFormat.short) ?? "")..\(finding.max.map(NumberFormat.short) ?? "")"
            return "\(finding.attribute.isEmpty ? "-" : finding.attribute) \(value) \(finding.unit ?? "")"
        }
    }

    @Test(arguments: [
        // Compounds a pattern would stop short of.
        ("Arm span is 5 ft 9 in", ["-/length 175.26 cm"]),
        ("这根绳子两米半", ["length 250 cm"]),
        ("整箱重一吨半", ["carton_gross_weight 1500000 g"]),
        ("鱼缸净重3斤5两", ["weight 1750 g"]),
        // Units in brackets, hyphenated adjectives, thousands, spelled numbers, bounds.
        ("Net weight (g): 450", ["weight 450 g"]),
        ("外形尺寸(mm)：300*200*80", ["length 30 cm", "width 20 cm", "height 8 cm"]),
        ("a 4-inch-thick cushion", ["thickness 10.16 cm"]),
        ("Total 1,250 g in the tin", ["weight 1250 g"]),
        ("The bag holds about three litres", ["volume 3000 ml"]),
        ("It weighs under two pounds", ["weight ..907.18474 g"]),
        ("容量1.5万毫安", ["battery_capacity 15000 mAh"]),
        ("Fits riders 5 ft to 6 ft 3 in", ["body_height 152.4..190.5 cm"]),
    ])
    func readsTheWholeQuantity(_ line: String, _ expected: [String]) {
        let found = read(line)
        #expect(found.count == expected.count, "\(line): \(found)")
        for (value, want) in zip(found, expected) {
            let choices = want.split(separator: " ", maxSplits: 1)
            let attributes = choices[0].split(separator: "/").map(String.init)
            #expect(attributes.contains { value == "\($0) \(choices[1])" }, "\(line): \(value) is not \(want)")
        }
    }

    @Test(arguments: [
        "iPhone 15 只要¥39.9",        // a model and a price
        "5G手机 3M胶带 4K屏",           // letters that are no units here
        "订单号 2403120087 已发",       // an order number
        "最高时速25km/h",              // a speed
        "316L钢 5W-30机油",            // codes
        "一两天就到",                  // one or two days, not a liang
        "We also make a 24V version",  // another variant
        "2 in 1 cable",                // no inches
    ])
    func leavesWhatIsNoQuantityOfTheItem(_ line: String) {
        let quantities = read(line).filter { !$0.hasSuffix(" days") && !$0.hasSuffix(" pcs") }
        #expect(quantities.isEmpty, "\(line): \(quantities)")
    }

    @Test func aQuantityNoPatternNamesIsStillAFindingWithNoAttribute() throws {
        let run = try Support.run(["extract", "--format", "jsonl", "-"], input: "样品做到了 38公分 您看看\n")
        let line = try #require(run.stdout.split(separator: "\n").first)
        let finding = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(finding["attribute"] is NSNull)
        #expect(finding["kind"] as? String == "dimension")
        #expect(finding["value"] as? Double == 38)
        #expect(finding["pattern"] as? String == "quantity")
        let table = try Support.run(["extract", "-"], input: "样品做到了 38公分 您看看\n")
        #expect(table.stdout.contains("dimension  —"))
    }

    @Test func compareUsesAnUnboundQuantityOnlyWhenItIsTheOneOfItsKind() throws {
        let one = Support.extract(ExampleChat.text([(true, "The sleeve opening comes to 14 cm")])).result.findings
        let measured = Support.notesReader().read(path: "m", text: "width 12 cm\n").measurements
        let paired = Comparer(catalog: Support.catalog).compare(findings: one, measurements: measured, variant: nil)
        let item = try #require(paired.items.first { $0.attribute == "width" })
        #expect(item.verdict == .mismatch)
        #expect(item.notes.first?.hasPrefix("paired by unit: the seller's “14 cm”") == true)
        // Two unbound lengths: which one the buyer measured is unknown, so neither is used.
        let two = Support.extract(ExampleChat.text([(true, "The sleeve opening comes to 14 cm and the cuff to 9 cm")])).result.findings
        let unpaired = Comparer(catalog: Support.catalog).compare(findings: two, measurements: measured, variant: nil)
        #expect(unpaired.items.first { $0.attribute == "width" }?.verdict == .measuredNotPromised)
        #expect(!unpaired.items.contains { $0.attribute.isEmpty })
    }

    @Test func theLayerIsOffWithOnlyTheUsersPatterns() throws {
        let folder = Support.temporaryFolder()
        Support.write(CatalogErrorTests.valid, to: "mine.yaml", in: folder)
        let run = try Support.run(["extract", "--format", "jsonl", "--patterns", folder.path, "--no-bundled-patterns", "-"], input: "图案条纹，长30cm\n")
        #expect(!run.stdout.contains("\"pattern\":\"quantity\""))
    }

    @Test func aHugeLineOfNumbersAndUnitsIsReadInOnePass() throws {
        let line = String(repeating: "约 3 m x 2 m 或 ５ｋｇ / ", count: 3_000)
        let started = Date()
        let found = Support.extract(ExampleChat.text([(true, line)])).result.findings
        #expect(found.count == 9_000)
        #expect(Date().timeIntervalSince(started) < 60)
    }
}
