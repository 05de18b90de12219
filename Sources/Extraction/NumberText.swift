import Catalog
import ChatModel
import Matching
import Model
import Reading

/// Reads the numbers sellers write: `30`, `1.5`, full-width `３０`, `１．５`, and Chinese
/// numerals (`十五`, `一百二十`, `两`, `半`).
public enum NumberText {
    private static let chineseDigits: [Character: Double] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    private static let chineseUnits: [Character: Double] = ["十": 10, "百": 100, "千": 1000]

    /// The figures written in digits, in order (`roll 6: 9.41` → 6, 9.41).
    static func figures(in text: String) -> [Double] {
        var figures: [Double] = [], digits = ""
        for character in text + " " {
            if character.isASCIIDigit || (character == "." && !digits.isEmpty && !digits.contains(".")) {
                digits.append(character)
            } else if !digits.isEmpty {
                if let value = Double(digits.hasSuffix(".") ? String(digits.dropLast()) : digits) { figures.append(value) }
                digits = ""
            }
        }
        return figures
    }

    public static func parse(_ text: String) -> Double? {
        let ascii = String(text.unicodeScalars.compactMap { scalar -> Character? in
            switch scalar.value {
            case 0xFF10...0xFF19: return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E, 0x3002: return "."
            case 0x2C, 0xFF0C: return nil  // thousands separators: 1,000
            default: return Character(scalar)
            }
        })
        if let value = Double(ascii), ascii.first?.isNumber == true { return value }
        if let value = fraction(ascii) { return value }
        return parseChinese(ascii)
    }

    /// `1/2`, `3/4`, `1 1/2`, `1-1/2`.
    private static func fraction(_ text: String) -> Double? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" })
        guard let last = parts.last, parts.count <= 2 else { return nil }
        let pieces = last.split(separator: "/")
        guard pieces.count == 2, let numerator = Double(pieces[0]), let denominator = Double(pieces[1]), denominator > 0 else { return nil }
        let whole = parts.count == 2 ? Double(parts[0]) : 0
        guard let whole else { return nil }
        return whole + numerator / denominator
    }

    /// Digits written after a unit as its decimals: `8` in 一米八 → 0.8, `85` in 1米85 → 0.85.
    public static func decimals(_ digits: String) -> Double {
        let ascii = digits.map { character -> Character in
            if let value = chineseDigits[character] { return Character(String(Int(value))) }
            return character
        }
        return Double("0." + String(ascii)) ?? 0
    }

    private static func parseChinese(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        if text == "半" { return 0.5 }
        // 十点五: the digits after 点 are decimals.
        if let point = text.firstIndex(where: { $0 == "点" || $0 == "點" }) {
            let digits = text[text.index(after: point)...]
            guard !digits.isEmpty, digits.allSatisfy({ chineseDigits[$0] != nil }), let whole = parseChinese(String(text[..<point])) else { return nil }
            return whole + decimals(String(digits))
        }
        var total: Double = 0, section: Double = 0, digit: Double? = nil
        for character in text {
            if let value = chineseDigits[character] {
                digit = value
            } else if let unit = chineseUnits[character] {
                section += (digit ?? 1) * unit
                digit = nil
            } else if character == "万" {
                total += (section + (digit ?? 0)) * 10_000
                section = 0
                digit = nil
            } else {
                return nil
            }
        }
        return total + section + (digit ?? 0)
    }
}
