import Foundation

/// A line of the buyer's notes made plain before it is read: full-width letters, digits and
/// marks folded to ASCII, emoji dropped, and a list bullet or number at the start dropped
/// (`- `, `•`, `1.`, `2)`, `③`, `1 - `).
enum NoteText {
    static func cleaned(_ line: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            case 0xFE0F, 0x200D, 0x2713, 0x2717, 0x2718, 0x2611: continue  // joiners, ✓ ✗ ✘ ☑
            default:
                if scalar.properties.isEmojiPresentation || scalar.value >= 0x2600 && scalar.properties.isEmoji { continue }
                scalars.append(scalar)
            }
        }
        // 220V~ 50Hz: the ~ marks alternating current, not a range.
        var text = Substring(String(scalars).replacingOccurrences(of: "V~", with: "V ").replacingOccurrences(of: "V～", with: "V ").trimmingBlanks())
        if let first = text.unicodeScalars.first, (0x2460...0x2473).contains(first.value) { text = text.dropFirst() }
        while let first = text.first, "-*•·●○▪►>—–".contains(first) { text = text.dropFirst().drop { $0 == " " } }
        // 1. 2) 3、 (4) 5 - : a list number, not a value (1.5 kg is a value).
        let number = text.drop { $0 == "(" }.prefix { $0.isASCIIDigit }
        if (1...2).contains(number.count) {
            var rest = text.drop { $0 == "(" }.dropFirst(number.count)
            if rest.hasPrefix(" - ") { rest = rest.dropFirst(3) } else if let mark = rest.first, ".)、".contains(mark), !(rest.dropFirst().first?.isASCIIDigit ?? false) {
                rest = rest.dropFirst()
            } else { rest = text }
            text = rest
        }
        return doubledResult(decimalCommas(String(text).trimmingBlanks()))
    }

    /// `0,33 kg`, `9,4kg`, `30,5 cm` as `0.33 kg`…: a comma with one or two digits after it and
    /// a unit next is a decimal comma, as European buyers write (1,200 g stays a thousand; 24,24,20
    /// and 24, 22 pcs stay lists).
    static func decimalCommas(_ line: String) -> String {
        var characters = Array(line)
        var index = 1
        while index + 1 < characters.count {
            defer { index += 1 }
            guard characters[index] == ",", characters[index - 1].isASCIIDigit, characters[index + 1].isASCIIDigit else { continue }
            var end = index + 1
            while end < characters.count, characters[end].isASCIIDigit { end += 1 }
            guard end - index - 1 <= 2 else { continue }
            var next = end
            while next < characters.count, characters[next] == " " { next += 1 }
            // The figure before the comma must not itself follow a comma (24,24,20个 is a list).
            var start = index - 1
            while start > 0, characters[start - 1].isASCIIDigit { start -= 1 }
            guard next < characters.count, characters[next].isLetter, start == 0 || characters[start - 1] != "," else { continue }
            characters[index] = "."
        }
        return String(characters)
    }

    /// `diameter (caliper, 5 spots): 1.75 / 1.74 mm` as `diameter  : 1.75 / 1.74 mm`: a remark in
    /// brackets whose numbers only count how it was measured (`countsOnly`: 5 spots, 量了3次) is
    /// no value when the line has its figures outside it.
    static func withoutCountingRemarks(_ line: String, countsOnly: (String) -> Bool) -> String {
        var outside = "", kept = "", group = ""
        var depth = 0
        for character in line {
            if character == "(" {
                if depth == 0 { group = "" }
                depth += 1
            }
            if depth > 0 { group.append(character) } else { outside.append(character); kept.append(character) }
            if character == ")", depth > 0 {
                depth -= 1
                if depth == 0 { kept += countsOnly(group) ? " " : group }
            }
        }
        guard depth == 0, kept != line, outside.contains(where: \.isASCIIDigit) else { return line }
        return kept
    }

    /// `54（×2=108）` as `×2 108`: the doubled figure the buyer worked out is the one read.
    static func doubledResult(_ line: String) -> String {
        let characters = Array(line)
        guard let equals = characters.firstIndex(of: "=") else { return line }
        var at = equals - 1
        func skipBlanks() { while at >= 0, characters[at] == " " { at -= 1 } }
        skipBlanks()
        guard at >= 1, characters[at] == "2" else { return line }
        at -= 1
        skipBlanks()
        guard at >= 0, "×xX*".contains(characters[at]) else { return line }
        at -= 1
        skipBlanks()
        if at >= 0, "(（".contains(characters[at]) { at -= 1; skipBlanks() }
        var figureStart = at + 1
        while figureStart > 0, characters[figureStart - 1].isASCIIDigit || characters[figureStart - 1] == "." { figureStart -= 1 }
        guard figureStart <= at else { return line }
        let result = characters[(equals + 1)...].drop { $0 == " " }.prefix { $0.isASCIIDigit || $0 == "." }
        guard !result.isEmpty else { return line }
        let resultEnd = (characters[(equals + 1)...].firstIndex { !($0 == " ") } ?? equals + 1) + result.count
        let rest = characters[resultEnd...].drop { ")）".contains($0) }
        return String(characters[..<figureStart]) + " ×2 " + String(result) + " " + String(rest)
    }
}

