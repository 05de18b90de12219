@testable import Catalog
@testable import Extraction
import Foundation
@testable import Matching
@testable import Model
@testable import Reading
import Testing

/// Every example of every bundled pattern, one test case per pattern (SwiftLint's verifyRule habit).
@Suite struct BundledCatalogTests {
    static let ids = Support.patterns.patterns.map(\.id)

    @Test(arguments: ids)
    func examplesHold(_ id: String) throws {
        let pattern = try #require(Support.patterns.pattern(id: id))
        let failures = ExampleCheck(patterns: Support.patterns).run(pattern)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    static let wordLists = Support.catalog.vocabulary.wordLists.keys.sorted()

    @Test(arguments: wordLists)
    func wordListExamplesHold(_ name: String) throws {
        let list = try #require(Support.catalog.vocabulary.wordLists[name])
        let failures = ExampleCheck(patterns: Support.patterns).run(list)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    static let categories = Support.catalog.categories.map(\.id)

    @Test(arguments: categories)
    func categoryExamplesHold(_ id: String) throws {
        let category = try #require(Support.catalog.categories.first { $0.id == id })
        let failures = ExampleCheck(patterns: Support.patterns).run(category)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func aCategoryExampleThatIsNotInferredFails() throws {
        let yaml = """
        categories:
          mattress:
            name: {zh: 床垫, en: mattress}
            description: more words
            words: [席梦思]
            examples:
              match: ['S: 席梦思 1.8米', 'S: 床架 1.8米']
              no_match: ['S: 席梦思 20cm厚']
        """
        let set = try PatternSet(Catalog(layers: [CatalogSource.bundled, [CatalogSource(name: "mine/categories.yaml", text: yaml)]]))
        let mattress = try #require(set.catalog.categories.first { $0.id == "mattress" })
        let failures = ExampleCheck(patterns: set).run(mattress)
        #expect(failures.map(\.line) == [7, 8])
        #expect(failures.first?.message.contains("must be inferred as mattress but is furniture") == true)
        // The bundled tolerances stay; the bundled words too.
        #expect(mattress.tolerances["length"]?.value == 2.0)
        #expect(mattress.words.words.contains("床垫") && mattress.words.words.contains("席梦思"))
    }

    @Test func aBandedToleranceNeedsValueOrPercentInEachBand() {
        let yaml = """
        tolerances:
          weight: {bands: [{up_to: 50, value: 1, percent: 2}], source: mine}
        """
        #expect(throws: CatalogError.self) { try Catalog(layers: [CatalogSource.bundled, [CatalogSource(name: "mine/t.yaml", text: yaml)]]) }
    }

    @Test func everyWordListTheCodeReadsIsInTheCatalogue() {
        for name in ExampleCheck.wordListEffects.keys.sorted() + ["exchange"] {
            #expect(Support.catalog.vocabulary.wordLists[name] != nil, "word list \(name)")
        }
    }

    @Test func aWordListExampleThatDoesNotShowItsEffectFails() throws {
        let yaml = """
        word_lists:
          negation:
            description: more
            words: [绝非]
            examples:
              match: ['S: 这款绝非纯棉的', 'S: 这款是纯棉的']
              no_match: ['S: 这款纯棉', 'not a chat line']
        """
        let set = try PatternSet(Catalog(layers: [CatalogSource.bundled, [CatalogSource(name: "mine/words.yaml", text: yaml)]]))
        let failures = ExampleCheck(patterns: set).run(try #require(set.catalog.vocabulary.wordLists["negation"]))
        #expect(failures.map(\.line) == [6, 7])
        #expect(failures.first?.message.contains("must show that the value is dropped") == true)
        #expect(failures.last?.message.contains("write the example as lines") == true)
        // The new word works: 绝非 drops the value like 不是.
        #expect(Extractor(set).extract(try ChatReader(inputFormat: "plain-chat").read(path: "c", text: DecodedText(
            bytes: Array(ExampleChat.text([(true, "这款绝非纯棉的")]).utf8), encoding: .utf8, warnings: []), scratch: MatchScratch()), scratch: MatchScratch()).findings.isEmpty)
    }

