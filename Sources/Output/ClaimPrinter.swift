import Catalog
import ChatModel
import Claim
import Compare
import Foundation
import Model

/// The version of the `evidence claim --format json` contract in docs/json.md.
public let claimSchema = "evidence.claim/1"

/// Which languages a claim is written in.
public enum ClaimLanguage: String, Sendable, CaseIterable {
    case zh, en, both

    var zh: Bool { self != .en }
    var en: Bool { self != .zh }
}

/// Writes a claim draft as Markdown (default), plain text for pasting, or JSON.
public struct ClaimPrinter {
    let comparisonPrinter: ComparisonPrinter
    let language: ClaimLanguage

    public init(vocabulary: Vocabulary, language: ClaimLanguage) {
        comparisonPrinter = ComparisonPrinter(vocabulary: vocabulary)
        self.language = language
    }

    private func both(_ text: Bilingual) -> String { both(text.zh, text.en) }

    private func both(_ zh: String, _ en: String, separator: String = " / ") -> String {
        switch language {
        case .zh: return zh
        case .en: return en
        case .both: return zh + separator + en
        }
    }

    private func refund(_ claim: ClaimDraft) -> String {
        let amount = claim.refund.amount.map { " ¥" + ClaimBuilder.money($0) } ?? ""
        let basis = claim.refund.basis.map { " (\($0))" } ?? ""
        return both(claim.refund.text.zh + amount, claim.refund.text.en + amount) + basis
    }

    public func markdown(_ claim: ClaimDraft) -> String {
        var out = "# " + both("退款申请草稿", "Claim draft") + " — \(claim.platform.name)\n\n"
        out += "**" + both("退款原因", "Reason") + ":** \(claim.reasonLabel)\n\n"
        out += "**" + both("申请", "Ask for") + ":** " + refund(claim) + "\n\n"
        if let strategy = claim.strategy { out += markdown(strategy) }
        out += "## " + both("退款说明", "Description") + "\n\n"
        if language.zh {
            out += "> \(claim.summary.zh)\n\n"
            out += "\(claim.summary.zh.count) 字 / \(claim.summary.zh.utf8.count) bytes (" + both("上限", "limit") + " \(claim.limit))\n\n"
        }
        if language.en { out += (language == .both ? "English, for the buyer or agent:\n\n" : "") + "> \(claim.summary.en)\n\n" }
        out += "## " + both("不符项", "Discrepancies") + "\n\n" + comparisonPrinter.markdown(claim.comparison, discrepanciesOnly: true) + "\n"
        out += "## " + both("卖家原话", "The seller's words") + "\n\n"
        for quote in claim.quotes {
            if let question = ComparisonPrinter.question(quote) {
                // The promise is the seller's yes to the buyer's question: both, each with its speaker.
                out += "- " + both("买家问", "the buyer asked") + ": \(question)\n"
                out += "  " + both("卖家答", "the seller answered") + ": \(ComparisonPrinter.answer(quote))\n"
                continue
            }
            out += "- \(ComparisonPrinter.citation(quote))\n"
            out += "  > " + quote.quote.replacingOccurrences(of: "\n", with: "\n  > ") + "\n"
        }
        out += "\n## " + both("时间线", "Timeline") + "\n\n"
        for entry in claim.timeline {
            out += "- \(entry.time.map { $0.replacingOccurrences(of: "T", with: " ") } ?? "—")  " + both(entry.text) + "\n"
        }
        out += "\n## " + both("需要附上的证据", "Evidence to attach") + "\n\n"
        for item in claim.evidence {
            out += "- [ ] " + both(item.text) + "\n"
        }
        out += "\n## " + both("完整陈述（客服介入时使用）", "Full statement (for the seller chat or platform intervention)") + "\n\n"
        if language.zh { out += claim.statement.zh + "\n\n" }
        if language.en { out += claim.statement.en + "\n\n" }
        out += notes(claim).map { "_\($0)_\n" }.joined()
        return out
    }

