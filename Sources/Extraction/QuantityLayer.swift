import Catalog
import ChatModel
import Matching
import Model

/// Gives meaning to the quantities of a message: a quantity an attribute pattern found is left
/// to it (its value completed when the pattern stopped early: `height 5 ft 2 in`); any other
/// is bound to the attribute named just before it (`Weight (kg): 20`, 容量3加仑) or just after it
/// (3-inch thick), to its unit's attribute (1200W is power), to `length` of a part (the strap is
/// 120cm); and otherwise stays a finding with no attribute, so that nothing is invisible.
struct QuantityLayer {
    static let patternID = "quantity"

    let scanner: QuantityScanner
    let vocabulary: Vocabulary
    let parts: any Matcher
    /// A part taken out (height without lid 11cm): it links an attribute word to its figure.
    let withoutPart: any Matcher
    /// Words of a sizing hint (适合, fits) and for a person (人, riders): with both, a figure is a person's.
    private let fits: [[UInt8]]
    private let people: [[UInt8]]
    /// The words of a size label (尺码, size): `Size M fits 160-165 cm` is a person's height too.
    private let sizeWords: [[UInt8]]
    /// What ends a size written before a figure (L码, 38号; word list `size_marks`).
    private let sizeMarks: [[UInt8]]
    /// Verbs of carrying (holds, 能承受): a mass after them is a load capacity.
    private let carries: [[UInt8]]
    /// Words right after a mass saying the item bears it (word list `load_after`).
    private let loadAfter: [[UInt8]]
    /// Right after a length, a package of the goods wound on it (per roll, 每卷, /spool): the
    /// length is the goods' own (word list `length_per_package`).
    private let perPackage: [[UInt8]]
    /// Words that keep an attribute word and its figure together (adjusts from), longest first.
    private let links: [String]
    /// `of one`, `of each` (word list `item_determiners`): with one word after, the item measured.
    private let determiners: [String]
    /// The weight's own words (weighs, 净重): after one, a mass is the item's, whatever came before.
    private let weighs: [[UInt8]]
    /// Words after a figure that make it a variant's name (a 110V version, 30000毫安的那款).
    /// Attribute aliases by physical quantity (`length`, `mass`...), longest first, lowercased:
    /// the words a quantity is bound by.
    private let aliases: [String: [(word: [UInt8], entry: AttributeEntry)]]
    /// What may stand between an attribute word and its value: `：`, 是, is, of, a bracketed unit.
    private static let joiners: [[UInt8]] = ["：", "是", "为", "有", "在", "约", ":", "=", "is", "are", "of", "about", "approx", "approx.", "-"].map { Array($0.utf8) }

    init(_ vocabulary: Vocabulary, parts: any Matcher, withoutPart: any Matcher) {
        self.vocabulary = vocabulary
        self.parts = parts
        self.withoutPart = withoutPart
        fits = vocabulary.words("fits").map { Array($0.lowercased().utf8) }
        people = vocabulary.words("people").map { Array($0.lowercased().utf8) }
        sizeMarks = vocabulary.words("size_marks").map { Array($0.utf8) }
        carries = vocabulary.words("carries").map { Array($0.lowercased().utf8) }
        loadAfter = vocabulary.words("load_after").map { Array($0.lowercased().utf8) }
        perPackage = vocabulary.words("length_per_package").map { Array($0.lowercased().utf8) }
        // A tool named between an attribute and its figure (内胆厚度 卡尺 2.0mm) links them too.
        links = (vocabulary.words("attribute_links") + vocabulary.words("note_instruments")).map { $0.lowercased() }.sorted { $0.count > $1.count }
        determiners = vocabulary.words("item_determiners").map { $0.lowercased() }
        weighs = (vocabulary.attributes["weight"]?.aliases ?? []).filter { $0.utf8.count > 1 }.map { Array($0.lowercased().utf8) }
        sizeWords = vocabulary.attributes.values.filter { $0.comparison == .label }.flatMap(\.aliases).map { Array($0.lowercased().utf8) }
        scanner = QuantityScanner(vocabulary)
        var aliases: [String: [(word: [UInt8], entry: AttributeEntry)]] = [:]
        for (family, meaning) in vocabulary.quantityFamilies {
            for entry in vocabulary.attributes.values where entry.quantity == family || entry.quantity == nil && entry.kind == meaning.kind {
                for alias in entry.aliases + [entry.name.replacingAll("_", with: " ")] {
                    aliases[family, default: []].append((Array(alias.lowercased().utf8), entry))
                }
            }
        }
        self.aliases = aliases.mapValues { $0.sorted { ($0.word.count, $0.entry.name) > ($1.word.count, $1.entry.name) } }
    }

