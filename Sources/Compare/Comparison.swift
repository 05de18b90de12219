import Catalog
import ChatModel
import Model

/// The outcome for one attribute.
public enum Verdict: String, Sendable, CaseIterable {
    case matches
    case withinTolerance = "within_tolerance"
    case mismatch
    case notMeasured = "not_measured"
    case measuredNotPromised = "measured_not_promised"
}

/// The tolerance applied to one attribute, and where it comes from.
public struct AppliedTolerance: Sendable {
    public enum Source: String, Sendable {
        /// `--tolerance` on the command line.
        case user
        /// The seller's own disclaimer (误差1-3cm).
        case seller
        /// A documented default (patterns/tolerances.yaml).
        case standard = "default"
    }

    /// Allowed difference in the attribute's unit (already worked out for relative tolerances).
    public let value: Double
    /// The percentage it came from, for relative tolerances.
    public let percent: Double?
    public let direction: ToleranceDirection
    public let source: Source
    /// Where it was said or written: the seller's quote with file and line, or the standard.
    public let detail: String
    public let verified: Bool
    /// The category whose default it is (nil for the general default and the others).
    public internal(set) var category: String?

    public init(value: Double, percent: Double?, direction: ToleranceDirection, source: Source, detail: String, verified: Bool) {
        self.value = value
        self.percent = percent
        self.direction = direction
        self.source = source
        self.detail = detail
        self.verified = verified
    }
}

/// How far a mismatch goes: outside every tolerance (strong), or outside the seller's own
/// but within what the category's default allows (weak: a reviewer may side with the seller).
public enum Tier: String, Sendable {
    case strong
    case weak
}

/// One attribute compared: what was promised (and by whom, where), what was measured, the
/// difference, the tolerance and the verdict.
public struct ComparedItem: Sendable {
    public let attribute: String
    public let kind: FindingKind
    /// The promise the verdict uses (the one more favourable to the buyer when several disagree).
    public let promised: Finding?
    /// Other promises for the same attribute and variant.
    public let otherPromises: [Finding]
    /// The promised composition, for materials (every material of the chosen message).
    public let promisedComposition: [Finding]
    public let measured: [Measurement]
    /// Measured minus promised (to the nearest end of a promised range), in the canonical unit.
    public let difference: Double?
    public let differencePercent: Double?
    public let tolerance: AppliedTolerance?
    public let verdict: Verdict
    /// For a mismatch: strong or weak.
    public internal(set) var tier: Tier?
    /// For a weak mismatch: the allowance of the category's (or the general) default it is within.
    public internal(set) var defaultAllowance: Double?
    /// A promise of another quantity, compared at `target` (a power bank's cells at its 5 V
    /// output), with the words that say how.
    public internal(set) var converted: (target: Double, says: Bilingual)?
    /// What a reader should know: a conflict between chat and listing, an approximate promise.
    public internal(set) var notes: [String]
}

extension ComparedItem {
    /// How the measurement reads: `64 cm`, `cotton 65%, polyester 35%`, `—`.
    public var measuredText: String {
        if kind == .material {
            return measured.map { m in ValueText.plain(m.value) + (m.percent.map { " \(NumberFormat.short($0))%" } ?? "") }.joined(separator: ", ")
        }
        guard let last = measured.last else { return "—" }
        return ValueText.plain(last.value) + (last.unit.map { $0 == "%" ? "%" : " \($0)" } ?? "")
    }

    /// How the promise reads: `98 cm`, `cotton 95%, spandex 5%`, `—`.
    public var promisedText: String {
        if !promisedComposition.isEmpty { return promisedComposition.map(ValueText.of).joined(separator: ", ") }
        return promised.map(ValueText.of) ?? "—"
    }
}

/// A whole comparison: the items, the variant, and the seller's commitments (returns,
/// warranty, delivery) that a claim cites.
public struct Comparison: Sendable {
    public let items: [ComparedItem]
    public let variant: OrderedVariant?
    public let commitments: [Finding]
    /// The seller's own disclaimers: 误差1-3cm, 色差, 以实物为准.
    public let disclaimers: [Finding]
    public let warnings: [String]
    /// Lines of the buyer's notes that were not read, each with its reason.
    public var unread: [NoteLine] = []

    /// The kind of goods the tolerances are of (`--category`, or inferred), or nil.
    public var category: CategoryChoice?

    public var hasDiscrepancy: Bool { items.contains { $0.verdict == .mismatch } }
    /// Only weak discrepancies: each within the category's default tolerance.
    public var onlyWeak: Bool { hasDiscrepancy && items.allSatisfy { $0.verdict != .mismatch || $0.tier == .weak } }
}
