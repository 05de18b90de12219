import Catalog
import ChatModel
import Model

/// What promises and measurements meet on: an attribute, the part of the item it belongs to
/// (`length` of the `handle`) and the packaging level (the carton's length is not the item's).
struct Subject: Hashable, Comparable {
    let attribute: String
    let part: String?
    var level: String? = nil

    /// By attribute, part and level: the pairing steps visit subjects in this order, so a
    /// comparison never depends on a dictionary's hash order.
    static func < (a: Subject, b: Subject) -> Bool {
        (a.attribute, a.part ?? "", a.level ?? "") < (b.attribute, b.part ?? "", b.level ?? "")
    }
}

/// Compares promises with measurements, unit-aware and tolerance-aware. What each attribute
/// means (measurable, how it compares, its default tolerance, what a disclaimer covers) is
/// read from the vocabulary, never from its name.
public struct Comparer {
    public let catalog: Catalog
    /// `--tolerance` values by attribute.
    public var overrides: [String: AppliedTolerance] = [:]
    /// The kind of goods (`--category`, or inferred): its tolerances replace the general defaults.
    public var category: CategoryChoice?

    public init(catalog: Catalog, overrides: [String: AppliedTolerance] = [:], category: CategoryChoice? = nil) {
        self.catalog = catalog
        self.overrides = overrides
        self.category = category
    }

    /// The default tolerance of an attribute: its category's, else the general one.
    func defaultTolerance(_ attribute: AttributeEntry) -> DefaultTolerance? {
        categoryTolerance(attribute) ?? catalog.tolerances[attribute.tolerance]
    }

    /// The category's own default for an attribute, if it has one.
    func categoryTolerance(_ attribute: AttributeEntry) -> DefaultTolerance? {
        category?.category.tolerances[attribute.tolerance]
    }

    /// A default tolerance applied to a promised value, naming the category when it is the category's.
    func applied(_ attribute: AttributeEntry, promised: Double) -> AppliedTolerance? {
        defaultTolerance(attribute).map { AppliedTolerance($0, promised: promised, category: categoryTolerance(attribute) == nil ? nil : category?.category) }
    }

    var vocabulary: Vocabulary { catalog.vocabulary }

    /// The attribute's entry, or a bare one of the finding's kind for an attribute the vocabulary lacks.
    func entry(_ attribute: String, kind: FindingKind) -> AttributeEntry {
        if let known = vocabulary.attributes[attribute] { return known }
        let traits = vocabulary.kinds.first { $0.kind == kind }?.traits ?? KindTraits()
        var bare = AttributeEntry(name: attribute, kind: kind, aliases: [], traits: traits)
        if let tolerance = traits.tolerance { bare.tolerance = tolerance }
        return bare
    }

    /// `variant` is the one ordered (`--variant`, or inferred from the chat); size-chart
    /// promises of other variants are left out.
    public func compare(findings: [Finding], measurements: [Measurement], variant: OrderedVariant?, ordered: String? = nil, shipped: String? = nil) -> Comparison {
        let (promises, measurements, adjustableNotes) = Self.atTheEnds(findings.filter(\.isPromise), measurements)
        var warnings: [String] = []

        // Readings of goods the notes name by the size they were sold as (24": 58.5cm) meet
        // that variant's promise, whichever variant was ordered.
        var unsold = Self.flatAsPromised(measurements, promises)
        let soldAs = soldAsGroups(&unsold, promises)
        // Promises that apply to the ordered variant (or to every variant).
        var byAttribute: [Subject: [Finding]] = [:]
        var skippedVariants: [String: Set<String>] = [:]
        var otherVariants: Set<String> = [], otherAttributes: Set<String> = [], variantFound = false
        // A size's promise its own readings met (the S's waist under `S码：`) is compared there only.
        func key(_ promise: Finding) -> String { "\(promise.path):\(promise.line):\(promise.attribute):\(promise.part ?? ""):\(promise.raw)" }
        let metBySize = Set(soldAs.flatMap { $0.promised.map(key) })
        for promise in promises where !promise.attribute.isEmpty && entry(promise.attribute, kind: promise.kind).measurable {
            if promise.variant != nil, metBySize.contains(key(promise)) {
                variantFound = true
                continue
            }
            if let own = promise.variant {
                // A size that names itself (36 inch @36 inch) is no figure to pick a variant for.
                guard let variant else {
                    if promise.kind != .size { skippedVariants[promise.attribute, default: []].insert(own) }
                    continue
                }
                if !variant.matches(own) { otherVariants.insert(own); otherAttributes.insert(promise.attribute); continue }
                variantFound = true
            }
            byAttribute[Subject(attribute: promise.attribute, part: promise.part, level: promise.level), default: []].append(promise)
        }
        // Not when the item's own untagged figures cover what the other variants were given for
        // (BT-X6 is 20W; 30W is the BT-X8).
        let untagged = Set(promises.filter { $0.variant == nil }.map(\.attribute))
        if let variant, !variantFound, !otherVariants.isEmpty, !otherAttributes.isSubset(of: untagged) {
            // A size the chart does not have (XXL on a chart that stops at XL): its figures cannot be compared.
            let names = otherVariants.map(OrderedVariant.normalise).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.sorted()
            warnings.append("\(variant.value) (\(variant.source)) is not among the variants the seller gave figures for (\(names.prefix(12).joined(separator: ", "))\(names.count > 12 ? ", …" : "")): those figures were not compared")
        }
        for (attribute, variants) in skippedVariants.sorted(by: { $0.key < $1.key })
        where byAttribute[Subject(attribute: attribute, part: nil)] == nil && !soldAs.contains(where: { $0.promised[0].attribute == attribute }) {
            warnings.append("\(attribute): promised per size or model (\(variants.sorted().joined(separator: ", "))) but the one ordered is unknown: give --variant")
        }
        var modelNotes = Self.withoutOtherModelsNames(&byAttribute, variantNames: Set(promises.compactMap(\.variant).map(OrderedVariant.normalise)), ordered: variant)
        var measuredBy = Dictionary(grouping: Self.countsOfOtherThings(unsold, promises)) { Subject(attribute: $0.attribute, part: $0.part, level: $0.level) }
        var levelNotes = pairCountLevels(&measuredBy, byAttribute)
        levelNotes.merge(pairPartOnly(&measuredBy, byAttribute)) { first, _ in first }
        levelNotes.merge(pairNarrowed(&measuredBy, &byAttribute)) { first, _ in first }
        levelNotes.merge(pairByUnit(&measuredBy, byAttribute, unboundUnits: Self.unboundUnits(promises))) { first, _ in first }
        var dispatch: ComparedItem?
        if let window = vocabulary.attributes.values.first(where: { $0.comparison == .dispatch }) {
            let measured = measuredBy.removeValue(forKey: Subject(attribute: window.name, part: nil)) ?? []
            if let line = measured.last, ordered != nil, shipped != nil {
                warnings.append("\(window.name): `\(line.raw)` (\(line.source)) not used: --ordered/--shipped give the dispatch time")
            }
            dispatch = compareDispatch(window, promises, dispatchTime(window, measured, ordered: ordered, shipped: shipped))
        }
        var paired = pairUnbound(promises, &byAttribute, measuredBy).merging(adjustableNotes) { first, _ in first }
        paired.merge(pairTuplesBySize(promises, &byAttribute, measuredBy)) { first, _ in first }
        let disclaimers = promises.filter { $0.kind == .tolerance }
        let tolerances = disclaimers.filter { vocabulary.attributes[$0.attribute]?.disclaimer == .measurements }
        paired.merge(boundByPackaging(&measuredBy, byAttribute, tolerances)) { first, _ in first }

        var items: [ComparedItem] = []
        let subjects = Set(byAttribute.keys).union(measuredBy.keys).sorted { a, b in
            (vocabulary.displayOrder(a.attribute), a.attribute, a.part ?? "", a.level ?? "") < (vocabulary.displayOrder(b.attribute), b.attribute, b.part ?? "", b.level ?? "")
        }
        for subject in subjects {
            let promised = byAttribute[subject] ?? []
            let measured = measuredBy[subject] ?? []
            let attribute = subject.attribute
            let kind = promised.first?.kind ?? measured.first?.kind ?? vocabulary.attributes[attribute]?.kind ?? .spec
            let traits = entry(attribute, kind: kind)
            if traits.comparison == .label {
                items.append(compareLabel(attribute, measured, variant))
            } else if promised.isEmpty {
                items.append(ComparedItem(attribute: attribute, kind: kind, promised: nil, otherPromises: [], promisedComposition: [], measured: measured,
                                          difference: nil, differencePercent: nil, tolerance: nil, verdict: .measuredNotPromised, notes: []))
            } else if measured.isEmpty {
                items.append(ComparedItem(attribute: attribute, kind: kind, promised: promised.last, otherPromises: Array(promised.dropLast()),
                                          promisedComposition: [], measured: [], difference: nil, differencePercent: nil, tolerance: nil,
                                          verdict: .notMeasured, notes: []))
            } else if traits.comparison == .composition {
                items.append(compareComposition(traits, promised, measured))
            } else {
                var item = compareValues(traits, kind, promised, measured, tolerances)
                if let note = paired[subject] ?? levelNotes.removeValue(forKey: subject) { item.notes.insert(note, at: 0) }
                if let note = modelNotes.removeValue(forKey: subject) { item.notes.append(note) }
                if item.promised?.adjustable == true {
                    item.notes.append("the size is adjustable: a reading inside its range shows little; measure it at the lowest and the highest position (write 最低/lowest or 最高/highest on the line)")
                }
                // 色差 covers a shade, not another colour family.
                if traits.words == "colors", item.verdict == .mismatch,
                   let shade = disclaimers.first(where: { vocabulary.attributes[$0.attribute]?.disclaimer == .shade }) {
                    item.notes.append("the seller's “\(shade.raw)” (\(shade.path):\(shade.line)) covers a shade, not a different colour")
                }
                items.append(item)
            }
        }
        for group in soldAs {
            let entry = entry(group.promised[0].attribute, kind: group.promised[0].kind)
            var item = compareValues(entry, group.promised[0].kind, group.promised, group.measured.map { $0.renamed(entry.name, kind: group.promised[0].kind) }, tolerances)
            item.notes.insert("the notes name the goods measured by the size they were sold as (“\(group.measured[0].soldAs!)”): compared with the promise for that size, \(group.promised[0].variant!) (inference)", at: 0)
            if let named = group.measured.first?.attribute, !named.isEmpty, named != group.promised[0].attribute {
                item.notes.insert("measured as \(named); the seller's “\(group.promised[0].raw)” names no sides, so the side nearest in size (\(group.promised[0].attribute)) was taken (inference)", at: 1)
            }
            items.append(item)
        }
        if let dispatch { items.append(dispatch) }
        let commitments = promises.filter { entry($0.attribute, kind: $0.kind).commitment }
        var comparison = Comparison(items: items, variant: variant, commitments: commitments, disclaimers: disclaimers, warnings: warnings)
        comparison.category = category
        return comparison
    }

