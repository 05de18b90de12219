import Catalog
import Compare
import Model

/// What the buyer files: the platform's reason label, the refund to ask for, a short
/// description that fits the form, a full statement, the discrepancies with the seller's
/// exact words, a timeline and the evidence still to attach. Every sentence is built from a
/// finding or a measurement; nothing is invented.
public struct ClaimDraft: Sendable {
    public struct Refund: Sendable {
        public let text: Bilingual
        /// Yuan, when `--price` makes it computable.
        public let amount: Double?
        /// The arithmetic behind `amount`.
        public let basis: String?
    }

    public struct TimelineEntry: Sendable {
        /// `2024-03-12T14:21:40`, or a date, or nil when unknown.
        public let time: String?
        public let text: Bilingual
    }

    public struct EvidenceItem: Sendable {
        public let text: Bilingual
        /// `have`: the tool saw it (attach a screenshot); `needed`: the buyer must still make it.
        public let status: String
    }

    public let platform: PlatformRules
    /// The strongest discrepancy's kind (`size`, `quantity_short`...).
    public let reasonKind: String
    public let reasonLabel: String
    public let refund: Refund
    /// Fits the platform's description box (`limit`).
    public let summary: Bilingual
    public let statement: Bilingual
    public let limit: String
    public let discrepancies: [ComparedItem]
    public let quotes: [Finding]
    public let timeline: [TimelineEntry]
    public let evidence: [EvidenceItem]
    public let comparison: Comparison
}

/// The case details a claim needs beyond the comparison.
public struct ClaimContext: Sendable {
    public var platform: String
    /// What the buyer paid for the order, in yuan.
    public var price: Double?
    public var ordered: String?
    public var shipped: String?
    public var received: String?
    public var chatFiles: [String]
    public var listingFiles: [String]

    public init(platform: String, price: Double? = nil, ordered: String? = nil, shipped: String? = nil, received: String? = nil,
                chatFiles: [String] = [], listingFiles: [String] = []) {
        self.platform = platform
        self.price = price
        self.ordered = ordered
        self.shipped = shipped
        self.received = received
        self.chatFiles = chatFiles
        self.listingFiles = listingFiles
    }
}
