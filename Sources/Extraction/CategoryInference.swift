import Catalog
import ChatModel
import Matching

/// Infers the product category of a case from the words of its listings and chats
/// (patterns/categories.yaml): the category whose words occur most wins, a word in a
/// listing's first line (its title) counts three times, and a word right after one of word
/// list `category_excluded` (不含床垫) or before one of `category_excluded_after` (床垫另购,
/// mattress not included) does not count.
public struct CategoryInference: Sendable {
    let categories: [ProductCategory]
    /// Every category word, longest first (one regex, so `down jacket` is not also a `jacket`).
    let word: any Matcher
    let excludedBefore: any Matcher
    let excludedAfter: any Matcher
    /// Category index by lower-cased word (the first category listing a word owns it).
    let owner: [String: Int]

    init(_ catalog: Catalog, engine: RegexEngine) throws(CatalogError) {
        categories = catalog.categories
        var owner: [String: Int] = [:]
        for (index, category) in categories.enumerated() {
            for word in category.words.words where owner[word.lowercased()] == nil { owner[word.lowercased()] = index }
        }
        self.owner = owner
        let vocabulary = catalog.vocabulary
        do {
            word = try engine.compile(Vocabulary.alternation(of: categories.flatMap(\.words.words)), [])
        } catch {
            throw CatalogError(file: categories.first?.words.file ?? "patterns/categories.yaml", line: categories.first?.words.line, "category words: \(error.message)")
        }
        excludedBefore = try engine.compile(wordList: "category_excluded", Vocabulary.alternation(of: vocabulary.words("category_excluded")), [], vocabulary)
        excludedAfter = try engine.compile(wordList: "category_excluded_after", Vocabulary.alternation(of: vocabulary.words("category_excluded_after")), [], vocabulary)
    }

    /// What each category scored, and the words that scored, in the order first seen.
    struct Tally {
        var scores: [Int: Int] = [:]
        var words: [Int: [String: Int]] = [:]
        var order: [String] = []

        var total: Int { scores.values.reduce(0, +) }
    }

    /// The category the texts point to, or nil when none of its words occurs.
    /// `texts`: each text with whether it is a listing's title.
    public func infer(_ texts: [(text: String, title: Bool)], scratch: MatchScratch) -> CategoryChoice? {
        let tally = self.tally(texts, scratch: scratch)
        // On a tie, the category named first (the goods before the furniture they stand on).
        let firstSeen = { (index: Int) in tally.order.firstIndex { tally.words[index]?[$0] != nil } ?? Int.max }
        guard let best = tally.scores.max(by: { ($0.value, -firstSeen($0.key)) < ($1.value, -firstSeen($1.key)) })?.key else { return nil }
        let counts = tally.words[best] ?? [:]
        let words = tally.order.filter { counts[$0] != nil }.enumerated().sorted { (counts[$0.element]!, -$0.offset) > (counts[$1.element]!, -$1.offset) }.map(\.element)
        return CategoryChoice(category: categories[best], words: words)
    }

    func tally(_ texts: [(text: String, title: Bool)], scratch: MatchScratch) -> Tally {
        var tally = Tally()
        for (text, title) in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                guard let found = try? word.findAll(in: buffer, scratch: scratch), !found.isEmpty else { return }
                let before = ((try? excludedBefore.findAll(in: buffer, scratch: scratch)) ?? []).map(\.range)
                let after = ((try? excludedAfter.findAll(in: buffer, scratch: scratch)) ?? []).map(\.range)
                for match in found {
                    let range = match.range
                    let written = UTF8Text.string(buffer, range)
                    guard let index = owner[written.lowercased()] else { continue }
                    if before.contains(where: { Self.near(from: $0.upperBound, to: range.lowerBound, buffer) })
                        || after.contains(where: { Self.near(from: range.upperBound, to: $0.lowerBound, buffer) }) { continue }
                    tally.scores[index, default: 0] += title ? 3 : 1
                    if tally.words[index]?[written] == nil { tally.order.append(written) }
                    tally.words[index, default: [:]][written, default: 0] += 1
                }
            }
        }
        return tally
    }

    /// At most three characters (blanks aside) and no punctuation between an exclusion word and
    /// the category word.
    static func near(from start: Int, to end: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start <= end else { return false }
        let between = UTF8Text.string(buffer, start..<end).filter { !$0.isWhitespace }
        return between.count <= 3 && !between.contains { $0.isPunctuation }
    }
}

extension CategoryInference {
    /// The texts of chat logs to infer from: every message, a listing's first line as its title.
    public static func texts(of logs: [ChatLog]) -> [(text: String, title: Bool)] {
        logs.flatMap { log in
            log.messages.enumerated().map { index, message in (log.text(of: message), log.format == "listing" && index == 0) }
        }
    }
}