    /// A girth noted flat and doubled (腰围平量 23.5 → 47) is compared as written when the
    /// promise is itself a flat figure: near the half, far from the whole (a chart's 腰围 24).
    static func flatAsPromised(_ measurements: [Measurement], _ promises: [Finding]) -> [Measurement] {
        let note = "measured flat: doubled to the whole girth"
        return measurements.map { measurement in
            guard measurement.notes.contains(note), case .number(let whole) = measurement.value else { return measurement }
            let half = whole / 2
            let figures = promises.filter { $0.attribute == measurement.attribute }.compactMap(\.figure)
            guard !figures.isEmpty, figures.allSatisfy({ abs($0 - half) <= 0.15 * half }) else { return measurement }
            var flat = measurement.with(value: half)
            flat.notes = measurement.notes.filter { $0 != note } + ["measured flat; the promise (\(figures.map(NumberFormat.short).joined(separator: ", "))) is a flat figure too, so it is compared as written (inference)"]
            return flat
        }
    }

    /// Readings noted under the size the goods were sold as (`24": 58.5cm`, or the lines under
    /// a heading `16 kg:`), taken out of `measurements` where that variant's promises meet them:
    /// a reading with an attribute meets that variant's promise of the same attribute, part and
    /// level; readings with none meet the one attribute promised for that size in their unit.
    /// A reading no promise of its size meets stays with the others.
    private func soldAsGroups(_ measurements: inout [Measurement], _ promises: [Finding]) -> [(promised: [Finding], measured: [Measurement])] {
        var groups: [(promised: [Finding], measured: [Measurement])] = []
        let sizes = measurements.compactMap(\.soldAs).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for size in sizes {
            let sold = OrderedVariant(value: size, source: "notes")
            let own = promises.filter { promise in
                promise.variant.map(sold.matches) == true && promise.kind != .size && entry(promise.attribute, kind: promise.kind).measurable
            }
            // Readings that name their attribute (the lines under `16 kg:`).
            let named = measurements.filter { $0.soldAs == size && !$0.attribute.isEmpty }
            let subjects = named.map { Subject(attribute: $0.attribute, part: $0.part, level: $0.level) }.reduce(into: [Subject]()) { if !$0.contains($1) { $0.append($1) } }
            for subject in subjects {
                var promised = own.filter { $0.attribute == subject.attribute && $0.part == subject.part && $0.level == subject.level }
                // 高 18 against a tuple read as 13 × 18 (width, length by size): a side the seller's
                // tuple did not name meets the unnamed side nearest it, said as an inference.
                if promised.isEmpty, let value = named.first(where: { Subject(attribute: $0.attribute, part: $0.part, level: $0.level) == subject })?.value.number,
                   let side = own.filter({ promise in
                       promise.attributeInferred && promise.kind == .dimension && promise.part == subject.part && promise.level == subject.level
                           && !subjects.contains { $0.attribute == promise.attribute && $0.part == subject.part && $0.level == subject.level }
                   }).min(by: { abs(($0.figure ?? 0) - value) < abs(($1.figure ?? 0) - value) }),
                   let figure = side.figure, abs(figure - value) <= 0.2 * figure {
                    promised = [side]
                }
                guard !promised.isEmpty else { continue }
                let readings = named.filter { Subject(attribute: $0.attribute, part: $0.part, level: $0.level) == subject }
                groups.append((promised, readings))
                measurements.removeAll { $0.soldAs == size && Subject(attribute: $0.attribute, part: $0.part, level: $0.level) == subject }
            }
            // Readings with no attribute (`24": 58.5cm, 58.4`): the one attribute promised for that size in their unit.
            let readings = measurements.filter { $0.soldAs == size && $0.attribute.isEmpty }
            guard let unit = readings.first?.unit else { continue }
            let candidates = own.filter { $0.unit == unit && $0.level == nil }
            // One attribute only: what the readings measure must not be a guess between two.
            guard !candidates.isEmpty, Set(candidates.map(\.attribute)).count == 1 else { continue }
            groups.append((candidates, readings))
            measurements.removeAll { $0.soldAs == size && $0.attribute.isEmpty }
        }
        return groups
    }

