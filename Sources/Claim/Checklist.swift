import Catalog
import Compare
import Model

extension ClaimBuilder {
    /// The evidence to attach: what the tool saw (chat lines, saved listings) and what the
    /// buyer must still make for each kind of discrepancy found (claims.yaml `discrepancies`).
    func evidence(_ mismatches: [ComparedItem], _ comparison: Comparison, _ context: ClaimContext) -> [ClaimDraft.EvidenceItem] {
        var items: [ClaimDraft.EvidenceItem] = []
        let chatLines = Set(mismatches.compactMap(\.promised).filter { !context.listingFiles.contains($0.path) }.map { "\($0.path):\($0.line)" }).sorted()
        if !chatLines.isEmpty {
            let lines = Bilingual(zh: chatLines.joined(separator: "、"), en: chatLines.joined(separator: ", "))
            items.append(.init(text: texts.sentence("evidence_chat").filled(["lines": lines]), status: "have"))
        }
        if context.listingFiles.isEmpty {
            items.append(.init(text: texts.sentence("evidence_listing_needed"), status: "needed"))
        } else {
            let files = Bilingual(zh: context.listingFiles.joined(separator: "、"), en: context.listingFiles.joined(separator: ", "))
            items.append(.init(text: texts.sentence("evidence_listing_saved").filled(["files": files]), status: "have"))
        }
        let kinds = Set(mismatches.map(discrepancyKind))
        let labelKinds = Set(vocabulary.attributes.values.filter { $0.comparison == .label }.compactMap(\.discrepancy))
        // The order's SKU matters whenever a size was ordered, not only for a wrong item.
        for need in texts.evidence where kinds.contains(need.kind) || (labelKinds.contains(need.kind) && comparison.variant != nil) {
            items.append(.init(text: need.text, status: "needed"))
        }
        return items
    }
}
