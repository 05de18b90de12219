import ChatModel
import Matching

/// Telegram Desktop's HTML export (`messages.html`, `messages2.html`, …): each message a
/// `div.message.default` with its time in the date's `title` (`15.08.2025 10:02:11
/// UTC+05:00`, always day first), its sender in `from_name` (absent on a `joined` message:
/// the sender before), its text in `div.text`; `div.message.service` holds day lines and
/// notices. The page header names the chat: in a one-to-one chat, the other party.
struct TelegramHTMLFormat: ChatFormat {
    let name = "telegram-html"
    private static let message = PCRE2Regex.reader(#"<div class="message (?<kind>service|default)\b[^"]*"[^>]*>"#)
    private static let date = PCRE2Regex.reader(#"class="pull_right date details" title="(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4}) (?<H>\d{1,2}):(?<M>\d{2})(?::(?<S>\d{2}))?"#)
    private static let fromName = PCRE2Regex.reader(#"<div class="from_name">(?<who>.*?)</div>"#, [.dotAll])
    private static let text = PCRE2Regex.reader(#"<div class="text">(?<text>.*?)</div>"#, [.dotAll])
    private static let serviceText = PCRE2Regex.reader(#"<div class="body details">(?<text>.*?)</div>"#, [.dotAll])
    private static let header = PCRE2Regex.reader(#"<div class="page_header">.*?<div class="text bold">(?<name>.*?)</div>"#, [.dotAll])
    /// A service line that is only a day (`15 August 2025`): the day separator, no message.
    private static func isDay(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return words.count == 3 && words[0].allSatisfy { $0.isASCII && $0.isNumber } && words[2].count == 4 && words[2].allSatisfy { $0.isASCII && $0.isNumber }
    }

    func confidence(_ sample: FileSample) -> Double {
        // A page opens with a tag (<!DOCTYPE html>, <html>): anything else is no HTML export.
        guard sample.bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "<") else { return 0 }
        let has = { (marker: String) in sample.bytes.withUnsafeBufferPointer { Bytes.contains($0, 0..<min($0.count, 16384), Array(marker.utf8)) } }
        guard has(#"<div class="message "#) || has(#"class="page_wrap""#) else { return 0 }
        return has(#"class="message default clearfix"#) || has(#"class="history""#) ? 1 : 0.6
    }

    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat {
        var buffer = TextBuffer()
        var messages: [RawMessage] = []
        var chatName: String?
        bytes.withUnsafeBufferPointer { html in
            let lineStarts = TextLines.starts(bytes)
            func fileLine(at offset: Int) -> Int { TextLines.index(of: offset, in: lineStarts) + 1 }
            func first(_ regex: PCRE2Regex, _ group: String, in range: Range<Int>) -> (text: String, at: Int)? {
                guard let captures = try? regex.find(in: html, from: range.lowerBound, to: range.upperBound, scratch: scratch),
                      let found = regex.range(of: group, in: captures) else { return nil }
                // The line the text starts on, not the tag's.
                var at = found.lowerBound
                while at < found.upperBound, [0x20, 0x09, 0x0A, 0x0D].contains(html[at]) { at += 1 }
                return (HTMLText.plain(UTF8Text.string(html, found)), at)
            }
            chatName = first(Self.header, "name", in: 0..<min(html.count, 16384))?.text
            let starts = ((try? Self.message.findAll(in: html, scratch: scratch)) ?? []).map { ($0.range.lowerBound, Self.message.text("kind", $0, html) ?? "") }
            var speaker: String?
            for (index, start) in starts.enumerated() {
                let segment = start.0..<(index + 1 < starts.count ? starts[index + 1].0 : html.count)
                if start.1 == "service" {
                    guard let notice = first(Self.serviceText, "text", in: segment), !notice.text.isEmpty, !Self.isDay(notice.text) else { continue }
                    let line = fileLine(at: notice.at)
                    var system = RawMessage(line: line, bodyLine: line, stamp: nil, speaker: nil, body: buffer.append(notice.text))
                    system.type = .system
                    messages.append(system)
                    continue
                }
                // A forwarded message carries its first author's name inside: the sender's comes before it.
                let forwarded = Bytes.firstIndex(of: Array(#"class="forwarded body""#.utf8), in: html, segment)
                if let name = first(Self.fromName, "who", in: segment.lowerBound..<(forwarded ?? segment.upperBound)), !name.text.isEmpty {
                    speaker = name.text
                }
                var stamp: RawStamp?
                if let captures = try? Self.date.find(in: html, from: segment.lowerBound, to: segment.upperBound, scratch: scratch),
                   let day = Self.date.int("d", captures, html), let month = Self.date.int("m", captures, html), let year = Self.date.int("y", captures, html),
                   let hour = Self.date.int("H", captures, html), let minute = Self.date.int("M", captures, html) {
                    stamp = RawStamp(date: .ymd(year, month, day), hour: hour, minute: minute, second: Self.date.int("S", captures, html) ?? 0)
                }
                let body = first(Self.text, "text", in: segment)
                let line = fileLine(at: body?.at ?? segment.lowerBound)
                var message = RawMessage(line: line, bodyLine: line, stamp: stamp, speaker: speaker, body: buffer.append(body?.text ?? ""))
                if forwarded != nil { message.flags.insert(.forwarded) }
                if Bytes.contains(html, segment, Array(#"class="reply_to details""#.utf8)) { message.flags.insert(.reply) }
                if message.body.isEmpty { message.type = Self.mediaType(html, segment) }
                messages.append(message)
            }
        }
        if let chatName { messages.markExporter(otherThan: chatName) }
        return ParsedChat(bytes: buffer.bytes, verbatim: false, messages: messages)
    }

    /// What a message with no text holds, by the class of its media block.
    private static func mediaType(_ html: UnsafeBufferPointer<UInt8>, _ segment: Range<Int>) -> MessageType {
        for (marker, type) in [("media_photo", MessageType.image), ("photo_wrap", .image), ("media_video", .video), ("video_file_wrap", .video),
                               ("media_voice_message", .audio), ("media_audio_file", .audio), ("sticker", .sticker), ("animated_wrap", .sticker),
                               ("media_location", .location), ("media_contact", .card), ("media_call", .call), ("media_file", .file)]
        where Bytes.contains(html, segment, Array(marker.utf8)) {
            return type
        }
        return .file
    }
}

/// Text of an HTML fragment as a reader sees it: `<br>` as a line end, other tags dropped,
/// entities decoded (named ones exporters write, and numeric ones), blanks at line ends trimmed.
enum HTMLText {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—", "plusmn": "±", "times": "×",
        "deg": "°", "hellip": "…", "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "middot": "·",
        "copy": "©", "reg": "®", "trade": "™", "euro": "€", "yen": "¥", "pound": "£", "cent": "¢", "sup2": "²", "sup3": "³",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "micro": "µ", "divide": "÷", "asymp": "≈", "le": "≤", "ge": "≥", "bull": "•",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "aacute": "á", "eacute": "é", "iacute": "í",
        "oacute": "ó", "uacute": "ú", "agrave": "à", "egrave": "è", "ecirc": "ê", "ccedil": "ç", "ntilde": "ñ", "aring": "å", "oslash": "ø",
    ]

    static func plain(_ fragment: String) -> String {
        var out = ""
        var rest = Substring(fragment)
        while let next = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
            out += rest[..<next]
            rest = rest[next...]
            if rest.first == "<" {
                guard let close = rest.firstIndex(of: ">") else { break }
                let tag = rest[rest.index(after: rest.startIndex)..<close].lowercased()
                if tag.hasPrefix("br") || tag.hasPrefix("/p") || tag.hasPrefix("/div") { out += "\n" }
                rest = rest[rest.index(after: close)...]
            } else if let semicolon = rest.prefix(12).firstIndex(of: ";"), let decoded = entity(String(rest[rest.index(after: rest.startIndex)..<semicolon])) {
                out += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        out += rest
        return out.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingBlanks() }
            .drop(while: \.isEmpty).reversed().drop(while: \.isEmpty).reversed().joined(separator: "\n")
    }

    private static func entity(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") { return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) } }
        return named[name]
    }
}
