@testable import ChatModel
@testable import Extraction
import Foundation
@testable import Matching
@testable import Model
@testable import Reading
import Testing

/// Precision and recall of promise extraction on the labelled corpus in Tests/Corpus
/// (format in its README). `scripts/corpus.sh` prints the table this test computes.
@Suite struct CorpusTests {
    struct Expected {
        let attribute: String
        let value: FindingValue?
        let min: Double?
        let max: Double?
        let unit: String?
        let percent: Double?
        let variant: String?
        let text: String
    }

    struct Case {
        let file: String
        let line: Int
        let messages: [(role: Character, text: String)]
        let expected: [Expected]
    }

    static let folder = Support.packageRoot.appendingPathComponent("Tests/Corpus")

    static func cases() throws -> [Case] {
        var result: [Case] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") && $0 != "known-misses.txt" }.sorted()
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var messages: [(Character, String)] = []
            var expected: [Expected] = []
            var start = 0
            func flush() {
                if !messages.isEmpty { result.append(Case(file: file, line: start, messages: messages, expected: expected)) }
                messages = []
                expected = []
            }
            for (index, line) in text.components(separatedBy: "\n").enumerated() {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { flush(); continue }
                if line.hasPrefix("#") { continue }
                if messages.isEmpty { start = index + 1 }
                if let role = line.first, "SBL".contains(role), line.dropFirst().hasPrefix(": ") {
                    messages.append((role, String(line.dropFirst(3))))
                } else if line.hasPrefix("= ") {
                    if line != "= none" { expected.append(parse(String(line.dropFirst(2)))) }
                }
            }
            flush()
        }
        return result
    }

    /// `attribute value [unit] [@variant]`: value `30`, `66-68`, `..500`, `cotton` or text with spaces.
    static func parse(_ line: String) -> Expected {
        var words = line.split(separator: " ").map(String.init)
        let attribute = words.removeFirst()
        var variant: String?
        if let last = words.last, last.hasPrefix("@") { variant = String(last.dropFirst()); words.removeLast() }
        var value: FindingValue?, low: Double?, high: Double?, unit: String?, percent: Double?
        let first = words.first ?? ""
        if first.hasPrefix(".."), let number = Double(first.dropFirst(2)) {
            high = number
        } else if let dash = first.dropFirst().firstIndex(of: "-"), let a = Double(first[..<dash]), let b = Double(first[first.index(after: dash)...]) {
            (low, high) = (a, b)
        } else if let number = Double(first) {
            value = .number(number)
        } else {
            if words.count == 2, words[1].hasSuffix("%"), let share = Double(words[1].dropLast()) {
                percent = share
                words.removeLast()
            }
            value = .text(words.joined(separator: " "))
            return Expected(attribute: attribute, value: value, min: nil, max: nil, unit: nil, percent: percent, variant: variant, text: line)
        }
        if words.count > 1 { unit = words[1] }
        return Expected(attribute: attribute, value: value, min: low, max: high, unit: unit, percent: percent, variant: variant, text: line)
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return abs(x - y) <= 1e-6 * Swift.max(1, abs(x))
        default: return false
        }
    }

    static func matches(_ finding: Finding, _ expected: Expected) -> Bool {
        guard finding.attribute == expected.attribute else { return false }
        if let variant = expected.variant, finding.variant != variant { return false }
        if let unit = expected.unit, finding.unit != unit { return false }
        if let percent = expected.percent, !close(finding.percent, percent) { return false }
        switch expected.value {
        case .number(let number)?:
            switch finding.value {
            case .number(let found)?: return close(found, number)
            case .text(let label)?: return label == NumberFormat.short(number)  // size labels such as 42
            case nil: return false
            }
        case .text(let text)?: return finding.value == .text(text)
        case nil: return close(finding.min, expected.min) && close(finding.max, expected.max)
        }
    }

    /// The log a case stands for: messages of a seller and a buyer, or listing lines.
    static func log(_ item: Case) throws -> ChatLog {
        let listing = item.messages.allSatisfy { $0.role == "L" }
        let text: String
        if listing {
            text = item.messages.map(\.text).joined(separator: "\n") + "\n"
        } else {
            text = ExampleChat.text(item.messages.map { (seller: $0.role == "S", text: $0.text) })
        }
        return try ChatReader(inputFormat: listing ? "listing" : "plain-chat")
            .read(path: "\(item.file):\(item.line)", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
    }

    struct Tally { var found = 0, correct = 0, expected = 0, recalled = 0 }

    @Test func noMissesBeyondTheKnownOnes() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 300)
        let kindOf = Support.catalog.vocabulary.attributes.mapValues(\.kind.rawValue)
        var tallies: [String: Tally] = [:]
        var misses: [String] = []
        let scratch = Support.extractor.makeScratch()
        for item in cases {
            let promises = Support.extractor.extract(try Self.log(item), scratch: scratch).findings.filter(\.isPromise)
            var unused = Array(promises.indices)
            for expected in item.expected {
                let kind = kindOf[expected.attribute] ?? "unknown"
                tallies[kind, default: Tally()].expected += 1
                if let hit = unused.firstIndex(where: { Self.matches(promises[$0], expected) }) {
                    tallies[kind, default: Tally()].recalled += 1
                    unused.remove(at: hit)
                } else {
                    misses.append("\(item.file):\(item.line): missed \(expected.text)")
                }
            }
            for index in promises.indices {
                let kind = promises[index].kind.rawValue
                tallies[kind, default: Tally()].found += 1
                if unused.contains(index) {
                    misses.append("\(item.file):\(item.line): extra \(promises[index].attribute)=\(ValueText.of(promises[index])) from `\(promises[index].raw)`")
                } else {
                    tallies[kind, default: Tally()].correct += 1
                }
            }
        }
        var total = Tally()
        print("corpus: \(cases.count) cases")
        print("corpus: kind        precision  recall   found  expected")
        for (kind, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            total.found += tally.found; total.correct += tally.correct; total.expected += tally.expected; total.recalled += tally.recalled
            print("corpus: " + Self.row(kind, tally))
        }
        print("corpus: " + Self.row("overall", total))
        for miss in misses { print("corpus: " + miss) }
        let known = try Self.knownMisses()
        let new = misses.filter { !known.contains($0) }
        let fixed = known.subtracting(misses)
        #expect(new.isEmpty, "new corpus misses (fix them, or list them in Tests/Corpus/known-misses.txt):\n\(new.joined(separator: "\n"))")
        #expect(fixed.isEmpty, "no longer missed: remove from Tests/Corpus/known-misses.txt:\n\(fixed.sorted().joined(separator: "\n"))")
    }

    /// The misses accepted for now, one per line as printed above (`#` comments).
    static func knownMisses() throws -> Set<String> {
        let text = try String(contentsOf: folder.appendingPathComponent("known-misses.txt"), encoding: .utf8)
        return Set(text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    static func row(_ kind: String, _ tally: Tally) -> String {
        let precision = tally.found == 0 ? 1 : Double(tally.correct) / Double(tally.found)
        let recall = tally.expected == 0 ? 1 : Double(tally.recalled) / Double(tally.expected)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: Swift.max(0, width - text.count)) }
        return pad(kind, 12) + pad(String(format: "%.3f", precision), 11) + pad(String(format: "%.3f", recall), 9) + pad(String(tally.found), 7) + String(tally.expected)
    }
}
