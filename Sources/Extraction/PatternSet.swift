import Catalog
import ChatModel
import Matching
import Model
import Reading

/// A pattern ready to run: its definition and its compiled regex.
public struct CompiledPattern: Sendable {
    public let definition: PatternDefinition
    /// The regex after macro expansion, as compiled.
    public let expanded: String
    public let matcher: any Matcher
    /// The keywords with vocabulary macros expanded.
    public let keywords: [String]

    public var id: String { definition.id }
}

/// The catalogue's patterns compiled by one regex engine, checked against the group
/// conventions of `PatternGroup` and the vocabulary.
public struct PatternSet: Sendable {
    public let catalog: Catalog
    public let patterns: [CompiledPattern]
    /// The widest match data any pattern needs (group pairs).
    public let capturePairs: Int
    /// The word lists the interpreter reads context with.
    let interpreterWords: InterpreterWords
    /// Every number with a unit, found and given meaning apart from the patterns.
    let quantities: QuantityLayer
    /// The words a line of the buyer's notes is read with; nil in a set loaded for chats only.
    let noteWords: NoteWords?
    /// The words a case's product category is inferred from.
    public let categories: CategoryInference
    public let transactions: TransactionInference
    /// For an attribute word that ends a longer one (重 in 承重, weight in max user weight), the
    /// longer words and their attributes: the longest word written wins.
    let longerAliases: [String: [(word: [UInt8], attribute: String)]]
    /// Patterns that name no attribute word of their own (a bare 1.5kg): the quantity layer
    /// may name the attribute from the clause.
    let unlabelled: Set<String>

    /// `readsNotes: false` leaves out the words of the notes reader (extract never reads notes:
    /// a sixth of start-up).
    public init(_ catalog: Catalog, engine: RegexEngine = .pcre2, readsNotes: Bool = true) throws(CatalogError) {
        self.catalog = catalog
        var patterns: [CompiledPattern] = []
        var expansions: [String: String] = [:]
        for definition in catalog.definitions { patterns.append(try Self.compile(definition, catalog, engine, &expansions)) }
        self.patterns = patterns
        unlabelled = Set(patterns.filter { $0.matcher.namedGroups["attr"] == nil && $0.definition.attribute != nil }.map(\.id))
        capturePairs = (patterns.map(\.matcher.captureCount).max() ?? 0) + 1
        interpreterWords = try InterpreterWords(catalog.vocabulary, goods: catalog.categories.flatMap(\.words.words), engine: engine)
        quantities = QuantityLayer(catalog.vocabulary, parts: interpreterWords.parts, withoutPart: interpreterWords.withoutPart)
        noteWords = readsNotes ? try NoteWords(catalog.vocabulary, engine: engine) : nil
        categories = try CategoryInference(catalog, engine: engine)
        transactions = try TransactionInference(catalog.vocabulary, engine: engine)
        var longer: [String: [(word: [UInt8], attribute: String)]] = [:]
        let aliases = catalog.vocabulary.attributes.values.flatMap { entry in
            entry.aliases.map { alias in alias.lowercased() }.map { (text: $0, bytes: Array($0.utf8), length: $0.count, attribute: entry.name) }
        }
        // Compared as bytes, by last byte: thousands of aliases, each against each.
        let byLastByte = Dictionary(grouping: aliases.filter { !$0.bytes.isEmpty }) { $0.bytes.last! }
        for short in aliases where !short.bytes.isEmpty {
            for long in byLastByte[short.bytes.last!] ?? [] where long.attribute != short.attribute && long.length > short.length
                && long.bytes.count > short.bytes.count && long.bytes.suffix(short.bytes.count).elementsEqual(short.bytes) {
                longer[short.text, default: []].append((long.bytes, long.attribute))
            }
        }
        longerAliases = longer.mapValues { $0.sorted { $0.word.count > $1.word.count } }
    }

    public func pattern(id: String) -> CompiledPattern? { patterns.first { $0.id == id } }

    private static func compile(_ definition: PatternDefinition, _ catalog: Catalog, _ engine: RegexEngine,
                                _ expansions: inout [String: String]) throws(CatalogError) -> CompiledPattern {
        let vocabulary = catalog.vocabulary
        let extended = definition.options.contains(.extended)
        let expanded = try catalog.expand(extended ? ExtendedSyntax.flatten(definition.source) : definition.source, for: definition,
                                          expansions: &expansions)
        let regex: any Matcher
        do {
            regex = try engine.compile(expanded, RegexOptions(definition.options.filter { $0 != .extended }))
        } catch {
            let prefix = String(decoding: Array(expanded.utf8.prefix(error.offset)), as: UTF8.self)
            let near = String(prefix.suffix(24))
            throw CatalogError(file: definition.file, line: definition.line,
                               "pattern \(definition.id): regex does not compile: \(error.message) at offset \(error.offset) (after `\(near)`)")
        }
        for name in regex.namedGroups.keys where !PatternGroup.known.contains(name) {
            throw CatalogError(file: definition.file, line: definition.line,
                               "pattern \(definition.id): unknown group name `\(name)`; the groups are: \(PatternGroup.explained)")
        }
        let documented = Set(definition.groups.map(\.name))
        for name in regex.namedGroups.keys where !documented.contains(name) {
            throw CatalogError(file: definition.file, line: definition.line, "pattern \(definition.id): group `\(name)` is not described under `groups`")
        }
        for name in documented where regex.namedGroups[name] == nil {
            throw CatalogError(file: definition.file, line: definition.line, "pattern \(definition.id): `groups` describes `\(name)`, which the regex does not have")
        }
        let hasAttribute = regex.namedGroups["attr"] != nil || regex.namedGroups["v1"] != nil
        if !hasAttribute, definition.attribute == nil {
            throw CatalogError(file: definition.file, line: definition.line, "pattern \(definition.id): needs an `attr` group or an `attribute` field")
        }
        if let attribute = definition.attribute, vocabulary.attributes[attribute] == nil {
            throw CatalogError(file: definition.file, line: definition.line, "pattern \(definition.id): attribute `\(attribute)` is not in the vocabulary")
        }
        var keywords: [String] = []
        for keyword in definition.keywords {
            if keyword.hasPrefix("{{"), keyword.hasSuffix("}}") {
                let name = String(keyword.dropFirst(2).dropLast(2))
                guard let words = vocabulary.aliases(for: name) else {
                    throw CatalogError(file: definition.file, line: definition.line, "pattern \(definition.id): unknown keyword macro \(keyword)")
                }
                keywords += words
            } else {
                keywords.append(keyword)
            }
        }
        return CompiledPattern(definition: definition, expanded: expanded, matcher: regex, keywords: keywords)
    }
}

extension RegexOptions {
    /// The engine flags for options named in a pattern file.
    init(_ options: [PatternOption]) {
        self = []
        for option in options {
            switch option {
            case .caseless: insert(.caseless)
            case .ucp: insert(.ucp)
            case .multiline: insert(.multiline)
            case .dotall: insert(.dotAll)
            case .extended: insert(.extended)
            }
        }
    }
}