    /// A figure that is another model's name (the 450ml, which other figures are said for:
    /// 410g @450ml) is not this item's promise when the same attribute has other figures: it
    /// is set aside, and the note says so. Not when it is the variant ordered.
    static func withoutOtherModelsNames(_ byAttribute: inout [Subject: [Finding]], variantNames: Set<String>, ordered: OrderedVariant?) -> [Subject: String] {
        var notes: [Subject: String] = [:]
        guard !variantNames.isEmpty else { return notes }
        for subject in byAttribute.keys.sorted() {
            let promises = byAttribute[subject]!
            // A size written as sides (140*180cm) names a size row, not a model: left to the variant rules.
            let names = promises.filter { promise in
                promise.variant == nil && !promise.raw.contains(where: { "*×xX＊".contains($0) })
                    && variantNames.contains(OrderedVariant.normalise(promise.raw.replacingOccurrences(of: " ", with: "")))
                    && ordered.map { !$0.matches(promise.raw) } ?? true
            }
            guard !names.isEmpty, names.count < promises.count else { continue }
            byAttribute[subject] = promises.filter { promise in !names.contains { $0.path == promise.path && $0.line == promise.line && $0.raw == promise.raw } }
            notes[subject] = "set aside: " + names.map { "“\($0.raw)” (\($0.path):\($0.line))" }.joined(separator: ", ")
                + " names another model, which other figures are given for (an inference)"
        }
        return notes
    }

    /// A count measured with no packaging level named (数量 46个) meets the count promised when
    /// the seller promised counts at one level only (一箱50个): the note says it was taken so.
    private func pairCountLevels(_ measuredBy: inout [Subject: [Measurement]], _ byAttribute: [Subject: [Finding]]) -> [Subject: String] {
        var notes: [Subject: String] = [:]
        for subject in measuredBy.keys.sorted() where subject.level == nil && vocabulary.attributes[subject.attribute]?.kind == .quantity {
            let levels = Set(byAttribute.keys.filter { $0.attribute == subject.attribute && $0.part == subject.part }.map(\.level))
            guard levels.count == 1, let level = levels.first, let named = level else { continue }
            var moved = subject
            moved.level = named
            guard measuredBy[moved] == nil else { continue }
            measuredBy[moved] = measuredBy.removeValue(forKey: subject)
            notes[moved] = "the count measured names no level; the seller promised counts per \(named) only, so it is taken as per \(named)"
        }
        return notes
    }

    /// Counts that name what they count (9个框, 无痕钉 20个): where a count promise's words name
    /// the thing of one of them (一套10个框), a count of something else (the nails) is kept apart
    /// under its own name and not compared with it.
    static func countsOfOtherThings(_ measurements: [Measurement], _ promises: [Finding]) -> [Measurement] {
        // The thing each count promise names right after its figure (一套10个框 → 框).
        let promised = promises.filter { $0.kind == .quantity }.compactMap { promise -> String? in
            guard let range = promise.quote.range(of: promise.raw) else { return nil }
            return CountedThing.after(String(promise.quote[range.upperBound...]))
        }
        func same(_ a: String, _ b: String) -> Bool { a.contains(b) || b.contains(a) }
        let named = measurements.filter { $0.kind == .quantity && $0.counted != nil }
        guard named.contains(where: { count in promised.contains { same($0, count.counted!) } }) else { return measurements }
        return measurements.map { measurement in
            guard measurement.kind == .quantity, let thing = measurement.counted, !promised.contains(where: { same($0, thing) }) else { return measurement }
            var apart = measurement.renamed(measurement.attribute, part: .some(thing))
            apart.notes.append("a count of \(thing), which no count promise names: not compared with the promised count")
            return apart
        }
    }

    /// A part measured with no attribute named (backrest 60) meets the promise for that part
    /// when the seller promised one attribute of it only (靠背高60cm): the note says so.
    private func pairPartOnly(_ measuredBy: inout [Subject: [Measurement]], _ byAttribute: [Subject: [Finding]]) -> [Subject: String] {
        var notes: [Subject: String] = [:]
        // A part measured (handle dia 32mm) meets the item-wide promise of that attribute when
        // a promise's own message names the part (handle is chrome steel, diameter 32mm) and
        // nothing else measured it.
        for subject in measuredBy.keys.sorted() where !subject.attribute.isEmpty && subject.part != nil {
            let general = Subject(attribute: subject.attribute, part: nil, level: subject.level)
            guard byAttribute[subject] == nil, measuredBy[general] == nil, let promises = byAttribute[general], let part = subject.part,
                  promises.contains(where: { promise in (vocabulary.parts.entries[part] ?? [part]).contains { vocabulary.folding.fold(promise.quote).lowercased().contains($0.lowercased()) } }),
                  let measured = measuredBy.removeValue(forKey: subject) else { continue }
            measuredBy[general] = measured
            notes[general] = "the notes measure the \(part) (“\(measured.last!.raw)”); the promise names no part, but its message speaks of the \(part), so they are compared (inference)"
        }
        for subject in measuredBy.keys.sorted() where subject.attribute.isEmpty {
            guard let part = subject.part else { continue }
            let promised = Set(byAttribute.keys.filter { $0.part == part && $0.level == subject.level })
            guard promised.count == 1, let target = promised.first, measuredBy[target] == nil, let measured = measuredBy.removeValue(forKey: subject) else { continue }
            measuredBy[target] = measured.map { $0.renamed(target.attribute, kind: byAttribute[target]?.first?.kind) }
            notes[target] = "the notes name the \(part) only (“\(measured.last!.raw)”); the one thing promised for it is its \(target.attribute), so they are compared (inference)"
        }
        return notes
    }

