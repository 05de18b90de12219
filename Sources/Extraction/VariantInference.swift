import Catalog
import Model

/// The size the buyer ordered, read from the chat: the last size label said with a word of
/// ordering (我拍的XL, 那我拍M码了, 您拍的是L码; word list `ordering`), never from a question.
public enum VariantInference {
    public static func ordered(in findings: [Finding], vocabulary: Vocabulary) -> OrderedVariant? {
        let ordering = vocabulary.words("ordering").map { $0.lowercased() }
        guard let last = findings.last(where: { finding in
            vocabulary.attributes[finding.attribute]?.comparison == .label && finding.stance != .question
                && ordering.contains { finding.quote.lowercased().contains($0) }
        }), case .text(let label)? = last.value else {
            // The seller gave figures for one size only (L码 衣长72 胸围108): that size, said as an inference.
            // Only where no figure of the same attribute was given without a variant (the item's
            // own 566 g beside the 32 oz model's 708 g names no order).
            let promises = findings.filter(\.isPromise)
            let tagged = promises.filter { $0.variant != nil }
            let given = Set(tagged.compactMap(\.variant))
            let untagged = Set(promises.filter { $0.variant == nil }.map(\.attribute))
            guard given.count == 1, let only = given.first, !tagged.contains(where: { untagged.contains($0.attribute) }) else { return nil }
            var variant = OrderedVariant(value: only, source: "inferred: the only size or model the seller gave figures for")
            variant.onlyOneGiven = true
            return variant
        }
        return OrderedVariant(value: label, source: "inferred from \(last.path):\(last.line) (`\(last.raw)`)")
    }
}
