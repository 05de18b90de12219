import ChatModel
import Foundation
import Matching

/// Builds the text buffer of a JSON or CSV export: each message's text on lines of its own,
/// remembered with the file line it came from.
struct TextBuffer {
    var bytes: [UInt8] = []

    /// Appends `text` and returns its byte range.
    mutating func append(_ text: String) -> Range<Int> {
        if !bytes.isEmpty { bytes.append(0x0A) }
        let start = bytes.count
        bytes += text.utf8
        return start..<bytes.count
    }
}

/// Telegram Desktop's `result.json`: one chat, or a full account export (`chats.list`).
/// `text` is a string or an array of strings and entities, joined with no separator.
struct TelegramFormat: ChatFormat {
    let name = "telegram-json"

    func confidence(_ sample: FileSample) -> Double {
        let head = sample.text(0..<min(sample.bytes.count, 8192))
        guard head.trimmingBlanks().hasPrefix("{") else { return 0 }
        if head.contains("\"messages\"") && (head.contains("\"date_unixtime\"") || head.contains("\"from_id\"") || head.contains("\"text_entities\"")) { return 1 }
        if head.contains("\"personal_information\"") || head.contains("\"chats\"") { return 0.9 }
        return head.contains("\"messages\"") ? 0.6 : 0
    }

    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw InputError(path: "", line: JSONLines.errorLine(bytes), "not valid JSON (a truncated Telegram export?)")
        }
        var chats: [[String: Any]] = []
        if root["messages"] != nil {
            chats = [root]
        } else if let list = (root["chats"] as? [String: Any])?["list"] as? [[String: Any]] {
            chats = list
        }
        guard !chats.isEmpty else { throw InputError(path: "", "JSON without `messages` or `chats.list`: not a Telegram export") }
        let lines = JSONLines(bytes)
        var buffer = TextBuffer()
        var messages: [RawMessage] = []
        var usedUnixTime = false
        // A full export names the account that made it: its messages are the exporter's.
        let exporter = ((root["personal_information"] as? [String: Any])?["user_id"] as? NSNumber).map { "user\($0)" }
        for chat in chats {
            // A one-to-one chat exported alone is named after the other party (its `id` and
            // `name`): the messages not from them are the exporter's.
            let oneToOne = exporter == nil && chat["type"] as? String == "personal_chat"
            let peerID = oneToOne ? (chat["id"] as? NSNumber).map { "user\($0)" } : nil
            let peerName = oneToOne ? chat["name"] as? String : nil
            for case let item as [String: Any] in (chat["messages"] as? [Any]) ?? [] {
                let id = (item["id"] as? NSNumber)?.intValue
                let line = id.flatMap(lines.line(ofID:)) ?? 1
                let kind = item["type"] as? String ?? "message"
                let stamp = (item["date"] as? String).flatMap(TelegramFormat.stamp) ?? TelegramFormat.stamp(unixTime: item["date_unixtime"])
                if stamp != nil, item["date"] == nil { usedUnixTime = true }
                var message = RawMessage(line: line, bodyLine: line, stamp: stamp,
                                         speaker: item["from"] as? String ?? item["actor"] as? String, body: 0..<0)
                message.body = buffer.append(TelegramFormat.text(item["text"]))
                if kind == "service" {
                    message.type = .system
                    if message.body.isEmpty, let action = item["action"] as? String { message.body = buffer.append(action) }
                } else if kind != "message" {
                    continue
                } else if let media = TelegramFormat.mediaType(item), message.body.isEmpty {
                    message.type = media
                }
                if let exporter, item["from_id"] as? String == exporter { message.fromExporter = true }
                if kind == "message", let from = item["from_id"] as? String, let peerID {
                    message.fromExporter = from != peerID
                } else if kind == "message", let speaker = message.speaker, let peerName {
                    message.fromExporter = speaker != peerName
                }
                if item["edited"] != nil { message.flags.insert(.edited) }
                if item["forwarded_from"] != nil { message.flags.insert(.forwarded) }
                if item["reply_to_message_id"] != nil { message.flags.insert(.reply) }
                messages.append(message)
            }
        }
        var warnings: [String] = []
        if usedUnixTime { warnings.append("times from `date_unixtime` (no local `date` in the export) are in UTC") }
        return ParsedChat(bytes: buffer.bytes, verbatim: false, messages: messages, warnings: warnings)
    }

    /// `date_unixtime` (seconds, as a string or a number), read in UTC: the export gives no zone.
    static func stamp(unixTime value: Any?) -> RawStamp? {
        guard let seconds = (value as? String).flatMap(Double.init) ?? (value as? NSNumber)?.doubleValue else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute else { return nil }
        return RawStamp(date: .ymd(year, month, day), hour: hour, minute: minute, second: parts.second ?? 0)
    }

    static func text(_ value: Any?) -> String {
        if let string = value as? String { return string }
        guard let parts = value as? [Any] else { return "" }
        return parts.map { part in (part as? String) ?? ((part as? [String: Any])?["text"] as? String) ?? "" }.joined()
    }

    static func stamp(_ date: String) -> RawStamp? {
        let parts = date.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
        guard parts.count >= 5 else { return nil }
        return RawStamp(date: .ymd(parts[0], parts[1], parts[2]), hour: parts[3], minute: parts[4], second: parts.count > 5 ? parts[5] : 0)
    }

    static func mediaType(_ item: [String: Any]) -> MessageType? {
        if item["photo"] != nil { return .image }
        switch item["media_type"] as? String {
        case "sticker", "animation": return .sticker
        case "video_file", "video_message": return .video
        case "audio_file", "voice_message": return .audio
        default: break
        }
        if item["location_information"] != nil { return .location }
        if item["contact_information"] != nil { return .card }
        return item["file"] != nil ? .file : nil
    }
}