    @Test(arguments: [
        ("(?:\n    a  # first\n  | b\n)\n", "(?:a|b)"),
        ("x[ #]y\\ z\\#w", "x[ #]y\\ z\\#w"),        // classes and escapes keep blanks and #
        ("[]# ]a # c", "[]# ]a"),                          // `]` first in a class is a literal
        ("[^]#]b\t#c\nd", "[^]#]bd"),
    ])
    func extendedRegexesAreJoinedIntoOneLine(_ written: String, _ joined: String) {
        #expect(ExtendedSyntax.flatten(written) == joined)
    }

    @Test func longBundledRegexesAreWrittenOverSeveralLines() {
        for pattern in Support.patterns.patterns {
            let longest = pattern.definition.source.split(separator: "\n").map(\.count).max() ?? 0
            #expect(longest <= 120, "\(pattern.id): a regex line of \(longest) characters: write it as a block in extended mode")
            #expect(!pattern.expanded.contains("\n"), "\(pattern.id)")
        }
    }

    @Test func catalogueCoversEveryKindOfIssueTwo() {
        let kinds = Set(Support.patterns.patterns.map(\.definition.kind))
        for kind in [FindingKind.dimension, .weight, .volume, .quantity, .material, .size, .return, .delivery, .warranty, .tolerance, .spec] {
            #expect(kinds.contains(kind), "no pattern of kind \(kind)")
        }
    }

    @Test func everyPatternHasBothKindsOfExamples() {
        for pattern in Support.patterns.patterns {
            #expect(!pattern.definition.mustMatch.isEmpty && !pattern.definition.mustNotMatch.isEmpty, "\(pattern.id)")
        }
    }

    @Test func vocabularyAliasesResolve() {
        let vocabulary = Support.catalog.vocabulary
        #expect(vocabulary.attribute(forAlias: "长度")?.name == "length")
        #expect(vocabulary.attribute(forAlias: "Length")?.name == "length")
        #expect(vocabulary.attribute(forAlias: "衣长")?.name == "garment_length")
        #expect(vocabulary.unit(forAlias: "公分")?.canonical == "cm")
        #expect(vocabulary.unit(forAlias: "斤")?.factor == 500)
        #expect(vocabulary.unit(forAlias: "KG")?.factor == 1000)
        #expect(vocabulary.materials.name(forAlias: "涤纶") == "polyester")
    }
}

/// Broken pattern files fail with their file and line, never a crash.
@Suite struct CatalogErrorTests {
    func load(_ yaml: String, file: String = "mine/broken.yaml") -> CatalogError? {
        do {
            _ = try PatternSet(Catalog(layers: [CatalogSource.bundled, [CatalogSource(name: file, text: yaml)]]))
            return nil
        } catch {
            return error
        }
    }

    static let valid = """
    patterns:
      - id: mine.print
        kind: spec
        attribute: print_pattern
        description: a print
        regex: '图案(?<text>条纹|格子)'
        groups:
          text: the print
        examples:
          match:
            - text: '图案条纹'
              expect: {value: 条纹}
          no_match:
            - '图案波点'
    """

    @Test func validFileLoads() {
        #expect(load(Self.valid) == nil)
    }

    @Test func yamlSyntaxErrorNamesLine() throws {
        let error = try #require(load("patterns:\n  - id: x\n    regex: '(\n  bad: [\n"))
        #expect(error.file == "mine/broken.yaml")
        #expect(error.line != nil)
        #expect(error.description.hasPrefix("mine/broken.yaml:"))
    }

    /// A key written twice is one short line naming it, not the whole file (Yams' context).
    @Test func duplicateKeyIsOneShortLine() throws {
        let error = try #require(load("materials:\n  felt_mine: [毛毡]\n  felt_mine: [felt]\n"))
        #expect(error.line != nil && error.message.contains("felt_mine") && error.message.contains("twice"))
        #expect(!error.description.contains("\n") && error.description.count < 200, "\(error.description)")
    }

