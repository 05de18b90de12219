import Catalog
import ChatModel
import Matching
import Model
import Reading

/// One example that did not behave as its pattern file says.
public struct ExampleFailure: Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let pattern: String
    public let message: String

    public var description: String { "\(file):\(line ?? 0): \(pattern): \(message)" }
}

/// Runs a pattern's examples the way `evidence extract` would see them: as plain text,
/// inside a timestamped chat line after an emoji (byte offsets), and with CRLF line ends.
public struct ExampleCheck {
    static var fields: Set<String> { PatternExample.checkableFields }

    let extractor: Extractor
    let scratch: MatchScratch
    /// The notes reader; nil for a pattern set loaded without the notes words.
    let notes: MeasurementReader?

    public init(patterns: PatternSet) {
        extractor = Extractor(patterns)
        scratch = extractor.makeScratch()
        notes = try? MeasurementReader(extractor: extractor, scratch: scratch)
    }

    /// Every failure of every example of `pattern`; empty when all pass.
    public func run(_ pattern: CompiledPattern) -> [ExampleFailure] {
        var failures: [ExampleFailure] = []
        func fail(_ example: PatternExample, _ message: String) {
            failures.append(ExampleFailure(file: example.file, line: example.line, pattern: pattern.id, message: message))
        }
        for example in pattern.definition.mustMatch {
            let lowered = example.text.lowercased()
            if !pattern.keywords.isEmpty, !pattern.keywords.contains(where: { lowered.contains($0.lowercased()) }) {
                fail(example, "contains none of the pattern's keywords, so the keyword prefilter would skip it: `\(example.text)`")
                continue
            }
            let found = findings(example.text, pattern)
            if found.isEmpty {
                fail(example, "must match but gave no finding: `\(example.text)`")
                continue
            }
            if !example.expect.isEmpty {
                if example.expect.count > 1 || found.count > 1, example.expect.count != found.count {
                    fail(example, "expected \(example.expect.count) findings, got \(found.count): `\(example.text)`")
                }
                for (expected, finding) in zip(example.expect, found) {
                    for (field, value) in expected.sorted(by: { $0.key < $1.key }) {
                        let actual = ExampleCheck.field(field, of: finding)
                        if !ExampleCheck.same(value, actual) {
                            fail(example, "`\(example.text)`: expected \(field) \(ExampleCheck.show(value)), got \(actual.map(ExampleCheck.show) ?? "nothing")")
                        }
                    }
                }
            }
            if !example.text.contains("\n") {
                let plain = found.map(ExampleCheck.essence)
                let chat = findings("2024-03-12 14:22:01 示例旗舰店:小美：🙂 " + example.text, pattern)
                if chat.map(ExampleCheck.essence) != plain { fail(example, "gives other findings inside a chat line: `\(example.text)`") }
                let crlf = findings("🙂 " + example.text + "\r\n下一行\r\n", pattern)
                if crlf.map(ExampleCheck.essence) != plain { fail(example, "gives other findings with CRLF line ends: `\(example.text)`") }
            }
        }
        for example in pattern.definition.mustNotMatch {
            let found = findings(example.text, pattern)
            if let first = found.first {
                fail(example, "must not match but found \(first.attribute) in `\(first.raw)`: `\(example.text)`")
            }
        }
        return failures
    }

    private func findings(_ text: String, _ pattern: CompiledPattern) -> [Finding] {
        let decoded = DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: [])
        guard let log = try? ChatReader(folding: extractor.catalog.vocabulary.folding).read(path: "example", text: decoded, scratch: scratch) else { return [] }
        return extractor.extract(log, scratch: scratch, patterns: [pattern]).findings
    }

    private static func essence(_ finding: Finding) -> [String] {
        fields.sorted().filter { $0 != "raw" }.map { field($0, of: finding).map(show) ?? "-" }
    }

    static func field(_ name: String, of finding: Finding) -> FindingValue? {
        switch name {
        case "kind": return .text(finding.kind.rawValue)
        case "attribute": return .text(finding.attribute)
        case "value": return finding.value
        case "min": return finding.min.map(FindingValue.number)
        case "max": return finding.max.map(FindingValue.number)
        case "unit": return finding.unit.map(FindingValue.text)
        case "approx": return .text(finding.approx ? "true" : "false")
        case "percent": return finding.percent.map(FindingValue.number)
        case "raw": return .text(finding.raw)
        case "scope": return finding.scope.map(FindingValue.text)
        default: return nil
        }
    }

    static func same(_ expected: FindingValue, _ actual: FindingValue?) -> Bool {
        switch (expected, actual) {
        case (.number(let a), .number(let b)?): return abs(a - b) <= 1e-9 * max(1, abs(a))
        case (.text(let a), .text(let b)?): return a == b
        default: return false
        }
    }

    static func show(_ value: FindingValue) -> String {
        switch value {
        case .number(let number): return NumberFormat.short(number)
        case .text(let text): return text
        }
    }
}
