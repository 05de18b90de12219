import ChatModel

/// Numbers as people and JSON read them: `30`, `1.5`, `0.333333`, never `30.0` or `1e-05`.
public enum NumberFormat {
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // Beyond 2^53 a double holds no fraction worth printing; past Int64 it is printed as Swift writes it.
        if abs(value) >= 1e12 { return abs(value) < 9e18 ? String(Int64(value.rounded())) : "\(value)" }
        var text = String(format6(value))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Six decimals, without Foundation's locale-dependent formatting.
    private static func format6(_ value: Double) -> String {
        let scaled = (abs(value) * 1_000_000).rounded()
        let whole = Int64(scaled / 1_000_000)
        let fraction = Int64(scaled) - whole * 1_000_000
        let digits = String(fraction)
        return (value < 0 ? "-" : "") + String(whole) + "." + String(repeating: "0", count: 6 - digits.count) + digits
    }
}