    /// What a quantity is, for a finding: its attribute (nil: none found), the factor its value
    /// takes (2 for a half measure laid flat) and its kind.
    struct Binding {
        let attribute: String?
        let factor: Double
        let kind: FindingKind
    }

    /// A person's figure in a sizing hint (适合身高160-165cm, fits riders 4'10" to 6'2"): a word of
    /// `fits` and one of `people` earlier in the clause make a length the person's height and a
    /// mass the person's weight.
    func personsFigure(_ quantity: Quantity, _ buffer: UnsafeBufferPointer<UInt8>, clauseStart: Int, end: Int) -> Binding? {
        // The person may be named right after the figure (适合1米6的妹子, 一米七左右的人), not
        // further on (fits 4 tables (274 x 152 cm) so the kids train…: the kids are not the tables).
        var clauseEnd = quantity.range.upperBound
        while clauseEnd < min(end, quantity.range.upperBound + 18), ![0x2C, 0x2E, 0x21, 0x3F, 0x3B, 0x0A, 0x29].contains(buffer[clauseEnd]),
              !Bytes.hasPrefix(buffer, clauseEnd..<end, Array("，".utf8)), !Bytes.hasPrefix(buffer, clauseEnd..<end, Array("。".utf8)) {
            clauseEnd += 1
        }
        // The person's attribute for this quantity (body_height, body_weight).
        guard let entry = vocabulary.attributes.values.first(where: { $0.quantity == quantity.family }) else { return nil }
        let person = Binding(attribute: entry.name, factor: 1, kind: entry.kind)
        // A sizing hint is short: its words are within a few words of the figure.
        let before = Swift.max(clauseStart, quantity.range.lowerBound - 48)..<quantity.range.lowerBound
        if quantity.min != nil, quantity.max != nil {
            // L码 9-14kg, size M: 6-11 kg: a range right after a size is the wearer's band (a
            // garment or a nappy is sold by the wearer's weight or height), not the item's.
            if sizeMarks.contains(where: { Bytes.hasSuffix(buffer, clauseStart..<sizeEnd(buffer, before: quantity.range.lowerBound, clauseStart), $0) }) { return person }
            // L适合9-14kg: a weight range something fits is the wearer's (or the pet's), not the item's.
            if quantity.family == "mass", let fitsEnd = lastEnd(fits, buffer, before), before.upperBound - fitsEnd <= 2 { return person }
        }
        guard contains(fits, buffer, before), contains(people, buffer, before.lowerBound..<clauseEnd) || contains(sizeWords, buffer, before) else { return nil }
        return person
    }

    /// Where a size written before a figure would end: back over blanks, a colon or an opening
    /// bracket, and over a count between them (S码 84片（4-8kg）).
    private func sizeEnd(_ buffer: UnsafeBufferPointer<UInt8>, before position: Int, _ clauseStart: Int) -> Int {
        var start = position
        while start > clauseStart, [0x20, 0x3A, 0x28].contains(buffer[start - 1]) || ["：", "（"].contains(where: { Bytes.hasSuffix(buffer, clauseStart..<start, Array($0.utf8)) }) {
            start -= [0x20, 0x3A, 0x28].contains(buffer[start - 1]) ? 1 : 3
        }
        if start - 3 > clauseStart, buffer[start - 3] >= 0xE0, (0x30...0x39).contains(buffer[start - 4]) {
            var digits = start - 3
            while digits > clauseStart, (0x30...0x39).contains(buffer[digits - 1]) { digits -= 1 }
            while digits > clauseStart, buffer[digits - 1] == 0x20 { digits -= 1 }
            start = digits
        }
        return start
    }

    private func contains(_ words: [[UInt8]], _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        lastEnd(words, buffer, range) != nil
    }

    /// Where the last of `words` written in `range` ends (whole words for ASCII letters).
    private func lastEnd(_ words: [[UInt8]], _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var last: Int?
        for word in words {
            var index = range.lowerBound
            while index + word.count <= range.upperBound {
                if word.indices.allSatisfy({ QuantityScanner.lower(buffer[index + $0]) == word[$0] }),
                   !Self.isLetter(word[0]) || ((index == range.lowerBound || !Self.isLetter(buffer[index - 1]))
                       && (index + word.count == range.upperBound || !Self.isLetter(buffer[index + word.count]))) {
                    last = Swift.max(last ?? 0, index + word.count)
                }
                index += 1
            }
        }
        return last
    }