    /// The units the seller wrote one figure in with no attribute (Max reach is 62 cm), not a
    /// named promise said again (线长8米 … 一支8米): `pairUnbound` pairs that figure.
    private static func unboundUnits(_ promises: [Finding]) -> Set<String> {
        let named = promises.filter { !$0.attribute.isEmpty }
        let unbound = promises.filter { unbound in
            unbound.attribute.isEmpty && unbound.kind != .tolerance
                && !named.contains { $0.unit == unbound.unit && $0.value?.number != nil && $0.value?.number == unbound.value?.number }
        }
        return Set(Dictionary(grouping: unbound.compactMap(\.unit), by: { $0 }).filter { $0.value.count == 1 }.keys)
    }

    /// A figure noted with no word for what it measures (连续放歌 4小时10分) meets the one
    /// promise in its unit that nothing else measured: the note says so. A unit the seller also
    /// wrote a figure in with no attribute (`unboundUnits`) is left to `pairUnbound`.
    private func pairByUnit(_ measuredBy: inout [Subject: [Measurement]], _ byAttribute: [Subject: [Finding]], unboundUnits: Set<String>) -> [Subject: String] {
        var notes: [Subject: String] = [:]
        for subject in measuredBy.keys.sorted() where subject.attribute.isEmpty && subject.part == nil {
            guard let measured = measuredBy[subject] else { continue }
            // Each unit on its own: 3.46 mm and ±100 g noted bare are two things.
            var paired: Set<String> = []
            for unit in Set(measured.compactMap(\.unit)).subtracting(unboundUnits).sorted() {
                let targets = byAttribute.filter { key, promises in
                    measuredBy[key] == nil && !entry(key.attribute, kind: promises[0].kind).commitment && promises.contains { $0.unit == unit } && key.level == subject.level
                }.map(\.key)
                guard targets.count == 1, let target = targets.first else { continue }
                let group = measured.filter { $0.unit == unit }
                measuredBy[target] = group.map { $0.renamed(target.attribute, kind: byAttribute[target]![0].kind, part: .some(target.part)) }
                notes[target] = "the notes say no word for what was measured (“\(group.last!.raw)”); the only promise in \(unit) is the \(target.attribute), so they are compared (inference)"
                paired.insert(unit)
            }
            let left = measured.filter { !paired.contains($0.unit ?? "") }
            measuredBy[subject] = left.isEmpty ? nil : left
        }
        return notes
    }

    /// A general word on one side and the narrower one on the other (a chart's `Length`
    /// against the notes' 衣长, or `length 29 in` against 衣长 promised) meet when that narrower
    /// attribute is the only one of the general word promised or measured: the note says so.
    private func pairNarrowed(_ measuredBy: inout [Subject: [Measurement]], _ byAttribute: inout [Subject: [Finding]]) -> [Subject: String] {
        var notes: [Subject: String] = [:]
        let narrower = Dictionary(grouping: vocabulary.attributes.values.filter { $0.narrows != nil }) { $0.narrows! }
        for (general, entries) in narrower.sorted(by: { $0.key < $1.key }) {
            let names = Set(entries.map(\.name))
            // Measured general, promised narrower.
            for subject in measuredBy.keys.sorted() where subject.attribute == general && byAttribute[subject] == nil {
                // A general word with no level meets a narrower one that has its own (毛重 and a carton weighed).
                let targets = byAttribute.keys.filter { names.contains($0.attribute) && $0.part == subject.part && ($0.level == subject.level || subject.level == nil) }
                guard targets.count == 1, let target = targets.first, measuredBy[target] == nil, let measured = measuredBy.removeValue(forKey: subject) else { continue }
                measuredBy[target] = measured
                notes[target] = "measured as \(general) (“\(measured.last!.raw)”); the only \(general) promised is the \(target.attribute), so they are compared (inference)"
            }
            // Promised general, measured narrower.
            for subject in byAttribute.keys.sorted() where subject.attribute == general && measuredBy[subject] == nil {
                let targets = measuredBy.keys.filter { names.contains($0.attribute) && $0.part == subject.part && ($0.level == subject.level || subject.level == nil) && byAttribute[$0] == nil }
                guard targets.count == 1, let target = targets.first, let promised = byAttribute.removeValue(forKey: subject) else { continue }
                byAttribute[target] = promised.map { promise in
                    var named = promise
                    named.attribute = target.attribute
                    return named
                }
                notes[target] = "promised as \(general) (“\(promised.last!.raw)”); the only \(general) measured is the \(target.attribute), so they are compared (inference)"
            }
        }
        return notes
    }

    /// A quantity the seller wrote with no attribute (`The cord is 75 cm` read as a length of
    /// nothing named) is compared only where it is the one such quantity of its kind and exactly
    /// one measurement of that kind has no promise to meet: then they meet, and the note says so.
    private func pairUnbound(_ promises: [Finding], _ byAttribute: inout [Subject: [Finding]], _ measuredBy: [Subject: [Measurement]]) -> [Subject: String] {
        func family(_ unit: String?) -> String? { unit.flatMap { vocabulary.units[$0]?.quantity } }
        let unbound = Dictionary(grouping: promises.filter { $0.attribute.isEmpty && $0.kind != .tolerance }) { family($0.unit) ?? "" }
        let unmet = Dictionary(grouping: measuredBy.keys.filter { subject in
            byAttribute[subject] == nil && vocabulary.attributes[subject.attribute].map { $0.comparison == .value } ?? true
        }) { family(measuredBy[$0]?.last?.unit) ?? "" }
        var notes: [Subject: String] = [:]
        for (name, quantities) in unbound.sorted(by: { $0.key < $1.key }) where !name.isEmpty {
            guard quantities.count == 1, let subjects = unmet[name], subjects.count == 1 else { continue }
            var promise = quantities[0]
            promise.attribute = subjects[0].attribute
            byAttribute[subjects[0]] = [promise]
            notes[subjects[0]] = "paired by unit: the seller's “\(promise.raw)” (\(promise.path):\(promise.line)) names no attribute; it is the only "
                + "\(name) promised without one, and \(subjects[0].attribute) the only \(name) measured without a promise"
        }
        return notes
    }

    /// An adjustable size (升降范围 65-105cm) measured at its lowest and highest positions is
    /// compared end by end: `height_lowest` 65 against the lowest measured, `height_highest`
    /// 105 against the highest. A position measured with no adjustable promise is a plain size.
    static func atTheEnds(_ promises: [Finding], _ measurements: [Measurement]) -> ([Finding], [Measurement], [Subject: String]) {
        guard measurements.contains(where: { $0.position != nil }) else { return (promises, measurements, [:]) }
        let adjustable = Set(promises.filter { $0.adjustable && $0.min != nil && $0.max != nil }.map(\.attribute))
        let promised = Set(promises.map(\.attribute))
        // A position noted with no word for what was measured (最低档 52cm) is of the one adjustable size promised.
        let onlyAdjustable = adjustable.count == 1 ? adjustable.first : nil
        let measured = measurements.map { measurement in
            guard let position = measurement.position else { return measurement }
            let attribute = measurement.attribute.isEmpty && measurement.part == nil ? onlyAdjustable ?? "" : measurement.attribute
            guard adjustable.contains(attribute) || promised.contains(attribute + "_" + position) else { return measurement }
            var end = measurement.renamed(attribute + "_" + position)
            if measurement.attribute.isEmpty { end.notes.append("no word for what was measured: the one adjustable size promised, \(attribute) (inference)") }
            return end
        }
        let ends = Set(measured.filter { $0.position != nil }.map(\.attribute))
        var result: [Finding] = []
        var notes: [Subject: String] = [:]
        for promise in promises {
            let halves = [("lowest", promise.min), ("highest", promise.max)].filter { ends.contains(promise.attribute + "_" + $0.0) }
            guard promise.adjustable, promise.min != nil, promise.max != nil, !halves.isEmpty else { result.append(promise); continue }
            for (position, end) in [("lowest", promise.min!), ("highest", promise.max!)] {
                var half = promise
                half.attribute = promise.attribute + "_" + position
                half.value = .number(end)
                half.min = nil
                half.max = nil
                half.adjustable = false
                result.append(half)
                notes[Subject(attribute: half.attribute, part: half.part, level: half.level)] =
                    "the \(position) end of the adjustable range “\(promise.raw)” (\(promise.path):\(promise.line)), against the size measured at the \(position) position"
            }
        }
        return (result, measured, notes)
    }

