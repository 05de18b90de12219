import Catalog
import ChatModel
import Matching
import Model
import Reading

/// Turns one regex match into findings, following the named-group conventions of
/// `PatternGroup`: attribute words and units go through the vocabulary, numbers through
/// `NumberText`, and values are converted to the canonical unit.
struct FindingBuilder {
    let vocabulary: Vocabulary
    /// Longer attribute words ending in a shorter one (`PatternSet.longerAliases`).
    var longerAliases: [String: [(word: [UInt8], attribute: String)]] = [:]

    /// The attribute a word names, unless it ends a longer attribute word written just before
    /// it (承重 is a load, not 重; max user weight is a load, not weight).
    private func attribute(_ word: String, endingAt end: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> AttributeEntry? {
        for (long, name) in longerAliases[word.lowercased()] ?? [] where end - long.count >= 0 {
            let start = end - long.count
            if long.indices.allSatisfy({ QuantityScanner.lower(buffer[start + $0]) == long[$0] }) { return vocabulary.attributes[name] }
        }
        return vocabulary.attribute(forAlias: word)
    }

    /// `template` carries the context (path, line, time, speaker, quote); the builder fills in
    /// the rest. `context` is the message text, which decides ambiguous units (20寸行李箱).
    func findings(_ pattern: CompiledPattern, _ captures: Captures, _ buffer: UnsafeBufferPointer<UInt8>, template: Finding, context: Range<Int>) -> [Finding] {
        let matcher = pattern.matcher
        let definition = pattern.definition
        func text(_ name: String) -> String? {
            matcher.range(of: name, in: captures).map { UTF8Text.string(buffer, $0).trimmingBlanks() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var ambiguous: [String] = []
        func unit(_ alias: String?) -> UnitEntry? {
            guard let alias else { return nil }
            if let readings = vocabulary.ambiguousUnits[alias] {
                let message = UTF8Text.string(buffer, max(context.lowerBound, captures.range.lowerBound - 360)..<min(context.upperBound, captures.range.upperBound + 360))
                let fitting = readings.filter { reading in reading.words.contains { message.contains($0) } }
                if fitting.count == 1 { return vocabulary.units[fitting[0].unit] }
                ambiguous = readings.map(\.unit)
                return nil
            }
            return vocabulary.unit(forAlias: alias)
        }
        let unitEntry = unit(text("unit")) ?? (matcher.range(of: "unit", in: captures) == nil ? definition.unit.flatMap { vocabulary.units[$0] } : nil)
        /// A number with its colloquial decimals (一米八, 1米85, 两斤半), in the canonical unit.
        func number(_ name: String, decimals: String? = nil, unit entry: UnitEntry? = unitEntry) -> Double? {
            guard var value = text(name).flatMap(NumberText.parse) else { return nil }
            if let digits = decimals.flatMap(text) { value += NumberText.decimals(digits) }
            if decimals == "decimals", text("half") != nil { value += 0.5 }
            return value * (entry?.factor ?? 1)
        }

        var base = template
        base.kind = definition.kind
        base.unit = unitEntry?.canonical ?? (ambiguous.isEmpty ? definition.unit : text("unit"))
        if definition.kind == .size || base.kind == .size { base.variant = nil }
        base.ambiguous = ambiguous
        base.approx = matcher.range(of: "approx", in: captures) != nil
        base.attribute = definition.attribute ?? ""
        base.scope = definition.scope
        base.grade = text("grade")
        var half: Double = 1
        if let word = text("attr"), let wordRange = matcher.range(of: "attr", in: captures) {
            let known = attribute(word, endingAt: wordRange.upperBound, buffer)
            if definition.kind == .tolerance {
                // 重量误差 covers weights; 功率误差 only the power, not every spec figure.
                base.scope = known.map { $0.kind == .spec ? $0.name : $0.kind.rawValue }
            } else {
                guard let entry = known else { return [] }
                (base.attribute, half) = entry.reported
                base.kind = entry.kind
            }
        }
        if definition.kind == .tolerance, base.scope == nil {
            base.scope = unitEntry.map { ["length": "dimension", "mass": "weight", "volume": "volume", "count": "quantity"][$0.quantity] ?? "all" } ?? "all"
        }

        if matcher.namedGroups["v1"] != nil {
            var members: [Finding] = []
            for (index, axis) in definition.axes.enumerated() {
                let ownUnit = unit(text("u\(index + 1)")) ?? unitEntry
                guard let value = number("v\(index + 1)", decimals: "d\(index + 1)", unit: ownUnit) else { continue }
                var member = base
                let label = text("a\(index + 1)").flatMap(vocabulary.attribute(forAlias:))?.reported
                let (name, factor) = label ?? (axis, 1)
                member.attribute = name
                if label == nil { member.inference = TupleConvention.positional }
                member.value = .number(value * factor)
                members.append(member)
            }
            return members
        }

        var finding = base
        if let value = number("value", decimals: "decimals") {
            finding.value = .number(value * half)
        } else if let word = text("text") {
            let name = vocabulary.valueWords(for: finding.attribute)?.name(forAlias: word)
            finding.value = .text(name ?? (definition.kind == .size ? word.uppercased() : word))
        } else {
            finding.value = definition.value
        }
        finding.min = number("min").map { $0 * half }
        finding.max = number("max").map { $0 * half }
        finding.percent = text("percent").flatMap(NumberText.parse) ?? definition.percent
        // 纯棉, 全棉, pure silk: one material, all of it.
        if finding.percent == nil, definition.kind == .material, let word = text("text"),
           word.hasPrefix("纯") || word.hasPrefix("全") || word.lowercased().hasPrefix("pure") {
            finding.percent = 100
        }
        if finding.value == nil, finding.min == nil, finding.max == nil { return [] }
        return [finding]
    }
}