    /// A mass after a verb of carrying (holds 150 lb, 能承受200斤) is what the item carries.
    func loadCapacity(_ quantity: Quantity, _ buffer: UnsafeBufferPointer<UInt8>, clauseStart: Int) -> Binding? {
        // 装二十斤没问题, 放30斤都不会变形: what it bears without harm (word list `load_after`).
        if vocabulary.quantityFamilies[quantity.family]?.kind == .weight, let entry = vocabulary.attributes["load_capacity"] {
            var after = quantity.range.upperBound
            while after < buffer.count, buffer[after] == 0x20 { after += 1 }
            for skip in [0, 3] where after + skip <= buffer.count {
                // One character between (都, 也) at most.
                if skip == 3, !["都", "也"].contains(where: { Bytes.hasPrefix(buffer, after..<buffer.count, Array($0.utf8)) }) { continue }
                let start = after + skip
                if loadAfter.contains(where: { startsWith($0, buffer, start, buffer.count) }) {
                    return Binding(attribute: entry.name, factor: 1, kind: entry.kind)
                }
            }
        }
        let before = Swift.max(clauseStart, quantity.range.lowerBound - 24)..<quantity.range.lowerBound
        // The nearer word decides: holds 17 oz and weighs 11 oz is a weight; max user weight is 120 kg a load.
        guard vocabulary.quantityFamilies[quantity.family]?.kind == .weight, let carried = lastEnd(carries, buffer, before),
              carried >= lastEnd(weighs, buffer, Swift.max(before.lowerBound, quantity.range.lowerBound - 12)..<quantity.range.lowerBound) ?? 0,
              let entry = vocabulary.attributes["load_capacity"] else { return nil }
        return Binding(attribute: entry.name, factor: 1, kind: entry.kind)
    }

    func bind(_ quantity: Quantity, _ buffer: UnsafeBufferPointer<UInt8>, clauseStart: Int, end: Int, scratch: MatchScratch) -> Binding {
        let family = vocabulary.quantityFamilies[quantity.family] ?? (.spec, nil)
        if let name = family.attribute, let entry = vocabulary.attributes[name] { return Binding(attribute: entry.name, factor: 1, kind: entry.kind) }
        let candidates = aliases[quantity.family] ?? []
        if let person = personsFigure(quantity, buffer, clauseStart: clauseStart, end: end) { return person }
        // 100m per roll, 每卷50米: the goods' length, sold wound (the package word after or before it).
        if quantity.family == "length", let length = vocabulary.attributes["length"] {
            var after = quantity.range.upperBound
            while after < end, buffer[after] == 0x20 { after += 1 }
            var before = quantity.range.lowerBound
            while before > clauseStart, buffer[before - 1] == 0x20 { before -= 1 }
            // 4 drops of 2.5 m per roll: the roll holds the drops, the figure is a drop's.
            let ofSomething = suffix(Array("of".utf8), buffer, before, clauseStart)
            if !ofSomething, perPackage.contains(where: { startsWith($0, buffer, after, end) })
                || perPackage.contains(where: { suffix($0, buffer, before, clauseStart) }) {
                return Binding(attribute: length.name, factor: 1, kind: length.kind)
            }
        }
        // The attribute word just before: 容量3加仑, Weight (kg): 20, 肩带长约120cm.
        var before = quantity.range.lowerBound
        var trimmed = true
        while trimmed {
            trimmed = false
            while before > clauseStart, [0x20, 0x09].contains(buffer[before - 1]) { before -= 1; trimmed = true }
            if let joiner = Self.joiners.first(where: { suffix($0, buffer, before, clauseStart) }) { before -= joiner.count; trimmed = true }
            if let bracket = bracketBefore(buffer, before, clauseStart) { before = bracket; trimmed = true }
        }
        for (word, entry) in candidates where suffix(word, buffer, before, clauseStart) {
            let start = before - word.count
            if Self.isLetter(word[0]), start > clauseStart, Self.isLetter(buffer[start - 1]) { continue }
            let (name, factor) = entry.reported
            return Binding(attribute: name, factor: factor, kind: entry.quantity == nil ? family.kind : entry.kind)
        }
        // Not named by its own word: a weight after 承重, holds, carries is what the item carries.
        if let load = loadCapacity(quantity, buffer, clauseStart: clauseStart) { return load }
        // The word just after: 3-inch thick, 2 m long, 30cm长.
        var after = quantity.range.upperBound
        while after < end, [0x20, 0x2D].contains(buffer[after]) { after += 1 }
        for (word, entry) in candidates where after + word.count <= end {
            guard word.indices.allSatisfy({ QuantityScanner.lower(buffer[after + $0]) == word[$0] }) else { continue }
            if Self.isLetter(word[word.count - 1]), after + word.count < end, Self.isLetter(buffer[after + word.count]) { continue }
            let (name, factor) = entry.reported
            return Binding(attribute: name, factor: factor, kind: family.kind)
        }
        // The nearest attribute word further back in the clause: Seat height adjusts from 17.5 to 21.5 in.
        let reach = Swift.max(clauseStart, quantity.range.lowerBound - 40)
        var nearest: (end: Int, length: Int, entry: AttributeEntry)?
        for (word, entry) in candidates {
            var index = quantity.range.lowerBound - word.count
            while index >= reach {
                if word.indices.allSatisfy({ QuantityScanner.lower(buffer[index + $0]) == word[$0] }),
                   !Self.isLetter(word[0]) || (index == reach || !Self.isLetter(buffer[index - 1])) && !Self.isLetter(buffer[index + word.count]) {
                    // The nearest, and of words ending there the longest (max user weight, not weight).
                    if (index + word.count, word.count) > (nearest?.end ?? -1, nearest?.length ?? 0) { nearest = (index + word.count, word.count, entry) }
                    break
                }
                index -= 1
            }
        }
        // Only through linking words (adjusts from, 可调节): 长30cm 50cm, the sleeve opening comes to 14 cm stay unbound.
        if let nearest, linked(withoutParts(buffer, nearest.end..<quantity.range.lowerBound, scratch))
            || shortQualifier(buffer, nearest.end..<quantity.range.lowerBound) || namesTheItem(UTF8Text.string(buffer, nearest.end..<quantity.range.lowerBound)) {
            let (name, factor) = nearest.entry.reported
            return Binding(attribute: name, factor: factor, kind: family.kind)
        }
        // A part's length: the strap is 120cm, 肩带120cm.
        if quantity.family == "length", (try? parts.find(in: buffer, from: clauseStart, to: quantity.range.lowerBound, scratch: scratch)) != nil,
           vocabulary.attributes["length"] != nil {
            return Binding(attribute: "length", factor: 1, kind: .dimension)
        }
        return Binding(attribute: nil, factor: 1, kind: family.kind)
    }

