import Catalog
import ChatModel
import Matching
import Model
import Reading

/// Reads size charts typed or pasted as text (尺码表): a header row of attribute columns
/// (衣长 胸围 肩宽 袖长, optionally after 尺码, units in a caption or per column), then rows
/// that start with a size label. Each cell becomes a finding tagged with its row's size.
struct SizeChart {
    let vocabulary: Vocabulary
    let scratch: MatchScratch

    static let patternID = "table.size-chart"
    private static let sizeLabel = PCRE2Regex.reader(#"^(?:(?i:[2-6]?X{0,3}[SML]|XXS|XS|[2-6]XL|F)|均码|加大号|特大号|超大号|[大中小][号码]|[0-9]{2,3}(?:/[0-9]{2,3}[ABY])?)$"#)
    /// A figure or a range, maybe approximate, maybe with its own unit (约1.2kg).
    private static let cell = PCRE2Regex.reader(#"^(?:约|≈|~)?(?<min>[0-9]+(?:\.[0-9]+)?)(?:[-~～](?<max>[0-9]+(?:\.[0-9]+)?))?(?<u>[A-Za-z]{1,3}|克|千克|公斤|斤|毫升|升|厘米|毫米)?$"#)
    private static let caption = PCRE2Regex.reader(
        #"(?:单位|unit|(?<![A-Za-z])in)\s*[:：]?\s*(?<u>cm|CM|厘米|mm|毫米|inch|inches|英寸|in)(?![A-Za-z])|[(（]\s*(?<u>cm|CM|厘米|mm|毫米|inch|inches|英寸|in)\s*[)）,，;；]"#)
    private static let firstColumn: Set<String> = ["尺码", "码数", "尺寸", "号码", "码", "号型", "size", "规格"]

    private struct Line {
        let message: Int
        let range: Range<Int>
    }

    /// Bytes a header row must contain one of (长 围 宽 高 重, or an English column word):
    /// a quick test that spares tokenising the lines of an ordinary chat.
    private static let headerMarks: [[UInt8]] = ["长", "围", "宽", "高", "重", "length", "chest", "waist", "Length", "Chest", "Waist"].map { Array($0.utf8) }

    private static func mayBeHeader(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.count >= 6, range.count <= 400 else { return false }  // a header row is short
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            for mark in headerMarks where mark[0] == byte && index + mark.count <= range.upperBound {
                if bytes[index..<(index + mark.count)].elementsEqual(mark) { return true }
            }
            index += 1
        }
        return false
    }

    /// A column of the chart; one whose heading is no attribute (适用桌面, 颜色) is read past.
    private struct Column {
        var attribute: AttributeEntry?
        let unit: UnitEntry?
        /// The full girth a flat caption made a half girth of (胸围 under 平铺测量), or nil.
        var full: AttributeEntry? = nil
    }

    func findings(in log: ChatLog, messages: [Message]) -> [LocatedFinding] {
        let joinMessages = log.format == "listing" || log.format == "plain-text"
        // The lines of each message body, found from the log's own line table.
        var lines: [Line] = []
        var lineIndex = 0
        let starts = log.lineStarts
        for (index, message) in messages.enumerated() {
            while lineIndex + 1 < starts.count, starts[lineIndex + 1] <= message.body.lowerBound { lineIndex += 1 }
            var line = lineIndex
            while line < starts.count, starts[line] < message.body.upperBound || (line == lineIndex && message.body.isEmpty) {
                let end = min(line + 1 < starts.count ? starts[line + 1] : log.bytes.count, message.body.upperBound)
                lines.append(Line(message: index, range: max(starts[line], message.body.lowerBound)..<end))
                line += 1
            }
        }
        var found: [LocatedFinding] = []
        var index = 0
        while index < lines.count {
            guard SizeChart.mayBeHeader(log.bytes, lines[index].range),
                  let (headed, defaultUnit) = header(log.text(lines[index].range), previous: index > 0 ? log.text(lines[index - 1].range) : "") else {
                index += 1
                continue
            }
            var row = index + 1
            var columns = headed
            while row < lines.count, joinMessages || lines[row].message == lines[index].message, lines[row].range.count <= 400,
                  let cells = cells(log.text(lines[row].range), columns: columns) {
                if row == index + 1 { columns = Self.fullGirthsIfSo(columns, cells.values) }
                found += makeFindings(log, messages, lines[row], label: cells.label, values: cells.values, columns: columns, defaultUnit: defaultUnit)
                row += 1
            }
            index = row
        }
        return found
    }

    private func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { " \t|｜,，".contains($0) || $0 == "\u{3000}" }).map(String.init)
    }