    /// The members of a tuple the seller wrote with no labels (90*40*180) carry attributes only
    /// inferred from their position. When the buyer measured as many sides of that item, with
    /// no other promise for them, the figures are paired by size instead: largest with largest.
    private func pairTuplesBySize(_ promises: [Finding], _ byAttribute: inout [Subject: [Finding]], _ measuredBy: [Subject: [Measurement]]) -> [Subject: String] {
        // In the order written, of those that apply to the variant ordered.
        let inferred = promises.filter { promise in
            promise.attributeInferred && promise.kind == .dimension
                && byAttribute[Subject(attribute: promise.attribute, part: promise.part, level: promise.level)]?.contains { $0.line == promise.line && $0.path == promise.path && $0.value == promise.value } == true
        }
        var notes: [Subject: String] = [:]
        for (_, members) in Dictionary(grouping: inferred, by: { "\($0.path):\($0.line):\($0.level ?? ""):\($0.inference!)" }).sorted(by: { $0.key < $1.key }) {
            let level = members[0].level
            let sides = measuredBy.keys.sorted().filter { subject in
                subject.part == members[0].part && subject.level == level && vocabulary.attributes[subject.attribute]?.kind == .dimension
                    && measuredBy[subject]?.last?.value.number != nil
                    && (byAttribute[subject] ?? []).allSatisfy { promise in members.contains { $0.attribute == promise.attribute && $0.value == promise.value } }
                    && (members.contains { $0.attribute == subject.attribute } || byAttribute[subject] == nil)
            }
            guard sides.count == members.count, members.count >= 2 else { continue }
            let promised = members.sorted { $0.value?.number ?? 0 > $1.value?.number ?? 0 }
            let measured = sides.sorted { measuredBy[$0]?.last?.value.number ?? 0 > measuredBy[$1]?.last?.value.number ?? 0 }
            for member in members {
                let subject = Subject(attribute: member.attribute, part: member.part, level: member.level)
                byAttribute[subject]?.removeAll { $0.line == member.line && $0.path == member.path && $0.inference == member.inference }
                if byAttribute[subject]?.isEmpty == true { byAttribute[subject] = nil }
            }
            func amount(_ finding: Finding) -> String { ValueText.plain(finding.value) + (finding.unit.map { " " + $0 } ?? "") }
            let pairs = zip(promised, measured).map { promise, side in "\(amount(promise)) with \(side.attribute)" }
            let tuple = members.map { ValueText.plain($0.value) }.joined(separator: " × ") + (members[0].unit.map { " " + $0 } ?? "")
            for (promise, side) in zip(promised, measured) {
                var moved = promise
                moved.attribute = side.attribute
                byAttribute[side, default: []].append(moved)
                notes[side] = "paired by size: the seller's \(tuple) (\(promise.path):\(promise.line)) names no sides, so its figures were matched with the measured ones largest to largest (\(pairs.joined(separator: ", ")))"
            }
        }
        return notes
    }

    /// A weight the buyer took with the packaging (连纸箱一起称) says nothing of the item's
    /// own weight unless it is already below it: then the item is short by at least that much,
    /// and it is compared with the promised weight; otherwise it stays the package's, unpromised.
    private func boundByPackaging(_ measuredBy: inout [Subject: [Measurement]], _ byAttribute: [Subject: [Finding]], _ tolerances: [Finding]) -> [Subject: String] {
        var notes: [Subject: String] = [:]
        for subject in measuredBy.keys.sorted() where subject.level != nil && subject.part == nil && byAttribute[subject] == nil {
            guard let measurement = measuredBy[subject]?.last, measurement.kind == .weight,
                  let traits = vocabulary.attributes.values.first(where: { $0.kind == .weight && $0.quantity == "mass" }) ?? vocabulary.attributes["weight"],
                  let promised = byAttribute[Subject(attribute: traits.name, part: nil)], !promised.isEmpty else { continue }
            // With the item weighed too, the packed weights join its readings (far apart promises,
            // a ball's 100 g and a pack's 1000 g, then meet the nearest).
            let item = Subject(attribute: traits.name, part: nil)
            let trial = compareValues(traits, .weight, promised, [measurement], tolerances)
            guard trial.verdict == .mismatch, (trial.difference ?? 0) < 0 else { continue }
            measuredBy[item] = (measuredBy[item] ?? []) + (measuredBy.removeValue(forKey: subject) ?? [])
            notes[item] = "weighed with its packaging (“\(measurement.raw)”, \(measurement.source)) and already below the promised weight: the item alone weighs less still, so it is short by at least this much"
        }
        return notes
    }

    // MARK: Values

    /// A measured count, or infinity for one that is not a number.
    private static func count(_ measurement: Measurement) -> Double {
        if case .number(let value) = measurement.value { return value }
        return .infinity
    }

    /// Figures far apart: the largest over half as large again as the smallest (45 against
    /// 80 cm), so not one thing measured or promised twice.
    private static func farApart(_ values: [Double]) -> Bool {
        values.count > 1 && (values.min() ?? 0) > 0 && values.max()! / values.min()! > 1.5
    }

    /// Verdicts worst first, for picking the pair that falls shortest.
    private static let rank: [Verdict: Int] = [.mismatch: 0, .withinTolerance: 1, .matches: 2]

