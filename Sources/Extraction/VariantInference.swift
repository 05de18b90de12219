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
        }), case .text(let label)? = last.value else { return nil }
        return OrderedVariant(value: label, source: "inferred from \(last.path):\(last.line) (`\(last.raw)`)")
    }
}
