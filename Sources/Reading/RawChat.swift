import ChatModel
import Matching

/// A timestamp as written, before the file's day/month order is known.
struct RawStamp: Sendable, Equatable {
    enum DateForm: Sendable, Equatable {
        /// Year first: unambiguous.
        case ymd(Int, Int, Int)
        /// `a/b/year`: day/month order is decided over the whole file.
        case ambiguous(Int, Int, Int)
    }

    enum Meridiem: Sendable { case am, pm }

    /// How an ambiguous date was written, for deciding the order when its numbers cannot:
    /// exporters write `05/06/2025` (en-GB: zero-padded, four-digit year), `6/5/25` (en-US:
    /// unpadded, two-digit year) or `05.06.25` (dots: day first across Europe).
    struct DateCue: Sendable, Equatable {
        var padded = false
        var unpadded = false
        var twoDigitYear = false
        var dotted = false
        /// a.m./p.m. written with dots (`p. m.`, `p.m.`): Spanish and British-style locales, day first.
        var dottedMeridiem = false
    }

    var date: DateForm
    var hour: Int
    var minute: Int
    var second: Int
    var meridiem: Meridiem?
    var cue = DateCue()

    /// The time under `order`, and whether a 12-hour time had to be kept as written.
    func time(_ order: DateOrder) -> (LocalTime?, invalidClock: Bool) {
        let (year, month, day): (Int, Int, Int)
        switch (date, order) {
        case (.ymd(let y, let m, let d), _): (year, month, day) = (y, m, d)
        case (.ambiguous(let a, let b, let y), .dmy): (year, month, day) = (y, b, a)
        case (.ambiguous(let a, let b, let y), .mdy): (year, month, day) = (y, a, b)
        case (.ambiguous(let a, let b, let c), .ymd): (year, month, day) = (a, b, c)
        }
        var hour = self.hour
        var invalid = false
        if let meridiem {
            if hour == 0 || hour > 12 {
                invalid = true
            } else if meridiem == .am, hour == 12 {
                hour = 0
            } else if meridiem == .pm, hour < 12 {
                hour += 12
            }
        }
        let fullYear = year < 100 ? 2000 + year : year
        let time = LocalTime(year: fullYear, month: month, day: day, hour: hour, minute: minute, second: second)
        return (time.isValid ? time : nil, invalid)
    }

    var isAmbiguous: Bool {
        if case .ambiguous = date { return true }
        return false
    }

    /// Words written before a clock time for the morning and for the afternoon or evening.
    static let amWords = ["上午", "凌晨", "早上", "早晨", "午前", "오전"]
    static let pmWords = ["下午", "中午", "晚上", "傍晚", "午後", "오후"]

    static func meridiem(_ marker: String?) -> Meridiem? {
        guard let marker = marker?.trimmingBlanks(), let first = marker.first else { return nil }
        if "aA".contains(first) || amWords.contains(marker) { return .am }
        if "pP".contains(first) || pmWords.contains(marker) { return .pm }
        return nil
    }
}

/// A message as a reader found it: the time still raw, the role not yet decided.
struct RawMessage: Sendable {
    var line: Int
    var bodyLine: Int
    var stamp: RawStamp?
    var speaker: String?
    var type: MessageType = .text
    var body: Range<Int>
    var flags: MessageFlags = []
    var quoted: String?
    /// The export marks it as sent by the account that exported the chat (WeChat CSV
    /// `IsSender`, PyWxDump `is_sender`, Telegram's `personal_information` user).
    var fromExporter = false
}

extension [RawMessage] {
    /// In a two-party chat named after one party (LINE's `Chat history with X`, QQ's and
    /// Wangwang's `消息对象:X`, Telegram's page header), the other speaker exported it.
    mutating func markExporter(otherThan partner: String) {
        let speakers = Set(compactMap(\.speaker))
        guard speakers.contains(partner), speakers.count == 2 else { return }
        for index in indices where self[index].speaker.map({ $0 != partner }) == true { self[index].fromExporter = true }
    }
}

/// What a format reader returns: the messages and the buffer their bodies point into.
struct ParsedChat: Sendable {
    var bytes: [UInt8]
    var verbatim: Bool
    var messages: [RawMessage]
    var warnings: [String] = []
    /// Speaker renames a reader saw: agent hand-offs (由 A 转交给 B), kept on the same side.
    var handoffs: [(from: String, to: String)] = []
}

/// A layout the reader knows: how sure it is a file is in this layout, and how to read it.
protocol ChatFormat: Sendable {
    var name: String { get }
    /// 0 (not this layout) to 1, from the first part of the file.
    func confidence(_ sample: FileSample) -> Double
    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat
}

/// The first part of a file, as detection sees it: its bytes and its first non-blank lines.
struct FileSample {
    let bytes: [UInt8]
    /// Up to 400 non-blank lines: (1-based number, byte range in `bytes`).
    let lines: [(number: Int, range: Range<Int>)]
    let scratch: MatchScratch

    init(_ bytes: [UInt8], scratch: MatchScratch) {
        self.bytes = bytes
        self.scratch = scratch
        var lines: [(Int, Range<Int>)] = []
        for (index, range) in TextLines.ranges(bytes).enumerated() where !TextLines.isBlank(bytes, range) {
            lines.append((index + 1, range))
            if lines.count == 400 { break }
        }
        self.lines = lines
    }

    func text(_ range: Range<Int>) -> String { bytes.withUnsafeBufferPointer { UTF8Text.string($0, range) } }

