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

    public init(value: Double, percent: Double?, direction: ToleranceDirection, source: Source, detail: String, verified: Bool) {
        self.value = value
        self.percent = percent
        self.direction = direction
        self.source = source
        self.detail = detail
        self.verified = verified
    }
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

/// The ordered variant and how it is known.
public struct OrderedVariant: Sendable {
    public let value: String
    /// `--variant`, or `inferred from FILE:LINE`.
    public let source: String
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

    public var hasDiscrepancy: Bool { items.contains { $0.verdict == .mismatch } }
}

/// Compares promises with measurements, unit-aware and tolerance-aware.
public struct Comparer {
    public let catalog: Catalog
    /// `--tolerance` values by attribute.
    public var overrides: [String: AppliedTolerance] = [:]

    public init(catalog: Catalog, overrides: [String: AppliedTolerance] = [:]) {
        self.catalog = catalog
        self.overrides = overrides
    }

    /// Promises a measurement can check: sizes and specs, not sizing advice (身高, 体重, 建议拍M)
    /// or contract terms (起批量).
    static func isMeasurable(_ finding: Finding) -> Bool {
        [.dimension, .weight, .volume, .quantity, .spec, .material].contains(finding.kind) && finding.attribute != "min_order"
            || finding.attribute == "nominal_size"
    }

    public func compare(findings: [Finding], measurements: [Measurement], variant requested: String?, ordered: String? = nil, shipped: String? = nil) -> Comparison {
        let promises = findings.filter(\.isPromise)
        var warnings: [String] = []
        let variant = requested.map { OrderedVariant(value: Comparer.normalise($0), source: "--variant") } ?? Comparer.inferVariant(findings)

        // Promises that apply to the ordered variant (or to every variant).
        var byAttribute: [String: [Finding]] = [:]
        var skippedVariants: [String: Set<String>] = [:]
        for promise in promises where Comparer.isMeasurable(promise) {
            if let own = promise.variant {
                guard let variant else { skippedVariants[promise.attribute, default: []].insert(own); continue }
                if Comparer.normalise(own) != variant.value { continue }
            }
            byAttribute[Comparer.key(promise.attribute, promise.part), default: []].append(promise)
        }
        for (attribute, variants) in skippedVariants.sorted(by: { $0.key < $1.key }) where byAttribute[attribute] == nil {
            warnings.append("\(attribute): promised per size (\(variants.sorted().joined(separator: ", "))) but the ordered size is unknown: give --variant")
        }
        var measuredBy = Dictionary(grouping: measurements) { Comparer.key($0.attribute, $0.part) }
        let dispatchMeasured = measuredBy.removeValue(forKey: "dispatch_within") ?? []
        if let line = dispatchMeasured.last, ordered != nil, shipped != nil {
            warnings.append("dispatch_within: `\(line.raw)` (\(line.source)) not used: --ordered/--shipped give the dispatch time")
        }
        let dispatch = compareDispatch(promises, dispatchTime(dispatchMeasured, ordered: ordered, shipped: shipped))
        let disclaimers = promises.filter { $0.kind == .tolerance }
        let tolerances = disclaimers.filter { $0.attribute == "measurement_tolerance" }

        var items: [ComparedItem] = []
        let attributes = Set(byAttribute.keys).union(measuredBy.keys).sorted { a, b in
            (Comparer.order(String(a.split(separator: "|")[0]), catalog), a) < (Comparer.order(String(b.split(separator: "|")[0]), catalog), b)
        }
        for key in attributes {
            let promised = byAttribute[key] ?? []
            let measured = measuredBy[key] ?? []
            let attribute = String(key.split(separator: "|")[0])
            if attribute == "size_label" {
                items.append(compareSizeLabel(measured, variant))
                continue
            }
            let kind = promised.first?.kind ?? measured.first?.kind ?? catalog.vocabulary.attributes[attribute]?.kind ?? .spec
            if promised.isEmpty {
                items.append(ComparedItem(attribute: attribute, kind: kind, promised: nil, otherPromises: [], promisedComposition: [], measured: measured,
                                          difference: nil, differencePercent: nil, tolerance: nil, verdict: .measuredNotPromised, notes: []))
            } else if measured.isEmpty {
                items.append(ComparedItem(attribute: attribute, kind: kind, promised: promised.last, otherPromises: Array(promised.dropLast()),
                                          promisedComposition: [], measured: [], difference: nil, differencePercent: nil, tolerance: nil,
                                          verdict: .notMeasured, notes: []))
            } else if kind == .material {
                items.append(compareComposition(promised, measured))
            } else {
                var item = compareValues(attribute, kind, promised, measured, tolerances)
                // 色差 covers a shade, not another colour family.
                if attribute == "color", item.verdict == .mismatch, let disclaimer = disclaimers.first(where: { $0.attribute == "color_difference" }) {
                    item.notes.append("the seller's “\(disclaimer.raw)” (\(disclaimer.path):\(disclaimer.line)) covers a shade, not a different colour")
                }
                items.append(item)
            }
        }
        if let dispatch { items.append(dispatch) }
        let commitments = promises.filter { [.return, .warranty, .delivery].contains($0.kind) }
        return Comparison(items: items, variant: variant, commitments: commitments, disclaimers: disclaimers, warnings: warnings)
    }

