import Catalog
import Compare
import Model

/// Drafts a claim from a comparison. What it says comes from the catalogue: the platform's
/// reason labels, remedies and rules (patterns/platforms.yaml), the discrepancy kinds and
/// sentence templates (patterns/claims.yaml), and what each attribute means
/// (patterns/vocabulary.yaml).
public struct ClaimBuilder {
    let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    var vocabulary: Vocabulary { catalog.vocabulary }
    var texts: ClaimTexts { catalog.claimTexts }

    /// The attribute's meaning for a claim (a bare entry of its kind for an unknown one).
    func entry(_ attribute: String, kind: FindingKind) -> AttributeEntry {
        vocabulary.attributes[attribute]
            ?? AttributeEntry(name: attribute, kind: kind, aliases: [], traits: vocabulary.kinds.first { $0.kind == kind }?.traits ?? KindTraits())
    }

    /// The kind of discrepancy a mismatch is (`size`, `material`, `wrong_item`...).
    func discrepancyKind(_ item: ComparedItem) -> String {
        entry(item.attribute, kind: item.kind).discrepancy ?? "function_spec"
    }

    /// The platform's rules for `id`; nil for a platform the catalogue does not define.
    public func platform(_ id: String) -> PlatformRules? { catalog.platforms[id] }

    /// Nil when nothing falls short (there is nothing to claim) or the platform is unknown.
    public func draft(_ comparison: Comparison, context: ClaimContext) -> ClaimDraft? {
        let strength = texts.strongestFirst
        let mismatches = comparison.items.filter { $0.verdict == .mismatch }
            .sorted { a, b in
                let (ka, kb) = (strength.firstIndex(of: discrepancyKind(a)) ?? strength.count, strength.firstIndex(of: discrepancyKind(b)) ?? strength.count)
                // Strong discrepancies first: a weak one is within what the category allows.
                return (a.tier == .weak ? 1 : 0, ka, -abs(a.differencePercent ?? 100)) < (b.tier == .weak ? 1 : 0, kb, -abs(b.differencePercent ?? 100))
            }
        guard let platform = platform(context.platform) else { return nil }
        guard let strongest = mismatches.first else { return withoutDiscrepancy(comparison, context, platform) }
        let kind = discrepancyKind(strongest)
        let label = platform.reasons[kind] ?? platform.reasons["size"] ?? Bilingual(kind)
        let remedy = self.remedy(kind, strongest, comparison, context)
        let request = texts.sentence(remedy.involvesReturn ? "request_with_return" : "request").filled([
            "remedy": remedy.text,
            "amount": remedy.amount.map { texts.sentence("amount").filled(["yuan": Bilingual(Self.money($0))]) } ?? Bilingual(""),
        ])
        let sentences = mismatches.map { sentence($0, ordered: comparison.variant) }
        let summary = fit(label: label, sentences: sentences, request: request, platform: platform)
        var statement = self.statement(label.zh, mismatches, sentences, kind, comparison, platform)
        if comparison.onlyWeak { statement += texts.sentence("only_weak") + Bilingual("\n") }
        statement += request

        // One quote per message, and a commitment the chat already holds is not repeated from the listing.
        var quotes = mismatches.compactMap(\.promised) + mismatches.flatMap(\.promisedComposition)
        quotes += comparison.commitments.filter { [.returnShipping, .returnPromise, .warranty, .latePenalty].contains(vocabulary.attributes[$0.attribute]?.claimUse) }
        var seenMessages = Set<String>(), seenCommitments = Set<String>()
        quotes = quotes.filter { quote in
            if entry(quote.attribute, kind: quote.kind).commitment, !seenCommitments.insert(quote.raw).inserted { return false }
            return seenMessages.insert("\(quote.path):\(quote.messageLine):\(quote.raw)").inserted
        }

        return ClaimDraft(platform: platform, reasonKind: kind, reasonLabel: label.zh,
                          refund: ClaimDraft.Refund(text: remedy.text, amount: remedy.amount, basis: remedy.basis),
                          summary: summary, statement: statement, limit: Self.limit(platform), discrepancies: mismatches, quotes: quotes,
                          timeline: timeline(quotes, comparison, context), evidence: evidence(mismatches, comparison, context), comparison: comparison,
                          strategy: strategy(comparison, context: context, remedy: remedy.text, label: label))
    }