    /// Up to three Chinese characters and nothing else (高度有低枕10cm: 有低枕): a qualifier
    /// inside the phrase, not a new noun phrase as in `the sleeve opening comes to 14 cm`.
    private func shortQualifier(_ buffer: UnsafeBufferPointer<UInt8>, _ gap: Range<Int>) -> Bool {
        gap.count <= 9 && gap.allSatisfy { buffer[$0] >= 0x80 } && !Interpreter.hasClauseMark(buffer, gap)
    }

    /// Whether `gap` is a determiner and one word naming the item measured (Length `of one
    /// dumbbell` 31cm, weight `of each piece` 10 kg).
    private func namesTheItem(_ gap: String) -> Bool {
        let words = gap.lowercased().split(whereSeparator: { " :：\t".contains($0) })
        guard words.count >= 3 else { return false }
        let head = words.dropLast().joined(separator: " ")
        return determiners.contains(head) && words.last!.allSatisfy(\.isLetter)
    }

    /// The text of `gap` with the parts taken out removed (height `without lid` 11cm).
    private func withoutParts(_ buffer: UnsafeBufferPointer<UInt8>, _ gap: Range<Int>, _ scratch: MatchScratch) -> String {
        guard let taken = try? withoutPart.find(in: buffer, from: gap.lowerBound, to: gap.upperBound, scratch: scratch) else { return UTF8Text.string(buffer, gap) }
        return UTF8Text.string(buffer, gap.lowerBound..<taken.range.lowerBound) + " " + UTF8Text.string(buffer, taken.range.upperBound..<gap.upperBound)
    }

    /// Whether `gap` holds only words of `attribute_links` (and blanks, colons).
    private func linked(_ gap: String) -> Bool {
        var rest = " " + gap.lowercased() + " "
        for word in links {
            let ascii = word.unicodeScalars.allSatisfy(\.isASCII)
            rest = rest.replacingAll(ascii ? " \(word) " : word, with: " ")
            if ascii { rest = rest.replacingAll(" \(word) ", with: " ") }
        }
        return rest.allSatisfy { " :：\t".contains($0) }
    }

    /// The start of `(kg)`, `（cm）`, `[g]`, `【mm】` ending at `position`.
    private func bracketBefore(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ limit: Int) -> Int? {
        let pairs: [([UInt8], [UInt8])] = [([0x28], [0x29]), ([0x5B], [0x5D]), (Array("（".utf8), Array("）".utf8)), (Array("【".utf8), Array("】".utf8))]
        for (open, close) in pairs where suffix(close, buffer, position, limit) {
            var index = position - close.count
            while index - open.count >= limit, index > position - 24 {
                if Bytes.hasPrefix(buffer, (index - open.count)..<position, open) { return index - open.count }
                index -= 1
            }
        }
        return nil
    }

    /// Whether `word` (lowercase) is written at `position`, ending by `end`, in any case.
    private func startsWith(_ word: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Bool {
        position + word.count <= end && word.indices.allSatisfy { QuantityScanner.lower(buffer[position + $0]) == word[$0] }
    }

    private func suffix(_ word: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ limit: Int) -> Bool {
        position - word.count >= limit && startsWith(word, buffer, position - word.count, position)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { QuantityScanner.isASCIILetter(byte) }
}