    // MARK: Numbers

    private func compareValues(_ attribute: String, _ kind: FindingKind, _ promised: [Finding], _ measured: [Measurement], _ sellerTolerances: [Finding]) -> ComparedItem {
        let measurement = measured.last!
        var candidates: [ComparedItem] = []
        for promise in promised {
            candidates.append(compare(attribute, kind, promise, measurement, sellerTolerances))
        }
        // The promise more favourable to the buyer: the worst verdict for the seller, then the larger gap.
        let rank: [Verdict: Int] = [.mismatch: 0, .withinTolerance: 1, .matches: 2]
        let chosen = candidates.enumerated().min { a, b in
            (rank[a.element.verdict] ?? 3, -abs(a.element.difference ?? 0), a.offset) < (rank[b.element.verdict] ?? 3, -abs(b.element.difference ?? 0), b.offset)
        }!
        var notes = chosen.element.notes
        let others = promised.enumerated().filter { $0.offset != chosen.offset }.map(\.element)
        let distinct = Set(promised.map { ValueText.of($0) })
        if distinct.count > 1 {
            let said = promised.map { "\(ValueText.of($0)) (\($0.path):\($0.line))" }.joined(separator: "; ")
            notes.append("promises disagree: \(said); the one more favourable to the buyer is used")
        }
        if measured.count > 1 { notes.append("measured \(measured.count) times; the last measurement (\(measurement.source)) is used") }
        let item = chosen.element
        return ComparedItem(attribute: attribute, kind: kind, promised: item.promised, otherPromises: others, promisedComposition: [],
                            measured: measured, difference: item.difference, differencePercent: item.differencePercent,
                            tolerance: item.tolerance, verdict: item.verdict, notes: notes)
    }

    private func compare(_ attribute: String, _ kind: FindingKind, _ promise: Finding, _ measurement: Measurement, _ sellerTolerances: [Finding]) -> ComparedItem {
        var notes: [String] = []
        func item(_ verdict: Verdict, _ difference: Double?, _ percent: Double?, _ tolerance: AppliedTolerance?) -> ComparedItem {
            ComparedItem(attribute: attribute, kind: kind, promised: promise, otherPromises: [], promisedComposition: [], measured: [measurement],
                         difference: difference, differencePercent: percent, tolerance: tolerance, verdict: verdict, notes: notes)
        }
        // Text values (a size label): equal or not.
        if case .text(let label)? = promise.value {
            let same = measurement.value == .text(label) || Comparer.normalise(label) == Comparer.normalise(ValueText.plain(measurement.value))
            return item(same ? .matches : .mismatch, nil, nil, nil)
        }
        guard case .number(let actual) = measurement.value else { return item(.mismatch, nil, nil, nil) }
        if promise.unit != measurement.unit {
            notes.append("promised in \(promise.unit ?? "?") but measured in \(measurement.unit ?? "?"): not comparable")
            if !promise.ambiguous.isEmpty { notes.append("the promise's unit `\(promise.unit ?? "")` can be \(promise.ambiguous.joined(separator: " or "))") }
            return item(.notMeasured, nil, nil, nil)
        }
        let target: Double
        let inside: Bool
        switch (promise.value, promise.min, promise.max) {
        case (.number(let value)?, _, _): target = value; inside = actual == value
        case (nil, let low?, let high?): target = actual < low ? low : high; inside = (low...high).contains(actual)
        case (nil, nil, let high?): target = high; inside = actual <= high
        case (nil, let low?, nil): target = low; inside = actual >= low
        default: return item(.notMeasured, nil, nil, nil)
        }
        if promise.approx { notes.append("the promise is approximate (\(promise.raw))") }
        let difference = inside ? 0 : actual - target
        let percent = target == 0 ? nil : difference / target * 100
        let tolerance = self.tolerance(for: attribute, kind: kind, promised: target, unit: promise.unit, sellerTolerances)
        if inside { return item(.matches, 0, 0, tolerance) }
        // A surplus is no fault where only a shortfall counts (weight, pieces, capacity).
        if tolerance?.direction == .short, difference > 0 {
            notes.append("more than promised")
            return item(.matches, difference, percent, tolerance)
        }
        let allowed = tolerance?.value ?? 0
        return item(abs(difference) <= allowed + 1e-9 ? .withinTolerance : .mismatch, difference, percent, tolerance)
    }