    @Test func regexThatDoesNotCompileNamesPatternLineAndOffset() throws {
        let error = try #require(load(Self.valid.replacingOccurrences(of: "图案(?<text>条纹|格子)", with: "图案(?<text>红|蓝")))
        #expect(error.line == 2)
        #expect(error.message.contains("mine.print"))
        #expect(error.message.contains("does not compile"))
        #expect(error.message.contains("offset"))
    }

    @Test func unknownMacroIsAnError() throws {
        let error = try #require(load(Self.valid.replacingOccurrences(of: "图案(?<text>", with: "{{NOPE}}(?<text>")))
        #expect(error.message.contains("unknown macro {{NOPE}}"))
    }

    @Test func undocumentedGroupIsAnError() throws {
        let error = try #require(load(Self.valid.replacingOccurrences(of: "    groups:\n      text: the print\n", with: "")))
        #expect(error.message.contains("group `text` is not described"))
    }

    @Test func unknownGroupNameIsAnError() throws {
        let error = try #require(load(Self.valid.replacingOccurrences(of: "(?<text>", with: "(?<colour>")))
        #expect(error.message.contains("unknown group name `colour`"))
    }

    @Test func misspelledKeyIsAnError() throws {
        let error = try #require(load(Self.valid.replacingOccurrences(of: "description:", with: "descripton:")))
        #expect(error.message.contains("descripton"))
    }

    @Test func unknownKindIsAnError() throws {
        let error = try #require(load(Self.valid.replacingOccurrences(of: "kind: spec", with: "kind: colour")))
        #expect(error.message.contains("unknown kind `colour`"))
        #expect(error.line == 3)
    }

    @Test func duplicateIdInOneFolderIsAnError() throws {
        let twice = Self.valid + "\n" + Self.valid.replacingOccurrences(of: "patterns:\n", with: "")
        let error = try #require(load(twice))
        #expect(error.message.contains("already used"))
    }

    @Test func userPatternReplacesBundledPatternWithSameId() throws {
        let replacement = Self.valid.replacingOccurrences(of: "mine.print", with: "weight.labelled")
        let catalog = try PatternSet(Catalog(layers: [CatalogSource.bundled, [CatalogSource(name: "mine/w.yaml", text: replacement)]]))
        #expect(catalog.patterns.filter { $0.id == "weight.labelled" }.count == 1)
        #expect(catalog.pattern(id: "weight.labelled")?.definition.file == "mine/w.yaml")
    }

    @Test func catastrophicExampleIsCaughtNotHung() throws {
        let yaml = Self.valid.replacingOccurrences(of: "图案(?<text>条纹|格子)", with: "(?<text>(?:a|aa)+)$").replacingOccurrences(of: "'图案波点'", with: "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac'")
        let catalog = try PatternSet(Catalog(layers: [CatalogSource.bundled, [CatalogSource(name: "mine/bad.yaml", text: yaml)]]))
        let log = Support.extract("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac").log
        let extractor = Extractor(catalog)
        let result = extractor.extract(log, scratch: extractor.makeScratch(), patterns: [catalog.pattern(id: "mine.print")!])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.description.contains("chat.txt:1: pattern mine.print") == true)
    }

    @Test func wrongExpectationIsReportedAtTheExampleLine() throws {
        let wrong = Self.valid.replacingOccurrences(of: "expect: {value: 条纹}", with: "expect: {value: 格子}")
        let catalog = try PatternSet(Catalog(layers: [CatalogSource.bundled, [CatalogSource(name: "mine/wrong.yaml", text: wrong)]]))
        let failures = ExampleCheck(patterns: catalog).run(try #require(catalog.pattern(id: "mine.print")))
        #expect(failures.count == 1)
        #expect(failures.first?.file == "mine/wrong.yaml")
        #expect(failures.first?.line == 11)
        #expect(failures.first?.message.contains("expected value 格子, got 条纹") == true)
    }
}
