import Catalog
import ChatModel
import Claim
import Compare
import Foundation
import Model

/// Terminal columns a string takes: CJK and full-width characters count two.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width($1) }
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F, 0xFEFF: return 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD: return 2
        default: return 1
        }
    }

    /// `text` cut to at most `columns`, with `…` where it was cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard of(text) > columns else { return text }
        var result = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let next = width(scalar)
            if used + next > columns - 1 { break }
            result.unicodeScalars.append(scalar)
            used += next
        }
        return result + "…"
    }

    public static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - of(text)))
    }
}

/// The default output: per file a heading, then one row per finding with the message quoted.
public struct TextPrinter: FindingPrinter {
    /// Terminal width to fit rows into.
    public var columns: Int

    public init(columns: Int = 120) {
        self.columns = max(columns, 60)
    }

    public mutating func file(_ summary: FileSummary, findings: [Finding]) -> [UInt8] {
        let noun = summary.findings == 1 ? "finding" : "findings"
        var out = "\(summary.path)  (\(summary.format), \(summary.encoding), \(summary.messages) messages, \(summary.findings) \(noun))\n"
        guard !findings.isEmpty else { return Array((out + "  no promises found\n\n").utf8) }
        let rows = findings.map { finding -> [String] in
            let time = finding.time.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "-"
            let who = finding.speaker.map { "\(finding.role.rawValue) \($0)" } ?? finding.role.rawValue
            let note = finding.stance == .stated ? (finding.scope.map { "covers \($0)" } ?? "") : finding.stance.rawValue
            return [String(finding.line), time, DisplayWidth.truncate(who, to: 20), finding.kind.rawValue, finding.attribute.isEmpty ? "—" : finding.attribute, ValueText.of(finding), note]
        }
        let headings = ["LINE", "TIME", "WHO", "KIND", "ATTRIBUTE", "VALUE", "NOTE"]
        var widths = headings.map(DisplayWidth.of)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) } }
        let used = widths.reduce(2) { $0 + $1 + 2 }
        let quoteWidth = max(columns - used, 20)
        func line(_ cells: [String], _ quote: String) -> String {
            "  " + zip(cells, widths).map { DisplayWidth.pad($0, to: $1) }.joined(separator: "  ") + "  " + quote + "\n"
        }
        out += line(headings, "QUOTE")
        for (row, finding) in zip(rows, findings) {
            out += line(row, DisplayWidth.truncate(Self.quote(finding), to: quoteWidth))
        }
        return Array((out + "\n").utf8)
    }

    public mutating func part(_ findings: [Finding]) -> [UInt8]? { nil }
    public mutating func error(_ error: InputError) -> [UInt8] { [] }
    public mutating func finish(summary: BatchSummary?) -> [UInt8] {
        guard let summary else { return [] }
        var out = ""
        for file in summary.files { out += "\(file.path): \(file.failed ? "not read" : "\(file.findings) findings, \(file.promises) promises")\n" }
        out += "\(summary.files.count) files (\(summary.failed) not read), \(summary.findings) findings, \(summary.promises) promises\n"
        return Array(out.utf8)
    }

    /// The message on one line, with the matched text in 【】 and the part before it shortened.
    static func quote(_ finding: Finding) -> String {
        let flat = finding.quote.replacingOccurrences(of: "\n", with: " ⏎ ")
        var searchFrom = flat.startIndex
        var found: Range<String.Index>?
        for _ in 0...finding.occurrence {
            guard let next = flat.range(of: finding.raw, range: searchFrom..<flat.endIndex) else { break }
            found = next
            searchFrom = next.upperBound
        }
        guard let range = found else { return "【\(finding.raw)】" }
        var before = String(flat[..<range.lowerBound])
        if DisplayWidth.of(before) > 16 { before = "…" + String(before.suffix(8)) }
        return before + "【" + finding.raw + "】" + flat[range.upperBound...]
    }
}
