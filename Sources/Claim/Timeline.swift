import Catalog
import Compare
import Model

extension ClaimBuilder {
    /// One screen from promise to receipt: the seller's words (a confirmation as the buyer's
    /// question and the seller's answer), the order, the dispatch, the receipt, what was
    /// measured (on the day the notes or `--measured-on` give, else undated), and the end of
    /// a return window counted from receipt.
    func timeline(_ quotes: [Finding], _ comparison: Comparison, _ context: ClaimContext) -> [ClaimDraft.TimelineEntry] {
        var entries: [ClaimDraft.TimelineEntry] = []
        for quote in quotes {
            // The entry's time is already its first column: only who said it here; and whether
            // that time rests on an inferred day/month order.
            var who = attribution(speaker: quote.speaker, time: quote.time, role: quote.role.rawValue, withTime: false)
            if let order = context.inferredDateOrders[quote.path] {
                who = who + texts.sentence("timeline_date_inferred_" + order)
            } else if context.undecidedDateOrders.contains(quote.path), quote.time == nil {
                who = who + texts.sentence("timeline_date_undecided")
            }
            if quote.stance == .confirmed, let asked = quote.asked {
                let asker = attribution(speaker: quote.askedBy, time: quote.askedTime, role: "buyer", withTime: false)
                entries.append(.init(time: quote.askedTime, text: texts.sentence("timeline_asked").filled(["quote": Bilingual(Self.short(asked)), "where": asker])))
                entries.append(.init(time: quote.time, text: texts.sentence("timeline_confirmation").filled(["quote": Bilingual(Self.short(quote.quote)), "where": who])))
            } else {
                entries.append(.init(time: quote.time, text: texts.sentence("timeline_promise").filled(["quote": Bilingual(quote.raw), "where": who])))
            }
        }
        if let ordered = context.ordered { entries.append(.init(time: ordered, text: texts.sentence("timeline_ordered"))) }
        if let shipped = context.shipped {
            let late = comparison.items.contains { entry($0.attribute, kind: $0.kind).comparison == .dispatch && $0.verdict == .mismatch }
            entries.append(.init(time: shipped, text: texts.sentence(late ? "timeline_shipped_late" : "timeline_shipped")))
        }
        // What was measured, on the day the notes or --measured-on give; no day is invented.
        // (A late dispatch is the shipped entry, not a measurement.)
        let mismatches = comparison.items.filter { $0.verdict == .mismatch && entry($0.attribute, kind: $0.kind).comparison != .dispatch }
        let items = Bilingual(zh: mismatches.map { vocabulary.chineseName($0.attribute) + zhMeasured($0) }.joined(separator: "，"),
                              en: mismatches.map { vocabulary.englishName($0.attribute) + " " + $0.measuredText }.joined(separator: ", "))
        if !mismatches.isEmpty { entries.append(.init(time: context.measuredOn, text: texts.sentence("timeline_measured").filled(["items": items]))) }
        if let received = context.received {
            entries.append(.init(time: received, text: texts.sentence("timeline_received")))
            if let window = comparison.commitments.first(where: { vocabulary.attributes[$0.attribute]?.windowFromReceipt == true }),
               case .number(let days)? = window.value, let deadline = OrderDate.adding(days: Int(days), to: received) {
                entries.append(.init(time: deadline, text: texts.sentence("timeline_window_end").filled([
                    "days": Bilingual(NumberFormat.short(days)), "quote": Bilingual(window.raw)])))
            }
        }
        return entries.enumerated().sorted { ($0.element.time ?? "9999", $0.offset) < ($1.element.time ?? "9999", $1.offset) }.map(\.element)
    }
}
