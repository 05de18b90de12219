import Catalog
import ChatModel
import Matching
import Model
import Reading

/// Reads the buyer's measurement notes with the pattern catalogue and vocabulary. Every line
/// is read, taken as a heading, or listed as not read with a reason; none is skipped in silence.
public struct MeasurementReader {
    let extractor: Extractor
    let scratch: MatchScratch
    private let words: NoteWords

    /// Fails when the extractor's pattern set was loaded without the notes words (`readsNotes: false`).
    public init(extractor: Extractor, scratch: MatchScratch) throws(CatalogError) {
        guard let words = extractor.patternSet.noteWords else {
            throw CatalogError(file: "patterns", line: nil, "the pattern set was loaded for chats only, without the words notes are read with")
        }
        self.extractor = extractor
        self.scratch = scratch
        self.words = words
    }

    /// How each line of a notes file reads; blank lines and `#` comments are left out.
    public func lines(path: String, text: String) -> [NoteLine] {
        var lines: [NoteLine] = []
        // The size or model named by a heading line (16 kg:, L码：) until a blank line or the next such heading.
        var section: String?
        for (index, line) in text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmingBlanks()
            if trimmed.isEmpty { section = nil }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let shown = trimmed.utf8.count > Self.longestNote ? String(trimmed.prefix(80)) + "…" : trimmed
            var reading = reading(trimmed, source: "\(path):\(index + 1)")
            // (`reading` already takes a section's heading for a heading: only those are asked.)
            if case .heading = reading, let name = sectionName(trimmed) {
                section = name
                lines.append(NoteLine(path: path, line: index + 1, text: shown, reading: reading))
                continue
            }
            if case .unread(let reason) = reading, reason == Self.noAttribute, let before = lines.last, let listed = likeLineBefore(trimmed, before, source: "\(path):\(index + 1)") {
                reading = .read([listed])
            }
            // 7寸的内框 宽13 高18: a line that opens with the size sold names its own goods.
            if let name = openingSize(trimmed) ?? section, case .read(let measurements) = reading {
                reading = .read(measurements.map { measurement in
                    guard measurement.soldAs == nil else { return measurement }
                    var named = measurement
                    named.soldAs = name
                    named.notes.append("measured on the goods sold as `\(name)`")
                    return named
                })
            }
            lines.append(NoteLine(path: path, line: index + 1, text: shown, reading: reading))
        }
        return lines
    }

    /// The size a line opens with before its readings (`7寸的内框 宽13`, `2.5kg装：`), or nil.
    private func openingSize(_ line: String) -> String? { name(words.openingSize, in: line) }

    /// The size or model a heading line names (`16 kg (ordered 100 pcs):` → `16 kg`), or nil.
    private func sectionName(_ line: String) -> String? { name(words.sectionHeading, in: line) }

    /// Group `name` of `matcher`'s first match in `line`, read with the catalogue's folding.
    private func name(_ matcher: any Matcher, in line: String) -> String? {
        let bytes = Array(extractor.catalog.vocabulary.folding.fold(line).utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let captures = try? matcher.find(in: buffer, from: 0, to: buffer.count, scratch: scratch),
                  let name = matcher.range(of: "name", in: captures) else { return nil }
            return UTF8Text.string(buffer, name).trimmingBlanks()
        }
    }

    /// Why a figure about someone or something else is not read (with that one named after it).
    static let aboutOther = "is about someone or something else"

    /// Why a line with a figure but no word for what it measures is not read.
    static let noAttribute = "no attribute with a value in it (written like `衣长 64cm`, `weight 980 g`, `material: 65% cotton 35% polyester`)"

    /// A line that opens with the size the goods are sold as (`500mm的`, `24":`, `18" blades:`,
    /// `2.5kg装：`) and then gives readings: the opening size names which goods were measured,
    /// it is no reading. Readings with no unit take the opening size's unit, or its canonical
    /// unit, whichever puts them within a fifth of it; the readings come after the last colon,
    /// or after the size when there is none.
    private func namedSizeReadings(_ line: String, source: String) -> [Measurement]? {
        let vocabulary = extractor.catalog.vocabulary
        let bytes = Array(line.utf8)
        guard let captures = bytes.withUnsafeBufferPointer({ try? words.namedSize.find(in: $0, from: 0, to: $0.count, scratch: scratch) }),
              let valueRange = words.namedSize.range(of: "value", in: captures), let unitRange = words.namedSize.range(of: "unit", in: captures),
              let labelValue = Double(String(decoding: bytes[valueRange], as: UTF8.self)),
              let unit = vocabulary.unit(forAlias: String(decoding: bytes[unitRange], as: UTF8.self)) else { return nil }
        let label = String(decoding: bytes[..<captures.range.upperBound], as: UTF8.self).trimmingBlanks()
        let after = String(decoding: bytes[captures.range.upperBound...], as: UTF8.self)
        let colon = after.lastIndex { $0 == ":" || $0 == "：" }
        let list = colon.map { String(after[after.index(after: $0)...]) } ?? after
        // 500mm的 12根，挑了4根量：…: how many of those goods came, said before the readings.
        var counted: Measurement?
        if let colon, let quantity = vocabulary.attributes["quantity"] {
            let middle = String(after[..<colon]).trimmingBlanks()
            if let (value, _, unitWord, _) = NoteText.leadingFigure(middle, units: words.unitWords), vocabulary.unit(forAlias: unitWord)?.quantity == "count" {
                counted = Measurement(attribute: quantity.name, kind: .quantity, value: .number(value), unit: "pcs", percent: nil, part: nil, source: source, raw: middle)
                counted?.readBy = "notes"
                counted?.notes = ["a count of the goods named `\(label)`"]
                counted?.counted = label
            }
        }
        let readings = list.split { "/、,，;；".contains($0) }.map { String($0).trimmingBlanks() }
        let canonical = vocabulary.units[unit.canonical] ?? unit
        var measurements: [Measurement] = []
        for reading in readings {
            guard reading.first?.isASCIIDigit == true else { continue }
            guard let (value, _, unitWord, _) = NoteText.leadingFigure(reading, units: words.unitWords) else { return nil }
            let written = vocabulary.unit(forAlias: unitWord)
            let near = { (candidate: UnitEntry) in abs(value * candidate.factor - labelValue * unit.factor) <= 0.2 * labelValue * unit.factor }
            guard let readIn = written ?? [unit, canonical].first(where: near), readIn.quantity == unit.quantity, near(readIn) else { return nil }
            var measurement = Measurement(attribute: "", kind: vocabulary.quantityFamilies[unit.quantity]?.kind ?? .spec, value: .number(value * readIn.factor),
                                          unit: readIn.canonical, percent: nil, part: nil, source: source, raw: reading)
            measurement.readBy = "notes"
            measurement.soldAs = String(decoding: bytes[valueRange.lowerBound..<unitRange.upperBound], as: UTF8.self)
            measurement.notes = ["`\(label)` names the goods measured (their size as sold), not a reading"]
            if written == nil { measurement.notes.append("no unit written: read in \(readIn.name), the unit that puts it near `\(label)`") }
            measurements.append(measurement)
        }
        // 30cm款 3根：29.7、29.9、30.1: as many as the readings is how many were measured, not a count.
        if case .number(let count)? = counted?.value, Int(count) == measurements.count { counted = nil }
        return measurements.isEmpty ? nil : (counted.map { [$0] } ?? []) + measurements
    }

    /// A list line's label: the words before its last figure, without numbers (digits or
    /// Chinese), blanks and marks (`roll 6 (ctn 11): 9.41` → `rollctn`, `第二卷 460` → `第卷`).
    static func label(_ line: String) -> String {
        var head = line[...]
        if let lastDigit = line.lastIndex(where: \.isASCIIDigit) {
            head = line[..<lastDigit]
            while let last = head.last, last.isASCIIDigit || last == "." { head.removeLast() }
        }
        return String(head.filter { !$0.isASCIIDigit && !"零〇一二两三四五六七八九十.:：()（）#-_ \t".contains($0) && !$0.isWhitespace })
    }

    /// A line of a list that gives only its label and a figure (`roll 6: 9.41` under `roll 5:
    /// 9.38 m`, `第二卷 460` under `第一卷 452张`): read as the line before was, its attribute,
    /// part and unit, when the figure is within half to twice that line's, and said to be an
    /// inference.
    func likeLineBefore(_ line: String, _ before: NoteLine, source: String) -> Measurement? {
        guard case .read(let read) = before.reading, read.count == 1, let previous = read.first,
              case .number(let previousValue) = previous.value, previousValue > 0 else { return nil }
        let figures = NumberText.figures(in: removing(words.packageLabel, from: line))
        // Only the label's own number may come before the figure (roll 6, 第6卷), and the label
        // is the line before's but for its number (连瓶 818 under 净494g is no such list).
        guard (1...2).contains(figures.count), let value = figures.last, let written = NumberText.figures(in: previous.raw).last,
              written > 0, value >= written / 2, value <= written * 2, Self.label(line) == Self.label(before.text) else { return nil }
        let scaled = value * previousValue / written
        var measurement = Measurement(attribute: previous.attribute, kind: previous.kind, value: .number(scaled), unit: previous.unit,
                                      percent: nil, part: previous.part, source: source, raw: line)
        measurement.level = previous.level
        measurement.counted = previous.counted
        measurement.readBy = "notes"
        measurement.notes = ["no attribute or unit written: read as the line before (`\(before.text)`), an inference"]
        return measurement
    }

    /// What a notes file holds: every measurement, the lines not read, and the day it was
    /// measured when a line gives a full date (`2024-03-15 到货实测`), with that line.
    public struct Notes: Sendable {
        public let measurements: [Measurement]
        public let unread: [NoteLine]
        /// `2024-03-15`, from a line with a year (not a shipping line); no year, no date (none is invented).
        public let measuredOn: String?
    }

    /// Every measurement of a file's lines, the lines not read, and the date of measuring.
    public func read(path: String, text: String) -> Notes {
        let lines = lines(path: path, text: text)
        let measurements = lines.flatMap { line -> [Measurement] in
            if case .read(let measurements) = line.reading { return measurements }
            return []
        }
        // The first line (a `#` comment too) with a full date that is not about the shipping
        // (发货 3/9 is the seller's day).
        let unread = lines.filter { $0.unreadReason != nil }
        let unreadLines = Set(unread.map(\.line))
        let dated = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).enumerated().lazy.compactMap { index, raw -> String? in
            let line = String(raw)
            guard !unreadLines.contains(index + 1), line.utf8.count <= Self.longestNote, first(words.shipped, in: extractor.catalog.vocabulary.folding.fold(line)) == nil else { return nil }
            return all(words.date, in: line).lazy.compactMap(Self.fullDate).first
        }.first
        return Notes(measurements: measurements, unread: unread, measuredOn: dated)
    }

    /// `2024-03-15` from `2024/3/15`, `2024年3月15日`, `2024.03.15`; nil for a date with no year
    /// or none that exists.
    static func fullDate(_ text: String) -> String? {
        let figures = text.split { !$0.isASCIIDigit }.compactMap { Int($0) }
        guard figures.count == 3, (1990...2099).contains(figures[0]), (1...12).contains(figures[1]) else { return nil }
        let leap = figures[0] % 4 == 0 && (figures[0] % 100 != 0 || figures[0] % 400 == 0)
        guard (1...[31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][figures[1] - 1]).contains(figures[2]) else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(figures[0])-\(two(figures[1]))-\(two(figures[2]))"
    }

    /// One line read as a notes line is (`--measure`): its measurements, or an error saying why not.
    public func read(_ line: String, source: String) throws(InputError) -> [Measurement] {
        switch reading(line, source: source) {
        case .read(let measurements): return measurements
        case .heading: throw InputError(path: source, "`\(line)` is a heading: it holds no value")
        case .unread(let reason): throw InputError(path: source, "`\(line)`: \(reason)")
        }
    }

    /// How one line reads: the whole line, else each of its clauses (`颜色没问题，腰围只有70`);
    /// a line with no value that is a title or a date line (`到货实测：`, `3/15 收货`) is a heading.
    public func reading(_ written: String, source: String) -> NoteReading {
        // A note is a line of a few words; a longer one is no note (and is not searched).
        guard written.utf8.count <= Self.longestNote else {
            return .unread("\(written.utf8.count) bytes on one line is not a note: write one measurement per line")
        }
        // 衣長 as 衣长: traditional characters read as the catalogue's words; each measurement
        // shows its words as written (folding keeps every byte offset).
        let raw = extractor.catalog.vocabulary.folding.fold(written)
        // 20 kg (30 pcs):, L码：: the size the lines under it were measured on.
        if sectionName(raw) != nil { return .heading }
        let reading = readingFolded(raw, source: source)
        guard raw != written, case .read(let measurements) = reading else { return reading }
        let writtenBytes = Array(written.utf8)
        return .read(measurements.map { measurement in
            var shown = measurement
            if let range = raw.utf8.firstRange(of: measurement.raw.utf8) {
                let start = raw.utf8.distance(from: raw.utf8.startIndex, to: range.lowerBound)
                shown.raw = String(decoding: writtenBytes[start..<start + measurement.raw.utf8.count], as: UTF8.self)
            }
            return shown
        })
    }

    /// `reading` of a line already folded.
    private func readingFolded(_ raw: String, source: String) -> NoteReading {
        // a 50m tape, 5米卷尺: the tool's range is no measurement; nor is ±100 g, its accuracy, nor
        // 挑了3个, how many were picked to measure.
        // 胸围 平铺 53.5 ×2 = 107 ❗差了9cm: a difference remarked after the measurement is left out.
        var measured = raw
        if let cut = first(words.notMeasured, in: raw), raw[..<cut.lowerBound].contains(where: \.isASCIIDigit) { measured = String(raw[..<cut.lowerBound]) }
        let written = withoutInclusions(NoteText.withoutCountingRemarks(NoteText.cleaned(measured)) { group in
            group.contains(where: \.isASCIIDigit) && !removing(words.countedHow, from: group).contains(where: \.isASCIIDigit)
        })
        var cleaned = [words.instrumentRange, words.accuracy, words.sampled, words.distance].reduce(written) { removing($1, from: $0) }
        // Scale: floor scale (max 300 kg, d = 10 g): the tool's own range and step.
        if first(words.instrument, in: cleaned) != nil { cleaned = removing(words.instrumentSpecs, from: cleaned) }
        if let days = daysToShip(cleaned, raw: raw, source: source) { return .read([days]) }
        var reading = readingOfWords(raw, cleaned, source: source)
        // A girth of a few centimetres (the chest panel 2mm) is no girth: the figure stays, with
        // no attribute, for the comparison to place by its unit.
        if case .read(let measurements) = reading, measurements.contains(where: { words.girths.contains($0.attribute) && Self.under(5, $0) }) {
            reading = .read(measurements.map { measurement in
                guard words.girths.contains(measurement.attribute), Self.under(5, measurement) else { return measurement }
                var figure = measurement.renamed("", kind: .dimension)
                figure.notes.append("\(measurement.attribute) of under 5 cm is no girth: read as a figure with no attribute")
                return figure
            })
        }
        // 23寸 原木色 收到后量的：: a line that names the goods and ends in a colon, with a heading
        // word and no attribute word, heads the readings below it (its 寸 needs no reading).
        if case .unread = reading, let last = cleaned.last, last == ":" || last == "：", first(words.heading, in: cleaned) != nil,
           first(words.attributeWord, in: cleaned) == nil { return .heading }
        // Dog crate 36" (2025 version), 24寸拉杆箱: a size the goods are named by is no measurement.
        if case .read(let measurements) = reading, !measurements.isEmpty, measurements.allSatisfy({ $0.attribute == "nominal_size" }),
           first(words.attributeWord, in: cleaned) == nil { return .heading }
        // A dated line with no attribute word (森景 1.8m折叠桌 到货 2/21, 45L cooler — goods in
        // 19/07) names the goods and the day: a heading, unless it holds a size or material read
        // (到货（3/15 收的，M码）) or is about the shipping.
        switch reading {
        case .heading: return reading
        case .read(let measurements) where measurements.contains(where: { if case .text = $0.value { true } else { false } }): return reading
        default:
            guard all(words.date, in: cleaned).contains(where: Self.isCalendarDate),
                  first(words.attributeWord, in: withoutDates(cleaned)) == nil, first(words.shipped, in: cleaned) == nil else { return reading }
            return .heading
        }
    }

    /// How the words of a line (`cleaned` by NoteText) read, before the checks of the whole line.
    private func readingOfWords(_ raw: String, _ cleaned: String, source: String) -> NoteReading {
        if !cleaned.contains(where: { $0.isLetter || $0.isNumber }) { return .heading }
        // 小黑 (6kg) fits fine: with no attribute word, a figure and a word of going in is what went in.
        if let goes = first(words.goesIn, in: cleaned), cleaned[..<goes.lowerBound].contains(where: \.isNumber), first(words.attributeWord, in: cleaned) == nil {
            return .unread("what goes in the item (`\(cleaned[goes])`), not the item's own figure")
        }
        // 我平时穿L，175/140斤: the buyer's own figures.
        if let me = first(words.aboutMe, in: cleaned), cleaned.contains(where: \.isASCIIDigit) {
            return .unread("about the buyer (`\(cleaned[me])`), not the item")
        }
        // 放了一摞书大概12kg 没弯: what was put on the item to try it.
        if let put = first(words.putOn, in: cleaned), cleaned[put.upperBound...].contains(where: \.isASCIIDigit), first(words.attributeWord, in: cleaned) == nil {
            return .unread("what was put in or on the item (`\(cleaned[put])`), not the item's own figure")
        }
        // A word in brackets and nothing else (【尺寸】, [Weights]) is a heading.
        if let open = cleaned.first, let close = cleaned.last, ["【": "】", "[": "]", "（": "）", "(": ")", "〔": "〕"][open] == close,
           !cleaned.contains(where: \.isASCIIDigit) { return .heading }
        // Working then a result (2.4 g from a 10x10 cm square -> ~240 gsm): the result is the note.
        var line = cleaned
        if let result = NoteText.result(cleaned, words: extractor.catalog.vocabulary.words("note_results")),
           (try? readLine(result, source: source))?.isEmpty == false { line = result }
        // A line that opens with a part and its sides (inside: length 46, width 30) gives that
        // part's sides; another measure after it (底座直径22cm，高30.5) stays the item's. A line
        // of one figure is the part's it opens with (尘杯：倒出来才400ml).
        // (After the size the goods were sold as: 6寸内框 宽10 高15.)
        let afterSize = first(words.openingSize, in: cleaned).map { String(cleaned[$0.upperBound...]) } ?? cleaned
        let opening = first(words.partOpening, in: afterSize).map { String(afterSize[$0]).trimmingBlanks() }
            .map { extractor.catalog.vocabulary.parts.name(forAlias: $0) ?? $0.lowercased() }
        func asWritten(_ measurements: [Measurement]) -> [Measurement] {
            let sidesOfThePart = opening != nil && measurements.first.map { $0.part == opening && Self.sides.contains($0.attribute) } == true
            return measurements.map { measurement in
                var measurement = measurement
                measurement.raw = raw
                // A port's volts, amps and watts (C1口：20.1V × 2.24A ≈ 45W) are all that port's.
                if measurement.part == nil, measurement.level == nil,
                   sidesOfThePart && Self.sides.contains(measurement.attribute) || measurements.count == 1 || opening.map(words.specParts.contains) == true && measurements.allSatisfy({ $0.kind == .spec }) { measurement.part = opening }
                return measurement
            }
        }
        // 500mm的：499.8 / 500.2, 24": 58.5cm, 58.4 — the size that names the goods, then its readings.
        if let listed = namedSizeReadings(line, source: source) { return .read(listed) }
        // top diameter: 28.1 / 27.9 / 28.0 cm — each reading its own measurement.
        // (Counts of packages named before their list — 3箱点数：24、24、20 — are read as such further on.)
        if first(words.countsOfPackages, in: line) == nil,
           let repeated = NoteText.repeatedReadings(line, units: words.unitWords, unitName: { extractor.catalog.vocabulary.unit(forAlias: $0)?.name ?? $0 }) {
            let read = repeated.map { (try? readLine($0, source: source)) ?? [] }
            if read.allSatisfy({ $0.count == 1 }) { return .read(asWritten(read.flatMap { $0 })) }
        }
        let clauses = NoteText.clauses(line, isSize: isSizeLabel).flatMap(pairs)
        let byClause = clauses.count > 1 ? clauses.flatMap { (try? readLine($0, source: source)) ?? [] } : []
        var reason: String
        do throws(InputError) {
            let whole = try readLine(line, source: source)
            if whole.isEmpty { throw InputError(path: source, Self.noAttribute) }
            // 长 40，宽 28: each clause gives its own figure where the whole line gave fewer.
            if byClause.count > whole.count, Set(whole.map(\.attribute)).isSubset(of: Set(byClause.map(\.attribute))) { return .read(asWritten(byClause)) }
            return .read(asWritten(whole))
        } catch {
            reason = error.message
        }
        if !byClause.isEmpty { return .read(asWritten(byClause)) }
        // 110码 柠檬黄: words apart, each its own value.
        let apart = line.split(separator: " ").map(String.init)
        // 送的小碗直径 12cm: a figure that is something else's stays so, whichever word it is read with.
        if apart.count > 1, !reason.contains(Self.aboutOther) {
            let read = apart.flatMap { (try? readLine($0, source: source)) ?? [] }
            if !read.isEmpty { return .read(asWritten(read)) }
        }
        let undated = withoutDates(line)
        // 买的41码白色，到货量了一下: the size ordered and nothing measured is a heading.
        if reason == Self.noAttribute, first(words.ordered, in: undated) != nil, NumberText.figures(in: undated).count <= 1 { return .heading }
        // Scale: floor scale (max 300 kg, d = 10 g), calibrated 06/2025: the tool, nothing measured.
        if reason == Self.noAttribute, first(words.instrument, in: undated) != nil { return .heading }
        if !undated.contains(where: \.isASCIIDigit) {
            // A title, or a line whose only figure is a date (手镯 12/6 到手): a heading.
            if isHeading(undated) || undated != line { return .heading }
            if reason.hasPrefix("no attribute") { reason = "a remark with no figure, material or colour in it: nothing to compare" }
        }
        return .unread(reason)
    }

    /// An order date and a shipping date on one line (7月31号下的单，8月12号发出; ordered
    /// 2025-03-02, shipped 2025-03-09): the days it took to ship.
    private func daysToShip(_ line: String, raw: String, source: String) -> Measurement? {
        guard let dispatch = extractor.catalog.vocabulary.attributes.values.first(where: { $0.comparison == .dispatch }),
              first(words.ordered, in: line) != nil, first(words.shipped, in: line) != nil else { return nil }
        // Month and day of each date written with 月 or as a year-month-day.
        let dates = all(words.date, in: line).compactMap { text -> (month: Int, day: Int, year: Int?)? in
            let figures = text.split { !$0.isASCIIDigit }.compactMap { Int($0) }
            if text.contains("月"), figures.count >= 2 { return (figures[figures.count - 2], figures[figures.count - 1], figures.count == 3 ? figures[0] : nil) }
            if figures.count == 3, figures[0] > 999 { return (figures[1], figures[2], figures[0]) }
            return nil
        }
        guard dates.count == 2 else { return nil }
        guard dates.allSatisfy({ (1...12).contains($0.month) && (1...31).contains($0.day) }) else { return nil }
        let year = dates[0].year ?? dates[1].year ?? 2001
        let ordered = Self.dayNumber(year, dates[0].month, dates[0].day)
        var shipped = Self.dayNumber(dates[1].year ?? year, dates[1].month, dates[1].day)
        // 12月30号下单，1月3号发: into the next year.
        if shipped < ordered, dates[1].year == nil { shipped = Self.dayNumber(year + 1, dates[1].month, dates[1].day) }
        let days = shipped - ordered
        guard days >= 0 else { return nil }
        var measurement = Measurement(attribute: dispatch.name, kind: dispatch.kind, value: .number(Double(days)), unit: "days", percent: nil, part: nil, source: source, raw: raw)
        measurement.readBy = "notes"
        measurement.notes.append("ordered and shipped dates on one line: \(days) days to ship")
        return measurement
    }

    /// Days since 1970-01-01 of a date in the Gregorian calendar (H. Hinnant's days_from_civil).
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// A figure under `limit` in its canonical unit (cm for sizes).
    static func under(_ limit: Double, _ measurement: Measurement) -> Bool {
        if case .number(let value) = measurement.value, measurement.unit != nil { return value < limit }
        return false
    }

    /// A date that is one (3月6日, 19/07, Sept 8), not a decimal (12.5) nor a pair of figures (50/60 Hz).
    static func isCalendarDate(_ text: String) -> Bool {
        let figures = text.split { !$0.isASCIIDigit }.compactMap { Int($0) }
        if text.contains(where: \.isLetter) || text.contains("-") && figures.count == 3 { return true }
        guard figures.count == 2, !text.contains(".") || text.contains(where: { $0 == "/" }) else { return false }
        let (a, b) = (figures[0], figures[1])
        return (1...12).contains(a) && (1...31).contains(b) || (1...31).contains(a) && (1...12).contains(b)
    }

    /// The sides of a box, which a part's line gives together.
    static let sides: Set<String> = ["length", "width", "height", "depth"]

    /// The longest line read as a note, in bytes.
    static let longestNote = 2000

    /// The line without what a measure includes (`height incl. lid 24.5cm` is the height).
    private func withoutInclusions(_ line: String) -> String {
        let bytes = Array(line.utf8)
        let found = bytes.withUnsafeBufferPointer { (try? words.inclusion.findAll(in: $0, scratch: scratch)) ?? [] }
        guard !found.isEmpty else { return line }
        var kept: [UInt8] = []
        var start = 0
        for match in found {
            kept += bytes[start..<match.range.lowerBound] + [0x20]
            start = match.range.upperBound
        }
        return String(decoding: kept + bytes[start...], as: UTF8.self)
    }

    /// A line without a value that ends in a colon or holds a heading word (到货实测, Measured on arrival).
    private func isHeading(_ line: String) -> Bool {
        let line = line.trimmingBlanks()
        if line.hasSuffix(":") || line.hasSuffix("：") { return true }
        return first(words.heading, in: line) != nil
    }

    /// The line with its dates taken out (3/15, 3月6日, 25 Mar, 2025-03-09).
    private func withoutDates(_ line: String) -> String { removing(words.date, from: line) }

    /// The line without what `matcher` matches; a blank is kept where a match stood between
    /// two words or numbers.
    private func removing(_ matcher: any Matcher, from line: String) -> String {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let matches = try? matcher.findAll(in: buffer, scratch: scratch), !matches.isEmpty else { return line }
            var kept: [UInt8] = []
            var at = 0
            for match in matches {
                kept += buffer[at..<match.range.lowerBound]
                if let last = kept.last, last != 0x20, match.range.upperBound < buffer.count, buffer[match.range.upperBound] != 0x20 { kept.append(0x20) }
                at = match.range.upperBound
            }
            kept += buffer[at...]
            return String(decoding: kept, as: UTF8.self).trimmingBlanks()
        }
    }

    /// A clause cut before each attribute or part word that follows a figure and a blank
    /// (宽 149  长 200, 提手长28 宽3): each `attribute value` its own.
    private func pairs(_ clause: String) -> [String] {
        let bytes = Array(clause.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var pieces: [String] = []
            var start = 0
            let attributes = (try? words.attributeWord.findAll(in: buffer, scratch: scratch)) ?? []
            let parts = (try? words.partWord.findAll(in: buffer, scratch: scratch)) ?? []
            // Cut before an attribute word, or before the part word it follows (座高 45 座深 48).
            let cuts = (attributes + parts).map(\.range.lowerBound).sorted()
            for at in cuts {
                // Only after an `attribute value` of its own (not after 随机抽了3套: a sample's count).
                // 长60宽40: a Chinese word right after a figure starts the next pair too.
                guard at > start else { continue }
                let afterFigure = (0x30...0x39).contains(buffer[at - 1]) && buffer[at] >= 0xE0
                guard buffer[at - 1] == 0x20 || afterFigure, buffer[start..<at].contains(where: { (0x30...0x39).contains($0) }),
                      attributes.contains(where: { $0.range.lowerBound >= start && $0.range.upperBound <= at }) else { continue }
                pieces.append(UTF8Text.string(buffer, start..<at))
                start = at
            }
            pieces.append(UTF8Text.string(buffer, start..<buffer.count))
            return pieces
        }
    }

    /// Whether a clause is a size label and nothing else (M码, size L, 38码).
    private func isSizeLabel(_ clause: String) -> Bool {
        let text = clause.trimmingBlanks()
        return first(words.sizeLabel, in: text).map { $0.lowerBound == text.startIndex && $0.upperBound == text.endIndex } == true
    }

    /// Every match of `matcher` in `text`, as text.
    private func all(_ matcher: any Matcher, in text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            ((try? matcher.findAll(in: buffer, scratch: scratch)) ?? []).map { UTF8Text.string(buffer, $0.range) }
        }
    }

    /// The first match of `matcher` in `text`, as a range of `text`.
    private func first(_ matcher: any Matcher, in text: String) -> Range<String.Index>? {
        let bytes = Array(text.utf8)
        guard let found = bytes.withUnsafeBufferPointer({ (try? matcher.find(in: $0, from: 0, to: $0.count, scratch: scratch))?.range }) else { return nil }
        let utf8 = text.utf8
        return utf8.index(utf8.startIndex, offsetBy: found.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: found.upperBound)
    }

    private static let plainLine = PCRE2Regex.reader(
        #"^\s*(?<attr>[^\d:：=]+?)\s*[:：=]?\s*(?<value>[0-9]+(?:[.][0-9]+)?)\s*(?<unit>[^\d\s]*)\s*$"#)

    /// `attribute value unit` written plainly, for attributes the catalogue's patterns only
    /// find in seller phrasing: the whole line (`数量 46个`, `pcs per ctn: 46`), else an
    /// attribute word with a number a few words after it (`腰围只有70，比说的小`). A number with
    /// no unit is kept without one: the comparison takes the unit of the promise.
    private func plainMeasurement(_ line: String, source: String) -> Measurement? {
        let bytes = Array(line.utf8)
        let vocabulary = extractor.catalog.vocabulary
        var tail: (value: String, unit: String)?
        let parsed: (String, String, String)? = bytes.withUnsafeBufferPointer { buffer in
            func text(_ matcher: any Matcher, _ name: String, _ captures: Captures) -> String? {
                matcher.range(of: name, in: captures).map { UTF8Text.string(buffer, $0).trimmingBlanks() }
            }
            if let captures = try? Self.plainLine.find(in: buffer, from: 0, to: buffer.count, scratch: scratch),
               let attr = text(Self.plainLine, "attr", captures), Self.attribute(attr, vocabulary) != nil, let value = text(Self.plainLine, "value", captures) {
                return (attr, value, text(Self.plainLine, "unit", captures) ?? "")
            }
            let shape = words.attributeValue
            var from = 0
            while let captures = try? shape.find(in: buffer, from: from, to: buffer.count, scratch: scratch),
                  let attr = text(shape, "attr", captures), let value = text(shape, "value", captures) {
                // Another attribute word between (颜色没问题 长 60): the nearer one names the figure.
                if let gap = shape.range(of: "gap", in: captures), !gap.isEmpty,
                   let nearer = try? words.attributeWord.find(in: buffer, from: gap.lowerBound, to: gap.upperBound, scratch: scratch) {
                    from = nearer.range.lowerBound
                    continue
                }
                // A figure is never a colour's or a material's (颜色没问题, 60).
                if let entry = vocabulary.attribute(forAlias: attr), vocabulary.valueWords(for: entry.name) != nil,
                   let end = shape.range(of: "attr", in: captures)?.upperBound {
                    from = end
                    continue
                }
                // 4小时10分, 5 ft 3 in: a second figure in a smaller unit of the same quantity.
                if let compound = try? words.compoundTail.find(in: buffer, from: captures.range.upperBound, to: buffer.count, scratch: scratch),
                   buffer[captures.range.upperBound..<compound.range.lowerBound].allSatisfy({ $0 == 0x20 }),
                   let value = text(words.compoundTail, "value", compound), let unit = text(words.compoundTail, "unit", compound) {
                    tail = (value, unit)
                }
                return (attr, value, text(shape, "unit", captures) ?? "")
            }
            return nil
        }
        guard let (word, number, unitWord) = parsed, let value = NumberText.parse(number),
              let (attribute, level) = Self.attribute(word, vocabulary) else { return nil }
        let unit = unitWord.isEmpty ? nil : vocabulary.unit(forAlias: unitWord)
        if attribute.kind == .quantity, unit == nil || unit?.quantity == "count" {
            var count = Measurement(attribute: attribute.name, kind: .quantity, value: .number(value), unit: "pcs", percent: nil, part: nil, source: source, raw: line)
            count.level = level
            count.readBy = "notes"
            return count
        }
        let (name, half) = attribute.reported
        let amount = (unit.map { Self.adding(tail, to: value * $0.factor, in: $0, vocabulary) } ?? value) * half
        var measurement = Measurement(attribute: name, kind: attribute.kind, value: .number(amount), unit: unit?.canonical,
                                      percent: nil, part: part(before: word, in: line), source: source, raw: line)
        measurement.level = level
        measurement.readBy = "notes"
        if unit == nil { measurement.notes.append("no unit written: the unit of the promise is used") }
        if half != 1 { measurement.notes.append("a half girth (\(word)): doubled") }
        return measurement
    }

    /// A part with a figure and no attribute word (backrest 60): the attribute is left to the
    /// comparison, which takes the one promised for that part.
    private func partMeasurement(_ line: String, source: String) -> Measurement? {
        let vocabulary = extractor.catalog.vocabulary
        let bytes = Array(line.utf8)
        let shape = words.partValue
        let parsed: (String, String, String?)? = bytes.withUnsafeBufferPointer { buffer in
            guard let captures = try? shape.find(in: buffer, from: 0, to: buffer.count, scratch: scratch),
                  let part = shape.range(of: "p", in: captures), let value = shape.range(of: "value", in: captures) else { return nil }
            return (UTF8Text.string(buffer, part), UTF8Text.string(buffer, value), shape.range(of: "unit", in: captures).map { UTF8Text.string(buffer, $0) })
        }
        guard let (partWord, number, unitWord) = parsed, let value = NumberText.parse(number) else { return nil }
        let unit = unitWord.flatMap { vocabulary.unit(forAlias: $0.trimmingBlanks()) }
        guard unit == nil || unit?.quantity == "length" || unit?.quantity == "mass" else { return nil }
        var measurement = Measurement(attribute: "", kind: unit?.quantity == "mass" ? .weight : .dimension, value: .number(value * (unit?.factor ?? 1)),
                                      unit: unit?.canonical, percent: nil, part: extractor.patternSet.interpreterWords.partName(partWord), source: source, raw: line)
        measurement.readBy = "notes"
        measurement.notes.append("the part only is named: compared with what was promised for it")
        if unit == nil { measurement.notes.append("no unit written: the unit of the promise is used") }
        return measurement
    }

    /// The longest word of `list` inside `text`, by its name.
    static func knownWord(in text: String, _ list: WordList) -> String? {
        let lowered = text.lowercased()
        return list.entries.flatMap { name, aliases in aliases.map { (name, $0.lowercased()) } }
            .filter { lowered.contains($0.1) }.max { ($0.1.count, $1.0) < ($1.1.count, $0.0) }?.0
    }

    /// `amount` (canonical, from a figure in `unit`) with the second figure written after it in a
    /// smaller unit of the same quantity (4小时10分, 5 ft 3 in), if any.
    static func adding(_ tail: (value: String, unit: String)?, to amount: Double, in unit: UnitEntry, _ vocabulary: Vocabulary) -> Double {
        guard let tail, let extra = NumberText.parse(tail.value), let smaller = vocabulary.unit(forAlias: tail.unit.trimmingBlanks()),
              smaller.quantity == unit.quantity, smaller.canonical == unit.canonical, smaller.factor < unit.factor else { return amount }
        return amount + extra * smaller.factor
    }

    /// A count per pack or carton written figure first, with or without what is counted
    /// (2 brush heads per gift box, 4 per carton): that level's count.
    private func countPerLevel(_ line: String, source: String) -> [Measurement]? {
        guard let quantity = extractor.catalog.vocabulary.attributes["quantity"] else { return nil }
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> [Measurement]? in
            func count(_ shape: any Matcher, _ captures: Captures, value given: Double? = nil) -> Measurement? {
                guard let value = given ?? shape.range(of: "value", in: captures).flatMap({ NumberText.parse(UTF8Text.string(buffer, $0)) }) else { return nil }
                var count = Measurement(attribute: quantity.name, kind: .quantity, value: .number(value), unit: "pcs", percent: nil, part: nil, source: source, raw: line)
                count.level = shape.range(of: "carton", in: captures) != nil ? "carton" : shape.range(of: "inner", in: captures) != nil ? "inner" : nil
                count.counted = shape.range(of: "thing", in: captures).map { UTF8Text.string(buffer, $0).trimmingBlanks() }
                count.readBy = "notes"
                return count
            }
            // 1号箱 24 2号箱 22: a count for each package.
            let numbered = ((try? words.numberedCount.findAll(in: buffer, scratch: scratch)) ?? []).compactMap { count(words.numberedCount, $0) }
            if !numbered.isEmpty { return numbered }
            // counted 3 cartons: 24 / 24 / 20: one count per package, as many as were named.
            let shape = words.countsOfPackages
            if let captures = try? shape.find(in: buffer, from: 0, to: buffer.count, scratch: scratch),
               let packages = shape.range(of: "n", in: captures).flatMap({ Int(UTF8Text.string(buffer, $0)) }),
               let list = shape.range(of: "list", in: captures) {
                let values = UTF8Text.string(buffer, list).split(whereSeparator: { !$0.isASCIIDigit }).compactMap { Double($0) }
                if values.count == packages { return values.compactMap { count(shape, captures, value: $0) } }
            }
            return (try? words.countPerLevel.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)).flatMap { count(words.countPerLevel, $0) }.map { [$0] }
        }
    }

    /// A figure with a unit and no word for what it measures (连续放歌 4小时10分): the
    /// comparison takes the one promise of that quantity, and says so.
    private func bareQuantity(_ line: String, source: String) -> Measurement? {
        let vocabulary = extractor.catalog.vocabulary
        let bytes = Array(line.utf8)
        var counted: String?
        let parsed: (String, String, (value: String, unit: String)?)? = bytes.withUnsafeBufferPointer { buffer in
            // 一共三片: a count in Chinese numerals when no figure is written in digits.
            let digits = try? words.compoundTail.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)
            let shape = digits == nil ? words.chineseCount : words.compoundTail
            guard let captures = digits ?? (try? shape.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)),
                  let value = shape.range(of: "value", in: captures), let unit = shape.range(of: "unit", in: captures) else { return nil }
            counted = CountedThing.after(String(decoding: buffer[unit.upperBound...], as: UTF8.self))
                ?? CountedThing.before(String(decoding: buffer[..<value.lowerBound], as: UTF8.self))
            var tail: (value: String, unit: String)?
            if let next = try? shape.find(in: buffer, from: captures.range.upperBound, to: buffer.count, scratch: scratch),
               next.range.lowerBound == captures.range.upperBound || buffer[captures.range.upperBound..<next.range.lowerBound].allSatisfy({ $0 == 0x20 }),
               let nextValue = shape.range(of: "value", in: next), let nextUnit = shape.range(of: "unit", in: next) {
                tail = (UTF8Text.string(buffer, nextValue), UTF8Text.string(buffer, nextUnit))
            }
            return (UTF8Text.string(buffer, value), UTF8Text.string(buffer, unit), tail)
        }
        guard let (number, unitWord, tail) = parsed, let value = NumberText.parse(number), let unit = vocabulary.unit(forAlias: unitWord.trimmingBlanks()) else { return nil }
        // 通风孔数了 13 个: a count of pieces.
        if unit.quantity == "count", let quantity = vocabulary.attributes["quantity"] {
            var count = Measurement(attribute: quantity.name, kind: .quantity, value: .number(value), unit: "pcs", percent: nil, part: nil, source: source, raw: line)
            count.readBy = "notes"
            count.counted = counted
            return count
        }
        guard unit.quantity != "ratio", let family = vocabulary.quantityFamilies[unit.quantity] ?? (unit.quantity == "duration" ? (.spec, nil) : nil) else { return nil }
        let amount = Self.adding(tail, to: value * unit.factor, in: unit, vocabulary)
        // 3月7号发的，付款后第2天: days on a line about shipping are the days to ship.
        if unit.quantity == "duration", first(words.shipped, in: line) != nil,
           let dispatch = vocabulary.attributes.values.first(where: { $0.comparison == .dispatch }) {
            var shipped = Measurement(attribute: dispatch.name, kind: dispatch.kind, value: .number(value), unit: unit.name, percent: nil, part: nil, source: source, raw: line)
            shipped.readBy = "notes"
            return shipped
        }
        var measurement = Measurement(attribute: family.attribute ?? "", kind: family.kind, value: .number(amount), unit: unit.canonical, percent: nil,
                                      part: nil, source: source, raw: line)
        measurement.readBy = "notes"
        if family.attribute == nil { measurement.notes.append("no word for what was measured: compared with the one promise in \(unit.canonical)") }
        return measurement
    }

    /// The part named before the attribute word (提手 in 提手长 28), in the vocabulary's name.
    private func part(before word: String, in line: String) -> String? {
        guard let range = line.range(of: word) else { return nil }
        return part(in: String(line[..<range.lowerBound]))
    }

    /// The part named last in `text` (the nearest to what follows it), in the vocabulary's name.
    private func part(in text: String) -> String? {
        let bytes = Array(text.utf8)
        let parts = extractor.patternSet.interpreterWords
        return bytes.withUnsafeBufferPointer { buffer in
            guard let last = (try? parts.parts.findAll(in: buffer, scratch: scratch))?.last else { return nil }
            return parts.partName(parts.parts.range(of: "p", in: last).map { UTF8Text.string(buffer, $0) })
        }
    }

    /// The attribute a plain line's words name, and the packaging level they name with it
    /// (每盒数量, quantity per carton: words of `inner_level` and `carton_level`).
    private static func attribute(_ word: String, _ vocabulary: Vocabulary) -> (AttributeEntry, String?)? {
        if let attribute = vocabulary.attribute(forAlias: word) { return (attribute, nil) }
        // H 38cm, W 20: an axis letter alone, as a size header writes it (W x D x H).
        if let axis = TupleConvention.axes[word.trimmingBlanks().lowercased()], word.trimmingBlanks().count == 1,
           let attribute = vocabulary.attributes[axis] { return (attribute, nil) }
        for (level, list) in [("carton", "carton_level"), ("inner", "inner_level")] {
            for levelWord in vocabulary.words(list).sorted(by: { $0.count > $1.count }) {
                guard let range = word.lowercased().range(of: levelWord.lowercased()) else { continue }
                var rest = word.lowercased()
                rest.removeSubrange(range)
                // quantity per carton, 每箱数量: what joins the level word goes with it.
                let words = rest.split(separator: " ").filter { !["per", "each", "in", "a", "/"].contains($0) }.joined(separator: " ")
                let named = words.trimmingBlanks()
                // inner box 10, 一箱 22: the level word alone names a count.
                if named.isEmpty, let quantity = vocabulary.attributes["quantity"] { return (quantity, level) }
                if let attribute = vocabulary.attribute(forAlias: named) { return (attribute, level) }
                // pcs per ctn, 只数: a count's unit word names the count; so do things counted
                // (boxes in carton 24, sleeves per ctn: a plural noun).
                let counted = !named.contains(" ") && named.count > 3 && named.hasSuffix("s") && named.allSatisfy { $0.isASCII && $0.isLetter }
                if vocabulary.unit(forAlias: named)?.quantity == "count" || counted, let quantity = vocabulary.attributes["quantity"] { return (quantity, level) }
            }
        }
        return nil
    }

    /// The position an adjustable size was measured at (最低 92cm, at highest 104 cm), and the
    /// line without its words: word lists `lowest_position` and `highest_position`.
    private func position(_ line: String) -> (String?, String) {
        let vocabulary = extractor.catalog.vocabulary
        for (position, list) in [("lowest", "lowest_position"), ("highest", "highest_position")] {
            let characters = Array(line)
            let lowered = characters.map { $0.lowercased() }
            for word in vocabulary.words(list).sorted(by: { $0.count > $1.count }) {
                let target = Array(word).map { $0.lowercased() }
                let isASCII = word.unicodeScalars.allSatisfy(\.isASCII)
                for start in 0..<max(0, characters.count - target.count + 1) where Array(lowered[start..<start + target.count]) == target {
                    // Whole words only for English (min is not in minute).
                    let end = start + target.count
                    if isASCII, start > 0 && characters[start - 1].isLetter || end < characters.count && characters[end].isLetter { continue }
                    // Right after a figure it is a unit (20min), not a position.
                    if start > 0, characters[start - 1].isNumber { continue }
                    // Before a noun it names another measure (max reach 62 cm, max load), not a position.
                    if isASCII, characters[end...].drop(while: { $0 == " " }).first?.isLetter == true,
                       ["max", "min", "maximum", "minimum"].contains(word.lowercased()) { continue }
                    return (position, String(characters[..<start]) + " " + String(characters[end...]))
                }
            }
        }
        return (nil, line)
    }

    /// The measurements one line gives (several for `长30宽20高10cm` or a composition).
    private func readLine(_ line: String, source: String) throws(InputError) -> [Measurement] {
        // Both ends on one line (seat height lowest 17.5", highest 21.5"): two notes, the
        // words before the first end shared by both.
        for separator in [",", "，", ";", "；", "/", "、"] where line.contains(separator) {
            let halves = line.split(separator: Character(separator), maxSplits: 1).map(String.init)
            guard halves.count == 2 else { continue }
            let (first, second) = (position(halves[0]), position(halves[1]))
            guard let low = first.0, let high = second.0, low != high else { continue }
            let lead = String(halves[0][..<(halves[0].firstIndex { $0.isNumber } ?? halves[0].endIndex)])
            let attributeWords = position(lead).1.trimmingBlanks()
            return try readOne(halves[0], source: source, raw: line) + readOne(attributeWords + " " + halves[1], source: source, raw: line)
        }
        return try readOne(line, source: source, raw: line)
    }

    private func readOne(_ line: String, source: String, raw: String) throws(InputError) -> [Measurement] {
        let (position, rest) = position(line)
        return try readFixed(rest, source: source).map { read in
            var measurement = read
            measurement.raw = raw
            measurement.position = position
            return measurement
        }
    }

    private func readFixed(_ text: String, source: String) throws(InputError) -> [Measurement] {
        // roll 3 (ctn 7): 9.35 m: the carton the roll came from is no part of the figure.
        let (line, method) = girthMethod(sameDay(removing(words.packageLabel, from: text)))
        let plain = withoutFillers(line)
        // 随机开了3箱，每箱：36卷 / 36卷 / 35卷: as many counts as packages named, before any one count is read.
        if first(words.countsOfPackages, in: line) != nil, let counts = countPerLevel(plain, source: source), counts.count > 1 { return counts }
        // Bracketed remarks (座椅调到最低, incl. lid) say how, not what: a part named there is not the figure's.
        var findings = try findings(NoteText.withoutRemarks(line), source: source)
        if findings.isEmpty, plain != line { findings = try self.findings(plain, source: source) }
        // 拍的是L码, 拍的是白色: the size or colour ordered, not the one received.
        findings.removeAll { ($0.kind == .size || extractor.catalog.vocabulary.attributes[$0.attribute]?.words == "colors") && orderedBefore($0.raw, in: line) }
        // 总高174，差了6公分; length 58 cm, promised 60: a difference or the promise recalled is no measurement.
        let recalled = findings.filter { recalledBefore($0.raw, in: line) }
        findings.removeAll { finding in recalled.contains { $0.raw == finding.raw } }
        if findings.isEmpty, let figure = recalled.first {
            throw InputError(path: source, "`\(figure.raw)` is a difference or the promise recalled (a word of `note_not_measured` before it), not a measurement")
        }
        // 孩子130cm, my old one was 2 L: a figure about someone or something else is not the item's.
        let others = findings.filter { $0.subject != nil }
        findings.removeAll { $0.subject != nil }
        if findings.isEmpty, let other = others.first {
            throw InputError(path: source, "`\(other.raw)` \(Self.aboutOther) (\(other.subject!)), not the item")
        }
        // A figure the catalogue found with no attribute word (waist flat 40 cm: the word is
        // too far back for a seller's sentence) takes the one the plain reader finds.
        if !findings.isEmpty, findings.allSatisfy({ $0.attribute.isEmpty || $0.attribute == "nominal_size" }), let named = plainMeasurement(plain, source: source) {
            return [method.apply(to: named, girths: words.girths)]
        }
        if findings.isEmpty, let sides = try unitlessSides(plain, source: source) { return sides.map { method.apply(to: $0, girths: words.girths) } }
        var result: [Measurement] = []
        if findings.isEmpty, quotesThePromise(plain) {
            throw InputError(path: source, "the seller's promise, quoted (说好的, they said): not a measurement")
        }
        if findings.isEmpty {
            guard let measurements = (plainMeasurement(plain, source: source) ?? partMeasurement(plain, source: source) ?? textMeasurement(plain, source: source)).map({ [$0] })
                    ?? countPerLevel(plain, source: source) ?? bareQuantity(withoutDates(plain), source: source).map({ [$0] }) else {
                throw InputError(path: source, Self.noAttribute)
            }
            result = measurements
        }
        // A range beside values (220-240V~ 50/60Hz 1000W on a nameplate): the values are read.
        let values = findings.filter { $0.value != nil || ($0.min == nil) != ($0.max == nil) }
        if !values.isEmpty { findings = values }
        for finding in findings {
            if !finding.ambiguous.isEmpty {
                throw InputError(path: source, "`\(finding.raw)` can be read as \(finding.ambiguous.joined(separator: " or ")): write the unit as cm or inch")
            }
            var notes: [String] = []
            var value = finding.value
            // 最大 12W, at most 5 mm in a note: what was measured, not a bound.
            if value == nil, (finding.min == nil) != (finding.max == nil), let bound = finding.min ?? finding.max {
                value = .number(bound)
                notes.append("`\(finding.raw)` read as the value measured")
            }
            guard let value else {
                throw InputError(path: source, "`\(finding.raw)` is a range: a measurement is one number")
            }
            // 鞋底是橡胶的: a material takes the part named before it.
            let part = finding.part ?? (finding.kind == .material ? self.part(before: finding.raw, in: line) : nil)
            var measurement = Measurement(attribute: finding.attribute, kind: finding.kind, value: value, unit: finding.unit,
                                          percent: finding.percent, part: part, source: source, raw: line)
            measurement.level = finding.level
            measurement.notes = notes
            measurement.readBy = finding.pattern
            result.append(measurement)
        }
        let marking = isMarking(line)
        return result.map { measurement in
            var read = method.apply(to: measurement, girths: words.girths)
            read.isMarking = marking
            return read
        }
    }

    /// Whether the line repeats what was promised (word list `quoting`: 说好的12W, they said 50)
    /// before its first figure or material.
    private func quotesThePromise(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let quote = try? extractor.patternSet.interpreterWords.quoting.find(in: buffer, from: 0, to: buffer.count, scratch: scratch) else { return false }
            let figure = buffer.firstIndex { (0x30...0x39).contains($0) } ?? buffer.count
            let material = (try? words.material.find(in: buffer, from: 0, to: buffer.count, scratch: scratch))?.range.lowerBound ?? buffer.count
            return quote.range.lowerBound < min(figure, material)
        }
    }

    /// Whether a word of `note_ordered` (拍的, ordered) comes right before `raw` in its clause, or in it.
    private func orderedBefore(_ raw: String, in line: String) -> Bool {
        guard let clause = clause(before: raw, in: line) else { return false }
        return first(words.ordered, in: clause + " " + raw) != nil
    }

    /// Whether a word of `note_not_measured` (差了, short by) or of `quoting` (说好的, promised)
    /// comes before `raw` in its clause.
    private func recalledBefore(_ raw: String, in line: String) -> Bool {
        guard let clause = clause(before: raw, in: line) else { return false }
        return first(words.notMeasured, in: clause) != nil || first(extractor.patternSet.interpreterWords.quoting, in: clause) != nil
    }

    /// The words of `raw`'s clause before it (its last occurrence in `line`), or nil when
    /// `line` does not hold it.
    private func clause(before raw: String, in line: String) -> String? {
        guard let range = line.range(of: raw, options: .backwards) else { return nil }
        return NoteText.clauses(String(line[..<range.lowerBound])).last ?? ""
    }

    /// Whether the line reads a marking (word list `marking`: 铭牌, rated).
    private func isMarking(_ line: String) -> Bool { first(words.marking, in: line) != nil }

    private func findings(_ line: String, source: String) throws(InputError) -> [Finding] {
        let decoded = DecodedText(bytes: Array(line.utf8), encoding: .utf8, warnings: [])
        let log = try ChatReader(inputFormat: "plain-text").read(path: source, text: decoded, scratch: scratch)
        let vocabulary = extractor.catalog.vocabulary
        // What a note states: figures, materials, colours, sizes, the time taken to ship; not a
        // commitment's words (包装完好 is a remark here, not a return condition).
        return extractor.extract(log, scratch: scratch).findings.filter { finding in
            guard finding.stance == .stated, finding.kind != .tolerance else { return false }
            guard let entry = vocabulary.attributes[finding.attribute], entry.commitment else { return true }
            return entry.comparison == .dispatch
        }
    }

    /// 发货时间：当天 as 0 days to ship, 第二天就发货了 as 1: a word of `same_day` or `next_day`
    /// on a line about shipping (an alias of the dispatch attribute, or word list `shipped_words`).
    private func sameDay(_ line: String) -> String {
        guard first(words.shipped, in: line) != nil else { return line }
        for (matcher, days) in words.shippedOn {
            guard let range = first(matcher, in: line) else { continue }
            let shipped = extractor.catalog.vocabulary.attributes.values.first { $0.comparison == .dispatch }?.aliases.first ?? ""
            return shipped + " " + days + " days " + line.replacingCharacters(in: range, with: " ")
        }
        return line
    }

    /// Sides noted without a unit (尺寸 51×76): read as the catalogue reads them in cm, then
    /// left without a unit for the comparison to take the promise's.
    private func unitlessSides(_ line: String, source: String) throws(InputError) -> [Measurement]? {
        let bytes = Array(line.utf8)
        let end: Int? = bytes.withUnsafeBufferPointer { buffer in
            (try? words.bareTuple.find(in: buffer, from: 0, to: buffer.count, scratch: scratch))?.range.upperBound
        }
        guard let end else { return nil }
        let withUnit = String(decoding: bytes[..<end], as: UTF8.self) + "cm" + String(decoding: bytes[end...], as: UTF8.self)
        let sides = try findings(withUnit, source: source).filter { $0.unit == "cm" && $0.value != nil }
        guard !sides.isEmpty else { return nil }
        return sides.map { finding in
            var measurement = Measurement(attribute: finding.attribute, kind: finding.kind, value: finding.value!, unit: nil, percent: nil,
                                          part: finding.part, source: source, raw: line)
            measurement.level = finding.level
            measurement.readBy = finding.pattern
            measurement.notes = ["no unit written: the unit of the promise is used"] + (finding.inference.map { [$0] } ?? [])
            return measurement
        }
    }

    /// The line with the words of `note_fillers` read past (量了一下, 只有, actually), and remarks
    /// in brackets that hold no figure (counted twice, 带轮子).
    private func withoutFillers(_ text: String) -> String { removing(words.filler, from: NoteText.withoutRemarks(text)) }

    /// How a girth was measured: laid flat (平铺, flat), and where a ×2 is written. The ×2 is
    /// taken out of the line so that it is not read as a figure.
    private func girthMethod(_ line: String) -> (String, GirthMethod) {
        let lowered = line.lowercased()
        guard words.girthWords.contains(where: { lowered.contains($0) }) else { return (line, GirthMethod()) }
        var method = GirthMethod()
        method.half = words.halfWords.contains { lowered.contains($0) }
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            method.flat = (try? words.flat.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)) != nil
            guard let times = try? words.timesTwo.find(in: buffer, from: 0, to: buffer.count, scratch: scratch) else { return (line, method) }
            // After the figure it doubles it (51 x2); before it, or inside brackets that explain
            // the method (平铺×2, pit to pit x2), the figure is already the whole girth.
            let prefix = buffer[..<times.range.lowerBound]
            let figureBefore = prefix.contains { (0x30...0x39).contains($0) }
            let opened = prefix.filter { $0 == 0x28 }.count + String(decoding: prefix, as: UTF8.self).filter { $0 == "（" }.count
            let closed = prefix.filter { $0 == 0x29 }.count + String(decoding: prefix, as: UTF8.self).filter { $0 == "）" }.count
            method.timesTwo = figureBefore && opened <= closed ? .after : .before
            let rest = Array(buffer[..<times.range.lowerBound]) + [0x20] + Array(buffer[times.range.upperBound...])
            return (String(decoding: rest, as: UTF8.self), method)
        }
    }

    /// A clause naming a material or colour with no figure of its own (材质：松木, 鞋底：橡胶，
    /// upper: tag says "PU", 颜色薄荷绿): a text attribute's word and what follows it, else a
    /// material word not negated (不是316, not leather), with the part named before it.
    private func textMeasurement(_ line: String, source: String) -> Measurement? {
        let vocabulary = extractor.catalog.vocabulary
        let bytes = Array(line.utf8)
        let found: (word: String, at: Int)? = bytes.withUnsafeBufferPointer { buffer in
            var from = 0
            while let captures = try? words.material.find(in: buffer, from: from, to: buffer.count, scratch: scratch),
                  let range = words.material.range(of: "m", in: captures) {
                let negated = (try? extractor.patternSet.interpreterWords.negation.find(in: buffer, from: 0, to: range.lowerBound, scratch: scratch)) != nil
                if !negated { return (UTF8Text.string(buffer, range), range.lowerBound) }
                from = range.upperBound
            }
            return nil
        }
        if let (word, at) = found, let material = vocabulary.attributes["material"], let name = vocabulary.materials.name(forAlias: word) {
            let before = String(decoding: bytes[..<at], as: UTF8.self)
            var measurement = Measurement(attribute: material.name, kind: material.kind, value: .text(name), unit: nil, percent: nil,
                                          part: part(in: before), source: source, raw: line)
            measurement.readBy = "notes"
            return measurement
        }
        // 中号, 110码: the size received.
        let label: String? = bytes.withUnsafeBufferPointer { buffer in
            (try? words.sizeLabel.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)).flatMap { captures in
                words.sizeLabel.range(of: "v", in: captures).map { UTF8Text.string(buffer, $0).uppercased() }
            }
        }
        if let label, let size = vocabulary.attributes.values.first(where: { $0.comparison == .label }) {
            var measurement = Measurement(attribute: size.name, kind: size.kind, value: .text(label), unit: nil, percent: nil, part: nil, source: source, raw: line)
            measurement.readBy = "notes"
            return measurement
        }
        // 颜色薄荷绿, 材质：松木: an attribute with word values, and the words after it as written.
        guard !line.contains(where: \.isASCIIDigit) else { return nil }
        // 白色, 柠檬黄: a line that is a colour and nothing else (a short word ending in one).
        let word = line.trimmingBlanks()
        if let color = vocabulary.colors.name(forAlias: word) ?? (word.count <= 4 ? vocabulary.colors.entries.first { _, aliases in
               aliases.contains { !$0.unicodeScalars.allSatisfy(\.isASCII) && word.hasSuffix($0) } }?.key : nil), let attribute = vocabulary.attributes.values.first(where: { $0.words == "colors" }) {
            var measurement = Measurement(attribute: attribute.name, kind: attribute.kind, value: .text(color), unit: nil, percent: nil, part: nil, source: source, raw: line)
            measurement.readBy = "notes"
            return measurement
        }
        for (alias, attribute) in vocabulary.attributes.values.flatMap({ entry in entry.aliases.map { ($0, entry) } }).sorted(by: { $0.0.count > $1.0.count })
        where vocabulary.valueWords(for: attribute.name) != nil && line.lowercased().hasPrefix(alias.lowercased()) {
            var value = String(line.dropFirst(alias.count).drop { ":：= ".contains($0) || $0 == "是" || $0 == "为" }).trimmingBlanks()
            for end in ["的", "。", "."] where value.hasSuffix(end) { value = String(value.dropLast()) }
            // Only a word the catalogue knows, or one inside the words (颜色就是燕麦灰: 灰):
            // 颜色没问题 is a remark, not a colour.
            guard let list = vocabulary.valueWords(for: attribute.name), let known = list.name(forAlias: value) ?? Self.knownWord(in: value, list) else { return nil }
            var measurement = Measurement(attribute: attribute.name, kind: attribute.kind, value: .text(known),
                                          unit: nil, percent: nil, part: nil, source: source, raw: line)
            measurement.readBy = "notes"
            return measurement
        }
        return nil
    }
}

/// How a girth in a note was measured: laid flat, half, and a ×2 written before the figure
/// (already doubled: 胸围（平铺×2）108) or after it (to double: bust flat 51 x2).
struct GirthMethod {
    enum TimesTwo { case before, after }
    var flat = false
    var half = false
    var timesTwo: TimesTwo?

    func apply(to measurement: Measurement, girths: Set<String>) -> Measurement {
        guard girths.contains(measurement.attribute), case .number(let value) = measurement.value else { return measurement }
        var doubled = measurement
        switch timesTwo {
        case .after?:
            doubled = measurement.with(value: value * 2)
            doubled.notes.append("×2 written after the figure: doubled")
        case .before?:
            doubled.notes.append("×2 written before the figure: already the whole girth")
        case nil:
            guard flat, !half else { return measurement }
            doubled = measurement.with(value: value * 2)
            doubled.notes.append("measured flat: doubled to the whole girth")
        }
        return doubled
    }
}