    private func compareValues(_ attribute: AttributeEntry, _ kind: FindingKind, _ promised: [Finding], _ measured: [Measurement], _ sellerTolerances: [Finding]) -> ComparedItem {
        // A tested figure before one read off a marking (铭牌 12W, then 功率计 7.6W).
        var used = measured.lastIndex { !$0.isMarking } ?? measured.count - 1
        // An average noted beside single readings (avg of 20: 261 g; heaviest 268, lightest 255)
        // stands for them all (word list `average`).
        let averageWords = vocabulary.words("average").map { $0.lowercased() }
        let averaged = measured.lastIndex { measurement in !measurement.isMarking && averageWords.contains { measurement.raw.lowercased().contains($0) } }
        if let averaged, measured.count > 1 { used = averaged }
        var apartNote: String?
        // Measured figures far apart (bath towel 138.6, hand towel 34; a chest of 97 and a
        // panel 2 mm thick) are of different things: each promise goes with the measurement
        // nearest it, and of those pairs the one that falls shortest is shown.
        let measuredValues = measured.compactMap(\.value.number)
        if Self.farApart(measuredValues) {
            // Each measurement with its nearest promise. A promise keeps its nearest measurement,
            // or, of those close to that one (two packs counted, 482 and 485 of 500), the one that
            // falls shortest; one far from it (the wardrobe's 200 beside its hanging area's 105)
            // is of something else.
            var nearOf: [Int: [(index: Int, verdict: Int, distance: Double, value: Double)]] = [:]
            for (index, measurement) in measured.enumerated() where !measurement.isMarking {
                let pairs = promised.enumerated().map { ($0.offset, compare(attribute, kind, $0.element, measurement, sellerTolerances)) }
                    .filter { $0.1.differencePercent != nil }
                guard let (promise, nearest) = pairs.min(by: { abs($0.1.differencePercent!) < abs($1.1.differencePercent!) }),
                      let verdict = Self.rank[nearest.verdict], case .number(let value) = measurement.value else { continue }
                nearOf[promise, default: []].append((index, verdict, abs(nearest.differencePercent!), value))
            }
            var nearestFor: [Int: (index: Int, verdict: Int, distance: Double)] = [:]
            for (promise, candidates) in nearOf {
                guard let nearest = candidates.min(by: { $0.distance < $1.distance }) else { continue }
                let close = candidates.filter { !Self.farApart([$0.value, nearest.value]) }
                if let worst = close.min(by: { ($0.verdict, -$0.distance) < ($1.verdict, -$1.distance) }) {
                    nearestFor[promise] = (worst.index, worst.verdict, worst.distance)
                }
            }
            let best = nearestFor.values.min { ($0.verdict, $0.distance, $0.index) < ($1.verdict, $1.distance, $1.index) }
            if let best {
                used = best.index
                apartNote = "measured figures far apart (" + measured.map { "“\($0.raw)”" }.joined(separator: ", ")
                    + "): each is of something else, taken with the promise nearest it; the one shown (\(measured[best.index].source)) falls shortest (inference)"
            }
        }
        // Counts taken several times are of several packs: the lowest is the shortfall shown.
        var lowestCount = false
        if apartNote == nil, averaged == nil, kind == .quantity, measured.count > 1,
           let lowest = measured.indices.min(by: { Self.count(measured[$0]) < Self.count(measured[$1]) }) {
            used = lowest
            lowestCount = true
        }
        // One thing measured several times (349, 352, 351 ml): the reading furthest from the
        // promise is shown, so a shortfall never hides behind a later reading.
        var furthest = false
        // (Only readings of one line or one label: 内径长 and 外径长 are two things.)
        func label(_ raw: String) -> String { String(raw.filter { $0.isLetter }) }
        let oneThing = Set(measured.map(\.source)).count == 1 || Set(measured.map { label($0.raw) }).count == 1
        if apartNote == nil, averaged == nil, !lowestCount, measured.count > 1, oneThing, !measured.contains(where: \.isMarking), let reference = promised.first {
            let ranked = measured.indices.map { ($0, compare(attribute, kind, reference, measured[$0], sellerTolerances)) }
            if let worst = ranked.min(by: { (Self.rank[$0.1.verdict] ?? 3, -abs($0.1.difference ?? 0), -$0.0) < (Self.rank[$1.1.verdict] ?? 3, -abs($1.1.difference ?? 0), -$1.0) }) {
                used = worst.0
                furthest = true
            }
        }
        let measurement = measured[used]
        var candidates: [ComparedItem] = []
        for promise in promised {
            candidates.append(compare(attribute, kind, promise, measurement, sellerTolerances))
        }
        // Figures far apart (the larger over half as large again: 45 against 80 cm) are not one
        // promise said twice: one is likely about something else (another product's line, another
        // model). Then a claim rests only on the nearest of them; figures close together keep the
        // one more favourable to the buyer.
        let values = promised.compactMap(\.figure)
        let farApart = Self.farApart(values)
        let rank = Self.rank
        // Far apart, a figure (10 kg) goes before a bound (up to 50 kg: the range on offer), which any
        // measurement under it meets.
        func bound(_ item: ComparedItem) -> Int { item.promised?.value == nil ? 1 : 0 }
        let chosen = candidates.enumerated().min { a, b in
            farApart
                ? (bound(a.element), abs(a.element.difference ?? 0), -(rank[a.element.verdict] ?? 3), a.offset)
                    < (bound(b.element), abs(b.element.difference ?? 0), -(rank[b.element.verdict] ?? 3), b.offset)
                : (rank[a.element.verdict] ?? 3, -abs(a.element.difference ?? 0), a.offset) < (rank[b.element.verdict] ?? 3, -abs(b.element.difference ?? 0), b.offset)
        }!
        var notes = chosen.element.notes
        let others = promised.enumerated().filter { $0.offset != chosen.offset }.map(\.element)
        // The same figure said for the variant and for the item is no disagreement.
        let distinct = Set(promised.map { promise in
            var value = promise
            value.variant = nil
            // 24 fl oz and 710 ml are one figure: three significant digits decide.
            if case .number(let number)? = value.value, number != 0 {
                var scale = 1.0
                while abs(number) * scale < 100 { scale *= 10 }
                while abs(number) * scale >= 1000 { scale /= 10 }
                value.value = .number((number * scale).rounded() / scale)
            }
            return ValueText.of(value)
        })
        if distinct.count > 1 {
            let said = promised.map { "\(ValueText.of($0)) (\($0.path):\($0.line))" }.joined(separator: "; ")
            notes.append(farApart
                ? "promises far apart: \(said); too far apart to be one figure, so the nearest to the measurement is used and the others are not claimed"
                : "promises disagree: \(said); the one more favourable to the buyer is used")
        }
        if let apartNote {
            notes.append(apartNote)
        } else if let averaged, measured.count > 1, used == averaged {
            notes.append("measured \(measured.count) times; the average noted (\(measured[averaged].source)) is used")
        } else if lowestCount {
            notes.append("counted \(measured.count) times (" + measured.map { "“\($0.raw)”" }.joined(separator: ", ") + "): each taken as a pack of its own, the lowest (\(measurement.source)) is compared")
        } else if furthest {
            notes.append("measured \(measured.count) times (" + measured.map { "“\($0.raw)”" }.joined(separator: ", ") + "): the one furthest from the promise (\(measurement.source)) is used")
        } else if measured.count > 1 {
            notes.append(measured.contains(where: \.isMarking) && !measurement.isMarking
                ? "measured \(measured.count) times; the last tested figure (\(measurement.source)) is used, not the marking"
                : "measured \(measured.count) times; the last measurement (\(measurement.source)) is used")
        }
        let item = chosen.element
        return ComparedItem(attribute: attribute.name, kind: kind, promised: item.promised, otherPromises: others, promisedComposition: [],
                            measured: measured.enumerated().filter { $0.offset != used }.map(\.element) + item.measured, difference: item.difference, differencePercent: item.differencePercent,
                            tolerance: item.tolerance, verdict: item.verdict, tier: item.tier, defaultAllowance: item.defaultAllowance, converted: item.converted, notes: notes)
    }