    /// The strategy section: the case, the path and why, deadlines, weak points, evidence set.
    public func markdown(_ strategy: Strategy) -> String {
        var out = "## " + both("策略", "Strategy") + "\n\n"
        for line in lines(strategy) { out += "- " + line + "\n" }
        if !strategy.evidence.isEmpty {
            out += "\n" + both("平台需要的证据", "The evidence the platform expects") + ":\n\n"
            for item in strategy.evidence { out += "- [\(item.status == "drafted" ? "x" : " ")] " + both(item.text) + "\n" }
        }
        return out + "\n"
    }

    /// The strategy as plain lines, for the text output.
    public func text(_ strategy: Strategy) -> String {
        var out = both("策略", "Strategy") + ":\n"
        for line in lines(strategy) { out += "  " + line + "\n" }
        for item in strategy.evidence { out += "  [\(item.status == "drafted" ? "x" : " ")] " + both(item.text) + "\n" }
        return out
    }

    /// One line each: transaction, labels, case, path, escalation, deadlines, weak points.
    func lines(_ strategy: Strategy) -> [String] {
        var lines = [both("平台", "Platform") + ": " + both(strategy.platform),
                     both("交易类型", "Transaction") + ": " + both(strategy.transactionName) + " (" + both(strategy.transactionWhy) + ")"]
        if let labels = strategy.labels { lines.append(both(labels)) }
        lines.append(both("案件类型", "Case") + ": " + both(strategy.caseName) + " (" + both(strategy.caseWhy) + ")")
        // The path and the escalation are the platform's own (its `strategy` in platforms.yaml).
        let source = " (" + both("平台规则", "the platform's rules") + ": --platform \(strategy.platformID))"
        if let path = strategy.path { lines.append(both("路径", "Path") + ": " + both(path) + source) }
        if let escalate = strategy.escalate { lines.append(both("卖家拖延时", "If the seller stalls") + ": " + both(escalate) + source) }
        for deadline in strategy.deadlines { lines.append(both("期限", "Deadline") + ": " + both(deadline)) }
        for weakness in strategy.weaknesses { lines.append(both("弱点", "Weak point") + ": " + both(weakness)) }
        return lines
    }

    public func text(_ claim: ClaimDraft) -> String {
        var out = both("退款原因", "Reason") + ": \(claim.reasonLabel)\n"
        out += both("申请", "Ask for") + ": " + refund(claim) + "\n\n"
        if let strategy = claim.strategy { out += text(strategy) + "\n" }
        if language.zh { out += claim.summary.zh + "\n\n" }
        if language.en { out += claim.summary.en + "\n\n" }
        out += comparisonPrinter.text(claim.comparison, columns: 160, discrepanciesOnly: true) + "\n"
        for entry in claim.timeline {
            out += "\(entry.time.map { $0.replacingOccurrences(of: "T", with: " ") } ?? "-")  " + both(entry.text) + "\n"
        }
        out += "\n"
        for item in claim.evidence { out += "[ ] " + both(item.text) + "\n" }
        out += notes(claim).map { "\n" + $0 }.joined() + "\n"
        return out
    }

    private func notes(_ claim: ClaimDraft) -> [String] {
        var notes: [String] = []
        let unitless = claim.discrepancies.compactMap { item in item.measured.last.flatMap { $0.unitFromPromise ? "\(item.attribute) (\($0.source))" : nil } }
        if !unitless.isEmpty {
            notes.append("Noted without a unit and read in the unit of the promise: " + unitless.joined(separator: ", ") + ". Write the unit in your notes if that is not what you measured in.")
        }
        if !claim.comparison.unread.isEmpty {
            notes.append("Lines of the notes not read, so nothing from them is in this claim: " + claim.comparison.unread.map(ComparisonPrinter.unread).joined(separator: "; ") + ".")
        }
        if !claim.platform.verified {
            notes.append("The reason labels for \(claim.platform.name) are unverified (taken from public copies of the refund screens): pick the closest one the form offers.")
        }
        if let choice = claim.comparison.category, claim.discrepancies.contains(where: { $0.tolerance?.category != nil || $0.tier == .weak }) {
            notes.append("Default tolerances are those of \(choice.category.name.en) (\(choice.category.name.zh)), "
                + (choice.inferred ? "a category inferred from the words " + choice.words.prefix(4).map { "“\($0)”" }.joined(separator: ", ") + ": give --category if that is not what was bought." : "as --category says."))
        }
        if claim.discrepancies.contains(where: { $0.tolerance.map { !$0.verified } ?? false }) {
            notes.append("Some tolerances are unverified defaults recalled from national standards (see the tolerance column); the seller's own figures and --tolerance come first.")
        }
        return notes
    }

