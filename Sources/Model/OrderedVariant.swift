import ChatModel

/// The variant (size, SKU) the buyer ordered, and how it is known.
public struct OrderedVariant: Sendable {
    /// As `normalise` writes it: `XL`, `2XL`, `42`, `20寸`.
    public let value: String
    /// `--variant`, or `inferred from FILE:LINE (…)`.
    public let source: String
    /// Picked from the figures, not from the buyer's words (the seller gave figures for this
    /// variant alone, or its figures are the nearest to the measurements): it picks the
    /// promises to compare, but is no evidence of what was ordered (no wrong-size verdict).
    public var pickedFromFigures = false

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

    /// Whether a promise made for the variant `name` is for this one: the same label (xl码 is
    /// XL), or a name whose figures begin with the figures the buyer ordered by (要90的 is the
    /// 90*40*180 one, 1.5米 the 1.5米×2米 one).
    public func matches(_ name: String) -> Bool {
        let other = Self.normalise(name)
        if other == value { return true }
        let ordered = Self.figures(value)
        return !ordered.isEmpty && Self.figures(other).starts(with: ordered)
    }

    /// The numbers in a variant's name, in order (full-width digits read as ASCII).
    static func figures(_ text: String) -> [Double] {
        var numbers: [Double] = []
        var current = ""
        // 两座 is the 2-seat one: a lone Chinese numeral is its digit.
        let numerals: [Character: Character] = ["一": "1", "单": "1", "二": "2", "两": "2", "双": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"]
        // 1米2 is 1.2 米: a unit between two digits is the decimal point.
        var characters = text.map { numerals[$0] ?? $0 }
        for index in characters.indices.dropFirst().dropLast() where characters[index] == "米" && characters[index - 1].isNumber && characters[index + 1].isNumber {
            characters[index] = "."
        }
        for character in characters + [" "] {
            let ascii: Character = character.unicodeScalars.first.map { $0.value >= 0xFF10 && $0.value <= 0xFF19 ? Character(UnicodeScalar($0.value - 0xFEE0)!) : (character == "．" ? "." : character) } ?? character
            if ascii.isASCII && (ascii.isNumber || ascii == "." && !current.isEmpty) {
                current.append(ascii)
            } else if !current.isEmpty {
                if let number = Double(current) { numbers.append(number) }
                current = ""
            }
        }
        return numbers
    }
}
