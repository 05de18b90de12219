import Catalog
import ChatModel

/// The character folding's examples (`fold`: `衣長 => 衣长`, `keep`: text that stays), and
/// the catalogue's own words: text is folded before matching, so a pattern or word written
/// with a folded character (公裏 for 公里) could never match.
extension ExampleCheck {
    public static func folding(_ catalog: Catalog) -> [ExampleFailure] {
        let folding = catalog.vocabulary.folding
        var failures: [ExampleFailure] = []
        for example in catalog.foldingExamples.fold {
            let parts = example.text.components(separatedBy: " => ")
            let folded = folding.fold(parts[0])
            if folded != parts[1] {
                failures.append(ExampleFailure(file: example.file, line: example.line, pattern: "fold_characters", message: "`\(parts[0])` must read as `\(parts[1])` but reads as `\(folded)`"))
            }
        }
        for example in catalog.foldingExamples.keep where folding.fold(example.text) != example.text {
            failures.append(ExampleFailure(file: example.file, line: example.line, pattern: "fold_characters",
                                           message: "`\(example.text)` must stay as written but reads as `\(folding.fold(example.text))`"))
        }
        guard !folding.isEmpty else { return failures }
        func check(_ text: String, _ file: String, _ line: Int?, _ owner: String) {
            let folded = folding.fold(text)
            guard folded != text else { return }
            failures.append(ExampleFailure(file: file, line: line, pattern: owner,
                                           message: "`\(text)` is read as `\(folded)` before matching, so as written it never matches: write `\(folded)`"))
        }
        for definition in catalog.definitions { check(definition.source, definition.file, definition.line, definition.id) }
        // A list extended by a later layer is named by its last examples' file.
        for list in catalog.vocabulary.wordLists.values {
            let place = list.mustMatch.last.map { ($0.file, $0.line) } ?? (list.file, list.line)
            for word in list.words { check(word, place.0, place.1, "word list \(list.name)") }
        }
        for category in catalog.categories { for word in category.words.words { check(word, category.words.file, category.words.line, "category \(category.id)") } }
        let vocabulary = catalog.vocabulary
        for attribute in vocabulary.attributes.values { for alias in attribute.aliases { check(alias, "vocabulary", nil, "attribute \(attribute.name)") } }
        for unit in vocabulary.units.values { for alias in unit.aliases { check(alias, "vocabulary", nil, "unit \(unit.name)") } }
        for (kind, list) in [("material", vocabulary.materials), ("colour", vocabulary.colors), ("part", vocabulary.parts)] {
            for (name, aliases) in list.entries { for alias in [name] + aliases { check(alias, "vocabulary", nil, "\(kind) \(name)") } }
        }
        for word in vocabulary.numberWords.keys { check(word, "vocabulary", nil, "number word") }
        // The bundled catalogue passes its own check: what fails in a folder's run is the folder's.
        return failures.sorted { ($0.file, $0.line ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.message) }
    }

    /// How many of the folding's examples are in `files` (a user's folder without the bundled files).
    public static func foldingExampleCount(_ catalog: Catalog, from files: (String) -> Bool = { _ in true }) -> Int {
        (catalog.foldingExamples.fold + catalog.foldingExamples.keep).filter { files($0.file) }.count
    }
}
