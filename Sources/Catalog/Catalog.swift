import Foundation
import ChatModel
import Model

/// One pattern file's name (as shown in messages) and text.
public struct CatalogSource: Sendable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The catalogue built into the binary from the repository's `patterns/` folder.
    public static var bundled: [CatalogSource] {
        BundledCatalog.files.map { CatalogSource(name: "patterns/" + $0.name, text: $0.text) }
    }

    /// Every `*.yaml` file in a folder, sorted by name.
    public static func directory(_ path: String) throws(CatalogError) -> [CatalogSource] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CatalogError(file: path, line: nil, "no such folder")
        }
        guard isDirectory.boolValue else { throw CatalogError(file: path, line: nil, "not a folder of pattern files") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw CatalogError(file: path, line: nil, "cannot list the folder")
        }
        var sources: [CatalogSource] = []
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file) else { throw CatalogError(file: file, line: nil, "cannot read the file") }
            guard let text = String(data: data, encoding: .utf8) else { throw CatalogError(file: file, line: nil, "not UTF-8 text") }
            sources.append(CatalogSource(name: file, text: text))
        }
        if sources.isEmpty { throw CatalogError(file: path, line: nil, "no .yaml pattern files in this folder") }
        return sources
    }
}

/// The loaded catalogue: vocabulary, macros and compiled patterns, in file order.
public struct Catalog: Sendable {
    public private(set) var vocabulary = Vocabulary()
    public private(set) var macros: [String: String] = [:]
    /// The patterns as written, in file order (compiled by `PatternSet`).
    public private(set) var definitions: [PatternDefinition] = []
    /// Default tolerances by attribute (patterns/tolerances.yaml).
    public internal(set) var tolerances: [String: DefaultTolerance] = [:]
    /// Kinds of goods and their default tolerances (patterns/categories.yaml), in file order.
    public internal(set) var categories: [ProductCategory] = []
    /// Reason labels, remedies, rules and limits by platform id (patterns/platforms.yaml).
    public internal(set) var platforms: [String: PlatformRules] = [:]
    /// Discrepancy kinds, evidence and sentences every claim uses (patterns/claims.yaml).
    public internal(set) var claimTexts = ClaimTexts()
    /// `vocabulary.folding`'s examples: `fold` (`衣長 => 衣长`) and `keep` (text that stays).
    public private(set) var foldingExamples: (fold: [PatternExample], keep: [PatternExample]) = ([], [])
    /// The bundled quantity layer runs (not with `--no-bundled-patterns`: only the user's patterns do).
    public private(set) var findsQuantities = true

    /// Loads layers of pattern files; a later layer adds to earlier ones, and replaces a
    /// pattern, attribute, unit, material or macro of the same name.
    public init(layers: [[CatalogSource]]) throws(CatalogError) {
        for layer in layers {
            var idsInLayer: [String: PatternDefinition] = [:]
            for source in layer {
                guard let root = try YAMLValue.parse(source.text, file: source.name) else { continue }
                let fields = try YAMLFields(root, allowed: ["kinds", "attributes", "units", "ambiguous_units", "quantities", "number_words", "materials", "blends", "colors", "parts",
                                                            "word_lists", "macros", "patterns",
                                                            "tolerances", "categories", "platforms", "discrepancies", "strongest_first", "sentences", "fold_characters"])
                if let section = fields.optional("kinds") { try readKinds(section) }
                if let section = fields.optional("attributes") { try readAttributes(section) }
                if let section = fields.optional("word_lists") { try readWordLists(section) }
                try readClaimTexts(fields)
                if let section = fields.optional("units") { try readUnits(section) }
                if let section = fields.optional("materials") { try readWords(section, into: \.materials) }
                if let section = fields.optional("colors") { try readWords(section, into: \.colors) }
                if let section = fields.optional("blends") {
                    for (name, fibres) in try section.mapping() {
                        var list: [String] = []
                        for fibre in try fibres.sequence() { list.append(try fibre.string()) }
                        for material in [name] + list where vocabulary.materials.entries[material] == nil {
                            throw fibres.error("blend `\(name)`: `\(material)` is not a material of `materials`")
                        }
                        vocabulary.blends[name] = list
                    }
                }
                if let section = fields.optional("parts") { try readWords(section, into: \.parts) }
                if let section = fields.optional("ambiguous_units") { try readAmbiguousUnits(section) }
                if let section = fields.optional("quantities") { try readQuantities(section) }
                if let section = fields.optional("number_words") {
                    for (word, value) in try section.mapping() { vocabulary.numberWords[word.lowercased()] = try value.number() }
                }
                if let section = fields.optional("fold_characters") { try readFolding(section) }
                if let section = fields.optional("tolerances") { try readTolerances(section) }
                if let section = fields.optional("categories") { try readCategories(section) }
                if let section = fields.optional("platforms") { try readPlatforms(section) }
                if let section = fields.optional("macros") {
                    for (name, value) in try section.mapping() { macros[name] = try value.string() }
                }
                if let section = fields.optional("patterns") {
                    for item in try section.sequence() {
                        let definition = try PatternReader.read(item)
                        if let twin = idsInLayer[definition.id] {
                            throw item.error("pattern id `\(definition.id)` is already used at \(twin.file):\(twin.line ?? 0)")
                        }
                        idsInLayer[definition.id] = definition
                        definitions.removeAll { $0.id == definition.id }
                        definitions.append(definition)
                    }
                }
            }
        }
    }

