import ChatModel
import Matching

/// The Qianniu web chat-history page, copied as text: a date line per day, then per message
/// a time-only line, the text, and the sender's account on the last line of the block.
struct QianniuWebFormat: ChatFormat {
    let name = "qianniu-web"
    private static let dateLine = PCRE2Regex.reader("^" + Fragment.marks + Fragment.ymd + Fragment.space + "*$")
    private static let timeLine = PCRE2Regex.reader("^" + Fragment.marks + #"(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?"# + Fragment.space + "*$")
    private static let chrome = PCRE2Regex.reader(#"^(?:聊天记录查询|查询结果|客户昵称.*|员工账号.*|账号信息保护显示.*)$"#)

    func confidence(_ sample: FileSample) -> Double {
        let times = sample.count(Self.timeLine)
        guard times >= min(3, sample.lines.count / 3), sample.count(Self.dateLine) >= 1 else { return 0 }
        // Each block is a time line, at least one text line and a sender line.
        return min(1, Double(times) * 3 / Double(sample.lines.count)) * 0.95
    }

    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat {
        var messages: [RawMessage] = []
        var day: (Int, Int, Int)?
        var block: [(number: Int, range: Range<Int>)] = []
        var stamp: RawStamp?
        var stampLine = 0
        func finish() {
            defer { block.removeAll() }
            guard let stamp, !block.isEmpty else { return }
            let sender = block.removeLast()
            let speaker = bytes.withUnsafeBufferPointer { UTF8Text.string($0, sender.range) }.trimmingBlanks()
            let body = block.first.map { $0.range.lowerBound..<block.last!.range.upperBound } ?? sender.range.lowerBound..<sender.range.lowerBound
            var message = RawMessage(line: stampLine, bodyLine: block.first?.number ?? sender.number, stamp: stamp, speaker: speaker, body: body)
            (message.type, message.flags, message.body) = MessageKinds.classify(bytes, body)
            messages.append(message)
        }
        bytes.withUnsafeBufferPointer { buffer in
            for (index, range) in TextLines.ranges(bytes).enumerated() {
                if TextLines.isBlank(bytes, range) { continue }
                if let captures = try? Self.dateLine.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch),
                   let year = Self.dateLine.int("Y", captures, buffer), let month = Self.dateLine.int("mo", captures, buffer),
                   let dayOfMonth = Self.dateLine.int("d", captures, buffer) {
                    finish()
                    stamp = nil
                    day = (year, month, dayOfMonth)
                } else if let captures = try? Self.timeLine.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch), let day {
                    finish()
                    stamp = Self.timeLine.stamp(captures, buffer, day: day)
                    stampLine = index + 1
                } else if (try? Self.chrome.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch)) == nil, stamp != nil {
                    block.append((index + 1, range))
                }
            }
        }
        finish()
        return ParsedChat(bytes: bytes, verbatim: true, messages: messages)
    }
}

