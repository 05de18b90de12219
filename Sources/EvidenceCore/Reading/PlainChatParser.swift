/// Tells sellers from buyers: `--seller`/`--buyer` names first, then the cues in a name
/// (旗舰店, 客服, `shop:sub`, "Co., Ltd"), then "the other side of a two-party chat".
public struct RoleHints: Sendable {
    public var sellers: [String]
    public var buyers: [String]

    public init(sellers: [String] = [], buyers: [String] = []) {
        self.sellers = sellers
        self.buyers = buyers
    }

    private static let sellerCue = try! PCRE2Regex(
        #"旗舰店|专营店|专卖店|官方|客服|售后|小店|店铺|商行|工厂|厂家|公司|贸易|实业|有限|[^\s:：]:[^\s:：]|(?i:\bshop\b|\bstore\b|official|\bco\.|\bltd\b|limited|factory|trading|supplier|seller|\binc\b)|店$"#)

    /// A role for every speaker in `speakers` (in order of first appearance).
    public func roles(for speakers: [String], scratch: MatchScratch) -> [String: Role] {
        var roles: [String: Role] = [:]
        for speaker in speakers {
            if sellers.contains(speaker) {
                roles[speaker] = .seller
            } else if buyers.contains(speaker) {
                roles[speaker] = .buyer
            } else if RoleHints.looksLikeSeller(speaker, scratch: scratch) {
                roles[speaker] = .seller
            }
        }
        let known = Set(roles.values)
        if known.count == 1, let side = known.first {
            let other: Role = side == .seller ? .buyer : .seller
            for speaker in speakers where roles[speaker] == nil { roles[speaker] = other }
        }
        for speaker in speakers where roles[speaker] == nil { roles[speaker] = .unknown }
        return roles
    }

    static func looksLikeSeller(_ name: String, scratch: MatchScratch) -> Bool {
        var utf8 = Array(name.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in
            (try? sellerCue.find(in: UnsafeBufferPointer(buffer), from: 0, to: buffer.count, scratch: scratch)) != nil
        }
    }
}

/// Reads the two layouts every tool can fall back on: a plain chat, one message per
/// `YYYY-MM-DD HH:MM[:SS] name: text` line (full-width colon too, continuation lines
/// joined), and plain text, where every non-empty line is a message with no speaker.
public enum PlainChatParser {
    private static let header = try! PCRE2Regex(
        #"^[ \t\x{3000}\x{FEFF}]*\[?(?<y>\d{4})[-/.年](?<mo>\d{1,2})[-/.月](?<d>\d{1,2})日?[ T\x{3000}]+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?\]?[ \t\x{3000}]+(?<name>[^\r\n]{1,60}?)(?:：|:(?=[ \t\r\n]|$))[ \t\x{3000}]*"#, options: .multiline)

    public static func parse(path: String, text: DecodedText, roles hints: RoleHints = RoleHints(), scratch: MatchScratch) -> ChatLog {
        let bytes = text.bytes
        var lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A && index + 1 < bytes.count { lineStarts.append(index + 1) }

        var messages: [Message] = []
        var speakers: [String] = []
        var nonEmptyLines = 0
        var firstLineIsHeader: Bool?
        bytes.withUnsafeBufferPointer { buffer in
            for (number, start) in lineStarts.enumerated() {
                var end = number + 1 < lineStarts.count ? lineStarts[number + 1] : buffer.count
                while end > start, buffer[end - 1] == 0x0A || buffer[end - 1] == 0x0D { end -= 1 }
                guard !isBlank(buffer, start..<end) else { continue }
                nonEmptyLines += 1
                let captures = try? header.find(in: buffer, from: start, to: end, scratch: scratch)
                if firstLineIsHeader == nil { firstLineIsHeader = captures != nil }
                if let captures, let time = time(captures, buffer) {
                    let name = header.range(of: "name", in: captures).map { UTF8Text.string(buffer, $0).trimmingBlanks() } ?? ""
                    if !speakers.contains(name) { speakers.append(name) }
                    messages.append(Message(line: number + 1, time: time, speaker: name, role: .unknown, type: .text, body: captures.range.upperBound..<end))
                } else if !messages.isEmpty, messages.last!.speaker != nil {
                    messages[messages.count - 1].body = messages[messages.count - 1].body.lowerBound..<end
                } else {
                    messages.append(Message(line: number + 1, time: nil, speaker: nil, role: .unknown, type: .text, body: start..<end))
                }
            }
        }
        let headers = messages.filter { $0.speaker != nil }.count
        let isChat = headers > 0 && (firstLineIsHeader == true || (headers >= 3 && headers * 5 >= nonEmptyLines))
        if !isChat {
            return ChatLog(path: path, bytes: bytes, format: "plain-text", encoding: text.encoding.rawValue,
                           messages: plainLines(bytes, lineStarts), lineStarts: lineStarts)
        }
        let roles = hints.roles(for: speakers, scratch: scratch)
        for index in messages.indices { messages[index].role = messages[index].speaker.flatMap { roles[$0] } ?? .unknown }
        return ChatLog(path: path, bytes: bytes, format: "plain-chat", encoding: text.encoding.rawValue, messages: messages, lineStarts: lineStarts)
    }

    /// Every non-empty line as a message with no speaker.
    static func plainLines(_ bytes: [UInt8], _ lineStarts: [Int]) -> [Message] {
        var messages: [Message] = []
        bytes.withUnsafeBufferPointer { buffer in
            for (number, start) in lineStarts.enumerated() {
                var end = number + 1 < lineStarts.count ? lineStarts[number + 1] : buffer.count
                while end > start, buffer[end - 1] == 0x0A || buffer[end - 1] == 0x0D { end -= 1 }
                if !isBlank(buffer, start..<end) {
                    messages.append(Message(line: number + 1, time: nil, speaker: nil, role: .unknown, type: .text, body: start..<end))
                }
            }
        }
        return messages
    }

    private static func isBlank(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.allSatisfy { buffer[$0] == 0x20 || buffer[$0] == 0x09 || buffer[$0] == 0x0D }
    }

    private static func time(_ captures: Captures, _ buffer: UnsafeBufferPointer<UInt8>) -> LocalTime? {
        func number(_ name: String) -> Int? {
            header.range(of: name, in: captures).flatMap { Int(UTF8Text.string(buffer, $0)) }
        }
        guard let year = number("y"), let month = number("mo"), let day = number("d"), let hour = number("h"), let minute = number("mi") else { return nil }
        let time = LocalTime(year: year, month: month, day: day, hour: hour, minute: minute, second: number("s") ?? 0)
        return time.isValid ? time : nil
    }
}
