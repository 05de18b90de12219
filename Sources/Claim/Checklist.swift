import Catalog
import Compare
import Model

extension ClaimBuilder {
    /// The evidence to attach. Nothing is ticked: the platform wants images, and the tool has
    /// seen only text. Where the text shows what to capture (the chat lines with the seller's
    /// words, the saved listing), the item says which lines to screenshot (`screenshot`); the
    /// rest the buyer must still make for each kind of discrepancy found (`needed`,
    /// claims.yaml `discrepancies`).
    func evidence(_ mismatches: [ComparedItem], _ comparison: Comparison, _ context: ClaimContext) -> [ClaimDraft.EvidenceItem] {
        var items: [ClaimDraft.EvidenceItem] = []
        let promises = mismatches.compactMap(\.promised)
        var places: [(path: String, line: Int, time: String?)] = []
        for promise in promises where !context.listingFiles.contains(promise.path) {
            if promise.stance == .confirmed, let line = promise.askedLine { places.append((promise.path, line, promise.askedTime)) }
            places.append((promise.path, promise.messageLine, promise.time))
        }
        var seen = Set<String>()
        let lines = places.sorted { ($0.path, $0.line) < ($1.path, $1.line) }.compactMap { place -> String? in
            let name = "\(place.path):\(place.line)"
            guard seen.insert(name).inserted else { return nil }
            return name + (place.time.map { " (\($0.replacingAll("T", with: " ")))" } ?? "")
        }
        if !lines.isEmpty {
            let list = Bilingual(zh: lines.joined(separator: "、"), en: lines.joined(separator: ", "))
            items.append(.init(text: texts.sentence("evidence_chat").filled(["lines": list]), status: "screenshot"))
        }
        let listed = promises.filter { context.listingFiles.contains($0.path) }.map { "\($0.path):\($0.line)" }
        if context.listingFiles.isEmpty {
            items.append(.init(text: texts.sentence("evidence_listing_needed"), status: "needed"))
        } else {
            let files = listed.isEmpty ? context.listingFiles : Array(Set(listed)).sorted()
            let list = Bilingual(zh: files.joined(separator: "、"), en: files.joined(separator: ", "))
            items.append(.init(text: texts.sentence("evidence_listing_saved").filled(["files": list]), status: "screenshot"))
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
