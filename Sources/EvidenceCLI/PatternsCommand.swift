import ArgumentParser
import Catalog
import ChatModel
import Claim
import Compare
import Extraction
import Matching
import Model
import Output
import Reading

/// `evidence patterns`: look at and test the pattern catalogue.
struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Show or test the pattern catalogue.",
        subcommands: [ListPatterns.self, ListCategories.self, TestPatterns.self, ExportPatterns.self]
    )
}

struct ListPatterns: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every pattern: id, kind, examples and where it is defined.",
        discussion: """
        Examples:
          evidence patterns list
          evidence patterns list --patterns my-patterns/
          evidence patterns list --format json | jq -r '.[].id'
        """
    )

    @Option(name: .long, help: "text or json.")
    var format: ListFormat = .text

    @OptionGroup var catalog: CatalogOptions

    enum ListFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let patterns = try catalog.load(readsNotes: false).patterns
        switch format {
        case .json:
            var writer = JSONWriter()
            writer.beginArray()
            for pattern in patterns {
                let definition = pattern.definition
                writer.beginObject()
                writer.field("id", definition.id)
                writer.field("kind", definition.kind.rawValue)
                writer.field("description", definition.description)
                writer.field("regex", definition.source)
                writer.field("file", definition.file)
                writer.field("line", definition.line)
                writer.field("match_examples", definition.mustMatch.count)
                writer.field("no_match_examples", definition.mustNotMatch.count)
                writer.endObject()
            }
            writer.endArray()
            writer.newline()
            Console.write(writer.bytes)
        case .text:
            let idWidth = patterns.map { DisplayWidth.of($0.id) }.max() ?? 2
            for pattern in patterns {
                let definition = pattern.definition
                let examples = "\(definition.mustMatch.count)+\(definition.mustNotMatch.count)"
                Console.write(DisplayWidth.pad(definition.id, to: idWidth) + "  " + DisplayWidth.pad(definition.kind.rawValue, to: 9)
                    + "  " + DisplayWidth.pad(examples, to: 5) + "  " + definition.description + "\n")
            }
            Console.write("\(patterns.count) patterns (examples: must match + must not match)\n")
        }
    }
}

struct ListCategories: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categories",
        abstract: "List the product categories: the words each is inferred from and its default tolerances.",
        discussion: """
        A comparison uses its category's default tolerance where the seller
        stated none (--category NAME, else inferred from the listing's title
        and the chat); attributes a category does not name keep the general
        default of patterns/tolerances.yaml. Every number shows its source, and
        `unverified` where it was recalled rather than checked.

        Examples:
          evidence patterns categories
          evidence patterns categories --patterns my-patterns/   (a category of your own)
        """
    )

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        let catalog = try catalog.load().catalog
        let vocabulary = catalog.vocabulary
        /// The canonical unit of the attributes a tolerance key covers (cm, g, ml), or "".
        func unit(_ key: String) -> String {
            guard let attribute = vocabulary.attributes.values.first(where: { $0.tolerance == key }),
                  let family = vocabulary.quantityFamilies.first(where: { $0.value.kind == attribute.kind && ($0.value.attribute == nil || $0.value.attribute == attribute.name) })?.key,
                  let canonical = vocabulary.units.values.first(where: { $0.quantity == family && $0.factor == 1 }) else { return "" }
            return " " + canonical.name
        }
        for category in catalog.categories {
            Console.write("\(category.id)  \(category.name.zh) / \(category.name.en)\n")
            Console.write("  words: " + category.words.words.prefix(12).joined(separator: ", ") + (category.words.words.count > 12 ? ", …" : "") + "\n")
            for (key, tolerance) in category.tolerances.sorted(by: { $0.key < $1.key }) {
                let amount = tolerance.bands.isEmpty
                    ? (tolerance.relative ? "±\(NumberFormat.short(tolerance.value))%" : "±\(NumberFormat.short(tolerance.value))\(unit(key))")
                        + (tolerance.atLeastPercent.map { " or \(NumberFormat.short($0))%" } ?? "")
                    : "by size (\(tolerance.bands.count) bands)"
                let flags = (tolerance.direction == .short ? ", shortfall only" : "") + (tolerance.verified ? "" : ", unverified")
                Console.write("  \(key): \(amount)\(flags) — \(tolerance.source)\n")
            }
        }
        Console.write("\(catalog.categories.count) categories\n")
    }
}

