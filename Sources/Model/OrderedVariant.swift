import ChatModel

/// The variant (size, SKU) the buyer ordered, and how it is known.
public struct OrderedVariant: Sendable {
    /// As `normalise` writes it: `XL`, `2XL`, `42`, `20寸`.
    public let value: String
    /// `--variant`, or `inferred from FILE:LINE (…)`.
    public let source: String

    public init(value: String, source: String) {
        self.value = OrderedVariant.normalise(value)
        self.source = source
    }

    /// `xl码` → `XL`, `XXL` → `2XL`: variant labels compare without case, 码/号, or X-counting.
    public static func normalise(_ label: String) -> String {
        var text = label.trimmingBlanks().uppercased()
        while text.hasSuffix("码") || text.hasSuffix("号") || text.hasSuffix("的") { text.removeLast() }
        if text.count >= 3, let last = text.last, last == "L" || last == "S", text.dropLast().allSatisfy({ $0 == "X" }) {
            return "\(text.count - 1)X\(last)"
        }
        return text
    }
}
