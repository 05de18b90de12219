import Catalog
import ChatModel
import Model

/// A physical quantity as written in a message: one value, a range or a bound, in a canonical
/// unit, with the bytes it was read from.
struct Quantity: Equatable {
    var range: Range<Int>
    var value: Double?
    var min: Double?
    var max: Double?
    var approx = false
    /// The canonical unit (`cm`, `g`, `ml`...) and the physical quantity it measures.
    var unit: String
    var family: String
    /// The byte range of the number part only (for a unit given in brackets before it).
    var number: Range<Int>
}

/// Finds every number with a unit of the catalogue's physical quantities in UTF-8 text, in one
/// pass, before and independent of the attribute patterns: Arabic, full-width, Chinese and
/// English-word numbers, fractions, thousands separators and 万/千; ranges, bounds (不到, over),
/// hedges (约, about); compounds (5 ft 2 in, 1米8, 3斤5两, 一吨半); tuples (30*20*10cm);
/// hyphenated adjectives (3-inch-thick); units in brackets (`Weight (kg): 20`). Prices, model
/// numbers, counts and durations are not quantities.
struct QuantityScanner {
    private struct UnitAlias {
        let bytes: [UInt8]
        let entry: UnitEntry
        /// ASCII letters compared without case (not for one-letter aliases).
        let caseless: Bool
        let ascii: Bool
    }

    /// Aliases by first byte (lowercased for caseless ones), longest first; an array of 256
    /// lists, so that finding a unit hashes nothing.
    private let aliases: [[UnitAlias]]
    private let numberWords: [(bytes: [UInt8], value: Double)]
    /// The first letters of the number words: no other letter can start a number.
    private let numberWordStarts: Set<UInt8>
    private let approxBefore: [[UInt8]]
    private let approxAfter: [[UInt8]]
    private let atLeastBefore: [[UInt8]]
    private let atMostBefore: [[UInt8]]
    private let atLeastAfter: [[UInt8]]
    private let atMostAfter: [[UInt8]]
    private let currency: [[UInt8]]
    private let rateBefore: [[UInt8]]
    private let rateAfter: [[UInt8]]
    /// After a unit, money (5块钱: 块 is yuan here, not pieces).
    private let currencyAfter: [[UInt8]]
    private let codes: [[UInt8]]
    private let betweenWords: [[UInt8]]
    private let changeWords: [[UInt8]]
    private let vocabulary: Vocabulary