    /// The bundled catalogue, plus user folders; `replaceBundled` drops the bundled patterns
    /// (its vocabulary and macros stay available to the user's patterns).
    public static func load(userFolders: [String] = [], replaceBundled: Bool = false) throws(CatalogError) -> Catalog {
        var layers = [CatalogSource.bundled]
        for folder in userFolders { layers.append(try CatalogSource.directory(folder)) }
        var catalog = try Catalog(layers: layers)
        if replaceBundled {
            let bundledNames = Set(CatalogSource.bundled.map(\.name))
            catalog.definitions.removeAll { bundledNames.contains($0.file) }
            catalog.findsQuantities = false
        }
        return catalog
    }

    /// Replaces `{{name}}` references with macros and vocabulary alternations, recursively.
    public func expand(_ source: String, for definition: PatternDefinition) throws(CatalogError) -> String {
        var expansions: [String: String] = [:]
        return try expand(source, for: definition, expansions: &expansions)
    }

    /// `expand`, keeping each macro's expansion in `expansions` for the next pattern: dozens of
    /// patterns share `{{unit:length}}`, whose expansion is worked out once.
    public func expand(_ source: String, for definition: PatternDefinition, expansions: inout [String: String], depth: Int = 0) throws(CatalogError) -> String {
        guard source.contains("{{") else { return source }
        guard depth < 8 else {
            throw CatalogError(file: definition.file, line: definition.line, "pattern \(definition.id): macros nest too deep (a macro refers to itself?)")
        }
        var result = ""
        var rest = source[...]
        while let start = rest.range(of: "{{") {
            guard let end = rest.range(of: "}}", range: start.upperBound..<rest.endIndex) else {
                throw CatalogError(file: definition.file, line: definition.line, "pattern \(definition.id): `{{` without `}}`")
            }
            let name = rest[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            let expanded: String
            if let known = expansions[name] {
                expanded = known
            } else {
                guard let replacement = macros[name] ?? vocabulary.alternation(for: name) else {
                    throw CatalogError(file: definition.file, line: definition.line, "pattern \(definition.id): unknown macro {{\(name)}}")
                }
                expanded = try expand(replacement, for: definition, expansions: &expansions, depth: depth + 1)
                expansions[name] = expanded
            }
            result += rest[..<start.lowerBound] + "(?:" + expanded + ")"
            rest = rest[end.upperBound...]
        }
        return result + rest
    }

    private mutating func readKinds(_ section: YAMLValue) throws(CatalogError) {
        for (name, value) in try section.mapping() {
            guard let kind = FindingKind(rawValue: name) else {
                throw value.error("unknown kind `\(name)` (kinds: \(FindingKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let fields = try YAMLFields(value, allowed: ["measurable", "commitment", "discrepancy", "compare", "words", "tolerance"])
            var traits = KindTraits()
            traits.measurable = try fields.optional("measurable")?.bool() ?? false
            traits.commitment = try fields.optional("commitment")?.bool() ?? false
            traits.discrepancy = try fields.optional("discrepancy")?.string()
            traits.comparison = try Self.choice(fields.optional("compare"), "compare") ?? .value
            traits.words = try fields.optional("words")?.string()
            traits.tolerance = try fields.optional("tolerance")?.string()
            vocabulary.kinds.removeAll { $0.kind == kind }
            vocabulary.kinds.append((kind, traits))
        }
    }

    private mutating func readAttributes(_ section: YAMLValue) throws(CatalogError) {
        for (name, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["kind", "aliases", "half_of", "measurable", "commitment", "discrepancy", "compare", "tolerance",
                                                         "words", "in_claim", "disclaimer", "offers_exchange", "condition", "window_from_receipt", "quantity", "narrows"])
            let kindName = try fields.required("kind").string()
            guard let kind = FindingKind(rawValue: kindName) else {
                throw value.error("attribute \(name): unknown kind `\(kindName)` (kinds: \(FindingKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let traits = vocabulary.kinds.first { $0.kind == kind }?.traits ?? KindTraits()
            var entry = AttributeEntry(name: name, kind: kind, aliases: try fields.optional("aliases")?.strings() ?? [],
                                       halfOf: try fields.optional("half_of")?.string(), traits: traits)
            if let node = fields.optional("measurable") { entry.measurable = try node.bool() }
            if let node = fields.optional("commitment") { entry.commitment = try node.bool() }
            if let node = fields.optional("discrepancy") { entry.discrepancy = try node.string() }
            if let method: ComparisonMethod = try Self.choice(fields.optional("compare"), "compare") { entry.comparison = method }
            if let node = fields.optional("tolerance") { entry.tolerance = try node.string() }
            if let node = fields.optional("words") { entry.words = try node.string() }
            entry.claimUse = try Self.choice(fields.optional("in_claim"), "in_claim")
            entry.disclaimer = try Self.choice(fields.optional("disclaimer"), "disclaimer")
            entry.offersExchange = try Self.choice(fields.optional("offers_exchange"), "offers_exchange")
            entry.condition = try fields.optional("condition")?.bool() ?? false
            entry.windowFromReceipt = try fields.optional("window_from_receipt")?.bool() ?? false
            entry.quantity = try fields.optional("quantity")?.string()
            entry.narrows = try fields.optional("narrows")?.string()
            if let words = entry.words, !["materials", "colors"].contains(words) {
                throw value.error("attribute \(name): `words: \(words)` is not a word list of values (materials, colors)")
            }
            vocabulary.add(entry)
        }
    }

    /// One of an enumeration's names, or an error listing them.
    private static func choice<Choice: RawRepresentable & CaseIterable>(_ node: YAMLValue?, _ key: String) throws(CatalogError) -> Choice?
    where Choice.RawValue == String {
        guard let node else { return nil }
        let name = try node.string()
        guard let choice = Choice(rawValue: name) else {
            throw node.error("`\(key): \(name)` is not one of: \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }

    private mutating func readQuantities(_ section: YAMLValue) throws(CatalogError) {
        for (family, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["kind", "attribute"])
            let kindName = try fields.required("kind").string()
            guard let kind = FindingKind(rawValue: kindName) else { throw value.error("quantity \(family): unknown kind `\(kindName)`") }
            let attribute = try fields.optional("attribute")?.string()
            if let attribute, vocabulary.attributes[attribute] == nil { throw value.error("quantity \(family): attribute `\(attribute)` is not in the vocabulary") }
            vocabulary.quantityFamilies[family] = (kind, attribute)
        }
    }

    private mutating func readWordLists(_ section: YAMLValue) throws(CatalogError) {
        for (name, value) in try section.mapping() {
            let entry = try WordListEntry.read(name, value)
            if vocabulary.wordLists[name] != nil { vocabulary.wordLists[name]!.extend(with: entry) } else { vocabulary.wordLists[name] = entry }
        }
    }

    private mutating func readUnits(_ section: YAMLValue) throws(CatalogError) {
        for (name, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["quantity", "canonical", "factor", "aliases", "zh"])
            let entry = UnitEntry(
                name: name,
                quantity: try fields.required("quantity").string(),
                canonical: try fields.optional("canonical")?.string() ?? name,
                factor: try fields.optional("factor")?.number() ?? 1,
                aliases: try fields.optional("aliases")?.strings() ?? [],
                zh: try fields.optional("zh")?.string()
            )
            vocabulary.add(entry)
        }
    }

    private mutating func readAmbiguousUnits(_ section: YAMLValue) throws(CatalogError) {
        for (alias, value) in try section.mapping() {
            let fields = try YAMLFields(value, allowed: ["quantity", "readings"])
            var readings: [(unit: String, words: [String])] = []
            for (unit, words) in try fields.required("readings").mapping() {
                guard vocabulary.units[unit] != nil else { throw words.error("ambiguous unit \(alias): reading `\(unit)` is not a unit") }
                readings.append((unit, try words.strings()))
            }
            vocabulary.addAmbiguous(alias, quantity: try fields.required("quantity").string(), readings: readings)
        }
    }

    /// `fold_characters`: `pairs` (strings of traditional-simplified character pairs) and
    /// `examples` (`fold`: `衣長 => 衣长`, `keep`: text that stays).
    private mutating func readFolding(_ section: YAMLValue) throws(CatalogError) {
        let fields = try YAMLFields(section, allowed: ["pairs", "examples"])
        for run in try fields.required("pairs").sequence() {
            let scalars = Array(try run.string().unicodeScalars.filter { !$0.properties.isWhitespace })
            guard scalars.count % 2 == 0 else { throw run.error("an odd number of characters: each pair is a traditional character and its simplified form") }
            for index in stride(from: 0, to: scalars.count, by: 2) where !vocabulary.folding.add(scalars[index], scalars[index + 1]) {
                throw run.error("`\(scalars[index])\(scalars[index + 1])`: both characters of a pair must be CJK ideographs U+3400...U+9FFF")
            }
        }
        guard let examples = fields.optional("examples") else { return }
        let kinds = try YAMLFields(examples, allowed: ["fold", "keep"])
        for example in try kinds.optional("fold")?.sequence() ?? [] {
            let text = try example.string()
            guard text.components(separatedBy: " => ").count == 2 else { throw example.error("a fold example is `text as written => text as read`") }
            foldingExamples.fold.append(PatternExample(text: text, expect: [], file: example.file, line: example.line))
        }
        for example in try kinds.optional("keep")?.sequence() ?? [] {
            foldingExamples.keep.append(PatternExample(text: try example.string(), expect: [], file: example.file, line: example.line))
        }
    }

    private mutating func readWords(_ section: YAMLValue, into list: WritableKeyPath<Vocabulary, WordList>) throws(CatalogError) {
        for (name, value) in try section.mapping() {
            vocabulary[keyPath: list].add(name, aliases: try value.strings())
        }
    }
}
