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
    public let direction: ToleranceDirection
    public let source: String
    /// False for numbers recalled from a standard and not checked against its text.
    public let verified: Bool
}

/// What a claim files on one platform: reason labels and the description box's limits.
public struct PlatformRules: Sendable {
    public let id: String
    public let name: String
    public let maxCharacters: Int
    public let maxBytes: Int?
    public let minCharacters: Int
    public let limitSource: String
    public let verified: Bool
    /// Reason label by discrepancy kind: size, material, color_style, quantity_short, net_content_short, function_spec, late_shipment.
    public let reasons: [String: String]
}

extension Catalog {
    mutating func readTolerances(_ section: YAMLValue) throws(CatalogError) {
        for (attribute, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["value", "relative", "direction", "source", "verified"])
            let directionName = try fields.optional("direction")?.string() ?? "both"
            guard let direction = ToleranceDirection(rawValue: directionName) else { throw value.error("direction must be both or short") }
            tolerances[attribute] = DefaultTolerance(
                attribute: attribute, value: try fields.required("value").number(), relative: try fields.optional("relative")?.bool() ?? false,
                direction: direction, source: try fields.required("source").string(), verified: try fields.optional("verified")?.bool() ?? false)
        }
    }

    mutating func readPlatforms(_ section: YAMLValue) throws(CatalogError) {
        for (id, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["name", "description_limit", "verified", "reasons"])
            let limit = try YAMLFields(try fields.required("description_limit"), allowed: ["characters", "bytes", "min_characters", "source"])
            var maxBytes: Int?
            if let bytes = limit.optional("bytes") { maxBytes = Int(try bytes.number()) }
            var reasons: [String: String] = [:]
            for (kind, label) in try fields.required("reasons").mapping() { reasons[kind] = try label.string() }
            platforms[id] = PlatformRules(
                id: id, name: try fields.required("name").string(), maxCharacters: Int(try limit.required("characters").number()),
                maxBytes: maxBytes, minCharacters: Int(try limit.optional("min_characters")?.number() ?? 1),
                limitSource: try limit.required("source").string(), verified: try fields.optional("verified")?.bool() ?? false, reasons: reasons)
        }
    }
}
