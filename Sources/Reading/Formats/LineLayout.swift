import ChatModel
import Matching

/// A chat layout read line by line: a header line starts each message, with the text on
/// the same line (`oneLine`) or on the lines below (`twoLine`); any other line continues
/// the message above. Covers WhatsApp, WeChat exporters' TXT, Qianniu desktop copies, QQ
/// and the generic `time name: text` layouts.
struct LineLayout: ChatFormat {
    enum Shape: Sendable { case oneLine, twoLine }

    let name: String
    let shape: Shape
    /// Groups: `Y mo d` or `p1 p2 y`, `h mi s ap`, `name`, `text` (oneLine), `sys` (a system line).
    let header: PCRE2Regex
    /// Lines dropped wherever they stand (已读 / 未读); they end the message above.
    var noise: PCRE2Regex?
    /// Lines that are system messages of their own: recalls (`name`), hand-offs (`from`, `to`).
    var systemLine: PCRE2Regex?
    /// File cues that make this layout more likely.
    var cue: PCRE2Regex?
    /// The name to report when no cue is present (a generic layout that looks like this one).
    var genericName: String?
    /// WhatsApp writes system notices as messages: recognise them by their wording.
    var systemByPhrase = false
    /// A line before the first message that names the other party (group `other`: 消息对象:X).
    var partnerLine: PCRE2Regex?

    func confidence(_ sample: FileSample) -> Double {
        var headers = 0, bodied = 0, other = 0, firstHeader: Int?
        sample.bytes.withUnsafeBufferPointer { buffer in
            var previousWasHeader = false
            for (index, line) in sample.lines.enumerated() {
                let isHeader = (try? header.find(in: buffer, from: line.range.lowerBound, to: line.range.upperBound, scratch: sample.scratch)) != nil
                let isOther = !isHeader && !matches(noise, buffer, line.range, sample.scratch) && !matches(systemLine, buffer, line.range, sample.scratch)
                if isHeader {
                    headers += 1
                    if firstHeader == nil { firstHeader = index }
                } else if isOther, firstHeader != nil {
                    other += 1
                    if previousWasHeader { bodied += 1 }
                }
                previousWasHeader = isHeader
            }
        }
        guard let firstHeader, headers >= min(2, sample.lines.count) else { return 0 }
        let counted = Double(sample.lines.count - firstHeader)
        var score: Double
        switch shape {
        case .oneLine:
            score = 1 - Double(other) / counted
        case .twoLine:
            guard Double(bodied) >= 0.6 * Double(headers) else { return 0 }
            score = min(1, 2 * (counted - Double(other)) / counted)
        }
        // Long multi-line messages lower the share of header lines, not the evidence of a
        // file that opens with a header and has several.
        if firstHeader == 0, headers >= 3 { score = max(score, 0.6) }
        if firstHeader > 8 { score *= 0.5 }
        if let cue, sample.contains(cue) { score = min(1, score + 0.15) }
        return score
    }

    /// The format name for a file: `genericName` unless the layout's cues are there.
    func reportedName(_ sample: FileSample) -> String {
        guard let genericName else { return name }
        return cue.map(sample.contains) == true ? name : genericName
    }

