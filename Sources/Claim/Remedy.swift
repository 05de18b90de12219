import Catalog
import Compare
import Model

/// What the buyer asks for, in the platform's words, with the amount and its arithmetic.
struct Remedy {
    let text: Bilingual
    let amount: Double?
    let basis: String?
    /// The goods go back to the seller (so the seller pays the return shipping).
    let involvesReturn: Bool
}

extension ClaimBuilder {
    /// The remedy for the strongest discrepancy: re-ship what is missing, compensate a late
    /// dispatch, exchange a wrong size, refund a shortfall, or return for a full refund.
    func remedy(_ kind: String, _ item: ComparedItem, _ comparison: Comparison, _ context: ClaimContext) -> Remedy {
        let platform = self.platform(context.platform)
        func words(_ id: String, _ slots: [String: Bilingual] = [:]) -> Bilingual {
            (platform?.remedies[id] ?? Bilingual(id)).filled(slots)
        }
        let fullRefund = context.price.map { "the price paid, ¥\(Self.money($0))" }
        // Only differences within what the category allows: a full refund would be refused.
        if comparison.onlyWeak, !["quantity_short", "late_shipment", "wrong_item"].contains(kind) {
            return Remedy(text: words("negotiated_partial_refund"), amount: nil, basis: nil, involvesReturn: false)
        }
        switch kind {
        case "quantity_short":
            if let price = context.price, case .number(let promised)? = item.promised?.value, let difference = item.difference, promised > 0 {
                let missing = NumberFormat.short(abs(difference))
                let amount = price * abs(difference) / promised
                return Remedy(text: words("reship_or_partial_refund", ["missing": Bilingual(missing)]), amount: (amount * 100).rounded() / 100,
                              basis: "price ¥\(Self.money(price)) × \(missing)/\(NumberFormat.short(promised)) pieces missing", involvesReturn: false)
            }
            return Remedy(text: words("reship"), amount: nil, basis: nil, involvesReturn: false)
        case "late_shipment":
            let pledge = comparison.commitments.first { vocabulary.attributes[$0.attribute]?.claimUse == .latePenalty }
            return Remedy(text: pledge.map { words("pledged_compensation", ["pledge": Bilingual($0.raw)]) } ?? words("late_compensation"),
                          amount: nil, basis: nil, involvesReturn: false)
        case "wrong_item":
            return Remedy(text: words("exchange_or_return"), amount: context.price, basis: fullRefund.map { $0 + ", if returned" }, involvesReturn: true)
        case "net_content_short":
            if let price = context.price, let percent = item.differencePercent {
                let amount = price * abs(percent) / 100
                return Remedy(text: words("partial_refund"), amount: (amount * 100).rounded() / 100,
                              basis: "price ¥\(Self.money(price)) × \(NumberFormat.short((abs(percent) * 10).rounded() / 10))% short", involvesReturn: false)
            }
            return Remedy(text: words("return_refund"), amount: context.price, basis: fullRefund, involvesReturn: true)
        default:
            // The seller offered exchanges (15天包换, 坏了包换): say the buyer may take one instead.
            return Remedy(text: words(offersExchange(comparison) ? "return_refund_or_exchange" : "return_refund"), amount: context.price,
                          basis: fullRefund, involvesReturn: true)
        }
    }

    /// A commitment that offers an exchange: always (15天包换), or when its words say so (坏了包换).
    func offersExchange(_ comparison: Comparison) -> Bool {
        let exchangeWords = vocabulary.words("exchange").map { $0.lowercased() }
        return comparison.commitments.contains { commitment in
            switch vocabulary.attributes[commitment.attribute]?.offersExchange {
            case .always?: return true
            case .whenSaid?: return exchangeWords.contains { commitment.raw.lowercased().contains($0) }
            case nil: return false
            }
        }
    }
}
