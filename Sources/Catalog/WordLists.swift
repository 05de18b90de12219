import Model

/// A named list of words the interpreter or the comparer reads by (negation, confirmation,
/// parts of an item...), with examples of its effect that `evidence patterns test` runs.
public struct WordListEntry: Sendable {
    public let name: String
    public let description: String
    public private(set) var words: [String]
    /// Short chats (`S: …` seller, `B: …` buyer lines) where the list must show its effect, and where it must not.
    public private(set) var mustMatch: [PatternExample]
    public private(set) var mustNotMatch: [PatternExample]
    public let file: String
    public let line: Int?

    /// A later layer's list of the same name adds its words and examples.
    mutating func extend(with other: WordListEntry) {
        words += other.words.filter { !words.contains($0) }
        mustMatch += other.mustMatch
        mustNotMatch += other.mustNotMatch
    }

    /// `also`: other fields the entry may carry (a category's name and tolerances).
    static func read(_ name: String, _ node: YAMLValue, also: [String] = []) throws(CatalogError) -> WordListEntry {
        let fields = try YAMLFields(node, allowed: ["description", "words", "examples"] + also)
        let words = try fields.required("words").strings()
        if words.contains(where: \.isEmpty) { throw node.error("word list \(name): an empty word") }
        let examples = try YAMLFields(try fields.required("examples"), allowed: ["match", "no_match"])
        func read(_ key: String) throws(CatalogError) -> [PatternExample] {
            var result: [PatternExample] = []
            for item in try examples.required(key).sequence() {
                result.append(PatternExample(text: try item.string(), expect: [], file: item.file, line: item.line))
            }
            return result
        }
        let entry = WordListEntry(name: name, description: try fields.required("description").string(), words: words,
                                  mustMatch: try read("match"), mustNotMatch: try read("no_match"), file: node.file, line: node.line)
        if entry.mustMatch.isEmpty || entry.mustNotMatch.isEmpty { throw node.error("word list \(name): needs at least one `match` and one `no_match` example") }
        return entry
    }
}