extension NoteText {
    /// What follows the last arrow or result word (word list `note_results`) of a line that works
    /// something out (`… -> ~240 gsm`, `称1.6g，算下来克重160`).
    static func result(_ line: String, words: [String]) -> String? {
        let marks = ["->", "→", "=>", "⇒"] + words
        guard let last = marks.compactMap({ line.range(of: $0, options: [.backwards, .caseInsensitive]) }).max(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        let result = String(line[last.upperBound...]).trimmingBlanks()
        return result.isEmpty ? nil : result
    }

    /// The line without bracketed remarks that hold no digit: `(counted twice)`, `（带轮子）`.
    static func withoutRemarks(_ line: String) -> String {
        var result = ""
        var bracket = ""
        var depth = 0
        for character in line {
            if character == "(" || character == "（" {
                depth += 1
                bracket.append(character)
            } else if depth > 0 {
                bracket.append(character)
                if character == ")" || character == "）" {
                    depth -= 1
                    if depth == 0 {
                        if bracket.contains(where: \.isASCIIDigit) { result += bracket }
                        bracket = ""
                    }
                }
            } else {
                result.append(character)
            }
        }
        return (result + bracket).trimmingBlanks()
    }

    /// One attribute measured several times on one line (`top diameter: 28.1 / 27.9 / 28.0 cm`,
    /// `pcs per carton: 12, 12, 10`, `厚度 3.2mm、3.3mm`): a line for each reading, the label and
    /// the unit written once repeated. Nil unless there are two or more readings, each a number
    /// (with the same unit or none) within a factor of two of the others; a remark after the
    /// last is left out (the line as written stays each measurement's words). Sides (`60 x 40`)
    /// and ranges (`12-15`) are not readings.
    /// `units`: the vocabulary's unit words, longest first.
    /// `unitName`: the unit a unit word is written for (米 and m are one unit).
    static func repeatedReadings(_ line: String, units unitWords: [String], unitName: (String) -> String = { $0 }) -> [String]? {
        // 随手称了4只：5.1g、5.0: a count of what was measured before the colon is part of the label.
        let colon = line.lastIndex { $0 == ":" || $0 == "：" }
        guard let first = line[(colon.map { line.index(after: $0) } ?? line.startIndex)...].firstIndex(where: \.isASCIIDigit) else { return nil }
        var label = String(line[..<first]).trimmingCharacters(in: CharacterSet(charactersIn: " :：=\t"))
        // With no label (58.5, 58.4 cm), a unit written once says what the figures are.
        guard label.isEmpty || label.contains(where: \.isLetter), !label.hasSuffix("-") else { return nil }
        let separators: Set<Character> = [",", "，", "/", "、", ";", "；"]
        var parts = line[first...].split(whereSeparator: { separators.contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        // readings (W): 7.1 7.3 7.0 7.2 — figures parted by blanks alone, three or more.
        let blankParted = line[first...].split(separator: " ").map(String.init)
        if parts.count == 1, blankParted.count >= 3, blankParted.allSatisfy({ Double($0) != nil }) { parts = blankParted }
        guard parts.count >= 2 else { return nil }
        var readings: [(value: Double, written: String, unit: String)] = []
        // A ×2 after the last reading (bust flat 51 / 51.5 / 50.5 x2) doubles each of them.
        var doubled = ""
        for (index, part) in parts.enumerated() {
            guard let (value, digits, unit, after) = leadingFigure(part, units: unitWords) else { return nil }
            var remark = after
            let times = remark.trimmingCharacters(in: .whitespaces)
            if index == parts.count - 1, let sign = times.first, "x×*X".contains(sign), times.dropFirst().trimmingCharacters(in: .whitespaces) == "2" {
                doubled = " " + times
                remark = ""
            }
            // Only the last reading may carry a remark; none may hold a side (x) or a range (-).
            guard index == parts.count - 1 || remark.trimmingCharacters(in: .whitespaces).isEmpty,
                  !remark.hasPrefix("x"), !remark.hasPrefix("×"), !remark.hasPrefix("*"), !remark.hasPrefix("-") else { return nil }
            readings.append((value, digits, unit))
        }
        let units = Set(readings.map(\.unit).filter { !$0.isEmpty }.map(unitName))
        guard units.count <= 1, let lowest = readings.map(\.value).min(), let highest = readings.map(\.value).max(), lowest > 0, highest <= lowest * 2 else { return nil }
        var unit = readings.first { !$0.unit.isEmpty }?.unit ?? ""
        // thickness (mm): 2.1 2.2 2.0 — a unit the label ends with is the readings' unit.
        if unit.isEmpty, let last = label.split(separator: " ").last.map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: "()（）[]")) }),
           unitWords.contains(where: { $0.lowercased() == last.lowercased() }) {
            unit = last
            label = String(label.dropLast(label.split(separator: " ").last!.count)).trimmingCharacters(in: .whitespaces)
        }
        if label.isEmpty, unit.isEmpty { return nil }
        return readings.map { (label.isEmpty ? "" : label + " ") + $0.written + unit + doubled }
    }

    /// A figure the text opens with, in digits, and the unit word right after it (`58.4 cm` →
    /// 58.4, `58.4`, `cm`; `7.85` has no unit), with what follows; nil when no figure opens it.
    /// A unit of ASCII letters must end a word (`2 mugs` holds no `m`). `units`: longest first.
    static func leadingFigure(_ text: String, units unitWords: [String]) -> (value: Double, written: String, unit: String, remark: Substring)? {
        let digits = text.prefix { $0.isASCIIDigit || $0 == "." }
        guard !digits.isEmpty, let value = Double(digits) else { return nil }
        let rest = text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let lowered = rest.lowercased()
        let unit = unitWords.first { lowered.hasPrefix($0.lowercased()) && !(rest.dropFirst($0.count).first?.isLetter == true && $0.last!.isASCII) } ?? ""
        return (value, String(digits), unit, rest.dropFirst(unit.count))
    }

    /// The clauses of a line: split at commas, semicolons, full stops, dashes and arrows, and
    /// at a colon after what `isSize` takes for a size (M码: 衣长 66).
    static func clauses(_ line: String, isSize: (String) -> Bool = { _ in false }) -> [String] {
        var clauses: [String] = []
        var current = ""
        let characters = Array(line)
        for (index, character) in characters.enumerated() {
            // A point or comma between digits is a decimal point or groups thousands (1.5, 1,200).
            let betweenDigits = index > 0 && characters[index - 1].isASCIIDigit && index + 1 < characters.count && characters[index + 1].isASCIIDigit
            // A colon after a size (M码: 衣长 66, size L: chest 108) ends the size; other colons
            // (衣长: 66, mesh panels: nylon) stay inside their clause.
            let beforeWords = (character == ":" || character == "：") && isSize(current)
                && characters[(index + 1)...].first { $0 != " " }.map { !$0.isNumber } == true
            if "，;；。!！?？—←→|<>".contains(character) || (character == "," || character == ".") && !betweenDigits || beforeWords {
                if !current.trimmingBlanks().isEmpty { clauses.append(current.trimmingBlanks()) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.trimmingBlanks().isEmpty { clauses.append(current.trimmingBlanks()) }
        return clauses
    }
}

extension Character {
    /// 0 to 9 (not full-width digits, not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
