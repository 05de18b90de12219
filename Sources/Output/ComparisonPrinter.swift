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

    /// A claim shows only the discrepancies as rows; the other attributes are named in
    /// `others` lines (as promised, not checked, not promised).
    func rows(_ comparison: Comparison, discrepanciesOnly: Bool) -> [ComparedItem] {
        discrepanciesOnly ? comparison.items.filter { $0.verdict == .mismatch } : comparison.items
    }

    /// `not checked (promised, not measured): 腰围 waist, 袖长 sleeve`: one line per other verdict.
    func others(_ comparison: Comparison) -> [String] {
        let groups: [(String, Set<Verdict>)] = [
            ("as promised or within tolerance", [.matches, .withinTolerance]),
            ("not checked (promised, not measured)", [.notMeasured]),
            ("measured, nothing promised to compare with", [.measuredNotPromised]),
        ]
        return groups.compactMap { title, verdicts in
            let names = comparison.items.filter { verdicts.contains($0.verdict) }.map { item in
                vocabulary.chineseName(item.attribute) + " " + item.attribute + (Self.part(item).map { " (\($0))" } ?? "")
            }
            return names.isEmpty ? nil : "\(title): " + names.joined(separator: ", ")
        }
    }

    public func text(_ comparison: Comparison, columns: Int, discrepanciesOnly: Bool = false) -> String {
        var out = ""
        if let variant = comparison.variant { out += "ordered variant: \(variant.value) (\(variant.source))\n" }
        if let category = Self.category(comparison) { out += category + "\n" }
        let items = rows(comparison, discrepanciesOnly: discrepanciesOnly)
        let rows = items.map { item in
            [vocabulary.chineseName(item.attribute) + " " + item.attribute + (Self.part(item).map { " (\($0))" } ?? ""), item.promisedText, item.measuredText, Self.difference(item), Self.tolerance(item), Self.verdict(item)]
        }
        let headings = ["ATTRIBUTE", "PROMISED", "MEASURED", "DIFFERENCE", "TOLERANCE", "VERDICT"]
        var widths = headings.map(DisplayWidth.of)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) } }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { DisplayWidth.pad($0, to: $1) }.joined(separator: "  ").trimmingBlanks() + "\n"
        }
        out += line(headings)
        for (row, item) in zip(rows, items) {
            out += line(row)
            if let promise = item.promised {
                out += "    promised: \(Self.citation(promise))\n"
            }
            if let tolerance = item.tolerance, item.verdict != .notMeasured { out += "    tolerance: \(tolerance.detail)\n" }
            for note in item.notes { out += "    note: \(note)\n" }
        }
        if discrepanciesOnly { out += others(comparison).map { $0 + "\n" }.joined() }
        for warning in comparison.warnings { out += "warning: \(warning)\n" }
        for line in comparison.unread { out += "not read: \(Self.unread(line))\n" }
        return out + Self.outcome(comparison) + "\n"
    }

    /// How many attributes fall short, were compared and found as promised (or within
    /// tolerance), and were measured with nothing promised to compare them with.
    private static func counts(_ comparison: Comparison) -> (mismatches: Int, compared: Int, uncompared: Int) {
        let items = comparison.items
        return (items.filter { $0.verdict == .mismatch }.count, items.filter { [.matches, .withinTolerance].contains($0.verdict) }.count,
                items.filter { $0.verdict == .measuredNotPromised }.count)
    }

    /// The last line: how many discrepancies, or that none was found in what could be compared
    /// (never "no discrepancy" for attributes that were not compared).
    static func outcome(_ comparison: Comparison) -> String {
        let (mismatches, compared, uncompared) = counts(comparison)
        let weak = comparison.items.filter { $0.tier == .weak }.count
        if mismatches > 0 {
            return "\(mismatches) discrepanc\(mismatches == 1 ? "y" : "ies")\(weak > 0 ? " (\(weak) weak: within the category's default tolerance)" : ""): the order falls short of what was promised"
        }
        if compared == 0 { return "nothing compared: no measurement meets a promise, so there is no verdict" }
        if uncompared > 0 {
            return "no discrepancy in the \(compared) attribute\(compared == 1 ? "" : "s") compared; \(uncompared) measured attribute\(uncompared == 1 ? " was" : "s were") not compared (nothing promised for \(uncompared == 1 ? "it" : "them"))"
        }
        return "no discrepancy: everything measured is as promised or within tolerance"
    }

    /// Every measurement met a promise (nothing measured was left uncompared).
    public static func complete(_ comparison: Comparison) -> Bool {
        let (mismatches, compared, uncompared) = counts(comparison)
        return mismatches + compared > 0 && uncompared == 0
    }

    /// Why there is no claim, in both languages: nothing falls short of what was compared,
    /// and (when it is so) that some of what was measured could not be compared.
    public static func noClaim(_ comparison: Comparison) -> String {
        if complete(comparison) {
            return "no discrepancy: everything measured is as promised or within tolerance, so there is nothing to claim / 未发现与描述不符之处，无需申请"
        }
        let see = comparison.warnings.isEmpty ? "" : " (see the warnings)"
        if counts(comparison).compared == 0 {
            return "no verdict: nothing measured meets a promise, so nothing was compared\(see) / 没有可比较的测量项，无法判断是否不符"
        }
        return "no discrepancy in what could be compared, but some measurements were not compared\(see): this is no proof that the order is as described / 可比较的项目未发现不符，但部分测量项未能比较，不能据此认定与描述相符"
    }

    /// `“衣长98cm” — 示例旗舰店:小美 — 2024-03-12 14:21 — samples/x.txt:4`; a confirmation
    /// cites the buyer's question and the seller's yes, each with its own speaker.
    static func citation(_ finding: Finding) -> String {
        guard let question = question(finding) else { return cite(finding.raw, finding.speaker ?? finding.role.rawValue, finding.time, finding.path, finding.line) }
        return "asked \(question); answered \(answer(finding))"
    }

    /// For a confirmation, the buyer's question: `“长度有40cm吗？” — 小王 — 2024-05-01 10:00 — chat.txt:1`.
    static func question(_ finding: Finding) -> String? {
        guard finding.stance == .confirmed, let asked = finding.asked else { return nil }
        return cite(asked, finding.askedBy ?? "buyer", finding.askedTime, finding.path, finding.askedLine)
    }

    /// The message that holds the promise (for a confirmation, the seller's yes), cited whole.
    static func answer(_ finding: Finding) -> String {
        cite(finding.quote, finding.speaker ?? finding.role.rawValue, finding.time, finding.path, finding.line)
    }

    private static func cite(_ words: String, _ speaker: String, _ time: String?, _ path: String, _ line: Int?) -> String {
        ["“\(words)”", speaker, time?.replacingOccurrences(of: "T", with: " "), line.map { "\(path):\($0)" }].compactMap { $0 }.joined(separator: " — ")
    }

    public func markdown(_ comparison: Comparison, discrepanciesOnly: Bool = false) -> String {
        var out = Self.category(comparison).map { $0 + "\n\n" } ?? ""
        out += "| attribute | promised | measured | difference | tolerance | verdict |\n|---|---|---|---|---|---|\n"
        for item in rows(comparison, discrepanciesOnly: discrepanciesOnly) {
            let cells = [vocabulary.chineseName(item.attribute) + " `" + item.attribute + "`", item.promisedText, item.measuredText,
                         Self.difference(item), Self.tolerance(item), "**\(Self.verdict(item))**"]
            out += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        if discrepanciesOnly { out += others(comparison).map { "\n" + $0 + "\n" }.joined() }
        out += comparison.warnings.map { "\nwarning: \($0)\n" }.joined()
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
        field("sold_as", measurement.soldAs)
        endObject()
    }
}
