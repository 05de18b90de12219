/// Turns one regex match into findings, following the named-group conventions of
/// `PatternGroup`: attribute words and units go through the vocabulary, numbers through
/// `NumberText`, and values are converted to the canonical unit.
struct FindingBuilder {
    let vocabulary: Vocabulary

    /// `template` carries the context (path, line, time, speaker, quote); the builder fills in the rest.
    func findings(_ pattern: CompiledPattern, _ captures: Captures, _ buffer: UnsafeBufferPointer<UInt8>, template: Finding) -> [Finding] {
        let matcher = pattern.matcher
        let definition = pattern.definition
        func text(_ name: String) -> String? {
            matcher.range(of: name, in: captures).map { UTF8Text.string(buffer, $0).trimmingBlanks() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let unitEntry = text("unit").flatMap(vocabulary.unit(forAlias:))
        func number(_ name: String, unit: UnitEntry? = unitEntry) -> Double? {
            text(name).flatMap(NumberText.parse).map { $0 * (unit?.factor ?? 1) }
        }

        var base = template
        base.kind = definition.kind
        base.unit = unitEntry?.canonical ?? definition.unit
        base.approx = matcher.range(of: "approx", in: captures) != nil
        base.attribute = definition.attribute ?? ""
        if let word = text("attr") {
            guard let entry = vocabulary.attribute(forAlias: word) else { return [] }
            base.attribute = entry.name
            base.kind = entry.kind
        }

        if matcher.namedGroups["v1"] != nil {
            var members: [Finding] = []
            for (index, axis) in definition.axes.enumerated() {
                let ownUnit = text("u\(index + 1)").flatMap(vocabulary.unit(forAlias:)) ?? unitEntry
                guard let value = number("v\(index + 1)", unit: ownUnit) else { continue }
                var member = base
                member.attribute = text("a\(index + 1)").flatMap(vocabulary.attribute(forAlias:))?.name ?? axis
                member.value = .number(value)
                members.append(member)
            }
            return members
        }

        var finding = base
        if let value = number("value") {
            finding.value = .number(value)
        } else if let word = text("text") {
            finding.value = .text(vocabulary.material(forAlias: word) ?? (definition.kind == .size ? word.uppercased() : word))
        } else {
            finding.value = definition.value
        }
        finding.min = number("min")
        finding.max = number("max")
        finding.percent = text("percent").flatMap(NumberText.parse) ?? definition.percent
        if finding.value == nil, finding.min == nil, finding.max == nil { return [] }
        return [finding]
    }
}
