/// Words read from an input with where they were read (`chat.txt:12`, `--reason`).
public struct Cited: Sendable, Equatable {
    public let text: String
    public let source: String

    public init(_ text: String, source: String) {
        self.text = text
        self.source = source
    }
}

/// What kind of purchase a case is, and what the inputs say that decides the claim's path:
/// the words the kind was inferred from, goods the no-reason return excludes, and notes lines
/// saying the item arrived damaged.
public struct Transaction: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// One or a few items bought as a consumer.
        case retail
        /// Bought in quantity (起批, MOQ, an order of 100 pieces or more).
        case bulk
        /// Made to the buyer's order (定制, 来图, logo, OEM).
        case custom
        /// A few pieces bought to check before a bulk order (拿样).
        case sample
    }

    public var kind: Kind
    /// The words the kind was inferred from; empty for retail (the kind when nothing else is said).
    public var evidence: [Cited]
    /// Goods the no-reason return excludes, as the inputs name them (定制, 贴身衣物).
    public var exclusions: [Cited]
    /// Lines of the buyer's notes saying the item arrived damaged or does not work.
    public var damage: [Cited]

    public init(kind: Kind, evidence: [Cited] = [], exclusions: [Cited] = [], damage: [Cited] = []) {
        self.kind = kind
        self.evidence = evidence
        self.exclusions = exclusions
        self.damage = damage
    }
}
