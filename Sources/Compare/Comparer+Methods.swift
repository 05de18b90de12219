import Catalog
import ChatModel
import Model

/// The comparisons other than a value within a tolerance: a label against the size ordered,
/// a dispatch window against the time taken, a composition against the care label.
extension Comparer {
    // MARK: Label

    /// The size on the item received against the size ordered: a different one is 发错货.
    func compareLabel(_ attribute: String, _ measured: [Measurement], _ variant: OrderedVariant?) -> ComparedItem {
        guard let variant, !variant.pickedFromFigures, let last = measured.last else {
            return ComparedItem(attribute: attribute, kind: .size, promised: nil, otherPromises: [], promisedComposition: [], measured: measured,
                                difference: nil, differencePercent: nil, tolerance: nil, verdict: .measuredNotPromised,
                                notes: measured.isEmpty ? [] : ["the ordered size is unknown: give --variant to check the size received"])
        }
        let received = OrderedVariant.normalise(ValueText.plain(last.value))
        return ComparedItem(attribute: attribute, kind: .size, promised: nil, otherPromises: [], promisedComposition: [], measured: measured,
                            difference: nil, differencePercent: nil, tolerance: nil, verdict: received == variant.value ? .matches : .mismatch,
                            notes: ["ordered \(variant.value) (\(variant.source)), received \(received)"])
    }

    // MARK: Dispatch

    /// How long the seller took to ship: from `--ordered`/`--shipped`, else from a measurement
    /// line such as `发货时间 3天`. Dates without a time count in whole days.
    func dispatchTime(_ window: AttributeEntry, _ measured: [Measurement], ordered: String?, shipped: String?) -> Measurement? {
        guard let ordered, let shipped, let start = OrderDate.moment(ordered), let end = OrderDate.moment(shipped) else { return measured.last }
        let hours = end.hours - start.hours
        let precise = start.hasTime && end.hasTime
        return Measurement(attribute: window.name, kind: window.kind, value: .number(precise ? hours : (hours / 24).rounded()),
                           unit: precise ? "hours" : "days", percent: nil, part: nil, source: "--ordered/--shipped",
                           raw: "ordered \(ordered), shipped \(shipped)")
    }

    /// The time to ship against the seller's tightest 48小时内发货: later is a mismatch. In days,
    /// the promise rounds up (48 hours = 2 days).
    func compareDispatch(_ window: AttributeEntry, _ promises: [Finding], _ taken: Measurement?) -> ComparedItem? {
        guard let taken else { return nil }
        let windows = promises.filter { $0.attribute == window.name }.compactMap { promise -> (Finding, Double)? in
            guard let bound = promise.max ?? promise.value?.number else { return nil }
            return (promise, promise.unit == "hours" ? bound : bound * 24)
        }
        guard let (promise, hours) = windows.min(by: { $0.1 < $1.1 }), case .number(let elapsed) = taken.value else {
            return ComparedItem(attribute: window.name, kind: window.kind, promised: nil, otherPromises: [], promisedComposition: [], measured: [taken],
                                difference: nil, differencePercent: nil, tolerance: nil, verdict: .measuredNotPromised, notes: [])
        }
        let unit = taken.unit == "hours" ? "hours" : "days"
        let allowed = unit == "hours" ? hours : (hours / 24).rounded(.up)
        var shown = promise
        shown.value = .number(allowed)
        shown.min = nil
        shown.max = nil
        shown.unit = unit
        return ComparedItem(attribute: window.name, kind: window.kind, promised: shown, otherPromises: [], promisedComposition: [], measured: [taken],
                            difference: elapsed - allowed, differencePercent: nil, tolerance: nil, verdict: elapsed > allowed ? .mismatch : .matches,
                            notes: ["promised “\(promise.raw)”; shipped \(NumberFormat.short(elapsed)) \(unit) after the order"])
    }

    // MARK: Composition

    /// Materials compare as sets with their shares: 100%棉 against 65%棉35%聚酯纤维 is a mismatch.
    func compareComposition(_ attribute: AttributeEntry, _ promised: [Finding], _ measured: [Measurement]) -> ComparedItem {
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
        // Labelled shares may differ by a few percentage points; the fibres themselves, and a
        // 纯/100% claim, may not.
        let tolerance = applied(attribute, promised: 0)
        func verdict(_ composition: [Finding]) -> Verdict {
            var verdict = Verdict.matches
            for material in composition {
                let name = ValueText.plain(material.value)
                // A blend's name (棉麻) with no share meets a label of its fibres (棉35% 麻65%).
                if measuredShares[name] == nil, material.percent == nil, let fibres = vocabulary.blends[name] {
                    guard fibres.allSatisfy({ measuredShares[$0] != nil }) else { return .mismatch }
                    continue
                }
                guard let share = measuredShares[name] else { return .mismatch }
                if material.percent == 100, measuredShares.count > 1 { return .mismatch }
                if let promisedShare = material.percent, let share, abs(promisedShare - share) > 1e-9 {
                    guard abs(promisedShare - share) <= (tolerance?.value ?? 0) + 1e-9 else { return .mismatch }
                    verdict = .withinTolerance
                }
            }
            return verdict
        }
        let verdicts = compositions.map(verdict)
        let chosen = verdicts.firstIndex(of: .mismatch) ?? verdicts.firstIndex(of: .withinTolerance) ?? compositions.count - 1
        var notes: [String] = []
        // Compositions disagree when one material is given different shares.
        var shares: [String: Set<Double>] = [:]
        for finding in promised { if let percent = finding.percent { shares[ValueText.plain(finding.value), default: []].insert(percent) } }
        if shares.values.contains(where: { $0.count > 1 }) {
            notes.append("promises disagree: " + compositions.map { c in c.map(ValueText.of).joined(separator: " + ") + " (\(c[0].path):\(c[0].line))" }.joined(separator: "; ")
                + "; the one more favourable to the buyer is used")
        }
        let composition = compositions[chosen]
        return ComparedItem(attribute: attribute.name, kind: attribute.kind, promised: composition.first,
                            otherPromises: compositions.enumerated().filter { $0.offset != chosen }.flatMap(\.element),
                            promisedComposition: composition, measured: measured, difference: nil, differencePercent: nil,
                            tolerance: tolerance, verdict: verdicts[chosen], notes: notes)
    }
}
