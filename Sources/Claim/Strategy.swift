import Catalog
import Compare
import Foundation
import Model

/// The claim's strategy: what kind of purchase and case this is, the path to take and why,
/// the deadlines the inputs give, what makes the case weak, and the evidence the platform
/// expects. Every line names the input it comes from; the wording is the platform's data
/// (platforms.yaml `strategy`, `evidence_set`) and claims.yaml's sentences.
public struct Strategy: Sendable {
    /// The platform and its market (retail or procurement), which the path and escalation follow.
    public let platform: Bilingual
    public let platformID: String
    public let transaction: Transaction.Kind
    public let transactionName: Bilingual
    /// The words the kind was inferred from, or that nothing said otherwise.
    public let transactionWhy: Bilingual
    /// The seller's service labels and return commitments, with where each was said.
    public let labels: Bilingual?
    public let caseKind: CaseKind
    public let caseName: Bilingual
    public let caseWhy: Bilingual
    /// The path to ask for and why (nil when there is no case).
    public let path: Bilingual?
    /// What to do when the seller stalls.
    public let escalate: Bilingual?
    public let deadlines: [Bilingual]
    public let weaknesses: [Bilingual]
    /// The platform's evidence set: `drafted` (this draft), `in_inputs` (to capture from what
    /// was read) or `needed`.
    public let evidence: [ClaimDraft.EvidenceItem]
}

/// The case a buyer is in; its raw value keys the platform's `reasons` and `strategy`.
public enum CaseKind: String, Sendable {
    case notAsDescribed = "not_as_described"
    case damaged
    case changeOfMind = "change_of_mind"
    case none
}

/// Why a case has the kind it has: the transaction, the no-reason window, the damage noted.
struct CaseFacts {
    let transaction: Transaction
    /// The seller's no-reason return (七天无理由退货): a return window counted from receipt.
    let window: Finding?
    let kind: CaseKind
}

extension ClaimBuilder {
    /// The case a comparison and its context make: a discrepancy is not as described; else a
    /// notes line of damage is damaged on arrival; else `--reason change-of-mind` or a no-reason
    /// window is a change of mind; else none.
    func facts(_ comparison: Comparison, _ context: ClaimContext) -> CaseFacts {
        let transaction = context.transaction ?? Transaction(kind: .retail)
        let window = comparison.commitments.first { vocabulary.attributes[$0.attribute]?.windowFromReceipt == true }
        let kind: CaseKind = comparison.hasDiscrepancy ? .notAsDescribed
            : !transaction.damage.isEmpty ? .damaged
            : context.asksNoReasonReturn || window != nil ? .changeOfMind : .none
        return CaseFacts(transaction: transaction, window: window, kind: kind)
    }

    /// `chat.txt:9`, or the listing.
    static func source(_ finding: Finding) -> String { "\(finding.path):\(finding.line)" }

    /// The strategy for a case; `remedy` and `label` are the draft's when there is one (and
    /// nil when nothing was drafted).
    public func strategy(_ comparison: Comparison, context: ClaimContext, remedy: Bilingual? = nil, label: Bilingual? = nil) -> Strategy? {
        strategy(comparison, context: context, facts: facts(comparison, context), remedy: remedy, label: label)
    }

