/// A wall-clock time as written in a log, with no time zone.
public struct LocalTime: Sendable, Equatable, Comparable {
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

    var isValid: Bool {
        (1...12).contains(month) && (1...31).contains(day) && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
    }

    public static func < (a: LocalTime, b: LocalTime) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }
}

/// What a message is: text the extractor reads, or something it only reports.
public enum MessageType: String, Sendable {
    case text, system
}

/// One message of a chat log. Its text is a byte range of the log's UTF-8 buffer, so
/// matches found in the buffer map back to messages, lines and quotes without copying.
public struct Message: Sendable, Equatable {
    /// 1-based line of the file where the message starts.
    public var line: Int
    public var time: LocalTime?
    public var speaker: String?
    public var role: Role
    public var type: MessageType
    /// Byte range of the message text in `ChatLog.bytes`.
    public var body: Range<Int>
}

/// A decoded file: its UTF-8 bytes, the layout it was read as, and its messages in file order.
public struct ChatLog: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// `plain-chat` (time, name, text on one line) or `plain-text` (no chat structure).
    public let format: String
    public let encoding: String
    public let messages: [Message]
    /// Byte offset of the start of each line.
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8], format: String, encoding: String, messages: [Message], lineStarts: [Int]) {
        self.path = path
        self.bytes = bytes
        self.format = format
        self.encoding = encoding
        self.messages = messages
        self.lineStarts = lineStarts
    }

    /// The 1-based line holding byte `offset`.
    public func line(at offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The text of `range`, as written (line ends normalised to `\n`, outer blanks trimmed).
    public func text(_ range: Range<Int>) -> String {
        let raw = bytes.withUnsafeBufferPointer { UTF8Text.string($0, range) }
        return raw.replacingCRLF().trimmingBlanks()
    }

    public func text(of message: Message) -> String { text(message.body) }
}

extension String {
    func replacingCRLF() -> String {
        guard contains("\r") else { return self }
        return split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
            .split(separator: "\r", omittingEmptySubsequences: false).joined(separator: "\n")
    }

    func trimmingBlanks() -> String {
        let blanks: Set<Character> = [" ", "\t", "\n", "\r", "\u{3000}", "\u{FEFF}", "\u{00A0}"]
        var slice = self[...]
        while let first = slice.first, blanks.contains(first) { slice.removeFirst() }
        while let last = slice.last, blanks.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