    /// `"strategy": {…}` (docs/json.md).
    public static func write(_ strategy: Strategy, into writer: inout JSONWriter) {
        func text(_ name: String, _ value: Bilingual?) {
            writer.object(name, value) { writer, value in writer.field("zh", value.zh); writer.field("en", value.en) }
        }
        func texts(_ name: String, _ values: [Bilingual]) {
            writer.array(name, values) { writer, value in writer.object { $0.field("zh", value.zh); $0.field("en", value.en) } }
        }
        writer.key("strategy")
        writer.beginObject()
        text("platform", strategy.platform)
        writer.field("transaction", strategy.transaction.rawValue)
        text("transaction_name", strategy.transactionName)
        text("transaction_why", strategy.transactionWhy)
        text("labels", strategy.labels)
        writer.field("case", strategy.caseKind.rawValue)
        text("case_name", strategy.caseName)
        text("case_why", strategy.caseWhy)
        text("path", strategy.path)
        text("escalate", strategy.escalate)
        texts("deadlines", strategy.deadlines)
        texts("weaknesses", strategy.weaknesses)
        writer.array("evidence", strategy.evidence) { writer, item in
            writer.object { $0.field("zh", item.text.zh); $0.field("en", item.text.en); $0.field("status", item.status) }
        }
        writer.endObject()
    }

    public func json(_ claim: ClaimDraft) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("schema", claimSchema)
        writer.field("discrepancy", true)
        writer.field("platform", claim.platform.id)
        writer.field("reason_kind", claim.reasonKind)
        writer.field("reason_label", claim.reasonLabel)
        writer.field("labels_verified", claim.platform.verified)
        writer.key("refund")
        writer.beginObject()
        writer.field("zh", claim.refund.text.zh)
        writer.field("en", claim.refund.text.en)
        writer.field("amount", claim.refund.amount)
        writer.field("basis", claim.refund.basis)
        writer.endObject()
        writer.key("description")
        writer.beginObject()
        writer.field("zh", claim.summary.zh)
        writer.field("en", claim.summary.en)
        writer.field("characters", claim.summary.zh.count)
        writer.field("bytes", claim.summary.zh.utf8.count)
        writer.field("limit", claim.limit)
        writer.field("limit_source", claim.platform.limitSource)
        writer.endObject()
        writer.key("statement")
        writer.beginObject()
        writer.field("zh", claim.statement.zh)
        writer.field("en", claim.statement.en)
        writer.endObject()
        writer.array("quotes", claim.quotes) { $0.write($1, type: false) }
        writer.array("timeline", claim.timeline) { writer, entry in
            writer.object { $0.field("time", entry.time); $0.field("zh", entry.text.zh); $0.field("en", entry.text.en) }
        }
        writer.array("evidence", claim.evidence) { writer, item in
            writer.object { $0.field("zh", item.text.zh); $0.field("en", item.text.en); $0.field("status", item.status) }
        }
        if let strategy = claim.strategy { Self.write(strategy, into: &writer) }
        writer.key("comparison")
        writer.beginObject()
        comparisonPrinter.write(claim.comparison, into: &writer)
        writer.endObject()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }
}
