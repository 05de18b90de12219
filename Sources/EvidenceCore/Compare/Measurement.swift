/// One thing the buyer measured, read from their own words (`衣长 64cm`, `weight 980 g`,
/// `material: 65% cotton 35% polyester`), in the same canonical units as the promises.
public struct Measurement: Sendable {
    public let attribute: String
    public let kind: FindingKind
    public let value: FindingValue
    public let unit: String?
    public let percent: Double?
    /// The part measured (`handle length 58cm`, 肩带长118cm), as in `Finding.part`.
    public let part: String?
    /// `measured.txt:3` or `--measure`.
    public let source: String
    /// The line as the buyer wrote it.
    public let raw: String
}

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

    /// The measurements one line gives (several for `长30宽20高10cm` or a composition).
    public func read(_ line: String, source: String) throws(InputError) -> [Measurement] {
        let decoded = DecodedText(bytes: Array(line.utf8), encoding: .utf8, warnings: [])
        let log = try ChatReader(inputFormat: "plain-text").read(path: source, text: decoded, scratch: scratch)
        let findings = extractor.extract(log, scratch: scratch).findings.filter { $0.stance == .stated && $0.kind != .tolerance }
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
            result.append(Measurement(attribute: finding.attribute, kind: finding.kind, value: value, unit: finding.unit,
                                      percent: finding.percent, part: finding.part, source: source, raw: line))
        }
        return result
    }
}
