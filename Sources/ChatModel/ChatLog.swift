/// A wall-clock time as written in a log, with no time zone.
public struct LocalTime: Sendable, Equatable, Comparable, Hashable {
    public var year, month, day, hour, minute, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// ISO 8601 without zone: `2024-03-12T14:22:01`.
    public var iso8601: String {
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))"
    }

    public var isValid: Bool {
        guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return false }
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...days[month - 1]).contains(day)
    }

    public static func < (a: LocalTime, b: LocalTime) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }
}

/// What a message is. Only `text` is read for promises; the rest is reported as it is.
public enum MessageType: String, Sendable, CaseIterable {
    case text, image, video, audio, sticker, file, link, card, location, transfer, call, system, recall, deleted
}

/// Marks a reader puts on a message.
public struct MessageFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The sender edited it after sending (`<This message was edited>`, Telegram `edited`).
    public static let edited = MessageFlags(rawValue: 1)
    /// Its time is earlier than the message before it; kept in file order.
    public static let outOfOrder = MessageFlags(rawValue: 2)
    /// A reply that quotes an earlier message (the quote is in `Message.quoted`, not in the text).
    public static let reply = MessageFlags(rawValue: 4)
    /// Forwarded from elsewhere.
    public static let forwarded = MessageFlags(rawValue: 8)
    /// A 12-hour time that cannot be right (`00:04 AM`), kept as written.
    public static let invalidTime = MessageFlags(rawValue: 16)

    public var names: [String] {
        [(MessageFlags.edited, "edited"), (.outOfOrder, "out_of_order"), (.reply, "reply"), (.forwarded, "forwarded"), (.invalidTime, "invalid_time")]
            .filter { contains($0.0) }.map(\.1)
    }
}

/// One message of a chat log. Its text is a byte range of the log's UTF-8 buffer, so
/// matches found in the buffer map back to messages, lines and quotes without copying.
public struct Message: Sendable, Equatable {
    /// 1-based line of the file where the message starts (its header).
    public var line: Int
    /// 1-based line of the file where its text starts.
    public var bodyLine: Int
    public var time: LocalTime?
    public var speaker: String?
    public var role: Role
    public var type: MessageType
    /// Byte range of the message text in `ChatLog.bytes`.
    public var body: Range<Int>
    public var flags: MessageFlags
    /// The earlier message a reply quotes, as written (not this speaker's words).
    public var quoted: String?

    public init(line: Int, bodyLine: Int? = nil, time: LocalTime? = nil, speaker: String? = nil, role: Role = .unknown,
                type: MessageType = .text, body: Range<Int>, flags: MessageFlags = [], quoted: String? = nil) {
        self.line = line
        self.bodyLine = bodyLine ?? line
        self.time = time
        self.speaker = speaker
        self.role = role
        self.type = type
        self.body = body
        self.flags = flags
        self.quoted = quoted
    }
}

/// Day/month order of numeric dates, decided over a whole file.
public enum DateOrder: String, Sendable, CaseIterable {
    case dmy, mdy, ymd
}

/// How a file's day/month order was decided, where its dates could be read both ways:
/// by a number above 12 or time running forward (`numbers`), by how the dates are written
/// (`writing`: an inference), by `--date-order` (`option`), or not at all (`undecided`:
/// those messages have no time).
public enum DateOrderBasis: String, Sendable {
    case numbers, writing, option, undecided
}

/// A decoded, parsed file: the UTF-8 text the messages point into, the layout it was read
/// as, and its messages in file order.
public struct ChatLog: Sendable {
    public let path: String
    /// UTF-8 text holding every message body: the decoded file itself for line layouts, or
    /// the message texts joined by newlines for JSON and CSV exports; traditional characters
    /// folded to simplified (`CharacterFolding`), as the patterns read it.
    public let bytes: [UInt8]
    /// `bytes` as written, before folding (the same length): what quotes and listings show.
    public let written: [UInt8]
    /// The layout it was read as (`whatsapp-android`, `qianniu-web`, `listing`, `plain-text`...).
    public let format: String
    /// How sure detection was, 0 to 1 (1 when forced with --input-format).
    public let confidence: Double
    public let encoding: String
    public let dateOrder: DateOrder?
    public let messages: [Message]
    /// Things the reader noticed that did not stop it (ambiguous layout, out-of-order times).
    public let warnings: [String]
    /// True when `bytes` is the file itself, so an offset's line in `bytes` is its file line.
    public let verbatim: Bool
    /// Byte offset where each line of `bytes` starts.
    public let lineStarts: [Int]
    /// How each speaker's role was decided.
    public let roleSources: [String: RoleSource]
    /// Lines of the file before `bytes` starts: a part of a long file (`ChatFileParts`) counts
    /// its lines from where it sits in the file.
    public let lineOffset: Int
    /// How `dateOrder` was decided; nil when no date could be read two ways.
    public let dateOrderBasis: DateOrderBasis?

    public init(path: String, bytes: [UInt8], format: String, confidence: Double = 1, encoding: String, dateOrder: DateOrder? = nil,
                messages: [Message], warnings: [String] = [], verbatim: Bool = true, written: [UInt8]? = nil,
                roleSources: [String: RoleSource] = [:], lineOffset: Int = 0, dateOrderBasis: DateOrderBasis? = nil) {
        self.path = path
        self.dateOrderBasis = dateOrderBasis
        self.lineOffset = lineOffset
        self.bytes = bytes
        self.written = written ?? bytes
        self.roleSources = roleSources
        self.format = format
        self.confidence = confidence
        self.encoding = encoding
        self.dateOrder = dateOrder
        self.messages = messages
        self.warnings = warnings
        self.verbatim = verbatim
        lineStarts = TextLines.starts(bytes)
    }

    /// The 1-based file line of byte `offset`, which lies in `message`'s text.
    public func line(at offset: Int, in message: Message) -> Int {
        guard verbatim else { return message.bodyLine + lineIndex(offset) - lineIndex(message.body.lowerBound) }
        return lineOffset + lineIndex(offset) + 1
    }

    private func lineIndex(_ offset: Int) -> Int { TextLines.index(of: offset, in: lineStarts) }

    /// The text of `range` as the patterns read it (folded; line ends normalised to `\n`,
    /// outer blanks trimmed).
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self).replacingCRLF().trimmingBlanks()
    }

    public func text(of message: Message) -> String { text(message.body) }

    /// The text of `range` as written, for quotes (line ends normalised, outer blanks trimmed).
    public func writtenText(_ range: Range<Int>) -> String {
        String(decoding: written[range], as: UTF8.self).replacingCRLF().trimmingBlanks()
    }

    public func writtenText(of message: Message) -> String { writtenText(message.body) }
}
