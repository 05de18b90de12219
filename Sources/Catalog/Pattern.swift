import Model

/// Regex options a pattern file may name; the engine maps them to its own flags.
public enum PatternOption: String, Sendable, CaseIterable {
    case caseless, ucp, multiline, dotall, extended
}

/// One example in a pattern file: text that must (or must not) give findings.
public struct PatternExample: Sendable {
    public let text: String
    /// For must-match examples, the findings expected, in order; each lists only the fields it checks.
    public let expect: [[String: FindingValue]]
    public let file: String
    public let line: Int?

    /// Finding fields an example's `expect` may check.
    public static let checkableFields: Set<String> = ["kind", "attribute", "value", "min", "max", "unit", "approx", "percent", "raw", "scope"]
}

/// A pattern as written in a pattern file, before compilation.
public struct PatternDefinition: Sendable {
    public let id: String
    public let kind: FindingKind
    public let description: String
    /// The regex as written, with `{{macro}}` references.
    public let source: String
    /// Regex options by name (`caseless`, `extended`...).
    public let options: [PatternOption]
    /// Fixed attribute for every finding, when the regex has no `attr` group.
    public let attribute: String?
    /// Fixed value for every finding, when the regex captures no number or text.
    public let value: FindingValue?
    /// Unit for numbers captured without a `unit` group (`days` for 七天无理由).
    public let unit: String?
    /// For tolerances: the kind of attribute they cover, when the text does not say.
    public let scope: String?
    /// Fixed share for every finding, when the regex has no `percent` group (100 for 纯棉).
    public let percent: Double?
    /// Findings only count as the answer to a buyer's question (a bare 68cm after 衣长有70吗);
    /// they take the attribute the buyer asked about, and are dropped anywhere else.
    public let answerOnly: Bool
    /// Words one of which every match contains (`{{unit:length}}` stands for the vocabulary's
    /// words); the pattern only runs on lines holding one. Empty: it runs on every line.
    public let keywords: [String]
    /// Attributes of tuple members `v1`, `v2`, `v3` when no `a1`… label is captured.
    public let axes: [String]
    /// What each named group means (every named group must be documented).
    public let groups: [(name: String, meaning: String)]
    public let mustMatch: [PatternExample]
    public let mustNotMatch: [PatternExample]
    public let file: String
    public let line: Int?
}

/// The named groups a pattern may use and what the extractor does with each.
public enum PatternGroup {
    public static let documented: [(name: String, meaning: String)] = [
        ("attr", "attribute word, mapped to a canonical attribute through the vocabulary"),
        ("value", "a number (Arabic, full-width or Chinese numerals)"),
        ("min", "lower end of a range"),
        ("max", "upper end of a range"),
        ("unit", "unit word, converted to the canonical unit through the vocabulary"),
        ("approx", "present when the seller hedged (约, 左右, about)"),
        ("text", "a text value: a material (mapped through the vocabulary) or a label"),
        ("percent", "share of a material in a composition"),
        ("v1, v2, v3", "members of a dimension tuple (30*20*10cm)"),
        ("a1, a2, a3", "attribute words labelling tuple members (长30宽20高10)"),
        ("u1, u2, u3", "a tuple member's own unit (长1.2m宽60cm); `unit` otherwise"),
        ("decimals", "digits after the unit that are its decimals: 一米八, 1米85, 一斤二两"),
        ("half", "半 after the unit: 两斤半"),
        ("d1, d2, d3", "decimals of tuple members: 一米八乘两米"),
        ("grade", "a grade written with a material: 600D"),
    ]

    /// Every group name a pattern may use.
    public static let known: Set<String> = Set(documented.flatMap { $0.name.components(separatedBy: ", ") })

    /// `name: meaning` for an error message about an unknown group.
    public static var explained: String {
        documented.map { "\($0.name) (\($0.meaning))" }.joined(separator: "; ")
    }
}
