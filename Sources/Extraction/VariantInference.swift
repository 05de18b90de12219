import Catalog
import ChatModel
import Model

/// The size the buyer ordered, read from the chat: the last size label said with a word of
/// ordering (我拍的XL, 那我拍M码了, 您拍的是L码; word list `ordering`), never from a question.
public enum VariantInference {
    /// `logs`: the chats, for a buyer's message naming a model in an order (OK, 200 pcs of BP-2207).
    public static func ordered(in findings: [Finding], logs: [ChatLog] = [], vocabulary: Vocabulary) -> OrderedVariant? {
        let ordering = vocabulary.words("ordering").map { $0.lowercased() }
        let asking = vocabulary.words("question_words").map { $0.lowercased() }
        let addressed = vocabulary.words("second_person").map { $0.lowercased() }
        // The ordering word in the label's own clause, in a sentence that asks nothing (我家床1.5米的，买哪个尺寸 orders nothing).
        func orders(_ finding: Finding) -> Bool {
            // Folded (衣長 as 衣长) to meet the word lists.
            let quote = vocabulary.folding.fold(finding.quote).lowercased(), raw = vocabulary.folding.fold(finding.raw).lowercased()
            let sentences = quote.split(whereSeparator: { "。!！;；?？\n".contains($0) })
            guard let sentence = sentences.first(where: { $0.contains(raw) }), !asking.contains(where: { sentence.contains($0) }),
                  let clause = sentence.split(whereSeparator: { "，,".contains($0) }).first(where: { $0.contains(raw) }) else { return false }
            // The seller names an order only as the buyer's (您拍的是L码), not in advice (买小号顶得太紧).
            guard finding.role != .seller || addressed.contains(where: { clause.contains($0) }) else { return false }
            return ordering.contains { clause.contains($0) }
        }
        guard let last = findings.last(where: { finding in
            vocabulary.attributes[finding.attribute]?.comparison == .label && finding.stance != .question && finding.subject == nil && orders(finding)
        }), case .text(let label)? = last.value else {
            if let named = namedInOrder(findings, logs, ordering, asking, vocabulary) { return named }
            // The seller gave figures for one size only (L码 衣长72 胸围108): that size, said as an inference.
            // Only where no figure of the same attribute was given without a variant (the item's
            // own 566 g beside the 32 oz model's 708 g names no order).
            let promises = findings.filter(\.isPromise)
            let tagged = promises.filter { $0.variant != nil }
            let given = Set(tagged.compactMap(\.variant))
            let untagged = Set(promises.filter { $0.variant == nil }.map(\.attribute))
            guard given.count == 1, let only = given.first, !tagged.contains(where: { untagged.contains($0.attribute) }) else { return nil }
            var variant = OrderedVariant(value: only, source: "inferred: the only size or model the seller gave figures for")
            variant.pickedFromFigures = true
            return variant
        }
        return OrderedVariant(value: label, source: "inferred from \(last.path):\(last.line) (`\(last.raw)`)")
    }

