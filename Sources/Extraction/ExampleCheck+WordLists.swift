import Catalog
import ChatModel
import Matching
import Model
import Reading

/// A short chat written as example lines: `S: …` the seller, `B: …` the buyer, one message a
/// line, a minute apart (the format of the word lists' examples and of the labelled corpus).
public enum ExampleChat {
    public static func text(_ lines: [(seller: Bool, text: String)]) -> String {
        lines.enumerated().map { index, line in
            "2024-03-12 10:\(index < 10 ? "0" : "")\(index):00 " + (line.seller ? "示例旗舰店:客服" : "tb_买家") + ": " + line.text
        }.joined(separator: "\n") + "\n"
    }

    /// The lines of `example`, or nil when one does not start with `S: ` or `B: `.
    public static func lines(_ example: String) -> [(seller: Bool, text: String)]? {
        var lines: [(Bool, String)] = []
        for line in example.split(separator: "\n") {
            guard line.hasPrefix("S: ") || line.hasPrefix("B: ") else { return nil }
            lines.append((line.hasPrefix("S: "), String(line.dropFirst(3))))
        }
        return lines.isEmpty ? nil : lines
    }
}

/// A word list's examples: each `match` chat must show the list's effect, each `no_match`
/// chat must not. The effect is what the code that reads the list does with it.
extension ExampleCheck {
    /// What a list does, seen in the findings of an example chat.
    enum WordListEffect: String {
        case dropsFinding = "the value is dropped"
        case keepsFinding = "the value is kept"
        case quoted = "the buyer quotes the seller"
        case confirmed = "the seller's yes makes a promise"
        case question = "the value is asked"
        case part = "the value is a part's"
        case buyerInfo = "the value is the buyer's"
        case dropsSize = "the size is the model's"
        case ordersVariant = "a size is ordered"
        case ordersNoVariant = "no size is ordered, though a word of ordering is there"
        case approximate = "the value is approximate"
        case lowerBound = "the value is a lower bound"
        case upperBound = "the value is an upper bound"
        case notTheItem = "the figure is not read as the item's"
        case personsFigure = "the figure is a person's height or weight"
        case isRange = "the values make a range"
        case notARange = "the values stay two values"
        case loadCapacity = "the figure is a load capacity"
        case carton = "the figure is the carton's"
        case inner = "the figure is an inner pack's"
        case gross = "the weight is the gross weight, with packaging"
        case widthFirst = "the tuple is read width first"
        case fluidOunces = "the oz are fluid ounces of capacity"
        case linked = "the figure takes the attribute word before the link"
        case goodsLength = "the length is the goods' own"
        case adjustable = "the range is an adjustable size's"
        case lowest = "the note is measured at the lowest position"
        case highest = "the note is measured at the highest position"
        case otherSubject = "the figure is about someone or something else, never a promise"
        case otherVariant = "the figure carries another variant"
        case offer = "the figure is an offer, not a promise"
        case corrected = "the seller's earlier figure is corrected by the later one"
        case itemsFigure = "the figure is the item's, not the buyer's own"
        case itemsOwn = "the figure is the item's own, not its packaging's"
        case paperWeight = "the grams are a paper's grams per square metre"
        case thisItem = "the last figure is the item's, not the other model's named before it"
        case transactionKind = "the purchase is inferred as the list's kind"
        case damaged = "the notes say the item arrived damaged"
        case excluded = "goods the no-reason return excludes are named"
        case damageCleared = "the line's damage is not the item's"
        case noteHeading = "the notes line is a heading"
        case noteRead = "the notes line is read"
        case doubled = "the notes line's girth is doubled"
        case marking = "the notes line is read off a marking"
        case dropsReadings = "the words keep figures of the notes line from being read as measured"
        case readsMore = "the words let the notes line's figures be read (the remark they are in is set aside)"
        case notAPart = "the notes line's figure is read with no part"
        case notCounted = "a category word next to it does not count"
        case containsWord = "a word of the list is there"
    }