/// LINE "Send chat history": a title, day lines, then `03:04<TAB>name<TAB>text`; a
/// multi-line text is wrapped in double quotes; system lines have an empty name.
struct LineAppFormat: ChatFormat {
    let name = "line"
    private static let title = PCRE2Regex.reader(#"^\x{FEFF}?(?:\[LINE\]|Chat history (?:with|in) |.+のトーク履歴|.*与.+的聊天记录|.*與.+的聊天記錄)"#)
    private static let partner = PCRE2Regex.reader(#"^\x{FEFF}?(?:\[LINE\]\s*)?(?:Chat history with (?<o1>.+?)|.*与(?<o2>.+?)的聊天记录|.*與(?<o3>.+?)的聊天記錄|(?<o4>.+?)とのトーク履歴)\s*$"#)
    private static let dayLine = PCRE2Regex.reader("^" + Fragment.marks + Fragment.ymd + #"\s*(?:[（(]?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|[A-Z][a-z]+day|週.|周.|星期.|[月火水木金土日一二三四五六天])[)）]?)?\s*$"#
        + #"|^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?<p1>\d{2})/(?<p2>\d{2})/(?<y>\d{4})\s*$"#)
    private static let message = PCRE2Regex.reader("^(?:(?<ap>" + Fragment.meridiemBefore + #")\s*)?(?<h>\d{1,2}):(?<mi>\d{2})\s*(?<ap>[AaPp][Mm])?\t(?<name>[^\t\r\n]*)\t(?<text>.*)$"#)

    func confidence(_ sample: FileSample) -> Double {
        let messages = sample.count(Self.message)
        guard messages >= 1 else { return 0 }
        let titled = sample.lines.first.map { line in sample.bytes.withUnsafeBufferPointer { (try? Self.title.find(in: $0, from: line.range.lowerBound, to: line.range.upperBound, scratch: sample.scratch)) != nil } } ?? false
        let score = Double(messages + sample.count(Self.dayLine)) / Double(sample.lines.count)
        return min(1, score + (titled ? 0.3 : 0))
    }

    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat {
        var messages: [RawMessage] = []
        var day: (Int, Int, Int)?
        var ambiguousDay: (Int, Int, Int)?
        var openQuote = false
        bytes.withUnsafeBufferPointer { buffer in
            for (index, range) in TextLines.ranges(bytes).enumerated() {
                let number = index + 1
                if openQuote {
                    // Inside a quoted multi-line text: it ends at a line ending in `"`.
                    let end = range.upperBound
                    if end > range.lowerBound, buffer[end - 1] == UInt8(ascii: "\"") {
                        messages[messages.count - 1].body = messages[messages.count - 1].body.lowerBound..<(end - 1)
                        openQuote = false
                    } else {
                        messages[messages.count - 1].body = messages[messages.count - 1].body.lowerBound..<end
                    }
                    continue
                }
                if TextLines.isBlank(bytes, range) { continue }
                if let captures = try? Self.dayLine.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch) {
                    if let year = Self.dayLine.int("Y", captures, buffer), let month = Self.dayLine.int("mo", captures, buffer), let dayOfMonth = Self.dayLine.int("d", captures, buffer) {
                        day = (year, month, dayOfMonth)
                        ambiguousDay = nil
                    } else if let a = Self.dayLine.int("p1", captures, buffer), let b = Self.dayLine.int("p2", captures, buffer), let year = Self.dayLine.int("y", captures, buffer) {
                        ambiguousDay = (a, b, year)
                        day = nil
                    }
                    continue
                }
                guard let captures = try? Self.message.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch),
                      var textRange = Self.message.range(of: "text", in: captures) else {
                    if !messages.isEmpty { messages[messages.count - 1].body = messages[messages.count - 1].body.lowerBound..<range.upperBound }
                    continue
                }
                var stamp = Self.message.stamp(captures, buffer, day: day ?? (0, 1, 1))
                if let ambiguousDay { stamp?.date = .ambiguous(ambiguousDay.0, ambiguousDay.1, ambiguousDay.2) }
                if day == nil, ambiguousDay == nil { stamp = nil }
                if textRange.count > 0, buffer[textRange.lowerBound] == UInt8(ascii: "\"") {
                    if textRange.count > 1, buffer[textRange.upperBound - 1] == UInt8(ascii: "\"") {
                        textRange = (textRange.lowerBound + 1)..<(textRange.upperBound - 1)
                    } else {
                        textRange = (textRange.lowerBound + 1)..<textRange.upperBound
                        openQuote = true
                    }
                }
                let speaker = Self.message.text("name", captures, buffer)
                var message = RawMessage(line: number, bodyLine: number, stamp: stamp, speaker: speaker?.isEmpty == false ? speaker : nil, body: textRange)
                if message.speaker == nil { message.type = .system }
                messages.append(message)
            }
        }
        for index in messages.indices where messages[index].type == .text {
            (messages[index].type, messages[index].flags, messages[index].body) = MessageKinds.classify(bytes, messages[index].body)
        }
        // The title names the other party of a one-to-one chat (Chat history with Lily): the
        // other speaker is the one who exported it.
        let partner = bytes.withUnsafeBufferPointer { buffer in
            TextLines.ranges(bytes).first.flatMap { first in
                (try? Self.partner.find(in: buffer, from: first.lowerBound, to: first.upperBound, scratch: scratch)).flatMap { captures in
                    ["o1", "o2", "o3", "o4"].lazy.compactMap { Self.partner.text($0, captures, buffer) }.first
                }
            }
        }
        if let partner { messages.markExporter(otherThan: partner) }
        return ParsedChat(bytes: bytes, verbatim: true, messages: messages)
    }
}

/// An e-mail thread pasted or saved as text: the newest message on top (its `From:` and
/// `Date:` headers, if any), then each quoted earlier message after its separator —
/// `On … wrote:`, `-----Original Message-----`, `------------------ 原始邮件 ------------------`,
/// also inside a quote (`> On … wrote:`): each quoted mail is its sender's, and a mail quoted
/// again below one already read (same sender, same minute) is not read twice.
struct EmailFormat: ChatFormat {
    let name = "email"
    private static let headerLine = PCRE2Regex.reader(#"^(?:>[ \t]*)*\*?(?<key>From|Date|Sent|To|Cc|Subject|发件人|发送时间|收件人|抄送|主题|日期)\*?\s*[:：]\s*(?<value>.*)$"#)
    /// The other headers of a saved `.eml` (Return-Path, Received, Message-ID, MIME-Version,
    /// Content-Type, X-…): part of the header block, never of the text.
    private static let transportHeader = PCRE2Regex.reader(#"^(?i:Return-Path|Received|Message-ID|In-Reply-To|References|MIME-Version|Content-[A-Za-z-]+|Reply-To|Delivered-To|Thread-[A-Za-z]+|Importance|Priority|DKIM-Signature|Authentication-Results|ARC-[A-Za-z-]+|Accept-Language|Envelope-To|X-[A-Za-z0-9-]+|Bcc|Sender|Precedence|List-[A-Za-z-]+)\s*:"#)
    /// Where a saved mail names the mailbox it was delivered to, the exporter's own address:
    /// `Delivered-To:`, `X-Original-To:`, `Envelope-To:`, or the `for <…>` of the top `Received:`.
    private static let mailboxOwner = PCRE2Regex.reader(#"^(?:(?i:Delivered-To|X-Original-To|Envelope-To)\s*:|(?i:Received)\s*:.*?\bfor|[ \t]+(?:.*?\s)?for)\s+<?(?<address>[^\s<>;@]+@[^\s<>;]+)>?"#)
    private static let separator = PCRE2Regex.reader(
        #"^(?:>[ \t]*)*(?:On (?<when>.+?\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?),? (?<who>.+?) wrote:|在 (?<when>.+?)，(?<who>.+?) 写道：|-{3,}\s*(?:Original Message|原始邮件|Forwarded message|转发邮件)\s*-{3,})\s*$"#)

    func confidence(_ sample: FileSample) -> Double {
        let separators = sample.count(Self.separator)
        let headers = sample.lines.prefix(6).filter { line in
            sample.bytes.withUnsafeBufferPointer { (try? Self.headerLine.find(in: $0, from: line.range.lowerBound, to: line.range.upperBound, scratch: sample.scratch)) != nil }
        }.count
        if headers >= 2 { return 0.9 }
        return separators >= 1 ? 0.7 : 0
    }

    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat {
        var messages: [RawMessage] = []
        // Whether each message was read from quoted history (under `On … wrote:`), not its own headers.
        var fromHistory: [Bool] = []
        var current = RawMessage(line: 0, bodyLine: 0, stamp: nil, speaker: nil, body: 0..<0)
        var currentFromHistory = false
        var inHeaders = true
        var bodyStarted = false
        var inTransportHeader = false
        // The exporter's address as the saved mail's delivery headers name it.
        var owner: String?
        var topRecipients: String?
        func minute(_ stamp: RawStamp?) -> LocalTime? {
            stamp?.time(.ymd).0.map { LocalTime(year: $0.year, month: $0.month, day: $0.day, hour: $0.hour, minute: $0.minute) }
        }
        func close() {
            guard bodyStarted || current.speaker != nil else { return }
            // The same mail twice (its own block and quoted in a reply): its own block is kept.
            if let sent = minute(current.stamp), let twin = messages.firstIndex(where: { $0.speaker == current.speaker && minute($0.stamp) == sent }) {
                if fromHistory[twin], !currentFromHistory { messages[twin] = current; fromHistory[twin] = false }
                return
            }
            messages.append(current)
            fromHistory.append(currentFromHistory)
        }
        bytes.withUnsafeBufferPointer { buffer in
            let ranges = TextLines.ranges(bytes)
            func header(_ index: Int) -> (key: String, value: String)? {
                guard index < ranges.count, let captures = try? Self.headerLine.find(in: buffer, from: ranges[index].lowerBound, to: ranges[index].upperBound, scratch: scratch),
                      let key = Self.headerLine.text("key", captures, buffer), let value = Self.headerLine.text("value", captures, buffer) else { return nil }
                return (key, value)
            }
            for (index, range) in ranges.enumerated() {
                let number = index + 1
                // Mails pasted one after another with no separator: a From line followed by
                // more header lines starts the next mail.
                if bodyStarted, let from = header(index), ["From", "发件人"].contains(from.key), header(index + 1) != nil {
                    close()
                    current = RawMessage(line: number, bodyLine: number + 1, stamp: nil, speaker: nil, body: range.upperBound..<range.upperBound)
                    currentFromHistory = false
                    inHeaders = true
                    bodyStarted = false
                }
                if let captures = try? Self.separator.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch) {
                    close()
                    current = RawMessage(line: number, bodyLine: number + 1, stamp: Self.separator.text("when", captures, buffer).flatMap(EmailDate.parse),
                                         speaker: Self.separator.text("who", captures, buffer).map(EmailAddress.clean), body: range.upperBound..<range.upperBound)
                    currentFromHistory = true
                    inHeaders = true
                    bodyStarted = false
                    continue
                }
                if inHeaders, let (key, value) = header(index) {
                    if ["From", "发件人"].contains(key) { current.speaker = EmailAddress.clean(value) }
                    if ["Date", "Sent", "发送时间", "日期"].contains(key) { current.stamp = EmailDate.parse(value) }
                    if ["To", "收件人"].contains(key), messages.isEmpty, !currentFromHistory, topRecipients == nil { topRecipients = value }
                    if current.line == 0 { current.line = number }
                    inTransportHeader = false
                    continue
                }
                // Received: from … ⏎ <tab>by …: a transport header and the lines that continue it.
                if inHeaders, !bodyStarted, (try? Self.transportHeader.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch)) != nil
                    || (inTransportHeader && range.count > 1 && [0x20, 0x09].contains(buffer[range.lowerBound])) {
                    inTransportHeader = true
                    if owner == nil, messages.isEmpty, !currentFromHistory,
                       let captures = try? Self.mailboxOwner.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch) {
                        owner = Self.mailboxOwner.text("address", captures, buffer)
                    }
                    continue
                }
                inTransportHeader = false
                if TextLines.isBlank(bytes, range) {
                    if bodyStarted || current.speaker != nil { inHeaders = false }
                    continue
                }
                inHeaders = false
                if bodyStarted {
                    current.body = current.body.lowerBound..<range.upperBound
                } else {
                    current.body = range
                    current.bodyLine = number
                    if current.line == 0 { current.line = number }
                    bodyStarted = true
                }
            }
        }
        close()
        if let owner { Self.markExporter(owner, recipients: topRecipients, in: &messages) }
        return ParsedChat(bytes: bytes, verbatim: true, messages: messages)
    }

    /// The mails sent from the mailbox the file was saved from are the exporter's (issue 19):
    /// by address, and by the name that address goes with where a quoted header gives no address.
    private static func markExporter(_ address: String, recipients: String?, in messages: inout [RawMessage]) {
        let tag = "<" + address.lowercased() + ">"
        let owned = { (speaker: String) in speaker.lowercased().hasSuffix(tag) }
        let named = messages.compactMap(\.speaker) + (recipients ?? "").split(whereSeparator: { ",;".contains($0) }).map { EmailAddress.clean(String($0)) }
        let names = Set(named.filter(owned).map { String($0.dropLast(tag.count)).trimmingBlanks() }.filter { !$0.isEmpty })
        for index in messages.indices {
            guard let speaker = messages[index].speaker else { continue }
            if owned(speaker) || names.contains(speaker) || speaker.lowercased() == address.lowercased() { messages[index].fromExporter = true }
        }
    }
}

/// A sender as mail clients write it, tidied: `"Lily"<lily@qq.example>;` → `Lily <lily@qq.example>`.
/// The address stays: it is what tells a factory from a buyer.
enum EmailAddress {
    static func clean(_ value: String) -> String {
        var text = value.trimmingBlanks()
        if text.hasSuffix(";") { text.removeLast() }
        guard let open = text.firstIndex(of: "<") else { return text.trimmingCharacters(in: "\"'") }
        let name = String(text[..<open]).trimmingBlanks().trimmingCharacters(in: "\"'")
        let address = String(text[open...])
        return name.isEmpty ? address : name + " " + address
    }
}

/// Dates as mail clients write them: RFC 5322, Outlook, Gmail's `On …`, Foxmail's Chinese form.
enum EmailDate {
    private static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    private static let numeric = PCRE2Regex.reader(Fragment.ymd + #"(?:\s*[(（][^)）]*[)）])?[ ,]*"# + Fragment.time)
    private static let worded = PCRE2Regex.reader(
        #"(?:(?<d>\d{1,2}) (?<mon>[A-Za-z]{3})[a-z]* (?<Y>\d{4})|(?<mon>[A-Za-z]{3})[a-z]* (?<d>\d{1,2}),? (?<Y>\d{4}))(?: at|,)? +(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?\s*(?<ap>[AaPp]\.?[Mm]\.?)?"#)

    static func parse(_ text: String) -> RawStamp? {
        let scratch = MatchScratch(pairs: 16)
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> RawStamp? in
            if let captures = try? numeric.find(in: buffer, from: 0, to: buffer.count, scratch: scratch) {
                return numeric.stamp(captures, buffer)
            }
            guard let captures = try? worded.find(in: buffer, from: 0, to: buffer.count, scratch: scratch),
                  let month = worded.text("mon", captures, buffer).flatMap({ months[$0.lowercased()] }),
                  let year = worded.int("Y", captures, buffer), let day = worded.int("d", captures, buffer),
                  let hour = worded.int("h", captures, buffer), let minute = worded.int("mi", captures, buffer) else { return nil }
            return RawStamp(date: .ymd(year, month, day), hour: hour, minute: minute, second: worded.int("s", captures, buffer) ?? 0,
                            meridiem: RawStamp.meridiem(worded.text("ap", captures, buffer)))
        }
    }
}