    /// `--tolerance` first, then the seller's own disclaimer for this kind of attribute, then the default.
    func tolerance(for attribute: String, kind: FindingKind, promised: Double, unit: String?, _ sellerTolerances: [Finding]) -> AppliedTolerance? {
        let standard = catalog.tolerances[attribute]
        let direction = standard?.direction ?? .both
        if let user = overrides[attribute] {
            let value = user.percent.map { promised * $0 / 100 } ?? user.value
            return AppliedTolerance(value: value, percent: user.percent, direction: direction, source: .user, detail: user.detail, verified: true)
        }
        let scope = kind.rawValue
        let applicable = sellerTolerances.compactMap { finding -> AppliedTolerance? in
            guard finding.scope == scope || finding.scope == "all" || (finding.scope == nil && kind == .dimension) else { return nil }
            guard let bound = finding.max ?? finding.value.flatMap({ if case .number(let n) = $0 { n } else { nil } }) else { return nil }
            let detail = "the seller's `\(finding.raw)` (\(finding.path):\(finding.line))"
            if finding.unit == "%" {
                return AppliedTolerance(value: promised * bound / 100, percent: bound, direction: direction, source: .seller, detail: detail, verified: true)
            }
            guard finding.unit == unit else { return nil }
            return AppliedTolerance(value: bound, percent: nil, direction: direction, source: .seller, detail: detail, verified: true)
        }
        if let largest = applicable.max(by: { $0.value < $1.value }) { return largest }
        guard let standard else { return nil }
        let value = standard.relative ? promised * standard.value / 100 : standard.value
        return AppliedTolerance(value: value, percent: standard.relative ? standard.value : nil, direction: standard.direction,
                                source: .standard, detail: standard.source, verified: standard.verified)
    }

    /// How long the seller took to ship: from `--ordered`/`--shipped`, else from a measurement
    /// line such as `发货时间 3天`. Dates without a time count in whole days.
    private func dispatchTime(_ measured: [Measurement], ordered: String?, shipped: String?) -> Measurement? {
        guard let ordered, let shipped, let start = OrderDate.moment(ordered), let end = OrderDate.moment(shipped) else { return measured.last }
        let hours = end.hours - start.hours
        let precise = start.hasTime && end.hasTime
        return Measurement(attribute: "dispatch_within", kind: .delivery, value: .number(precise ? hours : (hours / 24).rounded()),
                           unit: precise ? "hours" : "days", percent: nil, part: nil, source: "--ordered/--shipped",
                           raw: "ordered \(ordered), shipped \(shipped)")
    }

    /// The time to ship against the seller's tightest 48小时内发货: later is a mismatch. In days,
    /// the promise rounds up (48 hours = 2 days).
    private func compareDispatch(_ promises: [Finding], _ taken: Measurement?) -> ComparedItem? {
        guard let taken else { return nil }
        let windows = promises.filter { $0.attribute == "dispatch_within" }.compactMap { promise -> (Finding, Double)? in
            guard let bound = promise.max ?? promise.value.flatMap({ if case .number(let n) = $0 { n } else { nil } }) else { return nil }
            return (promise, promise.unit == "hours" ? bound : bound * 24)
        }
        guard let (promise, hours) = windows.min(by: { $0.1 < $1.1 }), case .number(let elapsed) = taken.value else {
            return ComparedItem(attribute: "dispatch_within", kind: .delivery, promised: nil, otherPromises: [], promisedComposition: [], measured: [taken],
                                difference: nil, differencePercent: nil, tolerance: nil, verdict: .measuredNotPromised, notes: [])
        }
        let unit = taken.unit == "hours" ? "hours" : "days"
        let allowed = unit == "hours" ? hours : (hours / 24).rounded(.up)
        var shown = promise
        shown.value = .number(allowed)
        shown.min = nil
        shown.max = nil
        shown.unit = unit
        return ComparedItem(attribute: "dispatch_within", kind: .delivery, promised: shown, otherPromises: [], promisedComposition: [], measured: [taken],
                            difference: elapsed - allowed, differencePercent: nil, tolerance: nil, verdict: elapsed > allowed ? .mismatch : .matches,
                            notes: ["promised “\(promise.raw)”; shipped \(NumberFormat.short(elapsed)) \(unit) after the order"])
    }