    /// With nothing short: a damaged-on-arrival request when the notes report damage, a
    /// no-reason return when `--reason change-of-mind` asks for one; otherwise nil.
    private func withoutDiscrepancy(_ comparison: Comparison, _ context: ClaimContext, _ platform: PlatformRules) -> ClaimDraft? {
        let facts = self.facts(comparison, context)
        guard facts.kind == .damaged || facts.kind == .changeOfMind && context.asksNoReasonReturn,
              let label = platform.reasons[facts.kind.rawValue], let remedy = platform.remedies["return_refund"] else { return nil }
        let amount = context.price
        let request = texts.sentence(facts.kind == .damaged ? "request_with_return" : "request").filled([
            "remedy": remedy, "amount": amount.map { texts.sentence("amount").filled(["yuan": Bilingual(Self.money($0))]) } ?? Bilingual(""),
        ])
        let said: Bilingual
        var quotes: [Finding] = []
        if facts.kind == .damaged {
            said = texts.sentence("summary_damaged").filled(["text": Bilingual(facts.transaction.damage[0].text)])
        } else if let window = facts.window {
            said = texts.sentence("summary_change_of_mind").filled(["quote": Bilingual(window.raw), "where": attribution(window)])
            quotes.append(window)
        } else {
            said = texts.sentence("summary_change_of_mind_unlabelled")
        }
        let summary = Bilingual(zh: "\(label.zh)：\(said.zh)。\(request.zh)", en: "\(label.en): \(said.en). \(request.en)")
        let statement = texts.sentence("statement_reason").filled(["label": Bilingual(label.zh)]) + Bilingual("\n") + said + Bilingual(zh: "。\n", en: ".\n") + request
        return ClaimDraft(platform: platform, reasonKind: facts.kind.rawValue, reasonLabel: label.zh,
                          refund: ClaimDraft.Refund(text: remedy, amount: amount, basis: amount.map { "the price paid, ¥" + Self.money($0) }),
                          summary: summary, statement: statement, limit: Self.limit(platform), discrepancies: [], quotes: quotes,
                          timeline: timeline(quotes, comparison, context), evidence: evidence([], comparison, context), comparison: comparison,
                          strategy: strategy(comparison, context: context, facts: facts, remedy: remedy, label: label))
    }

    /// `≤150 characters, ≤400 bytes`: the platform's description box, as the claim prints it.
    static func limit(_ platform: PlatformRules) -> String {
        "≤\(platform.maxCharacters) characters" + (platform.maxBytes.map { ", ≤\($0) bytes" } ?? "")
    }

    /// The full statement before the request: the reason, each discrepancy with the seller's
    /// words, the seller's return promises, and the answers to the seller's own limits.
    private func statement(_ label: String, _ mismatches: [ComparedItem], _ sentences: [Bilingual], _ kind: String,
                           _ comparison: Comparison, _ platform: PlatformRules) -> Bilingual {
        var statement = texts.sentence("statement_reason").filled(["label": Bilingual(label)]) + Bilingual("\n")
        for (item, sentence) in zip(mismatches, sentences) {
            statement += Bilingual("- ") + sentence
            if let promise = item.promised { statement += said("seller_words", promise, platform) }
            statement += Bilingual("\n")
        }
        func use(_ finding: Finding) -> ClaimUse? { vocabulary.attributes[finding.attribute]?.claimUse }
        let shipping = comparison.commitments.first { use($0) == .returnShipping && $0.value == .text("seller") }
        if let shipping { statement += said("seller_promised", shipping, platform) + Bilingual("\n") }
        var stated = Set([shipping?.raw].compactMap { $0 })
        for commitment in comparison.commitments where use(commitment) == .returnPromise && stated.insert(commitment.raw).inserted {
            statement += said("seller_promised", commitment, platform) + Bilingual("\n")
        }
        // The seller's own limits on returns (拆封后不退, 定制不退) are for changes of mind, not for goods not as described.
        if let limit = comparison.commitments.first(where: { use($0) == .returnLimit }) {
            statement += said("return_limit", limit, platform, rule: "void_exclusion") + Bilingual("\n")
        }
        // 色差 excuses a shade, not another colour.
        if mismatches.contains(where: { vocabulary.attributes[$0.attribute]?.words == "colors" }),
           let shade = comparison.disclaimers.first(where: { vocabulary.attributes[$0.attribute]?.disclaimer == .shade }) {
            statement += said("shade_is_not_another_colour", shade, platform) + Bilingual("\n")
        }
        // A penalty the seller promised (晚发必赔) is owed when the breach happens.
        if kind == "late_shipment", let pledge = comparison.commitments.first(where: { use($0) == .latePenalty }) {
            statement += said("promised_penalty", pledge, platform, rule: "promised_penalty") + Bilingual("\n")
        }
        return statement
    }