struct TestPatterns: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every example of every pattern; report failures with file and line.",
        discussion: """
        Each `match` example must give the findings its `expect` lists, also when
        embedded in a chat line and with CRLF line ends; each `no_match` example must
        give none. With DIR, only the patterns in DIR are tested (they may use the
        bundled vocabulary and macros).

        Examples:
          evidence patterns test
          evidence patterns test my-patterns/

        Exit codes: 0 all examples pass, 1 an example failed, 2 a pattern file is broken.
        """
    )

    @Argument(help: ArgumentHelp("A folder of pattern files to test instead of the bundled catalogue.", valueName: "dir"))
    var folder: String?

    func run() throws {
        // A folder's patterns are tested alone; its word lists work with the bundled patterns.
        let catalog: PatternSet, whole: PatternSet
        do {
            catalog = try PatternSet(try Catalog.load(userFolders: folder.map { [$0] } ?? [], replaceBundled: folder != nil))
            if let folder { whole = try PatternSet(try Catalog.load(userFolders: [folder])) } else { whole = catalog }
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.error)
        }
        let check = ExampleCheck(patterns: catalog)
        var failures: [ExampleFailure] = []
        var examples = 0
        for pattern in catalog.patterns {
            examples += pattern.definition.mustMatch.count + pattern.definition.mustNotMatch.count
            failures += check.run(pattern)
        }
        // The word lists of the folder tested (or all of them for the bundled catalogue).
        let bundled = Set(CatalogSource.bundled.map(\.name))
        let lists = catalog.catalog.vocabulary.wordLists.values
            .filter { list in folder == nil || (list.mustMatch + list.mustNotMatch).contains { !bundled.contains($0.file) } }
            .sorted { $0.name < $1.name }
        let listCheck = ExampleCheck(patterns: whole)
        for list in lists {
            examples += list.mustMatch.count + list.mustNotMatch.count
            failures += listCheck.run(list)
        }
        let categories = whole.catalog.categories
            .filter { category in folder == nil || (category.words.mustMatch + category.words.mustNotMatch).contains { !bundled.contains($0.file) } }
        for category in categories {
            examples += category.words.mustMatch.count + category.words.mustNotMatch.count
            failures += listCheck.run(category)
        }
        // The character folding's examples, and no catalogue word written in a folded form.
        let ours = { (file: String) in folder == nil || !bundled.contains(file) }
        examples += ExampleCheck.foldingExampleCount(whole.catalog, from: ours)
        failures += ExampleCheck.folding(whole.catalog)
        for failure in failures { Console.write(failure.description + "\n") }
        Console.write("\(catalog.patterns.count) patterns, \(lists.count) word lists, \(categories.count) categories, \(examples) examples: \(failures.isEmpty ? "all pass" : "\(failures.count) failures")\n")
        if !failures.isEmpty { throw ExitCode(ExitStatus.negative) }
    }
}

struct ExportPatterns: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the catalogue's regexes, macros expanded, one per line.",
        discussion: """
        With --pcre, named groups become plain groups, so the lines can be
        joined into one alternation: exactly what `rg -P -f` and
        `grep -P -f` read. Used by scripts/bench.sh to time a peer on the
        same patterns.

        Examples:
          evidence patterns export --pcre > catalogue.pcre
          rg -P -c -f catalogue.pcre chats/
        """
    )

    @Flag(name: .long, help: "One PCRE line per pattern, named groups removed.")
    var pcre = false

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        for pattern in try catalog.load(readsNotes: false).patterns {
            let regex = pcre ? PatternExport.withoutGroupNames(pattern.expanded) : pattern.expanded
            Console.write((pcre ? "" : pattern.id + "\t") + regex + "\n")
        }
    }
}