    /// The size on the item received against the size ordered: a different one is 发错货.
    private func compareSizeLabel(_ measured: [Measurement], _ variant: OrderedVariant?) -> ComparedItem {
        guard let variant else {
            return ComparedItem(attribute: "size_label", kind: .size, promised: nil, otherPromises: [], promisedComposition: [], measured: measured,
                                difference: nil, differencePercent: nil, tolerance: nil, verdict: .measuredNotPromised,
                                notes: ["the ordered size is unknown: give --variant to check the size received"])
        }
        let received = Comparer.normalise(ValueText.plain(measured.last!.value))
        return ComparedItem(attribute: "size_label", kind: .size, promised: nil, otherPromises: [], promisedComposition: [], measured: measured,
                            difference: nil, differencePercent: nil, tolerance: nil, verdict: received == variant.value ? .matches : .mismatch,
                            notes: ["ordered \(variant.value) (\(variant.source)), received \(received)"])
    }

    // MARK: Materials

    /// Materials compare as sets with their shares: 100%棉 against 65%棉35%聚酯纤维 is a mismatch.
    private func compareComposition(_ promised: [Finding], _ measured: [Measurement]) -> ComparedItem {
        // A composition is the materials of one message; each message's composition is one promise.
        // In the order the files were given (chats first), each composition in file order.
        var compositions: [[Finding]] = []
        for finding in promised {
            if let index = compositions.firstIndex(where: { $0[0].path == finding.path && $0[0].messageLine == finding.messageLine }) {
                compositions[index].append(finding)
            } else {
                compositions.append([finding])
            }
        }
        var measuredShares: [String: Double?] = [:]
        for measurement in measured { measuredShares[ValueText.plain(measurement.value)] = measurement.percent }
        func verdict(_ composition: [Finding]) -> Verdict {
            for material in composition {
                let name = ValueText.plain(material.value)
                guard let share = measuredShares[name] else { return .mismatch }
                if let promisedShare = material.percent, let share, abs(promisedShare - share) > 1e-9 { return .mismatch }
                if material.percent == 100, measuredShares.count > 1 { return .mismatch }
            }
            return .matches
        }
        let verdicts = compositions.map(verdict)
        let chosen = verdicts.firstIndex(of: .mismatch) ?? compositions.count - 1
        var notes: [String] = []
        // Compositions disagree when one material is given different shares.
        var shares: [String: Set<Double>] = [:]
        for finding in promised { if let percent = finding.percent { shares[ValueText.plain(finding.value), default: []].insert(percent) } }
        if shares.values.contains(where: { $0.count > 1 }) {
            notes.append("promises disagree: " + compositions.map { c in c.map(ValueText.of).joined(separator: " + ") + " (\(c[0].path):\(c[0].line))" }.joined(separator: "; ")
                + "; the one more favourable to the buyer is used")
        }
        let composition = compositions[chosen]
        let detail = "no tolerance on fibre identity or labelled shares (民法典 Art. 511; 消法 Art. 23)"
        return ComparedItem(attribute: "material", kind: .material, promised: composition.first, otherPromises: compositions.enumerated().filter { $0.offset != chosen }.flatMap(\.element),
                            promisedComposition: composition, measured: measured, difference: nil, differencePercent: nil,
                            tolerance: AppliedTolerance(value: 0, percent: nil, direction: .both, source: .standard, detail: detail, verified: true),
                            verdict: verdicts[chosen], notes: notes)
    }

    // MARK: Variant

    /// The size the buyer ordered, from the last statement of it (我拍的XL, 那我拍M码了, 您拍的是L码).
    static func inferVariant(_ findings: [Finding]) -> OrderedVariant? {
        let ordering = ["拍", "买", "下单", "订", "要", "order", "bought"]
        guard let last = findings.last(where: { finding in
            finding.attribute == "size_label" && finding.stance != .question && ordering.contains { finding.quote.lowercased().contains($0) }
        }), case .text(let label)? = last.value else { return nil }
        return OrderedVariant(value: normalise(label), source: "inferred from \(last.path):\(last.line) (`\(last.raw)`)")
    }

    /// Promises and measurements meet on the attribute and the part it belongs to.
    static func key(_ attribute: String, _ part: String?) -> String {
        part.map { "\(attribute)|\($0)" } ?? attribute
    }

    /// `xl码` → `XL`, `XXL` → `2XL`: variant labels compare without case, 码/号, or X-counting.
    static func normalise(_ label: String) -> String {
        var text = label.trimmingBlanks().uppercased()
        while text.hasSuffix("码") || text.hasSuffix("号") || text.hasSuffix("的") { text.removeLast() }
        if text.count >= 3, let last = text.last, last == "L" || last == "S", text.dropLast().allSatisfy({ $0 == "X" }) {
            return "\(text.count - 1)X\(last)"
        }
        return text
    }

    /// Garment measures first, then the rest, in vocabulary kind order.
    static func order(_ attribute: String, _ catalog: Catalog) -> Int {
        let kinds: [FindingKind] = [.size, .dimension, .material, .quantity, .weight, .volume, .spec]
        return kinds.firstIndex(of: catalog.vocabulary.attributes[attribute]?.kind ?? .spec) ?? kinds.count
    }
}