/// Maps Telegram message ids to the file lines they stand on, and JSON errors to a line.
struct JSONLines {
    private var lineOfID: [Int: Int] = [:]

    init(_ bytes: [UInt8]) {
        var line = 1
        var index = 0
        let key = Array("\"id\":".utf8)
        while index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            if bytes[index] == 0x22, index + key.count < bytes.count, bytes[index..<(index + key.count)].elementsEqual(key) {
                var cursor = index + key.count
                while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
                var value = 0, digits = 0
                while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]), digits < 18 {
                    value = value * 10 + Int(bytes[cursor] - 0x30)
                    cursor += 1
                    digits += 1
                }
                if digits > 0, lineOfID[value] == nil { lineOfID[value] = line }
            }
            index += 1
        }
    }

    func line(ofID id: Int) -> Int? { lineOfID[id] }

    /// The line of the last complete line before the end: where a truncated file breaks.
    static func errorLine(_ bytes: [UInt8]) -> Int {
        bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}

/// RFC 4180 CSV: quoted fields may hold commas, `""` and newlines. Each record remembers
/// the file line it starts on.
public enum CSV {
    public static func records(_ bytes: [UInt8]) -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1, recordLine = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields.removeAll()
            recordLine = line
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 { field.append(0x22); index += 1 } else { inQuotes = false }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
            } else if byte == 0x22, field.isEmpty {
                inQuotes = true
            } else if byte == 0x2C {
                endField()
            } else if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                line += 1
                endRecord()
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}

/// The CSV files of the WeChat exporters: WeChatMsg/留痕 (`localId,TalkerId,Type,…`, rows
/// of 9 or 12 fields) and PyWxDump (`id,MsgSvrID,type_name,…`, multi-line `msg` cells).
struct WeChatCSVFormat: ChatFormat {
    enum Tool: Sendable { case wechatMsg, pyWxDump }
    let tool: Tool
    var name: String { tool == .wechatMsg ? "wechatmsg-csv" : "pywxdump-csv" }
    private var headerPrefix: String {
        tool == .wechatMsg ? "localId,TalkerId,Type,SubType,IsSender,CreateTime" : "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime"
    }