    static let wordListEffects: [String: WordListEffect] = [
        "negation": .dropsFinding, "quoting": .quoted, "salutation": .confirmed, "confirmation": .confirmed, "confirmation_short": .confirmed,
        "question_endings": .question, "parts": .part, "spec_parts": .part, "folded_state": .part, "buyer_address": .buyerInfo, "model_words": .dropsSize, "ordering": .ordersVariant, "question_words": .ordersNoVariant, "second_person": .ordersVariant,
        "approx_before": .approximate, "approx_after": .approximate, "at_least_before": .lowerBound, "at_least_after": .lowerBound,
        "at_most_before": .upperBound, "at_most_after": .upperBound, "currency": .dropsFinding, "currency_after": .dropsFinding, "not_material_before": .dropsFinding, "fits": .personsFigure, "people": .personsFigure, "size_marks": .personsFigure, "variant_after": .notTheItem, "variant_lead_in": .otherVariant,
        "rate_before": .notTheItem, "rate_after": .dropsFinding, "length_per_package": .goodsLength, "codes": .dropsFinding, "between": .isRange, "changes": .notARange, "carries": .loadCapacity, "load_after": .loadCapacity,
        "carton_level": .carton, "inner_level": .inner, "subject_buyer": .otherSubject, "subject_person": .otherSubject, "subject_pet": .otherSubject,
        "subject_room": .otherSubject, "subject_site": .otherSubject, "subject_other_product": .otherSubject, "subject_other_model": .otherSubject,
        "first_person": .otherSubject, "first_person_fillers": .otherSubject, "gross_level": .gross, "width_first": .widthFirst, "fluid_ounces": .fluidOunces, "attribute_links": .linked, "item_determiners": .linked, "adjustable": .adjustable, "lowest_position": .lowest, "highest_position": .highest, "other_model": .otherVariant, "offers": .offer, "corrections": .corrected, "buyers_choice": .itemsFigure, "greetings": .itemsFigure, "without_packaging": .itemsOwn, "paper_after": .paperWeight, "this_item": .thisItem,
        "note_headings": .noteHeading, "note_fillers": .noteRead, "flat_measure": .doubled, "same_day": .noteRead, "next_day": .noteRead, "note_ordered": .dropsReadings, "note_inclusions": .notAPart, "note_counted_how": .readsMore, "note_results": .dropsReadings, "note_goes_in": .dropsReadings, "note_put_on": .dropsReadings, "note_distance": .dropsReadings, "comparatives": .dropsFinding, "note_instrument_specs": .dropsReadings, "note_about_me": .dropsReadings, "negation_exceptions": .keepsFinding, "note_not_measured": .dropsReadings, "note_instruments": .dropsReadings, "note_precision": .dropsReadings, "note_sampled": .dropsReadings, "shipped_words": .noteRead, "marking": .marking,
        "transaction_custom": .transactionKind, "transaction_sample": .transactionKind, "transaction_bulk": .transactionKind,
        "damage_reported": .damaged, "no_reason_exclusions": .excluded, "damage_cleared": .damageCleared, "damage_denied": .damageCleared,
        "count_per_item": .noteRead, "numbered_carton": .noteRead, "numbered_inner": .noteRead,
        "category_excluded": .notCounted, "category_excluded_after": .notCounted,
    ]

    /// Every failure of the list's examples; empty when all pass. A list this code does not
    /// read (added in a --patterns folder) is checked for its words being there.
    public func run(_ list: WordListEntry) -> [ExampleFailure] {
        let effect = Self.wordListEffects[list.name] ?? .containsWord
        var failures: [ExampleFailure] = []
        for (examples, expected) in [(list.mustMatch, true), (list.mustNotMatch, false)] {
            for example in examples {
                guard let shown = shows(effect, example.text, list) else {
                    failures.append(ExampleFailure(file: example.file, line: example.line, pattern: "word list \(list.name)",
                                                   message: "write the example as lines starting `S: ` (seller) or `B: ` (buyer): `\(example.text)`"))
                    continue
                }
                if shown != expected {
                    let message = expected ? "must show that \(effect.rawValue) but does not" : "must not show that \(effect.rawValue) but does"
                    failures.append(ExampleFailure(file: example.file, line: example.line, pattern: "word list \(list.name)",
                                                   message: "\(message): `\(example.text.replacingAll("\n", with: " / "))`"))
                }
            }
        }
        return failures
    }

