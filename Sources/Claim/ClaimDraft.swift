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
        /// `screenshot`: the text shows what to capture (the lines are named), the image is
        /// still to take; `needed`: the buyer must still make it. In the strategy's evidence
        /// set also `in_inputs` (read from an input: capture it) and `drafted` (this draft).
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
    /// The kind of purchase and case, the path to take, deadlines, weak points, evidence set.
    public let strategy: Strategy?
}

/// How big the order is (pieces, cartons) and how that is known: `--quantity`/`--cartons`,
/// or the words of the chat (我要2000个, order 40 cartons).
public struct OrderSize: Sendable, Equatable {
    public var pieces: Double?
    public var cartons: Double?
    /// `--quantity 2000`, or `chat.txt:6 “我要2000个”`.
    public var source: String

    public init(pieces: Double? = nil, cartons: Double? = nil, source: String) {
        self.pieces = pieces
        self.cartons = cartons
        self.source = source
    }

    /// The last order size either side stated in the chat (the later figure is the agreed
    /// one), or nil.
    public static func stated(in findings: [Finding]) -> OrderSize? {
        let stated = findings.filter { ["order_quantity", "order_cartons"].contains($0.attribute) && $0.subject == nil && $0.stance != .offer }
        var size: OrderSize?
        for finding in stated.sorted(by: { ($0.path, $0.line) < ($1.path, $1.line) }) {
            guard case .number(let value)? = finding.value, value > 0 else { continue }
            var next = size ?? OrderSize(source: "")
            if finding.attribute == "order_quantity" { next.pieces = value } else { next.cartons = value }
            next.source = "\(finding.path):\(finding.line) “\(finding.raw)” (\(finding.speaker ?? finding.role.rawValue))"
            size = next
        }
        return size
    }
}

/// The case details a claim needs beyond the comparison.
public struct ClaimContext: Sendable {
    public var platform: String
    /// What the buyer paid for the order, in yuan.
    public var price: Double?
    public var ordered: String?
    public var shipped: String?
    public var received: String?
    /// When the goods were measured (`--measured-on`, or a dated line of the notes).
    public var measuredOn: String?
    /// The order's size, for a shortfall counted per carton or box.
    public var orderSize: OrderSize?
    public var chatFiles: [String]
    public var listingFiles: [String]
    public var notesFiles: [String] = []
    /// The kind of purchase, as inferred from the inputs (retail when nil).
    public var transaction: Transaction?
    /// `--reason change-of-mind`: with nothing short, ask for a no-reason return.
    public var asksNoReasonReturn = false
    /// Chat files whose day/month order was inferred from how the dates are written (`dmy`
    /// or `mdy`), and those where nothing decided it: the times of their quotes depend on it.
    public var inferredDateOrders: [String: String] = [:]
    public var undecidedDateOrders: Set<String> = []

    public init(platform: String, price: Double? = nil, ordered: String? = nil, shipped: String? = nil, received: String? = nil,
                measuredOn: String? = nil, orderSize: OrderSize? = nil, chatFiles: [String] = [], listingFiles: [String] = []) {
        self.platform = platform
        self.price = price
        self.ordered = ordered
        self.shipped = shipped
        self.received = received
        self.measuredOn = measuredOn
        self.orderSize = orderSize
        self.chatFiles = chatFiles
        self.listingFiles = listingFiles
    }
}
