import ChatModel
import Foundation
import Model

/// How a promise of an attribute is checked against a measurement.
public enum ComparisonMethod: String, Sendable, CaseIterable {
    /// A number (or range) within a tolerance, or a text value that must be the same.
    case value
    /// The materials of one message as a set with their shares (100%棉 against 65%棉35%涤纶).
    case composition
    /// The size label on the item received against the size ordered.
    case label
    /// The time the seller took to ship against the promised dispatch window.
    case dispatch
}

/// What a claim does with a seller's commitment of an attribute.
public enum ClaimUse: String, Sendable, CaseIterable {
    /// A return or exchange the seller offered: quoted and restated.
    case returnPromise = "return_promise"
    /// The seller pays return shipping: quoted and restated first.
    case returnShipping = "return_shipping"
    /// A limit on returns (拆封不退): answered with the rule that voids it for goods not as described.
    case returnLimit = "return_limit"
    /// A penalty the seller promised for a breach (晚发必赔): quoted, claimed, and its rule cited.
    case latePenalty = "late_penalty"
    /// A warranty: quoted.
    case warranty
}

/// What a seller's own disclaimer covers.
public enum DisclaimerScope: String, Sendable, CaseIterable {
    /// 误差1-3cm: a tolerance on measured values.
    case measurements
    /// 色差: a shade of the colour shown, never another colour.
    case shade
}

/// When a commitment means the buyer may take an exchange instead of a refund.
public enum ExchangeOffer: String, Sendable, CaseIterable {
    case always
    /// Only when its words say so (the `exchange` word list): 坏了包换, not 保修一年.
    case whenSaid = "when_said"
}

/// What the catalogue knows about one kind of finding; its attributes inherit it
/// (patterns/vocabulary.yaml `kinds`).
public struct KindTraits: Sendable, Equatable {
    public var measurable = false
    public var commitment = false
    public var discrepancy: String?
    public var comparison = ComparisonMethod.value
    public var words: String?
    /// The default tolerance a figure of this kind takes when no attribute is named for it
    /// (a length noted without a word for what it is: the tolerance of `length`).
    public var tolerance: String?

    public init() {}
}

/// A canonical attribute (`length`, `chest`...) with the words sellers use for it, and what
/// it means for a comparison and a claim.
public struct AttributeEntry: Sendable, Equatable {
    public let name: String
    public let kind: FindingKind
    public let aliases: [String]
    /// For a half measure laid flat (1/2胸围, 胸宽): the full girth it is half of. Findings
    /// are reported as that attribute with the value doubled.
    public var halfOf: String? = nil
    /// A measurement can check it (a length, a weight), unlike sizing advice or a contract term.
    public var measurable = false
    /// The seller's undertaking (returns, warranty, delivery), cited by a claim.
    public var commitment = false
    /// The kind of discrepancy a mismatch is (`size`, `material`, `wrong_item`...): it picks
    /// the platform's reason label and the evidence to attach.
    public var discrepancy: String?
    public var comparison = ComparisonMethod.value
    /// The key of its default tolerance in patterns/tolerances.yaml.
    public var tolerance: String
    /// The word list its text values come from (`materials`, `colors`).
    public var words: String?
    public var claimUse: ClaimUse?
    public var disclaimer: DisclaimerScope?
    public var offersExchange: ExchangeOffer?
    /// A condition or exclusion (不影响二次销售, 拆封后不退), listed on the other return
    /// commitments of its message.
    public var condition = false
    /// A number of days counted from receipt (7天无理由): the timeline shows when it ends.
    public var windowFromReceipt = false
    /// For an attribute of another kind, the physical quantity of its values (a person's
    /// height is a length): the quantity layer binds quantities to it by its words.
    public var quantity: String?
    /// The general attribute this one narrows (garment_length narrows length): a length
    /// measured or charted for a garment meets the garment length promised.
    public var narrows: String?

