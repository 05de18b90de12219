import Catalog
import Compare
import Model

extension ClaimBuilder {
    /// One screen from promise to receipt: the seller's words, the order, the dispatch, the
    /// receipt with what was measured, and the end of a return window counted from receipt.
    func timeline(_ quotes: [Finding], _ comparison: Comparison, _ context: ClaimContext) -> [ClaimDraft.TimelineEntry] {
        var entries: [ClaimDraft.TimelineEntry] = []
        for quote in quotes {
            // The entry's time is already its first column: only the file and line here.
            let place = quote.time == nil ? Self.where(quote) : "\(quote.path):\(quote.line)"
            let template = quote.stance == .confirmed ? "timeline_confirmation" : "timeline_promise"
            entries.append(.init(time: quote.time, text: texts.sentence(template).filled(["quote": Bilingual(quote.raw), "where": Bilingual(place)])))
        }
        if let ordered = context.ordered { entries.append(.init(time: ordered, text: texts.sentence("timeline_ordered"))) }
        if let shipped = context.shipped {
            let late = comparison.items.contains { entry($0.attribute, kind: $0.kind).comparison == .dispatch && $0.verdict == .mismatch }
            entries.append(.init(time: shipped, text: texts.sentence(late ? "timeline_shipped_late" : "timeline_shipped")))
        }
        if let received = context.received {
            entries.append(.init(time: received, text: texts.sentence("timeline_received")))
            let mismatches = comparison.items.filter { $0.verdict == .mismatch }
            let items = Bilingual(zh: mismatches.map { vocabulary.chineseName($0.attribute) + zhMeasured($0) }.joined(separator: "，"),
                                  en: mismatches.map { vocabulary.englishName($0.attribute) + " " + $0.measuredText }.joined(separator: ", "))
            entries.append(.init(time: received, text: texts.sentence("timeline_measured").filled(["items": items])))
            if let window = comparison.commitments.first(where: { vocabulary.attributes[$0.attribute]?.windowFromReceipt == true }),
               case .number(let days)? = window.value, let deadline = OrderDate.adding(days: Int(days), to: received) {
                entries.append(.init(time: deadline, text: texts.sentence("timeline_window_end").filled([
                    "days": Bilingual(NumberFormat.short(days)), "quote": Bilingual(window.raw)])))
            }
        }
        return entries.enumerated().sorted { ($0.element.time ?? "9999", $0.offset) < ($1.element.time ?? "9999", $1.offset) }.map(\.element)
    }
}
