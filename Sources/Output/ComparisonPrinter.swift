import Catalog
import ChatModel
import Claim
import Compare
import Foundation
import Model

/// The version of the `evidence compare --format json` contract in docs/json.md.
public let compareSchema = "evidence.compare/1"

/// Writes a comparison as a table, Markdown or JSON. It sees findings, measurements and
/// verdicts, never a regex.
public struct ComparisonPrinter {
    let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    /// The part and packaging level an item is about: `handle`, `carton`.
    static func part(_ item: ComparedItem) -> String? {
        let words = [item.promised?.part ?? item.measured.first?.part, item.promised.map(\.level) ?? item.measured.first?.level].compactMap { $0 }
        return words.isEmpty ? nil : words.joined(separator: ", ")
    }

    static func difference(_ item: ComparedItem) -> String {
        guard let difference = item.difference else { return item.kind == .material && item.verdict == .mismatch ? "different" : "—" }
        let unit = item.promised?.unit.map { $0 == "%" ? "%" : " \($0)" } ?? ""
        let sign = difference > 0 ? "+" : ""
        let percent = item.differencePercent.map { " (\(sign)\(NumberFormat.short(($0 * 10).rounded() / 10))%)" } ?? ""
        return sign + NumberFormat.short((difference * 100).rounded() / 100) + unit + percent
    }

    static func tolerance(_ item: ComparedItem) -> String {
        guard let tolerance = item.tolerance else { return "none" }
        let amount = tolerance.percent.map { "±\(NumberFormat.short($0))%" } ?? "±\(NumberFormat.short((tolerance.value * 100).rounded() / 100))"
        let unit = tolerance.percent == nil ? (item.promised?.unit.map { " \($0)" } ?? "") : ""
        let flag = tolerance.verified ? "" : ", unverified"
        return "\(amount)\(unit) (\(tolerance.category ?? tolerance.source.rawValue)\(flag))"
    }

    /// `mismatch`, `mismatch (weak)`.
    static func verdict(_ item: ComparedItem) -> String {
        item.verdict.rawValue + (item.tier.map { " (\($0.rawValue))" } ?? "")
    }

    /// `category: mattress 床垫 (inferred from 床垫 ×3, 弹簧)`, or nil.
    static func category(_ comparison: Comparison) -> String? {
        guard let choice = comparison.category else { return nil }
        let how = choice.inferred ? "inferred from " + choice.words.prefix(4).joined(separator: ", ") : "--category"
        return "category: \(choice.category.id) \(choice.category.name.zh) (\(how)): its default tolerances are used where the seller gave none"
    }