    public init(name: String, kind: FindingKind, aliases: [String], halfOf: String? = nil, traits: KindTraits = KindTraits()) {
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.halfOf = halfOf
        measurable = traits.measurable
        commitment = traits.commitment
        discrepancy = traits.discrepancy
        comparison = traits.comparison
        words = traits.words
        tolerance = name
    }

    /// The attribute a finding reports, and the factor its values take (2 for half measures).
    public var reported: (name: String, factor: Double) { halfOf.map { ($0, 2) } ?? (name, 1) }
}

/// A unit as written (`公分`, `kg`, `斤`) and how it converts to the canonical unit.
public struct UnitEntry: Sendable, Equatable {
    public let name: String
    /// The physical quantity: length, mass, volume, count, duration...
    public let quantity: String
    public let canonical: String
    public let factor: Double
    public let aliases: [String]
    /// How a claim writes it after a number in Chinese (`个` for pcs); nil: as it is (`cm`).
    public var zh: String? = nil
}

/// Named words with the ways sellers write them (cotton: 棉, 纯棉; black: 黑色, 纯黑), as
/// for materials and colours. Lookups ignore ASCII case.
public struct WordList: Sendable {
    public private(set) var entries: [String: [String]] = [:]
    private var byAlias: [String: String] = [:]

    /// `涤纶` → `polyester`.
    public func name(forAlias alias: String) -> String? {
        byAlias[Vocabulary.key(alias)]
    }

    /// The first Chinese word for a name (cotton → 棉), or the name.
    public func chinese(_ name: String) -> String {
        entries[name].flatMap(Vocabulary.firstChinese) ?? name
    }

    var aliases: [String] { entries.values.flatMap { $0 } }

    mutating func add(_ name: String, aliases: [String]) {
        entries[name] = aliases
        byAlias[Vocabulary.key(name)] = name
        for alias in aliases { byAlias[Vocabulary.key(alias)] = name }
    }
}

/// The words the catalogue knows: attributes, units, materials and colours with their
/// aliases. Lookups ignore ASCII case.
public struct Vocabulary: Sendable {
    public private(set) var attributes: [String: AttributeEntry] = [:]
    public private(set) var units: [String: UnitEntry] = [:]
    /// Traditional characters read as simplified before matching (patterns/characters.yaml).
    public internal(set) var folding = CharacterFolding()
    public internal(set) var materials = WordList()
    public internal(set) var colors = WordList()
    /// A blend named by one word (棉麻) and the fibres it is made of (cotton, linen): a label
    /// giving those fibres' shares meets it.
    public internal(set) var blends: [String: [String]] = [:]
    /// Parts of an item and the words for each (seat: 座, 座面, seat): a part found in a seller's
    /// words and in a buyer's note meet under one name.
    public internal(set) var parts = WordList()
    /// Defaults per kind of finding, in display order (garment measures first).
    public internal(set) var kinds: [(kind: FindingKind, traits: KindTraits)] = []
    /// Words the interpreter and the comparer read by (negation, confirmation, parts...).
    public internal(set) var wordLists: [String: WordListEntry] = [:]
    /// The physical quantities the quantity layer finds (by unit `quantity`): the kind of
    /// finding each gives, and the attribute when the unit alone says it (W: power).
    public internal(set) var quantityFamilies: [String: (kind: FindingKind, attribute: String?)] = [:]
    /// English number words and their values (`two`: 2, `dozen`: 12), lowercased.
    public internal(set) var numberWords: [String: Double] = [:]
    /// Unit words with several readings (寸: inch for luggage and screens, 市寸 for body
    /// measures), each with the words that choose it when they appear in the message.
    public private(set) var ambiguousUnits: [String: [(unit: String, words: [String])]] = [:]
    private var ambiguousQuantity: [String: String] = [:]
    private var attributeByAlias: [String: String] = [:]
    private var unitByAlias: [String: String] = [:]

    public init() {}

    static func key(_ alias: String) -> String { alias.lowercased() }

    /// The attribute's first Chinese alias (衣长), or its name.
    public func chineseName(_ attribute: String) -> String {
        attributes[attribute].flatMap { Vocabulary.firstChinese($0.aliases) } ?? attribute
    }

