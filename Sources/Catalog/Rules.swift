import Model

/// Which way a difference counts against the seller.
public enum ToleranceDirection: String, Sendable {
    /// Too big or too small (a garment's length).
    case both
    /// Only less than promised (weight, volume, pieces, power).
    case short
    /// Only more than promised (noise: quieter than promised is no fault).
    case over
}

/// A default tolerance for an attribute, with where the number comes from.
public struct DefaultTolerance: Sendable {
    public let attribute: String
    public let value: Double
    /// `value` is a percentage of the promised value.
    public let relative: Bool
    /// For an absolute `value`: at least this percentage of the promised value (the larger of
    /// 5 mm and 1.5% for sizes that are no precision parts), or nil.
    public var atLeastPercent: Double? = nil
    /// Allowed differences by the size of the promise (GB/T 1804, the JJF 1070 shortfall
    /// table), smallest first; when given, they replace `value`.
    public var bands: [ToleranceBand] = []
    /// A difference below what a tape measure reads is no mismatch on its own (false for
    /// precision parts).
    public var tapeFloor = true
    public let direction: ToleranceDirection
    public let source: String
    /// False for numbers recalled from a standard and not checked against its text.
    public let verified: Bool
}

/// One band of a banded tolerance: for promises up to `upTo` (canonical unit), the allowed
/// difference is `value`, or `percent` of the promise.
public struct ToleranceBand: Sendable {
    public let upTo: Double
    public let value: Double?
    public let percent: Double?
}

/// A kind of goods (patterns/categories.yaml): the words it is inferred from, with examples,
/// and the default tolerances that replace the general ones for it.
public struct ProductCategory: Sendable {
    public let id: String
    public let name: Bilingual
    /// Its words and examples (inferred from / not inferred from).
    public internal(set) var words: WordListEntry
    /// By tolerance key (`length`, `volume`...), as in `Catalog.tolerances`.
    public internal(set) var tolerances: [String: DefaultTolerance]
    /// By promised attribute: how a promise of it relates to what is measured.
    public internal(set) var conversions: [String: Conversion] = [:]
}

/// A promise of another quantity than the one measured (a power bank's cells at 3.7 V against
/// a meter at its 5 V output): the promise times `factor` is what the measurement meets.
public struct Conversion: Sendable {
    public let factor: Double
    /// The attribute measured it applies to (`battery_capacity`).
    public let measured: String
    /// How the claim says it, before the converted figure.
    public let says: Bilingual
    public let source: String
    public let verified: Bool
}

/// What a claim files on one platform (patterns/platforms.yaml): the reason label for each
/// kind of discrepancy, the remedies in its words, the rules it cites, and the limits of
/// the description box.
public struct PlatformRules: Sendable {
    public let id: String
    public let name: String
    public let maxCharacters: Int
    public let maxBytes: Int?
    public let minCharacters: Int
    public let limitSource: String
    public let verified: Bool
    /// Reason label by discrepancy kind (`size`, `material`, `late_shipment`...).
    public let reasons: [String: Bilingual]
    /// Remedy wording by remedy id (`return_refund`, `reship`...), with `{slots}`.
    public let remedies: [String: Bilingual]
    /// Citations by the point they support (`void_exclusion`, `promised_penalty`).
    public let rules: [String: Bilingual]
    /// `retail` (service labels and standard return flows) or `procurement` (negotiated
    /// terms: the spec confirmation carries the case, negotiation first).
    public let market: String
    /// The claim's path by case (`not_as_described`, `change_of_mind`, `damaged`) and `escalate`.
    public let strategy: [String: Bilingual]
    /// The evidence the platform expects, as names of `evidence_*` sentences (claims.yaml).
    public let evidenceSet: [String]
}

/// What claims say whatever the platform (patterns/claims.yaml): discrepancy kinds from the
/// strongest, the evidence each needs, and the sentences around the seller's words.
public struct ClaimTexts: Sendable {
    /// Discrepancy kinds, strongest first: the claim's reason is the strongest one found.
    public internal(set) var strongestFirst: [String] = []
    /// What to photograph or film for each discrepancy kind, in checklist order.
    public internal(set) var evidence: [(kind: String, text: Bilingual)] = []
    /// Sentence templates by name, with `{slots}` (`{quote}`, `{where}`, `{rule:NAME}`...).
    public internal(set) var sentences: [String: Bilingual] = [:]