    /// Every failure of a category's examples: each `match` chat must be inferred as the
    /// category, each `no_match` chat must not.
    public func run(_ category: ProductCategory) -> [ExampleFailure] {
        var failures: [ExampleFailure] = []
        for (examples, expected) in [(category.words.mustMatch, true), (category.words.mustNotMatch, false)] {
            for example in examples {
                guard let lines = ExampleChat.lines(example.text) else {
                    failures.append(ExampleFailure(file: example.file, line: example.line, pattern: "category \(category.id)",
                                                   message: "write the example as lines starting `S: ` (seller) or `B: ` (buyer): `\(example.text)`"))
                    continue
                }
                let inferred = extractor.patternSet.categories.infer(lines.map { ($0.text, false) }, scratch: scratch)?.category.id
                if (inferred == category.id) != expected {
                    failures.append(ExampleFailure(file: example.file, line: example.line, pattern: "category \(category.id)",
                                                   message: (expected ? "must be inferred as \(category.id) but is " : "must not be inferred as \(category.id) but is ")
                                                       + "\(inferred ?? "no category"): `\(example.text.replacingAll("\n", with: " / "))`"))
                }
            }
        }
        return failures
    }

    /// `text` with the list's words blanked out, longest first: what the example reads as without them.
    static func without(_ list: WordListEntry, _ text: String) -> String {
        var plain = text
        for word in list.words.sorted(by: { $0.count > $1.count }) { plain = plain.replacingOccurrences(of: word, with: " ", options: .caseInsensitive) }
        return plain
    }

