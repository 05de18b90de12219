import Model

/// Reads one entry of a pattern file's `patterns:` list.
enum PatternReader {
    static func read(_ item: YAMLValue) throws(CatalogError) -> PatternDefinition {
        let fields = try YAMLFields(item, allowed: ["id", "kind", "description", "regex", "options", "attribute", "value", "unit", "scope", "percent", "axes", "answer_only", "keywords", "groups", "examples"])
        let id = try fields.required("id").string()
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._-".unicodeScalars.contains($0)) }) else {
            throw item.error("pattern id `\(id)` must be ASCII letters, digits, `.`, `_` or `-`")
        }
        do {
            return try read(item, fields: fields, id: id)
        } catch where !error.message.hasPrefix("pattern ") {
            throw CatalogError(file: error.file, line: error.line, "pattern \(id): \(error.message)")
        }
    }

    private static func read(_ item: YAMLValue, fields: YAMLFields, id: String) throws(CatalogError) -> PatternDefinition {
        func fail(_ node: YAMLValue, _ message: String) -> CatalogError { node.error("pattern \(id): \(message)") }

        let kindNode = try fields.required("kind")
        let kindName = try kindNode.string()
        guard let kind = FindingKind(rawValue: kindName) else {
            throw fail(kindNode, "unknown kind `\(kindName)` (kinds: \(FindingKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var options: [PatternOption] = []
        if let node = fields.optional("options") {
            for name in try node.strings() {
                guard let option = PatternOption(rawValue: name) else {
                    throw fail(node, "unknown option `\(name)` (options: \(PatternOption.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                options.append(option)
            }
        }
        var groups: [(name: String, meaning: String)] = []
        if let node = fields.optional("groups") {
            for (name, meaning) in try node.mapping() { groups.append((name, try meaning.string())) }
        }
        let examples = try fields.required("examples")
        let exampleFields = try YAMLFields(examples, allowed: ["match", "no_match"])
        var mustMatch: [PatternExample] = []
        for node in try exampleFields.required("match").sequence() { mustMatch.append(try readExample(node, id: id)) }
        var mustNotMatch: [PatternExample] = []
        for node in try exampleFields.required("no_match").sequence() {
            mustNotMatch.append(PatternExample(text: try node.string(), expect: [], file: node.file, line: node.line))
        }
        if mustMatch.isEmpty || mustNotMatch.isEmpty { throw fail(examples, "needs at least one `match` and one `no_match` example") }

        return PatternDefinition(
            id: id,
            kind: kind,
            description: try fields.required("description").string(),
            source: try fields.required("regex").string(),
            options: options,
            attribute: try fields.optional("attribute")?.string(),
            value: try fields.optional("value").map(readValue),
            unit: try fields.optional("unit")?.string(),
            scope: try fields.optional("scope")?.string(),
            percent: try fields.optional("percent")?.number(),
            answerOnly: try fields.optional("answer_only")?.bool() ?? false,
            keywords: try fields.optional("keywords")?.strings() ?? [],
            axes: try fields.optional("axes")?.strings() ?? ["length", "width", "height"],
            groups: groups,
            mustMatch: mustMatch,
            mustNotMatch: mustNotMatch,
            file: item.file,
            line: item.line
        )
    }

    /// `- text: '长30cm'` with `expect: {attribute: length, value: 30}` or a list of such maps;
    /// a bare string is a must-match example with no expectations beyond matching.
    private static func readExample(_ node: YAMLValue, id: String) throws(CatalogError) -> PatternExample {
        if node.node.scalar != nil {
            return PatternExample(text: try node.string(), expect: [], file: node.file, line: node.line)
        }
        let fields = try YAMLFields(node, allowed: ["text", "expect"])
        let text = try fields.required("text").string()
        var expect: [[String: FindingValue]] = []
        if let expectNode = fields.optional("expect") {
            let items = expectNode.node.sequence != nil ? try expectNode.sequence() : [expectNode]
            for item in items {
                var expected: [String: FindingValue] = [:]
                for (key, value) in try item.mapping() {
                    guard PatternExample.checkableFields.contains(key) else {
                        throw value.error("pattern \(id): cannot check `\(key)` (checkable: \(PatternExample.checkableFields.sorted().joined(separator: ", ")))")
                    }
                    expected[key] = try readValue(value)
                }
                expect.append(expected)
            }
        }
        return PatternExample(text: text, expect: expect, file: node.file, line: node.line)
    }

    private static func readValue(_ node: YAMLValue) throws(CatalogError) -> FindingValue {
        let text = try node.string()
        if node.node.scalar?.style == .plain, let number = Double(text) { return .number(number) }
        return .text(text)
    }
}
