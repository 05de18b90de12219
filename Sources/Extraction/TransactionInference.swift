import Catalog
import ChatModel
import Matching
import Model

/// Infers what kind of purchase a case is from the words of its chats and listings (word lists
/// `transaction_custom`, `transaction_sample`, `transaction_bulk`, tried in that order), the
/// order's size (100 pieces or more is bulk), goods the no-reason return excludes
/// (`no_reason_exclusions`) and notes lines saying the item arrived damaged (`damage_reported`).
public struct TransactionInference: Sendable {
    let kinds: [(kind: Transaction.Kind, words: any Matcher)]
    let exclusions: any Matcher
    let damage: any Matcher
    /// Words that deny damage: a negation right before it (没压坏, not broken: `damage_denied`),
    /// or the item said to be fine on the same line (灯没事, the lamp is fine: `damage_cleared`).
    let negation: any Matcher
    let cleared: any Matcher
    /// An order of at least this many pieces is bulk.
    static let bulkPieces = 100.0

    init(_ vocabulary: Vocabulary, engine: RegexEngine) throws(CatalogError) {
        func compile(_ list: String) throws(CatalogError) -> any Matcher {
            try engine.compile(wordList: list, Vocabulary.alternation(of: vocabulary.words(list)), [.caseless], vocabulary)
        }
        kinds = [(.custom, try compile("transaction_custom")), (.sample, try compile("transaction_sample")), (.bulk, try compile("transaction_bulk"))]
        exclusions = try compile("no_reason_exclusions")
        damage = try compile("damage_reported")
        negation = try compile("damage_denied")
        cleared = try compile("damage_cleared")
    }

    /// `texts`: each text with where it was read; `pieces`: the order's size, when known;
    /// `notes`: the buyer's notes lines with where each was read.
    public func infer(_ texts: [Cited], pieces: Double?, notes: [Cited], scratch: MatchScratch) -> Transaction {
        func found(_ matcher: any Matcher, in texts: [Cited]) -> [Cited] {
            var seen = Set<String>()
            return texts.flatMap { text -> [Cited] in
                let bytes = Array(text.text.utf8)
                return bytes.withUnsafeBufferPointer { buffer in
                    ((try? matcher.findAll(in: buffer, scratch: scratch)) ?? []).map { Cited(UTF8Text.string(buffer, $0.range), source: text.source) }
                }
            }.filter { seen.insert($0.text.lowercased()).inserted }
        }
        var transaction = Transaction(kind: .retail, exclusions: found(exclusions, in: texts), damage: notes.filter { reportsDamage($0.text, scratch: scratch) })
        for (kind, words) in kinds {
            let evidence = found(words, in: texts)
            if !evidence.isEmpty {
                (transaction.kind, transaction.evidence) = (kind, evidence)
                return transaction
            }
        }
        if let pieces, pieces >= Self.bulkPieces {
            (transaction.kind, transaction.evidence) = (.bulk, [Cited("\(NumberFormat.short(pieces)) pcs", source: "the order's size")])
        }
        return transaction
    }
}

extension TransactionInference {
    /// A damage word not denied: no negation within four characters before it (没有被压坏), and
    /// nothing on the line saying the item is fine (快递盒压扁了一角，灯没事 is the box, not the lamp).
    func reportsDamage(_ line: String, scratch: MatchScratch) -> Bool {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard (try? cleared.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)) == nil,
                  let found = try? damage.findAll(in: buffer, scratch: scratch) else { return false }
            return found.contains { match in
                let before = String(UTF8Text.string(buffer, 0..<match.range.lowerBound).suffix(4))
                let tail = Array(before.utf8)
                return tail.withUnsafeBufferPointer { (try? negation.find(in: $0, from: 0, to: $0.count, scratch: scratch)) == nil }
            }
        }
    }

    /// The texts of chat logs to infer from, each message with its file and line.
    public static func texts(of logs: [ChatLog]) -> [Cited] {
        logs.flatMap { log in log.messages.map { Cited(log.text(of: $0), source: "\(log.path):\($0.bodyLine)") } }
    }
}