    /// A sentence about the seller's words: `{quote}`, `{where}` (who and when, never a file)
    /// and the platform's `{rule}` filled in (a rule the platform does not give leaves no empty
    /// brackets). A confirmation takes the template's `_confirmed` twin where there is one, with
    /// the buyer's question and the seller's answer each under its own speaker; elsewhere its
    /// `{quote}` is the seller's answer, never the buyer's words.
    private func said(_ template: String, _ finding: Finding, _ platform: PlatformRules, rule: String? = nil) -> Bilingual {
        var slots: [String: Bilingual] = [
            "quote": Bilingual(finding.raw), "where": attribution(finding),
            "rule": rule.flatMap { platform.rules[$0] } ?? Bilingual(""),
        ]
        var name = template
        if finding.stance == .confirmed, let asked = finding.asked {
            slots["quote"] = Bilingual(Self.short(finding.quote))
            slots["asked"] = Bilingual(Self.short(asked))
            slots["asked_where"] = attribution(speaker: finding.askedBy, time: finding.askedTime, role: "buyer")
            if texts.sentences[template + "_confirmed"] != nil { name = template + "_confirmed" }
        }
        var text = texts.sentence(name).filled(slots)
        for empty in ["（）", " ()", "()"] {
            text.zh = text.zh.replacingAll(empty, with: "")
            text.en = text.en.replacingAll(empty, with: "")
        }
        return text
    }

    /// Who said it and when, for text the platform reads: `店小二，2024-03-12 14:21:40`, or
    /// the listing page. File paths stay in the buyer's own sections and in JSON.
    func attribution(_ finding: Finding) -> Bilingual {
        attribution(speaker: finding.speaker, time: finding.time, role: finding.role.rawValue)
    }

    /// `withTime: false` where the time is shown beside it (the timeline's first column).
    func attribution(speaker: String?, time: String?, role: String, withTime: Bool = true) -> Bilingual {
        guard speaker != nil || time != nil else { return texts.sentence("on_listing") }
        let stamp = withTime ? time?.replacingAll("T", with: " ") : nil
        let name = speaker.map(Bilingual.init) ?? texts.sentence(role)
        return Bilingual(zh: ([name.zh] + [stamp].compactMap { $0 }).joined(separator: "，"),
                         en: ([name.en] + [stamp].compactMap { $0 }).joined(separator: ", "))
    }

    /// A message quoted whole, cut at 60 characters.
    static func short(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= 60 ? flat : String(flat.prefix(59)) + "…"
    }

    /// The short description: the reason, as many discrepancies as fit, the request.
    private func fit(label: Bilingual, sentences: [Bilingual], request: Bilingual, platform: PlatformRules) -> Bilingual {
        func fits(_ text: String) -> Bool {
            text.count <= platform.maxCharacters && (platform.maxBytes.map { text.utf8.count <= $0 } ?? true)
        }
        var zh = ""
        for count in stride(from: sentences.count, through: 1, by: -1) {
            let candidate = "\(label.zh)：" + sentences.prefix(count).map(\.zh).joined(separator: "；") + "。" + request.zh
            if fits(candidate) { zh = candidate; break }
        }
        if zh.isEmpty {
            // Even one discrepancy is too long: keep its start, then the request.
            var first = sentences[0].zh
            while !first.isEmpty, !fits("\(label.zh)：\(first)…。\(request.zh)") { first.removeLast() }
            zh = "\(label.zh)：\(first)…。\(request.zh)"
        }
        var en = ""
        for count in stride(from: sentences.count, through: 1, by: -1) {
            let candidate = "\(label.en): " + sentences.prefix(count).map(\.en).joined(separator: "; ") + ". " + request.en
            if candidate.count <= max(platform.maxCharacters * 3, 300) { en = candidate; break }
        }
        return Bilingual(zh: zh, en: en.isEmpty ? "\(label.en): " + sentences[0].en + ". " + request.en : en)
    }

    /// `189.00`.
    public static func money(_ amount: Double) -> String {
        let cents = Int((amount * 100).rounded())
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
