import Catalog
import ChatModel
import Matching
import Model
import Reading

/// Reads measurement lines with the pattern catalogue. A line it cannot read is an error
/// naming its file and line, never skipped.
public struct MeasurementReader {
    let extractor: Extractor
    let scratch: MatchScratch

    public init(extractor: Extractor, scratch: MatchScratch) {
        self.extractor = extractor
        self.scratch = scratch
    }

    /// Every measurement of a file's lines; blank lines and `#` comments are skipped.
    public func read(path: String, text: String) -> (measurements: [Measurement], errors: [InputError]) {
        var measurements: [Measurement] = []
        var errors: [InputError] = []
        for (index, line) in text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmingBlanks()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                measurements += try read(trimmed, source: "\(path):\(index + 1)")
            } catch {
                errors.append(InputError(path: path, line: index + 1, error.message))
            }
        }
        return (measurements, errors)
    }

    private static let plainLine = PCRE2Regex.reader(
        #"^\s*(?<attr>[^\d:：=]+?)\s*[:：=]?\s*(?<value>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(?<unit>[^\d\s]*)\s*$"#)

    /// `attribute value unit` written plainly (`数量 46个`, `数量: 46`), for attributes the
    /// catalogue's patterns only find in seller phrasing. A count needs no unit; anything else does.
    private func plainMeasurement(_ line: String, source: String) throws(InputError) -> Measurement? {
        let bytes = Array(line.utf8)
        let vocabulary = extractor.catalog.vocabulary
        let parsed: (String, String, String)? = bytes.withUnsafeBufferPointer { buffer in
            guard let captures = try? Self.plainLine.find(in: buffer, from: 0, to: buffer.count, scratch: scratch),
                  let attr = Self.plainLine.text("attr", captures, buffer), let value = Self.plainLine.text("value", captures, buffer) else { return nil }
            return (attr, value, Self.plainLine.text("unit", captures, buffer) ?? "")
        }
        guard let (word, number, unitWord) = parsed, let value = NumberText.parse(number),
              let (attribute, level) = Self.attribute(word, vocabulary) else { return nil }
        let unit = unitWord.isEmpty ? nil : vocabulary.unit(forAlias: unitWord)
        if attribute.kind == .quantity, unitWord.isEmpty || unit?.quantity == "count" {
            var count = Measurement(attribute: attribute.name, kind: .quantity, value: .number(value), unit: "pcs", percent: nil, part: nil, source: source, raw: line)
            count.level = level
            return count
        }
        guard let unit else {
            throw InputError(path: source, "`\(line)`: give the unit (cm, g, ml…) after the number")
        }
        let (name, half) = attribute.reported
        return Measurement(attribute: name, kind: attribute.kind, value: .number(value * unit.factor * half), unit: unit.canonical,
                           percent: nil, part: nil, source: source, raw: line)
    }

    /// The attribute a plain line's words name, and the packaging level they name with it
    /// (每盒数量, quantity per carton: words of `inner_level` and `carton_level`).
    private static func attribute(_ word: String, _ vocabulary: Vocabulary) -> (AttributeEntry, String?)? {
        if let attribute = vocabulary.attribute(forAlias: word) { return (attribute, nil) }
        for (level, list) in [("carton", "carton_level"), ("inner", "inner_level")] {
            for levelWord in vocabulary.words(list).sorted(by: { $0.count > $1.count }) {
                guard let range = word.lowercased().range(of: levelWord.lowercased()) else { continue }
                var rest = word.lowercased()
                rest.removeSubrange(range)
                // quantity per carton, 每箱数量: what joins the level word goes with it.
                let words = rest.split(separator: " ").filter { !["per", "each", "in", "a", "/"].contains($0) }.joined(separator: " ")
                if let attribute = vocabulary.attribute(forAlias: words.trimmingBlanks()) { return (attribute, level) }
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
                    return (position, String(characters[..<start]) + " " + String(characters[end...]))
                }
            }
        }
        return (nil, line)
    }

    /// The measurements one line gives (several for `长30宽20高10cm` or a composition).
    public func read(_ line: String, source: String) throws(InputError) -> [Measurement] {
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
            var measurement = Measurement(attribute: read.attribute, kind: read.kind, value: read.value, unit: read.unit,
                                          percent: read.percent, part: read.part, source: read.source, raw: raw)
            measurement.level = read.level
            measurement.position = position
            return measurement
        }
    }

    private func readFixed(_ line: String, source: String) throws(InputError) -> [Measurement] {
        let decoded = DecodedText(bytes: Array(line.utf8), encoding: .utf8, warnings: [])
        let log = try ChatReader(inputFormat: "plain-text").read(path: source, text: decoded, scratch: scratch)
        let findings = extractor.extract(log, scratch: scratch).findings.filter { $0.stance == .stated && $0.kind != .tolerance }
        if findings.isEmpty, let plain = try plainMeasurement(line, source: source) { return [plain] }
        guard !findings.isEmpty else {
            throw InputError(path: source, "cannot read the measurement `\(line)`: write an attribute and a value with its unit, e.g. `衣长 64cm`, `weight 980 g`, `material: 65% cotton 35% polyester`")
        }
        var result: [Measurement] = []
        for finding in findings {
            if !finding.ambiguous.isEmpty {
                throw InputError(path: source, "`\(finding.raw)` can be read as \(finding.ambiguous.joined(separator: " or ")): write the unit as cm or inch")
            }
            guard let value = finding.value else {
                throw InputError(path: source, "`\(finding.raw)` is a range: a measurement is one number")
            }
            var measurement = Measurement(attribute: finding.attribute, kind: finding.kind, value: value, unit: finding.unit,
                                          percent: finding.percent, part: finding.part, source: source, raw: line)
            measurement.level = finding.level
            result.append(measurement)
        }
        return result
    }
}
