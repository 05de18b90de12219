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

    /// Aliases by first byte (lowercased for caseless ones), longest first.
    private let aliases: [UInt8: [UnitAlias]]
    private let numberWords: [(bytes: [UInt8], value: Double)]
    private let approxBefore: [[UInt8]]
    private let approxAfter: [[UInt8]]
    private let atLeastBefore: [[UInt8]]
    private let atMostBefore: [[UInt8]]
    private let atLeastAfter: [[UInt8]]
    private let atMostAfter: [[UInt8]]
    private let currency: [[UInt8]]
    private let vocabulary: Vocabulary

    /// Every unit word the layer knows: the keyword index runs it only on lines holding one.
    let keywords: [String]

    init(_ vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        var byFirst: [UInt8: [UnitAlias]] = [:]
        var keywords: [String] = []
        for unit in vocabulary.units.values where vocabulary.quantityFamilies[unit.quantity] != nil {
            for word in [unit.name] + unit.aliases where !["\"", "'", "″", "′"].contains(word) {
                let bytes = Array(word.utf8)
                let ascii = word.unicodeScalars.allSatisfy(\.isASCII)
                let caseless = ascii && word.unicodeScalars.count > 1
                let alias = UnitAlias(bytes: caseless ? bytes.map(Self.lower) : bytes, entry: unit, caseless: caseless, ascii: ascii)
                byFirst[alias.bytes[0], default: []].append(alias)
                keywords.append(word)
            }
        }
        aliases = byFirst.mapValues { $0.sorted { $0.bytes.count > $1.bytes.count } }
        self.keywords = keywords + ["\"", "″", "′", "'"]
        numberWords = vocabulary.numberWords.map { (Array($0.key.utf8), $0.value) }.sorted { $0.bytes.count > $1.bytes.count }
        func list(_ name: String) -> [[UInt8]] { vocabulary.words(name).map { Array($0.lowercased().utf8) }.sorted { $0.count > $1.count } }
        approxBefore = list("approx_before")
        approxAfter = list("approx_after")
        atLeastBefore = list("at_least_before")
        atMostBefore = list("at_most_before")
        atLeastAfter = list("at_least_after")
        atMostAfter = list("at_most_after")
        currency = list("currency")
    }

    // MARK: Scanning

    /// Every quantity in `range` of `buffer`, left to right, none overlapping.
    func scan(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Quantity] {
        var found: [Quantity] = []
        var position = range.lowerBound
        let end = range.upperBound
        var bracketUnit: (entry: UnitEntry, after: Int)?
        while position < end {
            if let (entry, after) = bracketed(buffer, position, end) {
                bracketUnit = (entry, after)
                position = after
                continue
            }
            guard startsNumber(buffer, position, range.lowerBound), let first = number(buffer, position, end) else {
                position = nextCharacter(buffer, position, end)
                continue
            }
            if let quantities = read(buffer, first, start: position, range: range, bracketUnit: &bracketUnit), !quantities.isEmpty {
                found += quantities
                position = quantities.map(\.range.upperBound).max()!
            } else {
                position = first.end
            }
        }
        return found
    }

    /// The quantities that start with the number `first` at `start` (a tuple gives several).
    private func read(_ buffer: UnsafeBufferPointer<UInt8>, _ first: ParsedNumber, start: Int, range: Range<Int>,
                      bracketUnit: inout (entry: UnitEntry, after: Int)?) -> [Quantity]? {
        let end = range.upperBound
        if isMoney(buffer, start, range.lowerBound) { return nil }
        var numbers = [(first, start)]
        var cursor = first.end
        var isRange = false
        // 30-35cm, 30到35厘米, 30 to 35 cm; 30*20*10cm, 30x20 cm.
        if let (separator, after) = rangeSeparator(buffer, spaces(buffer, cursor, end), end), let second = number(buffer, after, end) {
            _ = separator
            numbers.append((second, after))
            cursor = second.end
            isRange = true
        } else {
            while numbers.count < 3, let after = tupleSeparator(buffer, spaces(buffer, skipUnitIfSame(buffer, cursor, end), end), end),
                  let next = number(buffer, after, end) {
                numbers.append((next, after))
                cursor = next.end
            }
        }
        let unitStart = hyphenOrSpaces(buffer, cursor, end)
        guard let (unit, unitEnd) = unitAlias(buffer, unitStart, end, glued: unitStart == cursor, afterDigits: numbers.last!.0.arabic) else {
            // A unit given in brackets before the numbers: `Weight (kg): 20`, `尺寸(cm)：30*20*10`.
            guard let bracket = bracketUnit, bracket.after <= start, onlySeparators(buffer, bracket.after, start) || numbers.count > 1 else { return nil }
            bracketUnit = nil
            return quantities(numbers, isRange: isRange, unit: bracket.entry, end: cursor, buffer: buffer, range: range)
        }
        var last = quantities(numbers, isRange: isRange, unit: unit, end: unitEnd, buffer: buffer, range: range)
        // Compounds: 5 ft 2 in, 1米8, 3斤5两, 一吨半, 1 lb 4 oz.
        if last.count == 1, let compound = compound(buffer, last[0], unit: unit, after: unitEnd, end: end) {
            last[0] = compound
        }
        return last
    }

    private func quantities(_ numbers: [(ParsedNumber, Int)], isRange: Bool, unit: UnitEntry, end: Int,
                            buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [Quantity] {
        let family = vocabulary.units[unit.canonical]?.quantity ?? unit.quantity
        var start = numbers[0].1
        // Hedges and bounds before the number belong to the quantity: 约30cm, 不到一斤, over two pounds.
        var approx = false
        var bound: (min: Bool, at: Int)?
        if let at = wordStart(approxBefore, buffer, before: start, limit: range.lowerBound) { approx = true; start = at }
        if let at = wordStart(atLeastBefore, buffer, before: start, limit: range.lowerBound) { bound = (true, at) }
        else if let at = wordStart(atMostBefore, buffer, before: start, limit: range.lowerBound) { bound = (false, at) }
        if let bound { start = bound.at }
        var afterEnd = end
        if let after = word(approxAfter, buffer, at: spaces(buffer, end, range.upperBound), range.upperBound) { approx = true; afterEnd = after }
        if isRange {
            return [Quantity(range: start..<afterEnd, value: nil, min: numbers[0].0.value * unit.factor, max: numbers[1].0.value * unit.factor,
                             approx: approx, unit: unit.canonical, family: family, number: numbers[0].1..<numbers[1].0.end)]
        }
        if numbers.count > 1 {
            return numbers.map { number, at in
                Quantity(range: at..<number.end, value: number.value * unit.factor, min: nil, max: nil, approx: approx,
                         unit: unit.canonical, family: family, number: at..<number.end)
            }
        }
        var quantity = Quantity(range: start..<afterEnd, value: numbers[0].0.value * unit.factor, min: nil, max: nil, approx: approx,
                                unit: unit.canonical, family: family, number: numbers[0].1..<numbers[0].0.end)
        // Bounds after: 5kg以上, 2米以内.
        let next = spaces(buffer, afterEnd, range.upperBound)
        if let after = word(atLeastAfter, buffer, at: next, range.upperBound) {
            bound = (true, start)
            quantity.range = start..<after
        } else if let after = word(atMostAfter, buffer, at: next, range.upperBound) {
            bound = (false, start)
            quantity.range = start..<after
        }
        if let bound {
            if bound.min { (quantity.min, quantity.value) = (quantity.value, nil) } else { (quantity.max, quantity.value) = (quantity.value, nil) }
        }
        return [quantity]
    }

    /// 5 ft 2 in, 1 lb 4 oz, 3斤5两 (a smaller unit of the same quantity next); 一吨半, 两米半;
    /// 1米8, 1米85, 2尺1 (digits after 米 or 尺 are its decimals).
    private func compound(_ buffer: UnsafeBufferPointer<UInt8>, _ quantity: Quantity, unit: UnitEntry, after: Int, end: Int) -> Quantity? {
        guard let value = quantity.value else { return nil }
        var result = quantity
        let next = spaces(buffer, after, end)
        if Bytes.hasPrefix(buffer, next..<end, Array("半".utf8)) {
            result.value = value + 0.5 * unit.factor
            result.range = quantity.range.lowerBound..<(next + 3)
            return result
        }
        guard let smaller = number(buffer, next, end) else { return nil }
        let unitStart = hyphenOrSpaces(buffer, smaller.end, end)
        if let (second, secondEnd) = unitAlias(buffer, unitStart, end, glued: unitStart == smaller.end, afterDigits: smaller.arabic, compound: true),
           second.canonical == unit.canonical, second.factor < unit.factor {
            result.value = value + smaller.value * second.factor
            result.range = quantity.range.lowerBound..<secondEnd
            return result
        }
        // 1米8 / 2尺1: one or two digits straight after 米 or 尺, and nothing that makes them a quantity of their own.
        if ["m", "chi"].contains(unit.name), next == after, smaller.end - next <= 6, smaller.value == smaller.value.rounded(), smaller.value < 100,
           unitAlias(buffer, unitStart, end, glued: true, afterDigits: smaller.arabic) == nil, !startsCountOrDigit(buffer, smaller.end, end) {
            let digits = smaller.value < 10 ? smaller.value / 10 : smaller.value / 100
            result.value = value + digits * unit.factor
            result.range = quantity.range.lowerBound..<smaller.end
            return result
        }
        return nil
    }

    // MARK: Numbers

    struct ParsedNumber {
        let value: Double
        let end: Int
        /// Written in digits (so `1米8`'s 8 and a unit glued after it read as they do).
        let arabic: Bool
    }

    /// A number can start here: not inside a word or a longer number (X6, A4, v2.0, 2024-…).
    private func startsNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ lower: Int) -> Bool {
        guard position > lower else { return true }
        let previous = buffer[position - 1]
        let byte = buffer[position]
        if Self.isASCIILetter(byte) { return !Self.isASCIILetter(previous) && !Self.isDigit(previous) }
        if Self.isDigit(byte) { return !Self.isASCIILetter(previous) && !Self.isDigit(previous) && previous != 0x2E && previous != 0x2C && previous != 0x2F }
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

    /// 30, 1.5, 1,200, ３０, 1。5 (a typo), 1/2, 1 1/2, 1½, 1.5万, 2千.
    private func arabicNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> ParsedNumber? {
        var text = ""
        var index = position
        func digit(at i: Int) -> (Character, Int)? {
            guard i < end else { return nil }
            if Self.isDigit(buffer[i]) { return (Character(Unicode.Scalar(buffer[i])), 1) }
            if isFullWidthDigit(buffer, i), i + 2 < end { return (Character(Unicode.Scalar(buffer[i + 2] - 0x90 + 0x30)), 3) }
            return nil
        }
        while let (character, width) = digit(at: index) { text.append(character); index += width }
        guard !text.isEmpty else { return nil }
        // Thousands: 1,200 and 12,000,000 (groups of exactly three digits).
        if text.count <= 3 {
            while index + 3 < end, buffer[index] == 0x2C, (1...3).allSatisfy({ Self.isDigit(buffer[index + $0]) }),
                  index + 4 >= end || !Self.isDigit(buffer[index + 4]) {
                text += String(decoding: UnsafeBufferPointer(rebasing: buffer[(index + 1)..<(index + 4)]), as: UTF8.self)
                index += 4
            }
        }
        // Decimals: . ． and 。 between digits.
        for mark in [[UInt8(0x2E)], Array("．".utf8), Array("。".utf8)] where Bytes.hasPrefix(buffer, index..<end, mark) {
            var decimals = ""
            var cursor = index + mark.count
            while let (character, width) = digit(at: cursor) { decimals.append(character); cursor += width }
            if !decimals.isEmpty { text += "." + decimals; index = cursor }
            break
        }
        guard var value = Double(text) else { return nil }
        // Fractions: 1/2, 1 1/2, 1-1/2, 1½.
        if !text.contains("."), index < end {
            if buffer[index] == 0x2F, let (denominator, after) = smallInteger(buffer, index + 1, end), [2, 3, 4, 8, 16].contains(denominator) {
                return ParsedNumber(value: value / Double(denominator), end: after, arabic: true)
            }
            if buffer[index] == 0x20 || buffer[index] == 0x2D, let (numerator, slash) = smallInteger(buffer, index + 1, end), slash < end,
               buffer[slash] == 0x2F, let (denominator, after) = smallInteger(buffer, slash + 1, end), numerator < denominator, [2, 3, 4, 8, 16].contains(denominator) {
                return ParsedNumber(value: value + Double(numerator) / Double(denominator), end: after, arabic: true)
            }
            if let fraction = vulgarFraction(buffer, index, end) { return ParsedNumber(value: value + fraction, end: index + 2, arabic: true) }
        }
        // 1.5万, 2千 (not the 千 of 千克, 千米, 千瓦).
        for (mark, factor) in [("万", 10_000.0), ("千", 1000.0)] where Bytes.hasPrefix(buffer, index..<end, Array(mark.utf8)) {
            if unitAlias(buffer, index, end, glued: true, afterDigits: true) == nil {
                value *= factor
                index += 3
            }
        }
        return ParsedNumber(value: value, end: index, arabic: true)
    }

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

    private static let chineseNumerals: [String: Bool] = Dictionary(uniqueKeysWithValues:
        ["零", "〇", "一", "二", "两", "俩", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "半"].map { ($0, true) })

    /// The Chinese numeral character at `position`, if any.
    private func chineseNumeral(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int) -> String? {
        guard position >= 0, position + 3 <= buffer.count, buffer[position] >= 0xE0 else { return nil }
        let character = String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<(position + 3)]), as: UTF8.self)
        return Self.chineseNumerals[character] != nil ? character : nil
    }

    /// 一百二十, 两, 俩, 一点五, 半 (半 only before a unit).
    private func chineseNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> ParsedNumber? {
        var text = ""
        var index = position
        while index + 3 <= end, let character = chineseNumeral(buffer, index) {
            if character == "半", !text.isEmpty { break }
            text += character == "俩" ? "两" : character
            index += 3
            if character == "半" { break }
        }
        guard !text.isEmpty, var value = NumberText.parse(text) else { return nil }
        // 一点五: 点 then digits.
        if Bytes.hasPrefix(buffer, index..<end, Array("点".utf8)) {
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
        if index < end, buffer[index] == 0x20, let (scale, after) = numberWord(buffer, index + 1, end), scale == 100 || scale == 1000 {
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
        return ParsedNumber(value: value, end: index, arabic: false)
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
                           compound: Bool = false) -> (UnitEntry, Int)? {
        guard position < end else { return nil }
        // ″ " after digits: inches; ′ ' after digits: feet.
        if glued, afterDigits {
            if buffer[position] == 0x22 || Bytes.hasPrefix(buffer, position..<end, Array("″".utf8)),
               let inch = vocabulary.units["inch"] {
                let after = position + (buffer[position] == 0x22 ? 1 : 3)
                if after >= end || !Self.isASCIILetter(buffer[after]) { return (inch, after) }
            }
            if buffer[position] == 0x27 || Bytes.hasPrefix(buffer, position..<end, Array("′".utf8)), let foot = vocabulary.units["ft"] {
                let after = position + (buffer[position] == 0x27 ? 1 : 3)
                if after >= end || !Self.isASCIILetter(buffer[after]) { return (foot, after) }
            }
        }
        let first = buffer[position]
        for key in Set([first, Self.lower(first)]) {
            for alias in aliases[key] ?? [] where position + alias.bytes.count <= end {
                let matches = alias.bytes.indices.allSatisfy { index in
                    let byte = buffer[position + index]
                    return (alias.caseless ? Self.lower(byte) : byte) == alias.bytes[index]
                }
                guard matches else { continue }
                let after = position + alias.bytes.count
                if alias.ascii {
                    if after < end, Self.isASCIILetter(buffer[after]) { continue }
                    if alias.bytes.count == 1, after < end, buffer[after] == 0x2D { continue }
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
        case "平方": return false
        default: return false
        }
    }

    /// A unit in brackets: (kg), （cm）, [g], 【mm】; the position after it.
    private func bracketed(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> (UnitEntry, Int)? {
        let opens: [[UInt8]] = [[0x28], [0x5B], Array("（".utf8), Array("【".utf8)]
        let closes: [[UInt8]] = [[0x29], [0x5D], Array("）".utf8), Array("】".utf8)]
        guard let open = opens.first(where: { Bytes.hasPrefix(buffer, position..<end, $0) }) else { return nil }
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

    private func rangeSeparator(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> (String, Int)? {
        for mark in ["-", "~", "～", "—", "–", "－", "到", "至"] where Bytes.hasPrefix(buffer, position..<end, Array(mark.utf8)) {
            return (mark, spaces(buffer, position + mark.utf8.count, end))
        }
        if let after = phrase(buffer, position, end, "to"), after < end, buffer[after] == 0x20 { return ("to", spaces(buffer, after, end)) }
        return nil
    }

    private func tupleSeparator(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Int? {
        for mark in ["*", "x", "X", "×", "✕", "✖"] where Bytes.hasPrefix(buffer, position..<end, Array(mark.utf8)) {
            let after = position + mark.utf8.count
            if (mark == "x" || mark == "X"), after < end, Self.isASCIILetter(buffer[after]) { return nil }
            return spaces(buffer, after, end)
        }
        return nil
    }

    /// In `30cm*20cm*10cm` the unit of each member is skipped to reach the separator.
    private func skipUnitIfSame(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Int {
        let start = spaces(buffer, position, end)
        guard let (unit, after) = unitAlias(buffer, start, end, glued: start == position, afterDigits: true), unit.quantity == "length",
              tupleSeparator(buffer, spaces(buffer, after, end), end) != nil else { return position }
        return after
    }

    private func startsCountOrDigit(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, _ end: Int) -> Bool {
        guard position < end else { return false }
        if Self.isDigit(buffer[position]) || chineseNumeral(buffer, position) != nil { return true }
        return ["个", "件", "只", "条", "双", "元", "块", "张", "套", "寸", "码", "号", "斤", "公斤", "克", "cm", "mm", "厘米", "公分"]
            .contains { Bytes.hasPrefix(buffer, position..<end, Array($0.utf8)) }
    }

    /// A price: ¥39.9, $12, RMB 80, 39元 is left alone because 元 is no unit.
    private func isMoney(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ lower: Int) -> Bool {
        wordStart(currency, buffer, before: start, limit: lower) != nil
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

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    static func isASCIILetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
}
