import Catalog
import Matching

/// The word lists and vocabulary a notes line is read with, compiled once: headings, filler
/// words read past, girths measured flat, and the plain `attribute … value unit` shape.
struct NoteWords: Sendable {
    /// A heading word (word list `note_headings`).
    let heading: any Matcher
    /// Words read past (word list `note_fillers`), with the blanks around them.
    let filler: any Matcher
    /// A girth measured laid flat (word list `flat_measure`).
    let flat: any Matcher
    /// A ×2 written by a flat girth (`51 x2`, `（平铺腋下×2）`).
    let timesTwo: any Matcher
    /// An attribute word, up to a few words of commentary (no comma), a number and an optional
    /// unit: groups `attr`, `gap`, `value`, `unit`.
    let attributeValue: any Matcher
    /// Any attribute word: one in the gap of `attributeValue` is the nearer, and the one read.
    let attributeWord: any Matcher

    init(_ vocabulary: Vocabulary, engine: RegexEngine) throws(CatalogError) {
        func compile(_ name: String, _ regex: String) throws(CatalogError) -> any Matcher {
            do {
                return try engine.compile(regex, [])
            } catch {
                let list = vocabulary.wordLists[name]
                throw CatalogError(file: list?.file ?? "patterns/words.yaml", line: list?.line, "word list \(name): \(error.message)")
            }
        }
        func words(_ name: String) -> String { Vocabulary.alternation(of: vocabulary.words(name)) }
        heading = try compile("note_headings", words("note_headings"))
        filler = try compile("note_fillers", #"\s*"# + words("note_fillers") + #"\s*"#)
        flat = try compile("flat_measure", words("flat_measure"))
        timesTwo = try compile("flat_measure", #"\s*[x×*✕X]\s*2(?![0-9.])"#)
        let attributes = Vocabulary.alternation(of: vocabulary.attributes.values.flatMap(\.aliases))
        let units = Vocabulary.alternation(of: vocabulary.units.values.flatMap { $0.aliases + [$0.name] })
        let number = #"[0-9]+(?:\.[0-9]+)?(?:\s+[0-9]+/[0-9]+)?"#
        attributeWord = try compile("note_fillers", attributes)
        attributeValue = try compile("note_fillers",
            "(?<attr>" + attributes + #")[\s:：=]*(?<gap>[^\d\n。；;!！?？,，]{0,16}?)(?<![0-9.])(?<value>"# + number + #")(?![0-9./])\s*(?<unit>"# + units + ")?")
    }
}