    init(_ vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        var byFirst: [UInt8: [UnitAlias]] = [:]
        for unit in vocabulary.units.values where vocabulary.quantityFamilies[unit.quantity] != nil {
            for word in [unit.name] + unit.aliases where !["\"", "'", "″", "′"].contains(word) {
                let bytes = Array(word.utf8)
                let ascii = word.unicodeScalars.allSatisfy(\.isASCII)
                let caseless = ascii && word.unicodeScalars.count > 1
                let alias = UnitAlias(bytes: caseless ? bytes.map(Self.lower) : bytes, entry: unit, caseless: caseless, ascii: ascii)
                byFirst[alias.bytes[0], default: []].append(alias)
                // The same in full-width letters (ｃｍ, ＫＧ, ｍＡｈ): as written, lower and upper case.
                if ascii, word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) {
                    for form in Set([word, word.lowercased(), word.uppercased()]) where caseless || form == word {
                        let wide = String(String.UnicodeScalarView(form.unicodeScalars.map { Unicode.Scalar($0.value - 0x21 + 0xFF01)! }))
                        let wideAlias = UnitAlias(bytes: Array(wide.utf8), entry: unit, caseless: false, ascii: false)
                        byFirst[wideAlias.bytes[0], default: []].append(wideAlias)
                    }
                }
            }
        }
        var table = [[UnitAlias]](repeating: [], count: 256)
        for (first, list) in byFirst { table[Int(first)] = list.sorted { $0.bytes.count > $1.bytes.count } }
        aliases = table
        numberWords = vocabulary.numberWords.map { (Array($0.key.utf8), $0.value) }.sorted { $0.bytes.count > $1.bytes.count }
        numberWordStarts = Set(numberWords.map(\.bytes[0]))
        func list(_ name: String) -> [[UInt8]] { vocabulary.words(name).map { Array($0.lowercased().utf8) }.sorted { $0.count > $1.count } }
        approxBefore = list("approx_before")
        approxAfter = list("approx_after")
        atLeastBefore = list("at_least_before")
        atMostBefore = list("at_most_before")
        atLeastAfter = list("at_least_after")
        atMostAfter = list("at_most_after")
        currency = list("currency")
        rateBefore = list("rate_before")
        rateAfter = list("rate_after")
        currencyAfter = list("currency_after")
        codes = list("codes")
        betweenWords = list("between")
        changeWords = list("changes")
    }

    // MARK: Scanning

    /// A grade or code that looks like a quantity starts at `position` (316L, 5W-30): word list `codes`.
    func isCode(_ buffer: UnsafeBufferPointer<UInt8>, at position: Int, _ end: Int) -> Bool {
        word(codes, buffer, at: position, end) != nil
    }

    /// Every quantity in `range` of `buffer`, left to right, none overlapping.
    func scan(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Quantity] {
        var found: [Quantity] = []
        var position = range.lowerBound
        let end = range.upperBound
        var bracketUnit: (entry: UnitEntry, after: Int)?
        var lastEnd = -1
        while position < end {
            // Most characters can start no number and no bracketed unit: skip them at once.
            let byte = buffer[position]
            if byte >= 0xE0 {
                // A Chinese character that is no numeral, bracket (（【) or full-width digit.
                if byte != 0xEF, byte != 0xE3, chineseNumeral(buffer, position) == nil { position += byte >= 0xF0 ? 4 : 3; continue }
                // Chinese numerals that nothing of a quantity follows (一个, 一下, 三天): past them.
                if chineseNumeral(buffer, position) != nil {
                    var after = position
                    while after + 3 <= end, chineseNumeral(buffer, after) != nil { after += 3 }
                    let next = spaces(buffer, after, end)
                    if next >= end || !(Bytes.hasPrefix(buffer, next..<end, Self.point)
                        || Bytes.hasPrefix(buffer, next..<end, Self.pointTraditional) || rangeSeparator(buffer, next, end, and: false) != nil
                        || unitAlias(buffer, next, end, glued: true, afterDigits: false) != nil) {
                        // A unit may start inside the run (三千克, 两斤): only then read it.
                        var inner = position + 3
                        while inner < after, unitAlias(buffer, inner, end, glued: true, afterDigits: false) == nil { inner += 3 }
                        if inner >= after { position = after; continue }
                    }
                }
            } else if Self.isASCIILetter(byte) {
                // A word that starts no number word: to its end.
                if position > range.lowerBound, Self.isASCIILetter(buffer[position - 1]) || !numberWordStarts.contains(Self.lower(byte)) {
                    while position < end, Self.isASCIILetter(buffer[position]) { position += 1 }
                    continue
                }
            } else if !Self.isDigit(byte), byte != 0x2E, byte != 0x28, byte != 0x5B, byte != 0xC2 {
                position += 1
                continue
            }
            if let (entry, after) = bracketed(buffer, position, end) {
                bracketUnit = (entry, after)
                position = after
                continue
            }
            // A number starts a word, or follows a quantity straight away (5V3A, 48V20Ah).
            guard position == lastEnd || startsNumber(buffer, position, range.lowerBound), let first = number(buffer, position, end) else {
                position = nextCharacter(buffer, position, end)
                continue
            }
            if let quantities = read(buffer, first, start: position, range: range, bracketUnit: &bracketUnit), !quantities.isEmpty {
                found += quantities
                position = quantities.map(\.range.upperBound).max()!
                lastEnd = position
            } else {
                position = first.end
            }
        }
        return found
    }

    /// A number with the unit after it, if one is: `30`, `30cm`, `5 ft 2 in` (a compound), `一吨半`.
    private struct Value {
        /// The number as written.
        let number: Double
        /// In the canonical unit, when the value has its own unit (a compound's total).
        var total: Double?
        let at: Int
        var numberEnd: Int
        var unit: UnitEntry?
        var end: Int

        /// In the canonical unit, taking `shared` for a value written without one (30*20*10cm).
        func canonical(_ shared: UnitEntry) -> Double { total ?? number * shared.factor }
    }

    private func value(_ buffer: UnsafeBufferPointer<UInt8>, _ number: ParsedNumber, at start: Int, _ end: Int) -> Value {
        var result = Value(number: number.value, total: nil, at: start, numberEnd: number.end, unit: nil, end: number.end)
        let unitStart = hyphenOrSpaces(buffer, number.end, end)
        guard let (unit, unitEnd) = unitAlias(buffer, unitStart, end, glued: unitStart == number.end, afterDigits: number.arabic,
                                               hyphenated: unitStart == number.end + 1 && buffer[number.end] == 0x2D) else { return result }
        // "a ton of fun" is no ton.
        if number.word == "a" || number.word == "an", unit.name == "t", phrase(buffer, unitEnd, end, " of") != nil { return result }
        // 25 km/h, 120公里/小时, 188 miles an hour: a speed (word list `rate_after`).
        if word(rateAfter, buffer, at: unitEnd, end) != nil { return result }
        // 5块钱: money, not five pieces (word list `currency_after`).
        if unit.quantity == "count", word(currencyAfter, buffer, at: unitEnd, end) != nil { return result }
        // 4 km2, 30 cm³: an area or a volume written with a length unit.
        if unit.quantity == "length", Self.isASCIILetter(buffer[unitEnd - 1]), unitEnd < end,
           [0x32, 0x33].contains(buffer[unitEnd]) || Bytes.hasPrefix(buffer, unitEnd..<end, [0xC2, 0xB2]) || Bytes.hasPrefix(buffer, unitEnd..<end, [0xC2, 0xB3]) {
            return result
        }
        result.unit = unit
        (result.total, result.end) = compound(buffer, number, unit: unit, after: unitEnd, end: end)
        return result
    }

    /// The quantities that start with the number `first` at `start` (a tuple gives several).
    private func read(_ buffer: UnsafeBufferPointer<UInt8>, _ first: ParsedNumber, start: Int, range: Range<Int>,
                      bracketUnit: inout (entry: UnitEntry, after: Int)?) -> [Quantity]? {
        let end = range.upperBound
        let head = value(buffer, first, at: start, end)
        // Most numbers are no quantity (a time, a price, a count): no unit, nothing that could
        // bring one (a range, a tuple, a unit in brackets before it).
        if head.unit == nil, bracketUnit == nil {
            let next = spaces(buffer, head.end, end)
            guard next < end, rangeSeparator(buffer, next, end, and: true) != nil || tupleSeparator(buffer, next, end) != nil else { return nil }
        }
        if wordStart(currency, buffer, before: start, limit: range.lowerBound) != nil { return nil }
        if wordStart(rateBefore, buffer, before: trimSeparators(buffer, start, range.lowerBound), limit: range.lowerBound) != nil { return nil }
        if word(codes, buffer, at: start, end) != nil { return nil }
        var members = [head]
        var isRange = false
        // 30-35cm, 30cm-35cm, 1米5到1米65, 30 to 35 cm, between 5 and 8 kg.
        let between = wordStart(betweenWords, buffer, before: start, limit: range.lowerBound) != nil
        // changed from 1.5mm to 2.0mm: a change, two values, not a range.
        let changed = head.unit != nil && contains(changeWords, buffer, Swift.max(range.lowerBound, start - 48)..<start)
        if !changed, let separated = rangeSeparator(buffer, spaces(buffer, head.end, end), end, and: between),
           case let after = word(approxBefore, buffer, at: separated, end).map { spaces(buffer, $0, end) } ?? separated,
           let second = number(buffer, after, end) {
            let tail = value(buffer, second, at: after, end)
            if head.unit == nil || tail.unit.map({ $0.canonical == head.unit!.canonical }) == true || tail.unit == nil && head.unit != nil {
                members.append(tail)
                isRange = true
            }
        }
        // 30*20*10cm, 30cm×20cm×10cm, 7.5m×25mm, 47.2"L x 23.6"W x 29.5"H.
        if !isRange {
            while members.count < 3, let after = tupleSeparator(buffer, spaces(buffer, skipDimensionLabel(buffer, members.last!.end, end), end), end),
                  let next = number(buffer, after, end) {
                members.append(value(buffer, next, at: after, end))
            }
        }
        var unit = members.last!.unit ?? (isRange ? members[0].unit : nil)
        var lastEnd = skipDimensionLabel(buffer, members.last!.end, end)
        if unit == nil {
            // A unit given in brackets before the numbers: `Weight (kg): 20`, `尺寸(cm)：30*20*10`.
            guard let bracket = bracketUnit, bracket.after <= start, onlySeparators(buffer, bracket.after, start) else { return nil }
            bracketUnit = nil
            unit = bracket.entry
            lastEnd = members.last!.end
        }
        guard let unit else { return nil }
        if isRange {
            let low = members[0].canonical(unit), high = members[1].canonical(unit)
            return [quantity(buffer, start: start, end: lastEnd, value: nil, min: low, max: high, unit: unit, range: range, number: start..<members[1].numberEnd)]
        }
        if members.count > 1 {
            return members.map { member in
                let own = member.unit ?? unit
                return quantity(buffer, start: member.at, end: member.unit == nil ? member.numberEnd : member.end, value: member.canonical(own),
                                min: nil, max: nil, unit: own, range: range, number: member.at..<member.numberEnd, bounds: false)
            }
        }
        return [quantity(buffer, start: start, end: lastEnd, value: head.canonical(unit), min: nil, max: nil, unit: unit, range: range,
                         number: start..<head.numberEnd)]
    }

    /// One quantity with the hedges and bounds around it: 约30cm, 30cm左右, 不到一斤, over two
    /// pounds, 5kg以上 (the words become part of it).
    private func quantity(_ buffer: UnsafeBufferPointer<UInt8>, start numberStart: Int, end: Int, value: Double?, min: Double?, max: Double?,
                          unit: UnitEntry, range: Range<Int>, number: Range<Int>, bounds: Bool = true) -> Quantity {
        let family = vocabulary.units[unit.canonical]?.quantity ?? unit.quantity
        var start = numberStart
        var approx = false
        var bound: Bool?   // true: a lower bound, false: an upper bound
        if let at = wordStart(approxBefore, buffer, before: start, limit: range.lowerBound) { approx = true; start = at }
        if bounds, value != nil {
            if let at = wordStart(atLeastBefore, buffer, before: start, limit: range.lowerBound) { bound = true; start = at }
            else if let at = wordStart(atMostBefore, buffer, before: start, limit: range.lowerBound) { bound = false; start = at }
        }
        var stop = end
        if let after = word(approxAfter, buffer, at: spaces(buffer, stop, range.upperBound), range.upperBound) { approx = true; stop = after }
        if bounds, value != nil, bound == nil {
            let next = spaces(buffer, stop, range.upperBound)
            if let after = word(atLeastAfter, buffer, at: next, range.upperBound) { bound = true; stop = after }
            else if let after = word(atMostAfter, buffer, at: next, range.upperBound) { bound = false; stop = after }
        }
        var result = Quantity(range: start..<stop, value: value, min: min, max: max, approx: approx, unit: unit.canonical, family: family, number: number)
        if let bound {
            if bound { (result.min, result.value) = (value, nil) } else { (result.max, result.value) = (value, nil) }
        }
        return result
    }

    /// The total in the canonical unit and where the value ends, for a compound: 5 ft 2 in, 5'2",
    /// 6 ft 2 (inches), 1 lb 4 oz, 12 km 80 m 45 cm, 7 feet and 10 inches, 3斤5两, 2尺1寸 (each
    /// next unit of the same quantity smaller); 一吨半, 两米半, 12 km and a half; 1米8, 1米85,
    /// 2尺1 (digits after 米 or 尺 are its decimals). A value that is no compound is its own.
    private func compound(_ buffer: UnsafeBufferPointer<UInt8>, _ first: ParsedNumber, unit: UnitEntry, after: Int, end: Int) -> (Double, Int) {
        var total = first.value * unit.factor
        var current = unit
        var stop = after
        for index in 0..<4 {
            let next = spaces(buffer, stop, end)
            if index == 0, Bytes.hasPrefix(buffer, next..<end, Array("半".utf8)) { return (total + 0.5 * current.factor, next + 3) }
            if let half = phrase(buffer, stop, end, " and a half") ?? phrase(buffer, stop, end, " and one half") { return (total + 0.5 * current.factor, half) }
            // `, ` and ` and ` join the parts of an English compound (7 feet, 10 inches).
            let joined = current.aliases.contains { $0.unicodeScalars.allSatisfy(\.isASCII) }
                ? (phrase(buffer, stop, end, ", and ") ?? phrase(buffer, stop, end, " and ") ?? phrase(buffer, stop, end, ", ")).map { spaces(buffer, $0, end) } : nil
            let start = joined ?? next
            guard let smaller = number(buffer, start, end), start == next || smaller.arabic || smaller.word != nil else { break }
            let unitStart = hyphenOrSpaces(buffer, smaller.end, end)
            if let (second, secondEnd) = unitAlias(buffer, unitStart, end, glued: unitStart == smaller.end, afterDigits: smaller.arabic, compound: true),
               second.canonical == current.canonical, second.factor < current.factor,
               joined == nil || Self.imperial.contains(second.name) == Self.imperial.contains(current.name) {
                total += smaller.value * second.factor
                current = second
                stop = secondEnd
                continue
            }
            guard joined == nil, index == 0 || current.name == "chi" else { break }
            // 2尺1寸: 寸 after 尺 is the Chinese inch.
            if current.name == "chi", Bytes.hasPrefix(buffer, unitStart..<end, Array("寸".utf8)), let cun = vocabulary.units["cun"] {
                return (total + smaller.value * cun.factor, unitStart + 3)
            }
            let followedByUnit = unitAlias(buffer, unitStart, end, glued: unitStart == smaller.end, afterDigits: smaller.arabic) != nil
            // 6 ft 2, 5'10: inches after whole feet.
            if current.name == "ft", first.value == first.value.rounded(), !followedByUnit, smaller.value < 12, let inch = vocabulary.units["inch"], !startsCountOrDigit(buffer, smaller.end, end) {
                return (total + smaller.value * inch.factor, smaller.end)
            }
            // 1米8 / 2尺1: one or two digits straight after 米 or 尺, the first a whole number.
            if index == 0, ["m", "chi"].contains(current.name), next == stop, first.value == first.value.rounded(), smaller.end - next <= 6,
               smaller.value == smaller.value.rounded(), smaller.value < 100, !followedByUnit, !startsCountOrDigit(buffer, smaller.end, end) {
                let digits = smaller.value < 10 ? smaller.value / 10 : smaller.value / 100
                return (total + digits * current.factor, smaller.end)
            }
            break
        }
        return (total, stop)
    }

    // MARK: Numbers

    struct ParsedNumber {
        let value: Double
        let end: Int
        /// Written in digits (so `1米8`'s 8 and a unit glued after it read as they do).
        let arabic: Bool
        /// The English word it was written as (`a`, `two`), if one.
        var word: String? = nil
    }

    /// A number can start here: not inside a word or a longer number (X6, A4, v2.0, 2024-…).
    private func startsNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ lower: Int) -> Bool {
        guard position > lower else { return true }
        let previous = buffer[position - 1]
        let byte = buffer[position]
        if Self.isASCIILetter(byte) { return !Self.isASCIILetter(previous) && !Self.isDigit(previous) }
        if Self.isDigit(byte) {
            // DC12V, AC220V: the current's kind before the voltage.
            if position - 2 >= lower, [(0x44, 0x43), (0x41, 0x43)].contains(where: { $0 == (buffer[position - 2] & 0xDF, previous & 0xDF) }),
               position - 3 < lower || !Self.isASCIILetter(buffer[position - 3]) {
                return true
            }
            if Self.isASCIILetter(previous) || Self.isDigit(previous) || previous == 0x2E || previous == 0x2C { return false }
            // 5V/2A and 12V/24V read on; 1/2 is a fraction and A-1029 a code.
            if previous == 0x2F || previous == 0x2D {
                guard position - 2 >= lower else { return previous == 0x2D }
                let before = buffer[position - 2]
                return previous == 0x2F ? !Self.isDigit(before) && before != 0x20 : !Self.isASCIILetter(before) && !Self.isDigit(before)
            }
            return true
        }
        if byte == 0xEF, position >= lower + 3, isFullWidthDigit(buffer, position - 3) { return false }
        if chineseNumeral(buffer, position) != nil, position >= lower + 3, chineseNumeral(buffer, position - 3) != nil { return false }
        return true
    }

    private func number(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> ParsedNumber? {
        guard position < end else { return nil }
        if let arabic = arabicNumber(buffer, position, end) { return arabic }
        if let fraction = vulgarFraction(buffer, position, end) { return ParsedNumber(value: fraction, end: position + 2, arabic: true) }
        if let chinese = chineseNumber(buffer, position, end) { return chinese }
        return wordNumber(buffer, position, end)
    }

    /// 30, 1.5, .75, 1,200, ３０, 1。5 (a typo), 1/2, 1 1/2, 1½, 1.5万, 2千.
    private func arabicNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> ParsedNumber? {
        if buffer[position] == 0x2E, position + 1 < end, Self.isDigit(buffer[position + 1]), position == 0 || buffer[position - 1] == 0x20,
           let decimals = arabicNumber(buffer, position + 1, end), decimals.end - position - 1 > 0 {
            let digits = decimals.end - position - 1
            return ParsedNumber(value: decimals.value / pow10(digits), end: decimals.end, arabic: true)
        }
        // Digits are summed as they are read: this runs on every number of every message.
        var index = position
        func digit(at i: Int) -> (Double, Int)? {
            guard i < end else { return nil }
            if Self.isDigit(buffer[i]) { return (Double(buffer[i] - 0x30), 1) }
            if isFullWidthDigit(buffer, i), i + 2 < end { return (Double(buffer[i + 2] - 0x90), 3) }
            return nil
        }
        var value = 0.0
        var count = 0
        while let (digit, width) = digit(at: index) { value = value * 10 + digit; count += 1; index += width }
        guard count > 0 else { return nil }
        // Thousands: 1,200 and 12,000,000 (groups of exactly three digits).
        if count <= 3 {
            while index + 3 < end, buffer[index] == 0x2C, (1...3).allSatisfy({ Self.isDigit(buffer[index + $0]) }),
                  index + 4 >= end || !Self.isDigit(buffer[index + 4]) {
                for offset in 1...3 { value = value * 10 + Double(buffer[index + offset] - 0x30) }
                index += 4
            }
        }
        // Decimals: . ． and 。 between digits.
        var whole = true
        for mark in Self.decimalMarks where Bytes.hasPrefix(buffer, index..<end, mark) {
            var cursor = index + mark.count
            var scale = 0.1
            while let (digit, width) = digit(at: cursor) { value += digit * scale; scale /= 10; cursor += width }
            if cursor > index + mark.count { whole = false; index = cursor }
            break
        }
        // Fractions: 1/2, 1 1/2, 1-1/2, 1½.
        if whole, index < end {
            if buffer[index] == 0x2F, let (denominator, after) = smallInteger(buffer, index + 1, end), [2, 3, 4, 8, 16].contains(denominator) {
                return ParsedNumber(value: value / Double(denominator), end: after, arabic: true)
            }
            if buffer[index] == 0x20 || buffer[index] == 0x2D, let (numerator, slash) = smallInteger(buffer, index + 1, end), slash < end,
               buffer[slash] == 0x2F, let (denominator, after) = smallInteger(buffer, slash + 1, end), numerator < denominator, [2, 3, 4, 8, 16].contains(denominator) {
                return ParsedNumber(value: value + Double(numerator) / Double(denominator), end: after, arabic: true)
            }
            if let fraction = vulgarFraction(buffer, index, end) { return ParsedNumber(value: value + fraction, end: index + 2, arabic: true) }
        }
        // 1.5万, 2千 (not the 千 of 千克, 千米, 千瓦); 1万2 is 12000, as 1万2千.
        for (mark, factor) in [("万", 10_000.0), ("千", 1000.0)] where Bytes.hasPrefix(buffer, index..<end, Array(mark.utf8)) {
            if unitAlias(buffer, index, end, glued: true, afterDigits: true) == nil {
                value *= factor
                index += 3
                if factor == 10_000, index < end, Self.isDigit(buffer[index]), index + 1 >= end || !Self.isDigit(buffer[index + 1]) {
                    value += Double(buffer[index] - 0x30) * 1000
                    index += 1
                    if Bytes.hasPrefix(buffer, index..<end, Array("千".utf8)), unitAlias(buffer, index, end, glued: true, afterDigits: true) == nil { index += 3 }
                }
                break
            }
        }
        // 1.5 million gallons
        if index < end, buffer[index] == 0x20, let (scale, after) = numberWord(buffer, index + 1, end), [1e6, 1e9].contains(scale) {
            value *= scale
            index = after
        }
        return ParsedNumber(value: value, end: index, arabic: true)
    }

    private static let point = Array("点".utf8), pointTraditional = Array("點".utf8)
    private static let decimalMarks: [[UInt8]] = [[0x2E], Array("．".utf8), Array("。".utf8)]

    private func pow10(_ exponent: Int) -> Double { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    private func smallInteger(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> (Int, Int)? {
        var index = position, value = 0
        while index < end, Self.isDigit(buffer[index]), index - position < 2 { value = value * 10 + Int(buffer[index] - 0x30); index += 1 }
        guard index > position, index >= end || !Self.isDigit(buffer[index]) else { return nil }
        return (value, index)
    }

    /// ½ ¼ ¾ (two bytes each).
    private func vulgarFraction(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Double? {
        guard position + 1 < end, buffer[position] == 0xC2 else { return nil }
        switch buffer[position + 1] {
        case 0xBD: return 0.5
        case 0xBC: return 0.25
        case 0xBE: return 0.75
        default: return nil
        }
    }

    /// The Chinese numerals and their three UTF-8 bytes as one number (compared, not hashed:
    /// this is asked at every Chinese character).
    private static let chineseNumerals: [(code: UInt32, character: String)] =
        ["零", "〇", "一", "二", "两", "兩", "俩", "倆", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "萬", "半"].map { character in
            let bytes = Array(character.utf8)
            return (UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2]), character)
        }

    /// The Chinese numeral character at `position`, if any.
    private func chineseNumeral(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int) -> String? {
        guard position >= 0, position + 3 <= buffer.count, buffer[position] >= 0xE3, buffer[position] <= 0xE9 else { return nil }
        let code = UInt32(buffer[position]) << 16 | UInt32(buffer[position + 1]) << 8 | UInt32(buffer[position + 2])
        for numeral in Self.chineseNumerals where numeral.code == code { return numeral.character }
        return nil
    }

    /// 一百二十, 两, 俩, 一点五, 半 (半 only before a unit).
    private func chineseNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> ParsedNumber? {
        var text = ""
        var index = position
        while index + 3 <= end, let character = chineseNumeral(buffer, index) {
            // 半 after a number and 两 after a digit are units' (一斤半 is read by the compound, 一两 is 50 g);
            // 千 and 万 that start a unit (千克, 千米, 万毫安 is not one) end the number.
            if character == "半" || character == "两" || character == "兩", !text.isEmpty { break }
            if character == "千" || character == "万", !text.isEmpty, unitAlias(buffer, index, end, glued: true, afterDigits: false) != nil { break }
            text += ["俩": "两", "倆": "两", "兩": "两", "萬": "万"][character] ?? character
            index += 3
            if character == "半" { break }
        }
        // A bare 千, 万 or 百 is no number (千斤顶 is a jack, 万能 all-purpose).
        guard !text.isEmpty, !["千", "万", "百"].contains(text), var value = NumberText.parse(text) else { return nil }
        // 一点五 (點): 点 then digits.
        if Bytes.hasPrefix(buffer, index..<end, Array("点".utf8)) || Bytes.hasPrefix(buffer, index..<end, Array("點".utf8)) {
            var digits = ""
            var cursor = index + 3
            while cursor + 3 <= end, let character = chineseNumeral(buffer, cursor), let digit = NumberText.parse(character), digit < 10, character != "十" {
                digits += String(Int(digit))
                cursor += 3
            }
            if !digits.isEmpty, let fraction = Double("0." + digits) { value += fraction; index = cursor }
        }
        return ParsedNumber(value: value, end: index, arabic: false)
    }

    /// two, twenty-five, one hundred, a, half a, one and a half, a couple of.
    private func wordNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> ParsedNumber? {
        guard let (first, afterFirst) = numberWord(buffer, position, end) else { return nil }
        var value = first
        var index = afterFirst
        // twenty-five, twenty five; one hundred; two thousand.
        if value >= 20, value < 100, value.truncatingRemainder(dividingBy: 10) == 0, index < end, buffer[index] == 0x2D || buffer[index] == 0x20,
           let (ones, after) = numberWord(buffer, index + 1, end), ones >= 1, ones < 10 {
            value += ones
            index = after
        }
        // three point five
        if let point = phrase(buffer, index, end, " point "), let (digit, after) = numberWord(buffer, point, end), digit < 10, digit == digit.rounded() {
            value += digit / 10
            index = after
        }
        while index < end, buffer[index] == 0x20, let (scale, after) = numberWord(buffer, index + 1, end), [100, 1000, 1e6, 1e9].contains(scale) {
            value *= scale
            index = after
        }
        // one and a half; half a / half an; a couple of, a pair of.
        if let after = phrase(buffer, index, end, " and a half") { value += 0.5; index = after }
        if first == 0.5, let after = phrase(buffer, index, end, " a") ?? phrase(buffer, index, end, " an") { index = after }
        if first == 1, let (next, after) = numberWord(buffer, spaces(buffer, index, end), end), next == 2 || next == 12 || next == 0.5 {
            value = next
            index = after
        }
        if let after = phrase(buffer, index, end, " of") { index = after }
        return ParsedNumber(value: value, end: index, arabic: false, word: String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<afterFirst]), as: UTF8.self).lowercased())
    }

    private func numberWord(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> (Double, Int)? {
        guard position < end, Self.isASCIILetter(buffer[position]) else { return nil }
        for (word, value) in numberWords where position + word.count <= end {
            if word.indices.allSatisfy({ Self.lower(buffer[position + $0]) == word[$0] }),
               position + word.count == end || !Self.isASCIILetter(buffer[position + word.count]) {
                return (value, position + word.count)
            }
        }
        return nil
    }

    private func phrase(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int, _ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard position + bytes.count <= end, bytes.indices.allSatisfy({ Self.lower(buffer[position + $0]) == bytes[$0] }),
              position + bytes.count == end || !Self.isASCIILetter(buffer[position + bytes.count]) else { return nil }
        return position + bytes.count
    }

    // MARK: Units

    /// The unit written at `position`, and where it ends. `glued`: no space before it.
    /// `compound`: the second unit of 5 ft 2 in, where `in` is always inches.
    private func unitAlias(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int, glued: Bool, afterDigits: Bool,
                           compound: Bool = false, hyphenated: Bool = false) -> (UnitEntry, Int)? {
        guard position < end else { return nil }
        // ″ " after digits: inches; ′ ' after digits: feet.
        if glued, afterDigits {
            if buffer[position] == 0x22 || Bytes.hasPrefix(buffer, position..<end, Array("″".utf8)),
               let inch = vocabulary.units["inch"] {
                let after = position + (buffer[position] == 0x22 ? 1 : 3)
                if after >= end || !Self.isASCIILetter(buffer[after]) || dimensionLabel(buffer, after, end) != nil { return (inch, after) }
            }
            if Bytes.hasPrefix(buffer, position..<end, Array("''".utf8)), let inch = vocabulary.units["inch"],
               position + 2 >= end || !Self.isASCIILetter(buffer[position + 2]) {
                return (inch, position + 2)
            }
            if buffer[position] == 0x27 || Bytes.hasPrefix(buffer, position..<end, Array("′".utf8)), let foot = vocabulary.units["ft"] {
                let after = position + (buffer[position] == 0x27 ? 1 : 3)
                if after >= end || !Self.isASCIILetter(buffer[after]) { return (foot, after) }
            }
        }
        let first = buffer[position]
        let lowered = Self.lower(first)
        for key in first == lowered ? [first] : [first, lowered] {
            for alias in aliases[Int(key)] where position + alias.bytes.count <= end {
                let matches = alias.bytes.indices.allSatisfy { index in
                    let byte = buffer[position + index]
                    return (alias.caseless ? Self.lower(byte) : byte) == alias.bytes[index]
                }
                guard matches else { continue }
                let after = position + alias.bytes.count
                if alias.ascii {
                    if after < end, Self.isASCIILetter(buffer[after]) { continue }
                    if alias.bytes.count == 1, hyphenated || after < end && buffer[after] == 0x2D { continue }
                    // `in` is inches glued to the number (12in), at the end of a clause (12 in.), or
                    // in a compound (5 ft 2 in); `2 in 1` and `5 in the box` are not.
                    if alias.entry.name == "inch", alias.bytes == Array("in".utf8), !glued, !compound, after < end,
                       !([0x2E, 0x2C, 0x3B, 0x3A, 0x29, 0x0A, 0x0D].contains(buffer[after]) || buffer[after] >= 0x80) { continue }
                }
                if !alias.ascii, notAUnitHere(buffer, alias, after, end) { continue }
                return (alias.entry, after)
            }
        }
        return nil
    }

    /// 尺寸 and 尺码 (size), 米色 (beige), 克重 after a value (a fabric weight, read by its pattern).
    private func notAUnitHere(_ buffer: UnsafeBufferPointer<UInt8>, _ alias: UnitAlias, _ after: Int, _ end: Int) -> Bool {
        let word = String(decoding: alias.bytes, as: UTF8.self)
        let next = after + 3 <= end ? String(decoding: UnsafeBufferPointer(rebasing: buffer[after..<(after + 3)]), as: UTF8.self) : ""
        switch word {
        case "尺": return next == "寸" || next == "码"
        case "米": return next == "色" || next == "白" || next == "黄"
        case "克", "g": return next == "重"
        case "两": return ["天", "个", "次", "周", "年", "月", "件", "人", "日", "回", "遍"].contains(next)  // 一两天: one or two days
        case "平方": return false
        default: return false
        }
    }

    /// A unit in brackets: (kg), （cm）, [g], 【mm】; the position after it.
    private static let opens: [[UInt8]] = [[0x28], [0x5B], Array("（".utf8), Array("【".utf8)]
    private static let closes: [[UInt8]] = [[0x29], [0x5D], Array("）".utf8), Array("】".utf8)]

    private func bracketed(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> (UnitEntry, Int)? {
        let first = buffer[position]
        guard first == 0x28 || first == 0x5B || first == 0xEF || first == 0xE3,
              let open = Self.opens.first(where: { Bytes.hasPrefix(buffer, position..<end, $0) }) else { return nil }
        let closes = Self.closes
        let inner = spaces(buffer, position + open.count, end)
        guard let (unit, after) = unitAlias(buffer, inner, end, glued: true, afterDigits: false) else { return nil }
        let close = spaces(buffer, after, end)
        guard let closing = closes.first(where: { Bytes.hasPrefix(buffer, close..<end, $0) }) else { return nil }
        return (unit, close + closing.count)
    }

    // MARK: Separators and context

    /// Only blanks and `:：=-` between a bracketed unit and the number.
    private func onlySeparators(_ buffer: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var index = from
        while index < to {
            if [0x20, 0x09, 0x3A, 0x3D, 0x2D].contains(buffer[index]) { index += 1; continue }
            if Bytes.hasPrefix(buffer, index..<to, Array("：".utf8)) || Bytes.hasPrefix(buffer, index..<to, Array("\u{3000}".utf8)) { index += 3; continue }
            return false
        }
        return true
    }

    /// The start of the second value of a range: after - ~ 到 至 to (and `and` after `between`).
    private func rangeSeparator(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int, and: Bool) -> Int? {
        for mark in ["-", "~", "～", "—", "–", "－", "到", "至"] where Bytes.hasPrefix(buffer, position..<end, Array(mark.utf8)) {
            return spaces(buffer, position + mark.utf8.count, end)
        }
        for word in and ? ["to", "and"] : ["to"] {
            if let after = phrase(buffer, position, end, word), after < end, buffer[after] == 0x20 { return spaces(buffer, after, end) }
        }
        return nil
    }

    private func tupleSeparator(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Int? {
        for mark in ["*", "x", "X", "×", "✕", "✖", "＊", "ｘ", "Ｘ"] where Bytes.hasPrefix(buffer, position..<end, Array(mark.utf8)) {
            let after = position + mark.utf8.count
            if (mark == "x" || mark == "X"), after < end, Self.isASCIILetter(buffer[after]) { return nil }
            return spaces(buffer, after, end)
        }
        return nil
    }

    /// L, W, H or D right after a value (47.2"L x 23.6"W): the end of that label.
    private func dimensionLabel(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Int? {
        guard position < end, [0x4C, 0x57, 0x48, 0x44].contains(buffer[position]),
              position + 1 >= end || !Self.isASCIILetter(buffer[position + 1]) else { return nil }
        return position + 1
    }

    private func skipDimensionLabel(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Int {
        dimensionLabel(buffer, position, end) ?? position
    }

    /// Back over blanks and `:：` before `position`.
    private func trimSeparators(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ limit: Int) -> Int {
        var index = position
        while index > limit {
            if [0x20, 0x09, 0x3A].contains(buffer[index - 1]) { index -= 1; continue }
            if index - 3 >= limit, Bytes.hasPrefix(buffer, (index - 3)..<index, Array("：".utf8)) { index -= 3; continue }
            break
        }
        return index
    }

    private func startsCountOrDigit(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Bool {
        guard position < end else { return false }
        if Self.isDigit(buffer[position]) || chineseNumeral(buffer, position) != nil { return true }
        return ["个", "件", "只", "条", "双", "元", "块", "张", "套", "寸", "码", "号", "斤", "公斤", "克", "cm", "mm", "厘米", "公分", "种", "款", "色",
                "把", "台", "层", "人", "岁", "年", "月", "天"]
            .contains { Bytes.hasPrefix(buffer, position..<end, Array($0.utf8)) }
    }

    /// Where one of `words` starts when it ends just before `position` (blanks between
    /// allowed), compared without case.
    private func wordStart(_ words: [[UInt8]], _ buffer: UnsafeBufferPointer<UInt8>, before position: Int, limit: Int) -> Int? {
        var end = position
        while end > limit, buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09 { end -= 1 }
        for word in words where end - word.count >= limit {
            let start = end - word.count
            guard word.indices.allSatisfy({ Self.lower(buffer[start + $0]) == word[$0] }) else { continue }
            // A word of letters must start a word: `over`, not the end of `clover`.
            if !Self.isASCIILetter(word[0]) || start == limit || !Self.isASCIILetter(buffer[start - 1]) { return start }
        }
        return nil
    }

    /// One of `words` is somewhere in `range` (as a word, for words of letters).
    private func contains(_ words: [[UInt8]], _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            if let after = word(words, buffer, at: index, range.upperBound), !Self.isASCIILetter(buffer[index]) || index == range.lowerBound
                || !Self.isASCIILetter(buffer[index - 1]) {
                _ = after
                return true
            }
            index += 1
        }
        return false
    }

    /// The end of one of `words` starting at `position`, compared without case.
    private func word(_ words: [[UInt8]], _ buffer: UnsafeBufferPointer<UInt8>, at position: Int, _ end: Int) -> Int? {
        for word in words where position + word.count <= end {
            if word.indices.allSatisfy({ Self.lower(buffer[position + $0]) == word[$0] }),
               !Self.isASCIILetter(word[word.count - 1]) || position + word.count == end || !Self.isASCIILetter(buffer[position + word.count]) {
                return position + word.count
            }
        }
        return nil
    }

    private func spaces(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Int {
        var index = position
        while index < end {
            if buffer[index] == 0x20 || buffer[index] == 0x09 { index += 1; continue }
            if index + 1 < end, buffer[index] == 0xC2, buffer[index + 1] == 0xA0 { index += 2; continue }
            if index + 2 < end, buffer[index] == 0xE3, buffer[index + 1] == 0x80, buffer[index + 2] == 0x80 { index += 3; continue }
            break
        }
        return index
    }

    /// Blanks, or one hyphen (3-inch, 10-gallon), before a unit.
    private func hyphenOrSpaces(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Int {
        if position < end, buffer[position] == 0x2D, position + 1 < end, Self.isASCIILetter(buffer[position + 1]) { return position + 1 }
        return spaces(buffer, position, end)
    }

    private func isFullWidthDigit(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
        position >= 0 && position + 2 < buffer.count && buffer[position] == 0xEF && buffer[position + 1] == 0xBC
            && (0x90...0x99).contains(buffer[position + 2])
    }

    private func nextCharacter(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Int {
        var next = position + 1
        while next < end, buffer[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// Units that join with `and` only among themselves (7 feet and 10 inches; not 3 lb 4 oz and 15 g).
    private static let imperial: Set<String> = ["mile", "yard", "ft", "inch", "lb", "oz", "gallon", "imperial_gallon", "quart", "pint", "cup", "floz"]

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    static func isASCIILetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
}