    private func compare(_ attribute: AttributeEntry, _ kind: FindingKind, _ promise: Finding, _ written: Measurement, _ sellerTolerances: [Finding]) -> ComparedItem {
        var notes: [String] = []
        var measurement = written
        // A figure noted without a unit (袖长 58) is read in the unit the promise is written in,
        // else (高 255 against 2.7米) in the unit that puts it within a factor of 3 of the promise.
        if written.unit == nil, case .number(let figure) = written.value, let promised = promise.figure, promised > 0,
           let (unit, ofPromise) = unitForFigure(figure, promise, promised) {
            measurement = written.with(value: figure * unit.factor, unit: .some(unit.canonical))
            measurement.unitFromPromise = true
            notes.append("no unit in the notes (“\(written.raw)”, \(written.source)): read in \(unit.name), "
                + (ofPromise ? "the unit of the promise (inference)" : "as the promise's unit (\(writtenUnit(of: promise, promised)?.name ?? "?")) puts it far from the promise (inference)"))
        }
        var conversion: Conversion?
        var target = 0.0
        func item(_ verdict: Verdict, _ difference: Double?, _ percent: Double?, _ tolerance: AppliedTolerance?) -> ComparedItem {
            var compared = ComparedItem(attribute: attribute.name, kind: kind, promised: promise, otherPromises: [], promisedComposition: [], measured: [measurement],
                                        difference: difference, differencePercent: percent, tolerance: tolerance, verdict: verdict, notes: notes)
            if let conversion { compared.converted = (target, conversion.says) }
            return compared
        }
        // Text values (a size label, a colour): equal or not.
        if case .text(let label)? = promise.value {
            let same = measurement.value == .text(label) || OrderedVariant.normalise(label) == OrderedVariant.normalise(ValueText.plain(measurement.value))
            return item(same ? .matches : .mismatch, nil, nil, nil)
        }
        guard case .number(let actual) = measurement.value else { return item(.mismatch, nil, nil, nil) }
        if measurement.unit == nil, promise.unit != nil {
            notes.append("no unit in the notes (“\(written.raw)”, \(written.source)), and no unit puts it near the promise: write the unit to compare it")
            return item(.notMeasured, nil, nil, nil)
        }
        if promise.unit != measurement.unit {
            notes.append("promised in \(promise.unit ?? "?") but measured in \(measurement.unit ?? "?"): not comparable")
            if !promise.ambiguous.isEmpty { notes.append("the promise's unit `\(promise.unit ?? "")` can be \(promise.ambiguous.joined(separator: " or "))") }
            return item(.notMeasured, nil, nil, nil)
        }
        var inside: Bool
        switch (promise.value, promise.min, promise.max) {
        case (.number(let value)?, _, _): target = value; inside = actual == value
        case (nil, let low?, let high?): target = actual < low ? low : high; inside = (low...high).contains(actual)
        // 最大65W, up to 3000 mAh, where only a shortfall counts: the rated figure, not a ceiling.
        case (nil, nil, let high?) where defaultTolerance(attribute)?.direction == .short && attribute.name != "load_capacity":
            target = high; inside = actual == high
            notes.append("“\(promise.raw)” is the rated figure (only a shortfall counts for \(attribute.name)): a reading below it falls short")
        case (nil, nil, let high?): target = high; inside = actual <= high
        case (nil, let low?, nil): target = low; inside = actual >= low
        default: return item(.notMeasured, nil, nil, nil)
        }
        // A promise of another quantity than the one measured (a power bank's cells at 3.7 V, a
        // meter at 5 V): compared at what it gives where it is measured, and said so.
        if let converts = category?.category.conversions[promise.attribute], converts.measured == written.attribute, case .number = promise.value {
            let promised = target
            target = (promised * converts.factor).rounded()
            inside = actual == target
            conversion = converts
            notes.append("“\(promise.raw)” read as \(converts.says.en) \(NumberFormat.short(promised)) × \(NumberFormat.short(converts.factor)) = \(NumberFormat.short(target)) \(promise.unit ?? ""): compared with that (inference; \(converts.source))")
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
        // Quieter than promised is no fault either (noise).
        if tolerance?.direction == .over, difference < 0 {
            notes.append("less than promised")
            return item(.matches, difference, percent, tolerance)
        }
        let allowed = tolerance?.value ?? 0
        let (floor, wholeReading) = tapeFloor(attribute, promise, measurement, target).map { ($0.value, $0.wholeReading) } ?? (nil, false)
        if abs(difference) <= allowed + 1e-9 { return item(.withinTolerance, difference, percent, tolerance) }
        if let floor, abs(difference) <= floor + 1e-9, tolerance?.source != .user {
            notes.append(wholeReading
                ? "the reading (\(written.raw)) is written to the whole \(promise.unit ?? ""): a difference of \(NumberFormat.short(abs(difference))) \(promise.unit ?? "") is less than it can show (±\(NumberFormat.short(floor)) \(promise.unit ?? "")), not a mismatch on its own"
                : "a difference of \(NumberFormat.short(abs(difference))) \(promise.unit ?? "") is within what a tape measure reads (±\(NumberFormat.short(floor)) \(promise.unit ?? "")): not a mismatch on its own")
            return item(.withinTolerance, difference, percent, tolerance)
        }
        var result = item(.mismatch, difference, percent, tolerance)
        // Outside the seller's (or the user's) tolerance but within the category's default: weak.
        if let tolerance, tolerance.source != .standard, let fallback = applied(attribute, promised: target) {
            let wider = max(fallback.value, floor ?? 0)
            if abs(difference) <= wider + 1e-9 {
                result.tier = .weak
                result.defaultAllowance = wider
                result.notes.append("outside \(tolerance.source == .seller ? "the seller's" : "your") tolerance (±\(NumberFormat.short(tolerance.value)) \(promise.unit ?? "")) but within the default of ±\(NumberFormat.short(wider)) \(promise.unit ?? "") (\(fallback.detail)): a weak discrepancy")
                return result
            }
        }
        result.tier = .strong
        return result
    }

    /// What a tape reads reliably at this size (tolerance `tape_measure`), for a dimension
    /// promised and measured in cm or inches; nil for precision parts (`tape_floor: false`)
    /// and for figures written in mm, which a caliper or ruler gives. Under the tape's band, a
    /// reading written to the whole canonical unit (2公分) shows half a unit (`wholeReading`).
    func tapeFloor(_ attribute: AttributeEntry, _ promise: Finding, _ measurement: Measurement, _ target: Double) -> (value: Double, wholeReading: Bool)? {
        guard attribute.kind == .dimension, defaultTolerance(attribute)?.tapeFloor != false, let tape = catalog.tolerances["tape_measure"],
              let canonical = promise.unit, let unit = catalog.vocabulary.units[canonical] else { return nil }
        let fine = { (written: UnitEntry?) in (written?.factor ?? unit.factor) < unit.factor }
        if fine(writtenUnit(raw: promise.raw, canonical: canonical, value: target)) { return nil }
        if case .number(let value) = measurement.value, !measurement.unitFromPromise, fine(writtenUnit(raw: measurement.raw, canonical: canonical, value: value)) { return nil }
        let floor = AppliedTolerance(tape, promised: target, category: nil).value
        if floor > 0 { return (floor, false) }
        // A small size read to the whole unit (厚度 2公分 against 1.8): it cannot show less than half a unit.
        if case .number(let value) = measurement.value, !measurement.unitFromPromise, value == value.rounded(), value > 0,
           writtenUnit(raw: measurement.raw, canonical: canonical, value: value)?.factor == unit.factor,
           Self.writtenWhole(measurement.raw, value) {
            return (0.5, true)
        }
        return nil
    }

    /// Whether `raw` writes `value` as a whole number (2公分), not with decimals (2.0, 1.95).
    static func writtenWhole(_ raw: String, _ value: Double) -> Bool {
        let figure = Array(String(Int(value)))
        let characters = Array(raw)
        guard characters.count >= figure.count else { return false }
        for start in 0...(characters.count - figure.count) where Array(characters[start..<(start + figure.count)]) == figure {
            let before = start > 0 ? characters[start - 1] : " "
            let after = start + figure.count < characters.count ? characters[start + figure.count] : " "
            if !(before.isASCII && before.isNumber), before != ".", !(after.isASCII && after.isNumber), after != ".", after != "," { return true }
        }
        return false
    }

    /// The unit to read a figure noted without one: the promise's own when that puts it within
    /// a factor of 3 of the promise, else the canonical unit (cm, g, ml) when that does.
    func unitForFigure(_ figure: Double, _ promise: Finding, _ promised: Double) -> (UnitEntry, Bool)? {
        func distance(_ unit: UnitEntry) -> Double {
            let ratio = figure * unit.factor / promised
            return ratio > 0 ? max(ratio, 1 / ratio) : .infinity
        }
        let near = 3.0
        guard let own = writtenUnit(of: promise, promised) else { return nil }
        if distance(own) <= near { return (own, true) }
        guard let canonical = promise.unit.flatMap({ catalog.vocabulary.units[$0] }), distance(canonical) <= near else { return nil }
        return (canonical, false)
    }

    /// The unit a promise is written in: the unit word after the figure that, in that unit, is
    /// the promised value (the inch of 袖长 23 inch, not the cm of 衣长68cm before it); the
    /// canonical unit when none is written.
    func writtenUnit(of promise: Finding, _ promised: Double) -> UnitEntry? {
        guard let canonical = promise.unit else { return nil }
        return writtenUnit(raw: promise.raw, canonical: canonical, value: promised)
    }

    /// The unit written after the figure that, in that unit, is `value` (canonical) in `raw`;
    /// the canonical unit when none is.
    func writtenUnit(raw text: String, canonical: String, value promised: Double) -> UnitEntry? {
        let units = catalog.vocabulary.units.values.filter { $0.canonical == canonical || $0.name == canonical }
        let raw = Array(text.lowercased())
        for unit in units.sorted(by: { $0.name < $1.name }) {
            for alias in (unit.aliases + [unit.name]).sorted(by: { $0.count > $1.count }) {
                let word = Array(alias.lowercased())
                guard !word.isEmpty, word.count <= raw.count else { continue }
                for start in 0...(raw.count - word.count) where Array(raw[start..<start + word.count]) == word {
                    // A whole word for letters (m is not in mm), right after the figure it gives.
                    let after = start + word.count < raw.count ? raw[start + word.count] : " "
                    if word.last!.isLetter, word.last!.isASCII, after.isLetter, after.isASCII { continue }
                    let figure = String(raw[..<start].reversed().drop { $0 == " " }.prefix { $0.isNumber || $0 == "." }.reversed())
                    if let number = Double(figure), abs(number * unit.factor - promised) <= promised * 0.01 { return unit }
                }
            }
        }
        return catalog.vocabulary.units[canonical]
    }

    /// `--tolerance` first, then the seller's own disclaimer for this kind of attribute, then the default.
    func tolerance(for attribute: AttributeEntry, kind: FindingKind, promised: Double, unit: String?, _ sellerTolerances: [Finding]) -> AppliedTolerance? {
        let standard = defaultTolerance(attribute)
        let direction = standard?.direction ?? .both
        if let user = overrides[attribute.name] {
            let value = user.percent.map { promised * $0 / 100 } ?? user.value
            return AppliedTolerance(value: value, percent: user.percent, direction: direction, source: .user, detail: user.detail, verified: true)
        }
        let scope = kind.rawValue
        // The packaging's figures (carton_length, gross_weight) take only a tolerance said of
        // the packaging: weight 600g ±20g is the ball's, not the 19 kg carton's.
        let packaging = attribute.name.hasPrefix("carton_") || attribute.name == "gross_weight"
        let applicable = sellerTolerances.compactMap { finding -> AppliedTolerance? in
            guard finding.scope == scope || finding.scope == attribute.name || finding.scope == "all" || (finding.scope == nil && kind == .dimension) else { return nil }
            guard !packaging || finding.level != nil || finding.scope == attribute.name else { return nil }
            guard let bound = finding.max ?? finding.value?.number else { return nil }
            let detail = "the seller's `\(finding.raw)` (\(finding.path):\(finding.line))"
            if finding.unit == "%" {
                return AppliedTolerance(value: promised * bound / 100, percent: bound, direction: direction, source: .seller, detail: detail, verified: true)
            }
            guard finding.unit == unit else { return nil }
            // ±0.5 cm said of a mouse pad is for its length and width, not its 4 mm thickness: an
            // amount as large as half the figure itself was not meant for it.
            guard bound < abs(promised) / 2 else { return nil }
            return AppliedTolerance(value: bound, percent: nil, direction: direction, source: .seller, detail: detail, verified: true)
        }
        if let largest = applicable.max(by: { $0.value < $1.value }) { return largest }
        return applied(attribute, promised: promised)
    }
}

extension AppliedTolerance {
    /// A documented default applied to a promised value: its band, its floor percentage, or
    /// its value; `category` when the default is a category's.
    init(_ standard: DefaultTolerance, promised: Double, category: ProductCategory?) {
        var value = standard.relative ? promised * standard.value / 100 : standard.value
        var percent = standard.relative ? standard.value : nil
        if let band = standard.bands.first(where: { abs(promised) <= $0.upTo }) ?? standard.bands.last {
            value = band.percent.map { abs(promised) * $0 / 100 } ?? band.value ?? 0
            percent = band.percent
        } else if !standard.relative, let floor = standard.atLeastPercent, abs(promised) * floor / 100 > standard.value {
            value = abs(promised) * floor / 100
            percent = floor
        }
        self.init(value: value, percent: percent, direction: standard.direction, source: .standard, detail: standard.source, verified: standard.verified)
        self.category = category.map { $0.id }
    }
}
