import ChatModel

/// One thing the buyer measured, read from their own words (`衣长 64cm`, `weight 980 g`,
/// `material: 65% cotton 35% polyester`), in the same canonical units as the promises.
public struct Measurement: Sendable {
    public let attribute: String
    public let kind: FindingKind
    public let value: FindingValue
    public let unit: String?
    public let percent: Double?
    /// The part measured (`handle length 58cm`, 肩带长118cm), as in `Finding.part`.
    public var part: String?
    /// The packaging level measured (外箱 56×40×33, 每盒数了11支), as in `Finding.level`.
    public var level: String? = nil
    /// Where an adjustable size was measured: `lowest` (最低, collapsed) or `highest` (最高,
    /// fully extended); nil for a fixed size.
    public var position: String? = nil
    /// How the line was read where it took more than its words: a half girth doubled, no
    /// unit written (the promise's is used), a trailing 左右.
    public var notes: [String] = []
    /// For a count, the thing counted as the note names it (框 in 9个框, 无痕钉 in 无痕钉 20个).
    public var counted: String? = nil
    /// Noted without a unit and read in the unit of the promise it was compared with.
    public var unitFromPromise = false
    /// Read off a marking (铭牌, rated, nameplate) rather than tested: a tested figure of the
    /// same thing is compared before it.
    public var isMarking = false
    /// The size the goods measured were sold as, when the notes name it before the readings
    /// (`24": 58.5cm, 58.4`): they are compared with that variant's promises.
    public var soldAs: String? = nil
    /// What read it: a catalogue pattern's id, or `notes` for the plain `attribute value` reader.
    public var readBy: String? = nil
    /// `measured.txt:3` or `--measure`.
    public let source: String
    /// The line as the buyer wrote it.
    public var raw: String

    public init(attribute: String, kind: FindingKind, value: FindingValue, unit: String?, percent: Double?, part: String?, source: String, raw: String) {
        self.attribute = attribute
        self.kind = kind
        self.value = value
        self.unit = unit
        self.percent = percent
        self.part = part
        self.source = source
        self.raw = raw
    }
}

extension Measurement {
    /// The same measurement taken as another attribute (and kind and part): what a pairing
    /// rule decided it measures.
    public func renamed(_ attribute: String, kind: FindingKind? = nil, part: String?? = nil) -> Measurement {
        copy(attribute: attribute, kind: kind ?? self.kind, value: value, unit: unit, part: part ?? self.part)
    }

    /// The same measurement with another value (and unit, when given).
    public func with(value: Double, unit: String?? = nil) -> Measurement {
        copy(attribute: attribute, kind: kind, value: .number(value), unit: unit ?? self.unit, part: part)
    }

    private func copy(attribute: String, kind: FindingKind, value: FindingValue, unit: String?, part: String?) -> Measurement {
        var copy = Measurement(attribute: attribute, kind: kind, value: value, unit: unit, percent: percent, part: part, source: source, raw: raw)
        copy.level = level
        copy.position = position
        copy.notes = notes
        copy.readBy = readBy
        copy.isMarking = isMarking
        copy.unitFromPromise = unitFromPromise
        copy.counted = counted
        copy.soldAs = soldAs
        return copy
    }
}

/// How a finding's value reads in a table: `30 cm`, `66–68 cm`, `≈1200 g`, `cotton 95%`.
public enum ValueText {
    public static func of(_ finding: Finding) -> String {
        var text: String
        switch finding.value {
        case .number(let number)?: text = NumberFormat.short(number)
        case .text(let label)?: text = label
        case nil:
            let low = finding.min.map(NumberFormat.short) ?? "…"
            let high = finding.max.map(NumberFormat.short) ?? "…"
            text = "\(low)–\(high)"
        }
        if let unit = finding.unit, finding.value.map({ if case .number = $0 { true } else { false } }) ?? true {
            text += unit == "%" ? "%" : " \(unit)"
        }
        if let percent = finding.percent { text += " \(NumberFormat.short(percent))%" }
        if let grade = finding.grade { text += " \(grade)" }
        if !finding.ambiguous.isEmpty { text += " (\(finding.ambiguous.joined(separator: " or "))?)" }
        if let variant = finding.variant { text += " @\(variant)" }
        return finding.approx ? "≈" + text : text
    }
}

extension ValueText {
    /// A value without unit or hedges: `cotton`, `30`, `XL`.
    public static func plain(_ value: FindingValue?) -> String {
        switch value {
        case .number(let number)?: return NumberFormat.short(number)
        case .text(let text)?: return text
        case nil: return ""
        }
    }
}

/// How one line of the buyer's notes was read: measurements, a heading, or not read and why.
public enum NoteReading: Sendable {
    /// The measurements the line gives (several for `长30宽20高10cm` or a composition).
    case read([Measurement])
    /// A heading, a rule or a date line (`到货实测：`, `---`, `Measured on arrival`).
    case heading
    /// Not read: why, in a few words the buyer can act on.
    case unread(String)
}

/// One line of a notes file and how it was read.
public struct NoteLine: Sendable {
    public let path: String
    public let line: Int
    public let text: String
    public let reading: NoteReading

    public init(path: String, line: Int, text: String, reading: NoteReading) {
        self.path = path
        self.line = line
        self.text = text
        self.reading = reading
    }

    /// The reason the line was not read, or nil when it was read or is a heading.
    public var unreadReason: String? {
        if case .unread(let reason) = reading { return reason }
        return nil
    }
}

/// The thing a count names in Chinese: right after its counter (9个框 → 框) or right before its
/// figure (无痕钉 20个 → 无痕钉), up to four characters.
public enum CountedThing {
    public static func after(_ text: String) -> String? {
        let noun = String(text.prefix { isHan($0) }.prefix(4))
        return noun.isEmpty ? nil : noun
    }

    public static func before(_ text: String) -> String? {
        let noun = String(String(text.reversed().drop { $0 == " " }.prefix { isHan($0) }.prefix(4)).reversed())
        return noun.isEmpty ? nil : noun
    }

    static func isHan(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) }
    }
}