    /// How many sample lines `regex` matches (anchored at the line start by the regex itself).
    func count(_ regex: PCRE2Regex) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            lines.filter { (try? regex.find(in: buffer, from: $0.range.lowerBound, to: $0.range.upperBound, scratch: scratch)) != nil }.count
        }
    }

    func contains(_ regex: PCRE2Regex) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            (try? regex.find(in: buffer, from: 0, to: min(buffer.count, 65_536), scratch: scratch)) != nil
        }
    }
}

extension PCRE2Regex {
    /// A regex the reader itself needs; a typo here is a programming error caught by the tests.
    /// `^` and `$` work at every line start and end, whatever the line ends (LF, CRLF, CR).
    public static func reader(_ pattern: String, _ options: RegexOptions = []) -> PCRE2Regex {
        do { return try PCRE2Regex("(*ANYCRLF)" + pattern, options: options.union(.multiline)) } catch { fatalError("reader regex \(pattern): \(error.message)") }
    }
}

extension Matcher {
    /// The text of group `name` in a match, trimmed of blanks and invisible marks.
    public func text(_ name: String, _ captures: Captures, _ buffer: UnsafeBufferPointer<UInt8>) -> String? {
        range(of: name, in: captures).map { UTF8Text.string(buffer, $0).trimmingBlanks() }
    }

    /// The number group `name` holds, read from the bytes when they are plain digits (every
    /// timestamp of every message asks for several); anything else through its text.
    func int(_ name: String, _ captures: Captures, _ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let range = range(of: name, in: captures) else { return nil }
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, buffer[lower] == 0x20 { lower += 1 }
        while upper > lower, buffer[upper - 1] == 0x20 { upper -= 1 }
        guard lower < upper, upper - lower <= 18, (lower..<upper).allSatisfy({ buffer[$0] >= 0x30 && buffer[$0] <= 0x39 }) else {
            return text(name, captures, buffer).flatMap { Int($0) }
        }
        return (lower..<upper).reduce(0) { $0 * 10 + Int(buffer[$1] - 0x30) }
    }

    /// A timestamp from the conventional groups `Y mo d` or `p1 p2 y`, `h mi s ap`.
    func stamp(_ captures: Captures, _ buffer: UnsafeBufferPointer<UInt8>, day: (Int, Int, Int)? = nil) -> RawStamp? {
        guard let hour = int("h", captures, buffer), let minute = int("mi", captures, buffer) else { return nil }
        let date: RawStamp.DateForm
        var cue = RawStamp.DateCue()
        if let year = int("Y", captures, buffer), let month = int("mo", captures, buffer), let dayOfMonth = int("d", captures, buffer) {
            date = .ymd(year, month, dayOfMonth)
        } else if let a = int("p1", captures, buffer), let b = int("p2", captures, buffer), let year = int("y", captures, buffer) {
            date = .ambiguous(a, b, year)
            if let first = range(of: "p1", in: captures), let second = range(of: "p2", in: captures), let yearRange = range(of: "y", in: captures) {
                let written = [first, second].map { UTF8Text.string(buffer, $0).trimmingBlanks() }
                cue.padded = written.contains { $0.count == 2 && $0.hasPrefix("0") }
                cue.unpadded = written.contains { $0.count == 1 }
                cue.twoDigitYear = UTF8Text.string(buffer, yearRange).trimmingBlanks().count == 2
                cue.dotted = first.upperBound < buffer.count && buffer[first.upperBound] == UInt8(ascii: ".")
                cue.dottedMeridiem = text("ap", captures, buffer)?.contains(".") == true
            }
        } else if let day {
            date = .ymd(day.0, day.1, day.2)
        } else {
            return nil
        }
        return RawStamp(date: date, hour: hour, minute: minute, second: int("s", captures, buffer) ?? 0,
                        meridiem: RawStamp.meridiem(text("ap", captures, buffer)), cue: cue)
    }
}

/// Regex fragments shared by the layouts.
enum Fragment {
    /// Invisible marks exporters put at line starts and inside brackets.
    static let marks = #"[\x{200E}\x{200F}\x{FEFF}\x{202A}-\x{202E}\x{2066}-\x{2069}]*"#
    /// A space as exporters write it: NBSP, narrow NBSP, thin space, ideographic space.
    static let space = #"[ \t\x{00A0}\x{202F}\x{2009}\x{3000}]"#
    /// Year-first date: 2024-03-12, 2024/3/12, 2024.03.12, 2024年3月12日.
    static let ymd = #"(?<Y>\d{4})[-/.年]"# + space + #"?(?<mo>\d{1,2})[-/.月]"# + space + #"?(?<d>\d{1,2})日?"#
    /// Day and month in an unknown order, then the year: 12/07/2017, 1/4/23, 29.01.18.
    static let dmyOrMdy = #"(?<p1>\d{1,2})[-/.]"# + space + #"?(?<p2>\d{1,2})[-/.]"# + space + #"?(?<y>\d{4}|\d{2})\.?"#
    /// A morning or afternoon word written before a clock time (下午1:54), as an alternation.
    static let meridiemBefore = (RawStamp.amWords + RawStamp.pmWords).joined(separator: "|")
    /// A clock time, with AM/PM markers before (下午1:54) or after (7:02 PM, p. m.).
    static let time = "(?:(?<ap>" + meridiemBefore + ")" + space + #"*)?(?<h>\d{1,2})[:.](?<mi>\d{2})(?:[:.](?<s>\d{2}))?(?:"# + space + #"*(?<ap>[AaPp]\.?"# + space + #"?[Mm]\.?)(?![A-Za-z]))?"#
}