    /// The first word written in Chinese characters.
    static func firstChinese(_ words: [String]) -> String? {
        words.first { $0.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } }
    }

    /// Every word for a part, as one regex group: word list `parts` (where a part is read) and
    /// the names of vocabulary `parts:`, so a part added to either is found.
    public var partWords: String { Vocabulary.alternation(of: Array(Set(words("parts") + parts.aliases))) }

    /// A part taken out (height without lid, 不含盖高度, w/o handles): a word of `without_packaging`
    /// and a part word (盖 too, which is no part word alone). A figure after it is the item's own.
    public var withoutPart: String {
        "(?<![A-Za-z])(?i:" + Vocabulary.alternation(of: words("without_packaging")) + #")\s*(?:(?i:the)\s+)?(?:"# + partWords + "|盖)"
    }

    /// The words of a word list, empty when the catalogue has none of that name.
    public func words(_ list: String) -> [String] { wordLists[list]?.words ?? [] }

    /// The word list an attribute's text values come from.
    public func valueWords(for attribute: String) -> WordList? {
        switch attributes[attribute]?.words {
        case "materials"?: return materials
        case "colors"?: return colors
        default: return nil
        }
    }

    /// The place of an attribute's kind in a comparison table.
    public func displayOrder(_ attribute: String) -> Int {
        let kind = attributes[attribute]?.kind ?? .spec
        return kinds.firstIndex { $0.kind == kind } ?? kinds.count
    }

    /// `garment_length` → `garment length`.
    public func englishName(_ attribute: String) -> String {
        attribute.replacingOccurrences(of: "_", with: " ")
    }

    public func attribute(forAlias alias: String) -> AttributeEntry? {
        attributeByAlias[Vocabulary.key(alias)].flatMap { attributes[$0] }
    }

    public func unit(forAlias alias: String) -> UnitEntry? {
        unitByAlias[Vocabulary.key(alias)].flatMap { units[$0] }
    }

    mutating func add(_ entry: AttributeEntry) {
        attributes[entry.name] = entry
        attributeByAlias[Vocabulary.key(entry.name)] = entry.name
        for alias in entry.aliases { attributeByAlias[Vocabulary.key(alias)] = entry.name }
    }

    mutating func add(_ entry: UnitEntry) {
        units[entry.name] = entry
        unitByAlias[Vocabulary.key(entry.name)] = entry.name
        for alias in entry.aliases { unitByAlias[Vocabulary.key(alias)] = entry.name }
    }

    mutating func addAmbiguous(_ alias: String, quantity: String, readings: [(unit: String, words: [String])]) {
        ambiguousUnits[alias] = readings
        ambiguousQuantity[alias] = quantity
    }

    /// The regex alternation for a vocabulary macro: `unit:length`, `attr:dimension`,
    /// `attr:chest`, `material`. Longest alias first so `毫米` wins over `米`.
    func alternation(for macro: String) -> String? {
        guard let aliases = aliases(for: macro), !aliases.isEmpty else { return nil }
        return (macro == "material" ? materialLookbehind : "") + Self.alternation(of: aliases)
    }

    /// `(?<!磁|吸)`, put before a material word: 磁铁 is a magnet, not iron (word list
    /// `not_material_before`); empty with no such list.
    public var materialLookbehind: String {
        guard let before = wordLists["not_material_before"]?.words, !before.isEmpty else { return "" }
        return "(?<!" + before.map(Self.regexLiteral).joined(separator: "|") + ")"
    }

    /// `(?:毫米|米|cm)`: the words as one regex group, longest first; `(?!)` (never matches)
    /// for no words.
    public static func alternation(of words: [String]) -> String {
        guard !words.isEmpty else { return "(?!)" }
        let sorted = words.sorted { ($0.utf8.count, $1) > ($1.utf8.count, $0) }
        // Words of two or more ASCII letters (cm, inches, fl oz) share one case-insensitive group
        // with one pair of word boundaries: far fewer branches for the engine to try than a
        // boundary pair each. They come first, so that `mm` is tried before the one-letter `m`.
        let isWord = { (word: String) in
            word.unicodeScalars.count > 1 && word.unicodeScalars.allSatisfy { $0.isASCII }
                && isLetter(word.unicodeScalars.first!) && isLetter(word.unicodeScalars.last!)
        }
        let ascii = sorted.filter(isWord)
        var branches = sorted.filter { !isWord($0) }.map(regexLiteral)
        if !ascii.isEmpty {
            let escaped = ascii.map { word in regexLiteral(word).replacingAll("(?<![A-Za-z])(?i:", with: "").replacingAll(")(?![A-Za-z])", with: "") }
            // Words that open with letters and go on in Chinese (PP棉, EVA泡沫) go before the
            // group, so that PP棉 is not read as PP.
            let opensWithLetters = { (branch: String) in
                branch.unicodeScalars.first.map { $0.isASCII && isLetter($0) } == true && !branch.unicodeScalars.allSatisfy(\.isASCII)
            }
            branches = branches.filter(opensWithLetters) + ["(?<![A-Za-z])(?i:" + escaped.joined(separator: "|") + ")(?![A-Za-z])"]
                + branches.filter { !opensWithLetters($0) }
        }
        return "(?:" + branches.joined(separator: "|") + ")"
    }

    /// The words a vocabulary macro stands for (`unit:length`, `attr:dimension`, `material`, `color`, `part`).
    public func aliases(for macro: String) -> [String]? {
        let parts = macro.split(separator: ":", maxSplits: 1).map(String.init)
        let aliases: [String]
        switch (parts[0], parts.count > 1 ? parts[1] : nil) {
        case ("unit", let quantity?):
            aliases = units.values.filter { $0.quantity == quantity || $0.name == quantity }.flatMap { $0.aliases + [$0.name] }
                + ambiguousQuantity.filter { $0.value == quantity }.map(\.key)
        case ("attr", let selector?):
            aliases = attributes.values.filter { $0.kind.rawValue == selector || $0.name == selector }.flatMap(\.aliases)
        case ("material", nil):
            aliases = materials.aliases
        case ("color", nil):
            aliases = colors.aliases
        case ("part", nil):
            aliases = self.parts.aliases
        default:
            return nil
        }
        return Array(Set(aliases))
    }

    /// An alias as a regex: metacharacters escaped; words of ASCII letters match in any case
    /// and only as whole words (`cm` not inside `cmyk`, `L` not inside `XL`); one letter only
    /// as written.
    public static func regexLiteral(_ alias: String) -> String {
        var escaped = ""
        for scalar in alias.unicodeScalars {
            if "\\^$.|?*+()[]{}-/#".unicodeScalars.contains(scalar) { escaped += "\\" }
            if scalar == " " { escaped += "\\s*"; continue }
            escaped.unicodeScalars.append(scalar)
        }
        // A grade written in digits alone (304) is itself only as a whole number: not in 2304 or 30.4.
        if alias.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) { return "(?<![0-9.])" + escaped + "(?![0-9.])" }
        let letters = alias.unicodeScalars.filter(isLetter)
        guard !letters.isEmpty, letters.allSatisfy(\.isASCII) else { return escaped }
        let first = alias.unicodeScalars.first!, last = alias.unicodeScalars.last!
        let before = isLetter(first) ? "(?<![A-Za-z])" : ""
        // One letter (g, m, t, W) is a unit only as written: the G of 5G, the M of 3M and the
        // T of T恤 are not, nor is the t of 1 t-shirt.
        if alias.unicodeScalars.count == 1 { return before + escaped + "(?![A-Za-z\\-])" }
        let after = isLetter(last) ? "(?![A-Za-z])" : ""
        return before + "(?i:" + escaped + ")" + after
    }

    /// Whether `scalar` is a letter (Unicode alphabetic), answered without the Unicode tables
    /// for ASCII: start-up builds thousands of these literals.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) : scalar.properties.isAlphabetic
    }
}
