import Model

/// Which way a difference counts against the seller.
public enum ToleranceDirection: String, Sendable {
    /// Too big or too small (a garment's length).
    case both
    /// Only less than promised (weight, volume, pieces, power).
    case short
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
    public let direction: ToleranceDirection
    public let source: String
    /// False for numbers recalled from a standard and not checked against its text.
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
        for (attribute, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["value", "relative", "at_least_percent", "direction", "source", "verified"])
            let directionName = try fields.optional("direction")?.string() ?? "both"
            guard let direction = ToleranceDirection(rawValue: directionName) else { throw value.error("direction must be both or short") }
            tolerances[attribute] = DefaultTolerance(
                attribute: attribute, value: try fields.required("value").number(), relative: try fields.optional("relative")?.bool() ?? false,
                direction: direction, source: try fields.required("source").string(), verified: try fields.optional("verified")?.bool() ?? false)
            tolerances[attribute]?.atLeastPercent = try fields.optional("at_least_percent")?.number()
        }
    }

    /// Platforms, each complete or `like:` another one it takes every field it does not give from.
    mutating func readPlatforms(_ section: YAMLValue) throws(CatalogError) {
        for (id, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["name", "like", "description_limit", "verified", "reasons", "remedies", "rules"])
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
            platforms[id] = PlatformRules(
                id: id, name: try fields.optional("name")?.string() ?? base?.name ?? id, maxCharacters: maxCharacters, maxBytes: maxBytes,
                minCharacters: minCharacters, limitSource: limitSource, verified: try fields.optional("verified")?.bool() ?? base?.verified ?? false,
                reasons: reasons, remedies: try Self.texts(fields.optional("remedies"), over: base?.remedies),
                rules: try Self.texts(fields.optional("rules"), over: base?.rules))
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