    /// A model or size the seller gave figures for, named by the buyer with a count or a word
    /// of ordering in a sentence that asks nothing (OK, 200 pcs of BP-2207; 要50个H3的): the
    /// last such buyer message.
    static func namedInOrder(_ findings: [Finding], _ logs: [ChatLog], _ ordering: [String], _ asking: [String], _ vocabulary: Vocabulary) -> OrderedVariant? {
        let names = Set(findings.filter(\.isPromise).compactMap(\.variant)).sorted { ($0.count, $1) > ($1.count, $0) }
        guard !names.isEmpty else { return nil }
        // Words of a count (pcs, 个, 套): the pieces unit's own and its aliases.
        let countWords = vocabulary.units.values.filter { $0.canonical == "pcs" }.flatMap { [$0.name] + $0.aliases }.map { $0.lowercased() } + ["units", "cartons", "ctns", "台", "箱"]
        func hasCount(_ text: String) -> Bool {
            let characters = Array(text.lowercased())
            for index in characters.indices where characters[index].isNumber && (index + 1 == characters.count || !characters[index + 1].isNumber) {
                let rest = String(characters[(index + 1)...]).drop { $0 == " " }
                if countWords.contains(where: { rest.hasPrefix($0) }) { return true }
            }
            return false
        }
        for log in logs.reversed() {
            for message in log.messages.reversed() where message.role == .buyer {
                let text = log.text(of: message)
                for sentence in text.split(whereSeparator: { "。.!！;；\n".contains($0) }).reversed() {
                    let trimmed = String(sentence).trimmingBlanks()
                    if trimmed.hasSuffix("?") || trimmed.hasSuffix("？") || trimmed.hasSuffix("吗") || asking.contains(where: { trimmed.lowercased().contains($0) }) { continue }
                    guard hasCount(trimmed) || ordering.contains(where: { trimmed.lowercased().contains($0) }) else { continue }
                    // Two sizes in one order (40 pcs L, 40 pcs M) name no one size ordered.
                    let named = names.filter { contains(trimmed, $0) }
                    guard let name = named.first, named.allSatisfy({ name.contains($0) }) else { continue }
                    return OrderedVariant(value: name, source: "inferred from \(log.path):\(message.line) (`\(trimmed)`)")
                }
            }
        }
        return nil
    }

    /// `name` in `text` as a whole word (BP-2207 is not in BP-22071), with or without a space
    /// between a figure and its unit (28cm is the 28 cm).
    static func contains(_ text: String, _ name: String) -> Bool {
        var spaced = "", joined = ""
        for character in name {
            if let last = spaced.last, last.isNumber, !character.isNumber, character != ".", character != " " { spaced.append(" ") }
            spaced.append(character)
            if !(character == " " && joined.last?.isNumber == true) { joined.append(character) }
        }
        return [name, spaced, joined].contains { wholeWord(text, $0) }
    }

    private static func wholeWord(_ text: String, _ name: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: name, options: .caseInsensitive) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            if !(before.isASCII && (before.isLetter || before.isNumber)) && !(after.isASCII && (after.isLetter || after.isNumber)) { return true }
            rest = text[range.upperBound...]
        }
        return false
    }

    /// With no variant ordered in the chat, the size option whose figures are nearest to the
    /// measurements (80×300cm for a rug measured 79.5 × 298 cm), when one is clearly nearest:
    /// each measured figure within 10% of one of that option's, and every other option at least
    /// twice as far. Said as an inference; never a wrong-size verdict.
    public static func nearest(_ findings: [Finding], _ measurements: [Measurement]) -> OrderedVariant? {
        let promises = findings.filter { $0.isPromise && $0.variant != nil && $0.level == nil && $0.part == nil && $0.unit != nil }
        let options = Set(promises.compactMap(\.variant))
        // Only what the options give figures of (a thickness no option names says nothing).
        let measured = measurements.filter { measurement in
            measurement.part == nil && measurement.level == nil && measurement.value.number != nil
                && promises.contains { $0.attribute == measurement.attribute && (measurement.unit == nil || $0.unit == measurement.unit) }
        }
        guard options.count > 1, !measured.isEmpty else { return nil }
        var distances: [(option: String, distance: Double)] = []
        for option in options.sorted() {
            let own = promises.filter { $0.variant == option }
            var worst = 0.0
            for measurement in measured {
                // A figure noted without a unit is taken in the promise's (as the comparison does).
                let near = own.filter { $0.kind == measurement.kind && (measurement.unit == nil || $0.unit == measurement.unit) }
                    .compactMap { promise -> Double? in
                        guard let promised = promise.figure, promised > 0 else { return nil }
                        return abs(measurement.value.number! - promised) / promised
                    }.min()
                guard let near else { worst = .infinity; break }
                worst = max(worst, near)
            }
            distances.append((option, worst))
        }
        distances.sort { $0.distance < $1.distance }
        guard let best = distances.first, best.distance <= 0.1, distances.count > 1, distances[1].distance >= max(2 * best.distance, 0.02) else { return nil }
        var variant = OrderedVariant(value: best.option, source: "inferred: the size option nearest the measurements (give --variant to be sure)")
        variant.pickedFromFigures = true
        return variant
    }
}
