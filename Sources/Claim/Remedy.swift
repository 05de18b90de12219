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
    /// dispatch, exchange a wrong size, refund a shortfall in proportion, or return for a full
    /// refund (also what is heavier or holds more than promised: no shortfall to prorate).
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
            return shortCount(item, context, words)
        case "late_shipment":
            let pledge = comparison.commitments.first { vocabulary.attributes[$0.attribute]?.claimUse == .latePenalty }
            return Remedy(text: pledge.map { words("pledged_compensation", ["pledge": Bilingual($0.raw)]) } ?? words("late_compensation"),
                          amount: nil, basis: nil, involvesReturn: false)
        case "wrong_item":
            return Remedy(text: words("exchange_or_return"), amount: context.price, basis: fullRefund.map { $0 + ", if returned" }, involvesReturn: true)
        case "net_content_short":
            // Only what falls short is refunded in proportion; heavier or larger goes back.
            if let price = context.price, let percent = item.differencePercent, percent < 0 {
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

    /// Pieces missing, counted over the order: a shortfall per carton or box times the cartons
    /// or boxes ordered (每箱少4个 × 40箱), the order's size from `--quantity`/`--cartons` or the
    /// chat. The refund is the price times the share missing; every step of it is in `basis`,
    /// the assumption that each carton is as short as the one counted included.
    func shortCount(_ item: ComparedItem, _ context: ClaimContext, _ words: (String, [String: Bilingual]) -> Bilingual) -> Remedy {
        guard case .number(let perUnit)? = item.promised?.value, perUnit > 0, let difference = item.difference, difference < 0 else {
            return Remedy(text: words("reship", [:]), amount: nil, basis: nil, involvesReturn: false)
        }
        let short = abs(difference)
        let levelName = item.promised?.level ?? item.measured.last?.level
        let size = context.orderSize
        let f = NumberFormat.short
        // How many of the counted units (cartons, boxes, packs) the order holds, and how that is known.
        var units: Double?, unitsBasis = ""
        if levelName == "carton", let cartons = size?.cartons {
            units = cartons
        } else if let pieces = size?.pieces, pieces >= perUnit {
            units = pieces / perUnit
            unitsBasis = " (\(f(pieces)) ÷ \(f(perUnit)) = \(f((pieces / perUnit * 100).rounded() / 100)))"
        } else if levelName == nil, size == nil {
            // A pack count with no order size (10片装): the pack is taken as the whole order, and said so.
            units = 1
            unitsBasis = " (no order quantity given: the promised \(f(perUnit)) taken as the whole order; give --quantity if you ordered more)"
        }
        guard let units else {
            let missing = Bilingual(zh: level(item).zh, en: "") + texts.sentence("missing_pieces").filled(["total": Bilingual(f(short))]) + Bilingual(zh: "", en: level(item).en)
            return Remedy(text: words("reship_or_partial_refund", ["missing": missing]), amount: nil,
                          basis: "the order's size is not known: give --quantity (pieces) or --cartons to count the shortfall over the order", involvesReturn: false)
        }
        let total = (short * units).rounded()
        let pieces = size?.pieces ?? units * perUnit
        let shownUnits = f((units * 100).rounded() / 100)
        var basis = units == 1 ? "\(f(total)) of \(f(pieces)) pieces missing" + unitsBasis
            : "\(f(total)) of \(f(pieces)) pieces missing = \(f(short)) short per \(levelName ?? "pack") × \(shownUnits) \(levelName == "carton" ? "cartons" : "\(levelName ?? "pack")s")\(unitsBasis), assuming every one is as short as the one counted"
        if let source = size?.source { basis += "; order size from \(source)" }
        var amount: Double?
        if let price = context.price {
            amount = (price * total / pieces * 100).rounded() / 100
            basis = "price ¥\(Self.money(price)) × \(f(total))/\(f(pieces)): " + basis
        }
        let missing = texts.sentence(units == 1 ? "missing_pieces" : "missing_over_order").filled([
            "total": Bilingual(f(total)), "short": Bilingual(f(short)), "units": Bilingual(shownUnits),
            "level": level(item), "unit": Bilingual(levelName == "carton" ? "箱" : "盒"), "units_en": Bilingual(levelName == "carton" ? "cartons" : "boxes")])
        return Remedy(text: words("reship_or_partial_refund", ["missing": missing]), amount: amount, basis: basis, involvesReturn: false)
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