    /// The columns of a header row, and the unit its caption names. A column may say its unit
    /// or its method in brackets (`胸围(cm)`, `Chest (pit to pit)`); a caption saying the
    /// garment is measured flat makes its girths half girths.
    private func header(_ text: String, previous: String) -> ([Column], UnitEntry?)? {
        // Cells between bars may hold several words (Chest (pit to pit) | Length).
        var words = text.contains("|") || text.contains("｜")
            ? text.split(whereSeparator: { $0 == "|" || $0 == "｜" }).map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
            : tokens(text)
        if let first = words.first, Self.firstColumn.contains(first.lowercased()) { words.removeFirst() }
        let flat = [text, previous].contains { caption in vocabulary.words("flat_measure").contains { caption.lowercased().contains($0.lowercased()) } }
        var columns: [Column] = []
        for word in words {
            var name = word.trimmingBlanks()
            var unit: UnitEntry?
            var named: AttributeEntry?
            if let open = word.firstIndex(where: { $0 == "(" || $0 == "（" }) {
                name = String(word[..<open]).trimmingBlanks()
                let inside = String(word[word.index(after: open)...].filter { $0 != ")" && $0 != "）" }).trimmingBlanks()
                unit = vocabulary.unit(forAlias: inside)
                named = vocabulary.attribute(forAlias: inside).flatMap { $0.halfOf == nil ? nil : $0 }
            }
            if var attribute = named ?? vocabulary.attribute(forAlias: name), attribute.kind == .dimension || attribute.kind == .size || attribute.kind == .weight {
                var full: AttributeEntry?
                if flat, named == nil, let half = vocabulary.attributes.values.first(where: { $0.halfOf == attribute.name }) { (full, attribute) = (attribute, half) }
                columns.append(Column(attribute: attribute, unit: unit, full: full))
            } else if word.contains("单位") || word.hasPrefix("(") || word.hasPrefix("（") {
                continue
            } else if name.count <= 6, !name.contains(where: { $0.isASCII && $0.isNumber }) {
                // A heading that is no attribute (适用桌面): its cells are read past.
                columns.append(Column(attribute: nil, unit: nil))
            } else {
                return nil
            }
        }
        guard columns.filter({ $0.attribute != nil }).count >= 2 else { return nil }
        let captionUnit = [text, previous].lazy.compactMap { self.captionUnit($0) }.first
        return (columns, captionUnit ?? vocabulary.units["cm"])
    }

    private func captionUnit(_ text: String) -> UnitEntry? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            (try? Self.caption.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)).flatMap { Self.caption.text("u", $0, buffer) }
                .flatMap(vocabulary.unit(forAlias:))
        }
    }

    /// A data row: a size label, then one number or range per column (any words under a
    /// column that is no attribute).
    private func cells(_ text: String, columns: [Column]) -> (label: String, values: [String])? {
        let words = tokens(text)
        guard words.count == columns.count + 1, matches(Self.sizeLabel, words[0]) else { return nil }
        let values = Array(words.dropFirst())
        guard zip(values, columns).allSatisfy({ $1.attribute == nil || matches(Self.cell, $0) }) else { return nil }
        return (words[0].uppercased(), values)
    }

    /// A chart captioned 平铺测量 whose chest is already more than the garment's length gives
    /// full girths (a kid's 150: length 60, chest 90): the girth columns stay full.
    private static func fullGirthsIfSo(_ columns: [Column], _ values: [String]) -> [Column] {
        func first(_ names: Set<String>) -> Double? {
            zip(columns, values).first { column, _ in names.contains(column.full?.name ?? column.attribute?.name ?? "") }
                .flatMap { Double($0.1.split(whereSeparator: { "-~～".contains($0) }).first ?? "") }
        }
        guard let chest = first(["chest"]), let length = first(["garment_length", "length"]), chest > length else { return columns }
        return columns.map { column in
            var column = column
            if let full = column.full { column.attribute = full; column.full = nil }
            return column
        }
    }

    /// A unit that measures what the column is: a length for sizes, a mass for weights.
    private static func fits(_ unit: UnitEntry, _ kind: FindingKind) -> Bool {
        kind == .weight ? unit.canonical == "g" : unit.canonical == "cm" || kind == .size
    }

    private func matches(_ regex: PCRE2Regex, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { (try? regex.find(in: $0, from: 0, to: $0.count, scratch: scratch)) != nil }
    }

    private func makeFindings(_ log: ChatLog, _ messages: [Message], _ line: Line, label: String, values: [String], columns: [Column], defaultUnit: UnitEntry?) -> [LocatedFinding] {
        let message = messages[line.message]
        var result: [LocatedFinding] = []
        for (value, column) in zip(values, columns) {
            guard let entry = column.attribute else { continue }
            let bytes = Array(value.utf8)
            guard let captures = bytes.withUnsafeBufferPointer({ try? Self.cell.find(in: $0, from: 0, to: $0.count, scratch: scratch) }) else { continue }
            let (low, high, written) = bytes.withUnsafeBufferPointer { buffer in
                (Self.cell.text("min", captures, buffer).flatMap(Double.init), Self.cell.text("max", captures, buffer).flatMap(Double.init),
                 Self.cell.text("u", captures, buffer))
            }
            var unit = column.unit ?? (entry.name == "body_weight" ? vocabulary.units["jin"] : defaultUnit)
            if let written {
                // A cell's own unit (约1.2kg) wins; one the vocabulary does not know makes no finding.
                guard let own = vocabulary.unit(forAlias: written) else { continue }
                unit = own
            }
            // A weight column under a caption in cm (单位：cm) has no unit of its own: no finding.
            guard let unit, Self.fits(unit, entry.kind) else { continue }
            let (attribute, half) = entry.reported
            let factor = unit.factor * half
            var finding = Finding(
                path: log.path, line: log.line(at: line.range.lowerBound, in: message), messageLine: message.line, time: message.time?.iso8601,
                speaker: message.speaker, role: message.role, kind: entry.kind, attribute: attribute,
                value: high == nil ? low.map { .number($0 * factor) } : nil, min: high == nil ? nil : low.map { $0 * factor },
                max: high.map { $0 * factor }, approx: value.hasPrefix("约") || value.hasPrefix("≈") || value.hasPrefix("~"), unit: unit.canonical, percent: nil,
                raw: value, quote: log.writtenText(line.range), pattern: Self.patternID)
            finding.variant = label
            result.append(LocatedFinding(finding: finding, message: line.message, range: line.range))
        }
        return result
    }
}