    public func text(_ comparison: Comparison, columns: Int) -> String {
        var out = ""
        if let variant = comparison.variant { out += "ordered variant: \(variant.value) (\(variant.source))\n" }
        if let category = Self.category(comparison) { out += category + "\n" }
        let rows = comparison.items.map { item in
            [vocabulary.chineseName(item.attribute) + " " + item.attribute + (Self.part(item).map { " (\($0))" } ?? ""), item.promisedText, item.measuredText, Self.difference(item), Self.tolerance(item), Self.verdict(item)]
        }
        let headings = ["ATTRIBUTE", "PROMISED", "MEASURED", "DIFFERENCE", "TOLERANCE", "VERDICT"]
        var widths = headings.map(DisplayWidth.of)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) } }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { DisplayWidth.pad($0, to: $1) }.joined(separator: "  ").trimmingBlanks() + "\n"
        }
        out += line(headings)
        for (row, item) in zip(rows, comparison.items) {
            out += line(row)
            if let promise = item.promised {
                out += "    promised: \(Self.citation(promise))\n"
            }
            if let tolerance = item.tolerance, item.verdict != .notMeasured { out += "    tolerance: \(tolerance.detail)\n" }
            for note in item.notes { out += "    note: \(note)\n" }
        }
        for warning in comparison.warnings { out += "warning: \(warning)\n" }
        for line in comparison.unread { out += "not read: \(Self.unread(line))\n" }
        let mismatches = comparison.items.filter { $0.verdict == .mismatch }.count
        let weak = comparison.items.filter { $0.tier == .weak }.count
        out += mismatches == 0 ? "no discrepancy: everything measured is as promised or within tolerance\n"
            : "\(mismatches) discrepanc\(mismatches == 1 ? "y" : "ies")\(weak > 0 ? " (\(weak) weak: within the category's default tolerance)" : ""): the order falls short of what was promised\n"
        return out
    }

    /// `“衣长98cm” — 示例旗舰店:小美, 2024-03-12 14:21, samples/x.txt:4`.
    static func citation(_ finding: Finding) -> String {
        var parts = ["“\(finding.raw)”"]
        var who = finding.speaker ?? finding.role.rawValue
        if finding.stance == .confirmed, let asked = finding.asked { who += " (yes to “\(asked)”, line \(finding.askedLine ?? 0))" }
        parts.append(who)
        if let time = finding.time { parts.append(time.replacingOccurrences(of: "T", with: " ")) }
        parts.append("\(finding.path):\(finding.line)")
        return parts.joined(separator: " — ")
    }

    public func markdown(_ comparison: Comparison) -> String {
        var out = Self.category(comparison).map { $0 + "\n\n" } ?? ""
        out += "| attribute | promised | measured | difference | tolerance | verdict |\n|---|---|---|---|---|---|\n"
        for item in comparison.items {
            let cells = [vocabulary.chineseName(item.attribute) + " `" + item.attribute + "`", item.promisedText, item.measuredText,
                         Self.difference(item), Self.tolerance(item), "**\(Self.verdict(item))**"]
            out += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        if !comparison.unread.isEmpty {
            out += "\nNot read from the notes (nothing compared from these lines):\n\n"
            for line in comparison.unread { out += "- " + Self.unread(line) + "\n" }
        }
        return out
    }

    /// `m.txt:3 `颜色没问题`: no attribute with a value in it`.
    static func unread(_ line: NoteLine) -> String {
        "\(line.path):\(line.line) `\(line.text)`: \(line.unreadReason ?? "")"
    }

    public func json(_ comparison: Comparison) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("schema", compareSchema)
        write(comparison, into: &writer)
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    /// The comparison's fields, for the compare document and inside a claim.
    func write(_ comparison: Comparison, into writer: inout JSONWriter) {
        writer.object("variant", comparison.variant) { writer, variant in
            writer.field("value", variant.value)
            writer.field("source", variant.source)
        }
        writer.object("category", comparison.category) { writer, choice in
            writer.field("id", choice.category.id)
            writer.field("name_zh", choice.category.name.zh)
            writer.field("name_en", choice.category.name.en)
            writer.field("source", choice.inferred ? "inferred" : "option")
            writer.strings("inferred_from", choice.words)
        }
        writer.field("discrepancy", comparison.hasDiscrepancy)
        writer.field("only_weak", comparison.onlyWeak)
        writer.array("items", comparison.items) { write($1, into: &$0) }
        writer.array("commitments", comparison.commitments) { $0.write($1, type: false) }
        writer.array("disclaimers", comparison.disclaimers) { $0.write($1, type: false) }
        writer.strings("warnings", comparison.warnings)
        writer.array("unread", comparison.unread) { writer, line in
            writer.beginObject()
            writer.field("file", line.path)
            writer.field("line", line.line)
            writer.field("text", line.text)
            writer.field("reason", line.unreadReason ?? "")
            writer.endObject()
        }
    }

    private func write(_ item: ComparedItem, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("attribute", item.attribute)
        writer.field("kind", item.kind.rawValue)
        writer.field("verdict", item.verdict.rawValue)
        writer.field("tier", item.tier?.rawValue)
        writer.key("promised")
        if let promise = item.promised { writer.write(promise, type: false) } else { writer.string(nil) }  // a finding object, or null
        writer.array("promised_composition", item.promisedComposition) { $0.write($1, type: false) }
        writer.array("also_promised", item.otherPromises) { $0.write($1, type: false) }
        writer.key("measured")
        writer.beginArray()
        for measurement in item.measured { writer.write(measurement) }
        writer.endArray()
        writer.object("difference", item.difference) { writer, difference in
            writer.field("value", difference)
            writer.field("percent", item.differencePercent)
            writer.field("unit", item.promised?.unit)
        }
        writer.object("tolerance", item.tolerance) { writer, tolerance in
            writer.field("value", tolerance.value)
            writer.field("percent", tolerance.percent)
            writer.field("direction", tolerance.direction.rawValue)
            writer.field("source", tolerance.source.rawValue)
            writer.field("detail", tolerance.detail)
            writer.field("verified", tolerance.verified)
            writer.field("category", tolerance.category)
        }
        writer.strings("notes", item.notes)
        writer.endObject()
    }
}

extension JSONWriter {
    /// A measurement: value, unit, what was measured and how the line was read.
    public mutating func write(_ measurement: Model.Measurement) {
        beginObject()
        field("attribute", measurement.attribute)
        field("value", measurement.value)
        field("unit", measurement.unit)
        field("percent", measurement.percent)
        field("part", measurement.part)
        field("source", measurement.source)
        field("raw", measurement.raw)
        field("level", measurement.level)
        field("position", measurement.position)
        strings("notes", measurement.notes)
        field("read_by", measurement.readBy)
        field("unit_from_promise", measurement.unitFromPromise)
        field("marking", measurement.isMarking)
        endObject()
    }
}