    private func matches(_ regex: PCRE2Regex?, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ scratch: MatchScratch) -> Bool {
        guard let regex else { return false }
        return (try? regex.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch)) != nil
    }

    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat {
        var messages: [RawMessage] = []
        var handoffs: [(from: String, to: String)] = []
        var open = false, started = false
        var partner: String?
        bytes.withUnsafeBufferPointer { buffer in
            for (index, range) in TextLines.ranges(bytes).enumerated() {
                let number = index + 1
                if TextLines.isBlank(bytes, range) { continue }
                if messages.isEmpty, partner == nil, let partnerLine, let captures = try? partnerLine.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch) {
                    partner = partnerLine.text("other", captures, buffer)
                    continue
                }
                if let captures = try? header.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch) {
                    let stamp = header.stamp(captures, buffer)
                    var message = RawMessage(line: number, bodyLine: number, stamp: stamp, speaker: header.text("name", captures, buffer),
                                             body: range.upperBound..<range.upperBound)
                    if let system = header.range(of: "sys", in: captures) {
                        message.type = .system
                        message.body = system
                    } else if shape == .oneLine, let text = header.range(of: "text", in: captures) {
                        message.body = text
                    } else {
                        message.bodyLine = number + 1
                    }
                    messages.append(message)
                    open = true
                    started = shape == .oneLine
                    continue
                }
                if let noise, (try? noise.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch)) != nil {
                    open = false
                    continue
                }
                if let systemLine, let captures = try? systemLine.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch) {
                    var message = RawMessage(line: number, bodyLine: number, stamp: messages.last?.stamp, speaker: nil, type: .system, body: range)
                    if let name = systemLine.text("name", captures, buffer) {
                        message.speaker = name
                        message.type = .recall
                    }
                    if let from = systemLine.text("from", captures, buffer), let to = systemLine.text("to", captures, buffer) {
                        handoffs.append((from, to))
                    }
                    messages.append(message)
                    open = true
                    started = true
                    continue
                }
                guard let last = messages.last else { continue }  // a banner or title before the first message
                if open, started {
                    messages[messages.count - 1].body = last.body.lowerBound..<range.upperBound
                } else if open {
                    messages[messages.count - 1].body = range
                    messages[messages.count - 1].bodyLine = number
                    started = true
                } else {
                    // Text after a status line: more of the same speaker's words.
                    messages.append(RawMessage(line: number, bodyLine: number, stamp: last.stamp, speaker: last.speaker, body: range))
                    open = true
                    started = true
                }
            }
        }
        for index in messages.indices {
            var message = messages[index]
            // A two-line header with nothing under it is a notice written in the header (WeChatMsg: "X" 撤回了一条消息).
            if shape == .twoLine, message.body.isEmpty, message.type == .text, let speaker = message.speaker {
                message.type = speaker.contains("撤回") ? .recall : .system
                message.speaker = nil
                message.body = LineLayout.range(of: speaker, inLine: message.line, bytes) ?? message.body
            }
            if message.type == .text {
                let (type, flags, body) = MessageKinds.classify(bytes, message.body, systemAllowed: systemByPhrase)
                message.type = type
                message.flags.formUnion(flags)
                message.body = body
                if type == .text, let split = QuoteSplitter.split(bytes, message.body) {
                    message.body = split.body
                    message.quoted = split.quoted
                    message.flags.insert(.reply)
                }
            }
            messages[index] = message
        }
        if let partner { messages.markExporter(otherThan: partner) }
        return ParsedChat(bytes: bytes, verbatim: true, messages: messages, handoffs: handoffs)
    }

    /// The byte range of `text` within line `line` (1-based) of `bytes`.
    private static func range(of text: String, inLine line: Int, _ bytes: [UInt8]) -> Range<Int>? {
        let lines = TextLines.ranges(bytes)
        guard line - 1 < lines.count else { return nil }
        let lineRange = lines[line - 1]
        let needle = Array(text.utf8)
        guard needle.count <= lineRange.count else { return nil }
        for start in lineRange.lowerBound...(lineRange.upperBound - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }
}

/// Splits a reply from the message it quotes: WeChatMsg `引用:name:text` as the last line,
/// WechatExporter `「name：text」` above a dashed rule, PyWxDump `[引用](time)name:text`.
enum QuoteSplitter {
    static func split(_ bytes: [UInt8], _ body: Range<Int>) -> (body: Range<Int>, quoted: String)? {
        let lines = TextLines.ranges(Array(bytes[body])).map { ($0.lowerBound + body.lowerBound)..<($0.upperBound + body.lowerBound) }
        guard lines.count >= 2 else { return nil }
        func text(_ range: Range<Int>) -> String { bytes.withUnsafeBufferPointer { UTF8Text.string($0, range) }.trimmingBlanks() }
        if let last = lines.last {
            let lastText = text(last)
            for prefix in ["引用:", "[引用]"] where lastText.hasPrefix(prefix) {
                var end = lines.count - 2
                while end > 0, TextLines.isBlank(bytes, lines[end]) { end -= 1 }
                return (body.lowerBound..<lines[end].upperBound, String(lastText.dropFirst(prefix.count)))
            }
        }
        if text(lines[0]).hasPrefix("「"), let rule = lines.firstIndex(where: { text($0).hasPrefix("- - -") }), rule + 1 < lines.count {
            let quoted = lines[0..<rule].map(text).joined(separator: "\n")
            return (lines[rule + 1].lowerBound..<body.upperBound, quoted)
        }
        return nil
    }
}
