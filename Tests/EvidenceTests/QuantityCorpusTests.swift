@testable import ChatModel
@testable import Extraction
import Foundation
@testable import Matching
@testable import Model
@testable import Reading
import Testing

/// Every physical quantity of the quantity corpus (Tests/Quantities, format in its README)
/// found with the right value in the right unit, and nothing where there is none.
@Suite struct QuantityCorpusTests {
    struct Expected {
        let value: Double?
        let min: Double?
        let max: Double?
        let unit: String
        let text: String
    }

    struct Line {
        let file: String
        let number: Int
        let text: String
        let expected: [Expected]
    }

    static let folder = Support.packageRoot.appendingPathComponent("Tests/Quantities")

    /// The canonical units scored, by family (denier is read with its material, not scored).
    static let families: [String: String] = [
        "cm": "length", "g": "mass", "ml": "volume", "m2": "area", "W": "power", "V": "voltage", "A": "current", "mAh": "charge",
        "Wh": "energy", "gsm": "fabric weight",
    ]

    static func lines() throws -> [Line] {
        var result: [Line] = []
        for file in ["zh.txt", "en.txt"] {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for (index, line) in text.components(separatedBy: "\n").enumerated() where !line.isEmpty && !line.hasPrefix("#") {
                let parts = line.components(separatedBy: "\t")
                guard parts.count == 2 else { continue }
                var expected: [Expected] = []
                if parts[1] != "nothing" {
                    for item in parts[1].components(separatedBy: "; ") {
                        let words = item.components(separatedBy: " @")[0].split(separator: " ").map(String.init)
                        guard words.count == 2, families[words[1]] != nil else { continue }
                        let number = words[0].hasPrefix("~") ? String(words[0].dropFirst()) : words[0]
                        if let dash = number.dropFirst().firstIndex(of: "-"), let low = Double(number[..<dash]), let high = Double(number[number.index(after: dash)...]) {
                            expected.append(Expected(value: nil, min: low, max: high, unit: words[1], text: item))
                        } else {
                            expected.append(Expected(value: Double(number), min: nil, max: nil, unit: words[1], text: item))
                        }
                    }
                }
                result.append(Line(file: file, number: index + 1, text: parts[0], expected: expected))
            }
        }
        return result
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= Swift.max(0.005 * abs(b), 0.001)
    }

    /// A finding reads the expected quantity: the same unit and value (or range, or the bound it states).
    static func reads(_ finding: Finding, _ expected: Expected) -> Bool {
        guard finding.unit == expected.unit else { return false }
        if let value = expected.value {
            if case .number(let found)? = finding.value { return close(found, value) }
            return finding.value == nil && (close(finding.min, value) || close(finding.max, value))
        }
        return finding.value == nil && close(finding.min, expected.min) && close(finding.max, expected.max)
    }

    @Test func noMissesBeyondTheKnownOnes() throws {
        let lines = try Self.lines()
        #expect(lines.count >= 800)
        #expect(lines.filter { $0.file == "zh.txt" }.count >= 400 && lines.filter { $0.file == "en.txt" }.count >= 400)
        var tallies: [String: (expected: Int, recalled: Int, found: Int, correct: Int)] = [:]
        var misses: [String] = []
        let scratch = Support.extractor.makeScratch()
        for line in lines {
            let decoded = DecodedText(bytes: Array((line.text + "\n").utf8), encoding: .utf8, warnings: [])
            let log = try ChatReader(inputFormat: "listing").read(path: "\(line.file):\(line.number)", text: decoded, scratch: scratch)
            let found = Support.extractor.extract(log, scratch: scratch).findings.filter { $0.unit.map { Self.families[$0] != nil } ?? false }
            var unused = Array(found.indices)
            for expected in line.expected {
                let family = Self.families[expected.unit]!
                tallies[family, default: (0, 0, 0, 0)].expected += 1
                if let hit = unused.firstIndex(where: { Self.reads(found[$0], expected) }) {
                    tallies[family, default: (0, 0, 0, 0)].recalled += 1
                    unused.remove(at: hit)
                } else {
                    misses.append("\(line.file):\(line.number): missed \(expected.text)")
                }
            }
            for index in found.indices {
                let family = Self.families[found[index].unit!]!
                tallies[family, default: (0, 0, 0, 0)].found += 1
                if unused.contains(index) {
                    misses.append("\(line.file):\(line.number): extra \(ValueText.of(found[index])) from `\(found[index].raw)`")
                } else {
                    tallies[family, default: (0, 0, 0, 0)].correct += 1
                }
            }
        }
        print("quantities: \(lines.count) lines")
        print("quantities: family         recall   precision  expected  found")
        var total = (expected: 0, recalled: 0, found: 0, correct: 0)
        func row(_ name: String, _ tally: (expected: Int, recalled: Int, found: Int, correct: Int)) -> String {
            let recall = Double(tally.recalled) / Double(Swift.max(tally.expected, 1)), precision = Double(tally.correct) / Double(Swift.max(tally.found, 1))
            return "quantities: " + name.padding(toLength: 15, withPad: " ", startingAt: 0) + String(format: "%.3f    %.3f      %-9d %d", recall, precision, tally.expected, tally.found)
        }
        for (family, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            total = (total.expected + tally.expected, total.recalled + tally.recalled, total.found + tally.found, total.correct + tally.correct)
            print(row(family, tally))
        }
        print(row("overall", total))
        for miss in misses { print("quantities: " + miss) }
        let text = try String(contentsOf: Self.folder.appendingPathComponent("known-misses.txt"), encoding: .utf8)
        let known = Set(text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
        let new = misses.filter { !known.contains($0) }
        let fixed = known.subtracting(misses)
        #expect(new.isEmpty, "new quantity misses (fix them, or list them in Tests/Quantities/known-misses.txt):\n\(new.joined(separator: "\n"))")
        #expect(fixed.isEmpty, "no longer missed: remove from Tests/Quantities/known-misses.txt:\n\(fixed.sorted().joined(separator: "\n"))")
    }
}