    /// A sentence the claim needs; a catalogue without it is caught by the tests.
    public func sentence(_ name: String) -> Bilingual {
        sentences[name] ?? Bilingual("{\(name)}")
    }
}

extension Catalog {
    mutating func readTolerances(_ section: YAMLValue) throws(CatalogError) {
        for (key, value) in try section.mapping() {
            for (attribute, tolerance) in try Self.tolerance(key, value) { tolerances[attribute] = tolerance }
        }
    }

    /// One tolerance entry, for each key it applies to (its own name, or `applies_to`).
    static func tolerance(_ key: String, _ node: YAMLValue) throws(CatalogError) -> [(String, DefaultTolerance)] {
        let fields = try YAMLFields(node, allowed: ["value", "relative", "at_least_percent", "bands", "tape_floor", "applies_to", "direction", "source", "verified"])
        let directionName = try fields.optional("direction")?.string() ?? "both"
        guard let direction = ToleranceDirection(rawValue: directionName) else { throw node.error("direction must be both, short or over") }
        var bands: [ToleranceBand] = []
        for band in try fields.optional("bands")?.sequence() ?? [] {
            let entry = try YAMLFields(band, allowed: ["up_to", "value", "percent"])
            let value = try entry.optional("value")?.number(), percent = try entry.optional("percent")?.number()
            guard (value == nil) != (percent == nil) else { throw band.error("tolerance \(key): a band gives `value` or `percent`") }
            bands.append(ToleranceBand(upTo: try entry.required("up_to").number(), value: value, percent: percent))
        }
        if bands.isEmpty, fields.optional("value") == nil { throw node.error("tolerance \(key): needs `value` or `bands`") }
        let keys = try fields.optional("applies_to")?.strings() ?? [key]
        let source = try fields.required("source").string()
        let verified = try fields.optional("verified")?.bool() ?? false
        var result: [(String, DefaultTolerance)] = []
        for attribute in keys {
            var tolerance = DefaultTolerance(attribute: attribute, value: try fields.optional("value")?.number() ?? 0,
                                             relative: try fields.optional("relative")?.bool() ?? false,
                                             direction: direction, source: source, verified: verified)
            tolerance.atLeastPercent = try fields.optional("at_least_percent")?.number()
            tolerance.bands = bands.sorted { $0.upTo < $1.upTo }
            tolerance.tapeFloor = try fields.optional("tape_floor")?.bool() ?? true
            result.append((attribute, tolerance))
        }
        return result
    }