    func confidence(_ sample: FileSample) -> Double {
        guard let first = sample.lines.first else { return 0 }
        return sample.text(first.range).trimmingBlanks().hasPrefix(headerPrefix) ? 1 : 0
    }

    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat {
        let records = CSV.records(bytes)
        guard let header = records.first?.fields else { return ParsedChat(bytes: [], verbatim: false, messages: []) }
        let column = Dictionary(header.enumerated().map { ($1.trimmingBlanks(), $0) }, uniquingKeysWith: { first, _ in first })
        var buffer = TextBuffer()
        var messages: [RawMessage] = []
        var warnings: [String] = []
        // Short WeChatMsg rows have no Remark: use the name full rows give the same TalkerId.
        var remarkOf: [String: String] = [:]
        if let talker = column["TalkerId"], let remark = column["Remark"] {
            for record in records.dropFirst() where record.fields.count > max(talker, remark) && !record.fields[remark].isEmpty {
                remarkOf[record.fields[talker]] = record.fields[remark]
            }
        }
        for record in records.dropFirst() {
            func field(_ name: String) -> String? {
                column[name].flatMap { $0 < record.fields.count ? record.fields[$0] : nil }
            }
            let fromMe = field(tool == .wechatMsg ? "IsSender" : "is_sender") == "1"
            var message: RawMessage
            switch tool {
            case .wechatMsg:
                // Rows of 9 fields (before 2024-02) lack Remark/NickName/Sender.
                let time = field("StrTime") ?? (record.fields.count == 9 ? record.fields[8] : nil)
                let other = [field("Remark"), field("NickName"), field("TalkerId").flatMap { remarkOf[$0] }, field("TalkerId")].compactMap { $0 }.first { !$0.isEmpty }
                message = RawMessage(line: record.line, bodyLine: record.line, stamp: time.flatMap(WeChatCSVFormat.stamp),
                                     speaker: fromMe ? "我" : other, body: 0..<0)
                message.body = buffer.append(field("StrContent") ?? "")
                message.type = WeChatCSVFormat.type(code: Int(field("Type") ?? "") ?? 1, subtype: Int(field("SubType") ?? "") ?? 0, text: field("StrContent") ?? "")
            case .pyWxDump:
                message = RawMessage(line: record.line, bodyLine: record.line, stamp: field("CreateTime").flatMap(WeChatCSVFormat.stamp),
                                     speaker: fromMe ? "我" : field("talker"), body: 0..<0)
                let typeName = field("type_name") ?? "文本"
                var text = field("msg") ?? ""
                if typeName.contains("引用"), let marker = text.range(of: "\n\n[引用]") {
                    message.quoted = String(text[marker.upperBound...])
                    message.flags.insert(.reply)
                    text = String(text[..<marker.lowerBound])
                }
                message.body = buffer.append(text)
                message.type = WeChatCSVFormat.type(name: typeName, text: text)
            }
            if message.stamp == nil { warnings.append("line \(record.line): no readable time") }
            message.fromExporter = fromMe
            messages.append(message)
        }
        return ParsedChat(bytes: buffer.bytes, verbatim: false, messages: messages, warnings: Array(warnings.prefix(3)))
    }

    static func stamp(_ text: String) -> RawStamp? {
        let parts = text.split(whereSeparator: { " -:/T".contains($0) }).compactMap { Int($0) }
        guard parts.count >= 5 else { return nil }
        return RawStamp(date: .ymd(parts[0], parts[1], parts[2]), hour: parts[3], minute: parts[4], second: parts.count > 5 ? parts[5] : 0)
    }

    /// WeChat message codes (Type, SubType) as the exporters store them.
    static func type(code: Int, subtype: Int, text: String) -> MessageType {
        switch code {
        case 1: return .text
        case 3: return .image
        case 34: return .audio
        case 43: return .video
        case 47: return .sticker
        case 48: return .location
        case 49: return subtype == 6 ? .file : subtype == 2000 ? .transfer : subtype == 57 ? .text : .link
        case 50: return .call
        case 10000: return text.contains("撤回") ? .recall : .system
        default: return .system
        }
    }

    /// PyWxDump's `type_name` labels.
    static func type(name: String, text: String) -> MessageType {
        switch name {
        case "文本", "引用回复": return .text
        case "图片": return .image
        case "语音": return .audio
        case "视频": return .video
        case "动画表情": return .sticker
        case "位置": return .location
        case "文件": return .file
        case "转账": return .transfer
        case "语音通话": return .call
        default:
            if name.contains("撤回") || text.contains("撤回了一条消息") { return .recall }
            if name.contains("卡片") || name.contains("链接") || name.contains("小程序") { return .link }
            return name.contains("系统") ? .system : .text
        }
    }
}