    func strategy(_ comparison: Comparison, context: ClaimContext, facts: CaseFacts, remedy: Bilingual?, label: Bilingual?) -> Strategy? {
        guard let platform = platform(context.platform) else { return nil }
        let transaction = facts.transaction
        let why = transaction.evidence.isEmpty ? texts.sentence("transaction_default") : texts.sentence("transaction_inferred").filled([
            "words": Bilingual(zh: transaction.evidence.prefix(3).map { "“\($0.text)”（\($0.source)）" }.joined(separator: "、"),
                               en: transaction.evidence.prefix(3).map { "“\($0.text)” (\($0.source))" }.joined(separator: ", ")),
        ])
        let commitments = comparison.commitments.filter { $0.kind == .return || $0.kind == .warranty || $0.kind == .delivery }
        var seen = Set<String>()
        let labelList = commitments.filter { seen.insert($0.raw).inserted }
        let labels = labelList.isEmpty ? nil : texts.sentence("labels_in_force").filled(["labels": Bilingual(
            zh: labelList.map { "“\($0.raw)”（\(Self.source($0))）" }.joined(separator: "、"),
            en: labelList.map { "“\($0.raw)” (\(Self.source($0)))" }.joined(separator: ", "))])

        // The no-reason window's end, from --received and the seller's words.
        var windowText = Bilingual("")
        var deadlines: [Bilingual] = []
        if let window = facts.window, case .number(let days)? = window.value {
            let slots: [String: Bilingual] = ["days": Bilingual(NumberFormat.short(days)), "quote": Bilingual(window.raw), "source": Bilingual(Self.source(window))]
            if let received = context.received, let deadline = OrderDate.adding(days: Int(days), to: received) {
                windowText = texts.sentence("deadline_window").filled(slots.merging(["deadline": Bilingual(deadline), "received": Bilingual(received)]) { $1 })
            } else {
                windowText = texts.sentence("deadline_window_unknown").filled(slots)
            }
        }
        // Other windows the seller pledged (质量问题15天包换, 30-day returns).
        for commitment in commitments where commitment.raw != facts.window?.raw && commitment.kind == .return {
            guard case .number(let days)? = commitment.value, commitment.unit == "days" else { continue }
            let until: Bilingual
            if let received = context.received, let deadline = OrderDate.adding(days: Int(days), to: received) {
                until = texts.sentence("deadline_until").filled(["deadline": Bilingual(deadline), "received": Bilingual(received), "days": Bilingual(NumberFormat.short(days))])
            } else {
                until = texts.sentence("deadline_from_receipt").filled(["days": Bilingual(NumberFormat.short(days))])
            }
            deadlines.append(texts.sentence("deadline_pledge").filled(["quote": Bilingual(commitment.raw), "source": Bilingual(Self.source(commitment)), "until": until]))
        }
        if facts.window != nil, facts.kind != .changeOfMind {
            deadlines.insert(texts.sentence("case_change_of_mind") + windowText, at: 0)
        }

        var weaknesses: [Bilingual] = []
        if facts.kind == .changeOfMind {
            if transaction.kind == .custom, let word = transaction.evidence.first {
                weaknesses.append(texts.sentence("weak_custom_change_of_mind").filled(["source": Bilingual("“\(word.text)”，\(word.source)")]))
            }
            if let excluded = transaction.exclusions.first {
                weaknesses.append(texts.sentence("weak_excluded").filled(["goods": Bilingual(excluded.text), "source": Bilingual(excluded.source)]))
            }
            if facts.window == nil { weaknesses.append(texts.sentence("weak_no_window")) }
        }
        if comparison.onlyWeak { weaknesses.append(texts.sentence("weak_only_weak")) }

        let caseWhy: Bilingual
        switch facts.kind {
        case .notAsDescribed:
            let items = comparison.items.filter { $0.verdict == .mismatch }
            caseWhy = texts.sentence("case_why_mismatch").filled([
                "count": Bilingual(String(items.count)), "plural": Bilingual(items.count == 1 ? "y" : "ies"),
                "items": Bilingual(zh: items.map { vocabulary.chineseName($0.attribute) }.joined(separator: "、"), en: items.map { vocabulary.englishName($0.attribute) }.joined(separator: ", ")),
            ])
        case .damaged:
            caseWhy = texts.sentence("case_why_damage").filled(["text": Bilingual(transaction.damage[0].text), "source": Bilingual(transaction.damage[0].source)])
        case .changeOfMind:
            if let window = facts.window {
                caseWhy = texts.sentence(context.asksNoReasonReturn ? "case_why_reason" : "case_why_window").filled([
                    "quote": Bilingual(window.raw), "source": Bilingual(Self.source(window))])
            } else {
                caseWhy = Bilingual("--reason change-of-mind")
            }
        case .none:
            caseWhy = texts.sentence("case_why_none")
        }
        let caseLabel = label ?? platform.reasons[facts.kind.rawValue] ?? Bilingual("")
        let path = platform.strategy[facts.kind.rawValue].map { template in
            template.filled(["label": Bilingual(caseLabel.zh), "remedy": remedy ?? platform.remedies["return_refund"] ?? Bilingual(""), "deadline": windowText])
        }
        let platformLine = texts.sentence("strategy_platform").filled([
            "name": Bilingual(platform.name), "market": texts.sentence("market_" + platform.market), "id": Bilingual(platform.id)])
        return Strategy(platform: platformLine, platformID: platform.id, transaction: transaction.kind, transactionName: texts.sentence("transaction_" + transaction.kind.rawValue), transactionWhy: why,
                        labels: labels, caseKind: facts.kind, caseName: texts.sentence("case_" + facts.kind.rawValue), caseWhy: caseWhy,
                        path: path, escalate: facts.kind == .none ? nil : platform.strategy["escalate"], deadlines: deadlines, weaknesses: weaknesses,
                        evidence: evidenceSet(platform, comparison, context, drafted: remedy != nil))
    }

    /// The platform's evidence set, each marked from what the inputs show.
    private func evidenceSet(_ platform: PlatformRules, _ comparison: Comparison, _ context: ClaimContext, drafted: Bool) -> [ClaimDraft.EvidenceItem] {
        let chatPromises = comparison.items.compactMap(\.promised).filter { context.chatFiles.contains($0.path) }
        return platform.evidenceSet.map { name in
            var status = "needed", note = texts.sentence("evidence_not_in_inputs")
            switch name {
            case "evidence_listing_screenshot" where !context.listingFiles.isEmpty:
                (status, note) = ("in_inputs", texts.sentence("evidence_in_inputs").filled(["source": Bilingual(context.listingFiles.joined(separator: ", "))]))
            case "evidence_spec_confirmation" where !chatPromises.isEmpty:
                let lines = Array(Set(chatPromises.map(Self.source))).sorted().prefix(6).joined(separator: ", ")
                (status, note) = ("in_inputs", texts.sentence("evidence_in_inputs").filled(["source": Bilingual(lines)]))
            case "evidence_photos" where !context.notesFiles.isEmpty:
                note = texts.sentence("evidence_from_notes").filled(["source": Bilingual(context.notesFiles.joined(separator: ", "))])
            case "evidence_timeline" where drafted:
                (status, note) = ("drafted", texts.sentence("evidence_from_claim"))
            default: break
            }
            return ClaimDraft.EvidenceItem(text: texts.sentence(name) + Bilingual(zh: "：", en: ": ") + note, status: status)
        }
    }
}