    /// Whether the example shows the effect; nil for an example not written as chat lines.
    private func shows(_ effect: WordListEffect, _ example: String, _ list: WordListEntry) -> Bool? {
        guard let lines = ExampleChat.lines(example) else { return nil }
        if [.lowest, .highest, .noteHeading, .noteRead, .doubled, .marking, .dropsReadings, .readsMore, .notAPart].contains(effect) {
            guard let reader = self.notes else { return nil }
            let notes = reader.lines(path: "example", text: lines.map(\.text).joined(separator: "\n"))
            let measurements = notes.flatMap { line -> [Measurement] in if case .read(let read) = line.reading { read } else { [] } }
            switch effect {
            case .noteHeading: return notes.contains { if case .heading = $0.reading { true } else { false } }
            case .noteRead: return !measurements.isEmpty
            case .doubled: return measurements.contains { $0.notes.contains { $0.contains("doubled") } }
            case .marking: return measurements.contains(where: \.isMarking)
            case .notAPart: return !measurements.isEmpty && measurements.allSatisfy { $0.part == nil }
            case .dropsReadings, .readsMore:
                // Read without the list's words, the line gives more (or fewer) measurements.
                let plain = Self.without(list, lines.map(\.text).joined(separator: "\n"))
                let without = reader.read(path: "example", text: plain).measurements.count
                return effect == .dropsReadings ? without > measurements.count : without < measurements.count
            default: return measurements.contains { $0.position == (effect == .lowest ? "lowest" : "highest") }
            }
        }
        if effect == .notCounted {
            let inference = extractor.patternSet.categories
            let plain = Self.without(list, lines.map(\.text).joined(separator: "\n"))
            return inference.tally(lines.map { ($0.text, false) }, scratch: scratch).total < inference.tally([(plain, false)], scratch: scratch).total
        }
        if [.transactionKind, .damaged, .excluded, .damageCleared].contains(effect) {
            let texts = lines.map { Cited($0.text, source: "example") }
            let notes = [.damaged, .damageCleared].contains(effect)
            let transaction = extractor.patternSet.transactions.infer(notes ? [] : texts, pieces: nil, notes: notes ? texts : [], scratch: scratch)
            switch effect {
            case .damaged: return !transaction.damage.isEmpty
            case .damageCleared: return transaction.damage.isEmpty
            case .excluded: return !transaction.exclusions.isEmpty
            default: return transaction.kind.rawValue == list.name.replacingOccurrences(of: "transaction_", with: "")
            }
        }
        if effect == .containsWord {
            let text = example.lowercased()
            return list.words.contains { text.contains($0.lowercased()) }
        }
        let decoded = DecodedText(bytes: Array(ExampleChat.text(lines).utf8), encoding: .utf8, warnings: [])
        guard let log = try? ChatReader(inputFormat: "plain-chat", folding: extractor.catalog.vocabulary.folding).read(path: "example", text: decoded, scratch: scratch) else { return nil }
        let findings = extractor.extract(log, scratch: scratch).findings
        switch effect {
        case .dropsFinding: return findings.isEmpty
        case .keepsFinding: return findings.contains(where: \.isPromise)
        case .quoted: return findings.contains { $0.stance == .quoted }
        case .confirmed: return findings.contains { $0.stance == .confirmed }
        case .question: return findings.contains { $0.stance == .question }
        case .part: return findings.contains { $0.part != nil }
        case .goodsLength: return findings.contains { $0.attribute == "length" && $0.isPromise }
        case .buyerInfo: return findings.contains { $0.stance == .buyerInfo }
        case .dropsSize: return !findings.contains { $0.kind == .size }
        case .ordersVariant: return VariantInference.ordered(in: findings, vocabulary: extractor.catalog.vocabulary) != nil
        case .ordersNoVariant: return VariantInference.ordered(in: findings, vocabulary: extractor.catalog.vocabulary) == nil
        case .approximate: return findings.contains { $0.approx }
        case .notTheItem: return !findings.contains { $0.pattern == QuantityLayer.patternID }
        case .personsFigure: return findings.contains { $0.kind == .size && $0.attribute != "nominal_size" && ($0.unit == "cm" || $0.unit == "g") }
        case .isRange: return findings.contains { $0.min != nil && $0.max != nil }
        case .loadCapacity: return findings.contains { $0.attribute == "load_capacity" }
        case .carton: return findings.contains { $0.level == "carton" }
        case .inner: return findings.contains { $0.level == "inner" }
        case .adjustable: return findings.contains { $0.adjustable }
        case .lowest, .highest, .noteHeading, .noteRead, .doubled, .marking, .dropsReadings, .readsMore, .notAPart, .notCounted, .transactionKind, .damaged, .excluded, .damageCleared: return nil
        case .linked:
            // The figure took the word before the link: a quantity bound to it, or a bare figure's
            // pattern default (weight) replaced by it (gross_weight).
            return findings.contains { finding in
                !finding.attribute.isEmpty && (finding.pattern == QuantityLayer.patternID
                    || extractor.patternSet.pattern(id: finding.pattern)?.definition.attribute.map { $0 != finding.attribute } == true)
            }
        case .fluidOunces: return findings.contains { $0.kind == .volume && $0.raw.lowercased().contains("oz") }
        case .widthFirst: return findings.first { $0.inference != nil }?.attribute == "width"
        case .gross: return findings.contains { $0.attribute == "gross_weight" } && !findings.contains { $0.attribute == "weight" }
        case .otherSubject: return findings.contains { $0.subject != nil } && !findings.contains { $0.subject == nil && $0.isPromise && $0.kind != .size }
        case .otherVariant: return findings.contains { $0.variant != nil }
        case .offer: return findings.contains { $0.stance == .offer }
        case .corrected: return findings.contains { $0.stance == .corrected } && findings.contains(where: \.isPromise)
        case .paperWeight: return findings.contains { $0.attribute == "paper_weight" }
        case .itemsOwn: return !findings.isEmpty && findings.allSatisfy { $0.level == nil && !$0.attribute.contains("gross") && !$0.attribute.hasPrefix("carton") }
        case .itemsFigure: return findings.contains(where: \.isPromise) && !findings.contains { $0.stance == .buyerInfo }
        case .thisItem: return findings.last.map { $0.subject == nil && $0.variant == nil } ?? false
        case .notARange: return !findings.contains { $0.min != nil && $0.max != nil } && findings.count >= 2
        case .lowerBound: return findings.contains { $0.min != nil && $0.max == nil && $0.value == nil }
        case .upperBound: return findings.contains { $0.max != nil && $0.min == nil && $0.value == nil }
        case .containsWord: return nil
        }
    }
}