    /// Product categories in file order; a later layer's category of the same id adds its
    /// words and examples and replaces the tolerances it names.
    mutating func readCategories(_ section: YAMLValue) throws(CatalogError) {
        for (id, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["name", "description", "words", "examples", "tolerances", "converts"])
            let words = try WordListEntry.read("category \(id)", value, also: ["name", "tolerances", "converts"])
            var tolerances: [String: DefaultTolerance] = [:]
            for (key, node) in try fields.optional("tolerances")?.mapping() ?? [] {
                for (attribute, tolerance) in try Self.tolerance(key, node) { tolerances[attribute] = tolerance }
            }
            var conversions: [String: Conversion] = [:]
            for (key, node) in try fields.optional("converts")?.mapping() ?? [] {
                let entry = try YAMLFields(node, allowed: ["applies_to", "factor", "measured", "says", "source", "verified"])
                let conversion = Conversion(factor: try entry.required("factor").number(), measured: try entry.required("measured").string(),
                                            says: try Self.text(try entry.required("says")), source: try entry.required("source").string(),
                                            verified: try entry.optional("verified")?.bool() ?? false)
                for attribute in try entry.optional("applies_to")?.strings() ?? [key] { conversions[attribute] = conversion }
            }
            if let index = categories.firstIndex(where: { $0.id == id }) {
                categories[index].words.extend(with: words)
                categories[index].tolerances.merge(tolerances) { _, new in new }
                categories[index].conversions.merge(conversions) { _, new in new }
            } else {
                var category = ProductCategory(id: id, name: try Self.text(try fields.required("name")), words: words, tolerances: tolerances)
                category.conversions = conversions
                categories.append(category)
            }
        }
    }

    /// Platforms, each complete or `like:` another one it takes every field it does not give from.
    mutating func readPlatforms(_ section: YAMLValue) throws(CatalogError) {
        for (id, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["name", "like", "description_limit", "verified", "reasons", "remedies", "rules", "market", "strategy", "evidence_set"])
            var base: PlatformRules?
            if let like = fields.optional("like") {
                let parent = try like.string()
                guard let known = platforms[parent] else { throw like.error("platform \(id): `like: \(parent)` names no platform defined before it") }
                base = known
            }
            var maxCharacters = base?.maxCharacters, maxBytes = base?.maxBytes, minCharacters = base?.minCharacters ?? 1
            var limitSource = base?.limitSource
            if let node = fields.optional("description_limit") {
                let limit = try YAMLFields(node, allowed: ["characters", "bytes", "min_characters", "source"])
                maxCharacters = Int(try limit.required("characters").number())
                maxBytes = try limit.optional("bytes").map { node throws(CatalogError) in Int(try node.number()) }
                minCharacters = Int(try limit.optional("min_characters")?.number() ?? 1)
                limitSource = try limit.required("source").string()
            }
            guard let maxCharacters, let limitSource else { throw value.error("platform \(id): missing `description_limit`") }
            let reasons = try Self.texts(fields.optional("reasons"), over: base?.reasons)
            guard !reasons.isEmpty else { throw value.error("platform \(id): missing `reasons`") }
            let market = try fields.optional("market")?.string() ?? base?.market ?? "retail"
            guard ["retail", "procurement"].contains(market) else { throw value.error("platform \(id): market `\(market)` is neither `retail` nor `procurement`") }
            platforms[id] = PlatformRules(
                id: id, name: try fields.optional("name")?.string() ?? base?.name ?? id, maxCharacters: maxCharacters, maxBytes: maxBytes,
                minCharacters: minCharacters, limitSource: limitSource, verified: try fields.optional("verified")?.bool() ?? base?.verified ?? false,
                reasons: reasons, remedies: try Self.texts(fields.optional("remedies"), over: base?.remedies),
                rules: try Self.texts(fields.optional("rules"), over: base?.rules),
                market: market,
                strategy: try Self.texts(fields.optional("strategy"), over: base?.strategy),
                evidenceSet: try fields.optional("evidence_set")?.strings() ?? base?.evidenceSet ?? [])
        }
    }

    mutating func readClaimTexts(_ fields: YAMLFields) throws(CatalogError) {
        if let node = fields.optional("discrepancies") {
            for (kind, value) in try node.mapping() {
                let entry = try YAMLFields(value, allowed: ["evidence"])
                claimTexts.evidence.removeAll { $0.kind == kind }
                claimTexts.evidence.append((kind, try Self.text(try entry.required("evidence"))))
            }
        }
        if let node = fields.optional("strongest_first") { claimTexts.strongestFirst = try node.strings() }
        if let node = fields.optional("sentences") {
            claimTexts.sentences = try Self.texts(node, over: claimTexts.sentences)
        }
    }

    /// `{zh: …, en: …}`.
    static func text(_ node: YAMLValue) throws(CatalogError) -> Bilingual {
        let fields = try YAMLFields(node, allowed: ["zh", "en"])
        return Bilingual(zh: try fields.required("zh").string(), en: try fields.required("en").string())
    }

    /// A mapping of `name: {zh, en}`, over the entries it inherits.
    static func texts(_ node: YAMLValue?, over inherited: [String: Bilingual]?) throws(CatalogError) -> [String: Bilingual] {
        var result = inherited ?? [:]
        guard let node else { return result }
        for (name, value) in try node.mapping() { result[name] = try text(value) }
        return result
    }
}

/// The category a case is compared under, and how it was decided.
public struct CategoryChoice: Sendable {
    public let category: ProductCategory
    /// The words it was inferred from (most frequent first), or empty when `--category` named it.
    public let words: [String]
    public var inferred: Bool { !words.isEmpty }

    public init(category: ProductCategory, words: [String]) {
        self.category = category
        self.words = words
    }
}
