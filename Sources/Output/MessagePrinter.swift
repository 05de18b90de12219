import Catalog
import ChatModel
import Claim
import Compare
import Foundation
import Model

extension JSONWriter {
    /// The header object `evidence messages --format jsonl` writes before a file's messages.
    mutating func writeHeader(_ log: ChatLog) {
        beginObject()
        field("type", "file")
        field("schema", messagesSchema)
        fields(of: FileSummary(log: log, findings: 0))
        endObject()
    }

    /// One parsed message.
    mutating func write(_ message: Message, of log: ChatLog) {
        beginObject()
        field("path", log.path)
        field("line", message.line)
        field("time", message.time?.iso8601)
        field("speaker", message.speaker)
        field("role", message.role.rawValue)
        field("role_source", message.speaker.flatMap { log.roleSources[$0]?.rawValue })
        field("type", message.type.rawValue)
        field("text", log.writtenText(of: message))
        field("quoted", message.quoted)
        strings("flags", message.flags.names)
        endObject()
    }
}

/// The version of the `evidence messages --format jsonl` contract in docs/json.md.
public let messagesSchema = "evidence.messages/1"

/// Prints parsed messages: `evidence messages`. Like the finding printers, it sees only
/// the parsed log.
public enum MessagePrinter {
    public static func jsonLines(_ log: ChatLog) -> [UInt8] {
        var writer = JSONWriter()
        writer.writeHeader(log)
        writer.newline()
        for message in log.messages {
            writer.write(message, of: log)
            writer.newline()
        }
        return writer.bytes
    }

    public static func text(_ log: ChatLog, columns: Int) -> [UInt8] {
        let confidence = NumberFormat.short(log.confidence)
        var out = "\(log.path)  (\(log.format), confidence \(confidence), \(log.encoding)"
        if let order = log.dateOrder { out += ", dates \(order.rawValue)" }
        out += ", \(log.messages.count) messages)\n"
        // Who is who, and how it was decided (--seller/--buyer/--me change it).
        var seen: [String] = []
        for speaker in log.messages.compactMap(\.speaker) where !seen.contains(speaker) { seen.append(speaker) }
        let sides = seen.compactMap { speaker in log.messages.first { $0.speaker == speaker }.map { "\(speaker) \($0.role.rawValue) (\(log.roleSources[speaker]?.rawValue ?? "listing"))" } }
        if !sides.isEmpty { out += "  speakers: " + sides.joined(separator: ", ") + "\n" }
        for message in log.messages {
            let time = message.time.map { String($0.iso8601.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "-"
            let who = message.speaker.map { "\(message.role.rawValue) \($0)" } ?? message.role.rawValue
            let type = message.type == .text ? "" : "[\(message.type.rawValue)] "
            let text = log.writtenText(of: message).replacingOccurrences(of: "\n", with: " ⏎ ")
            let left = DisplayWidth.pad(String(message.line), to: 6) + DisplayWidth.pad(time, to: 18) + DisplayWidth.pad(DisplayWidth.truncate(who, to: 22), to: 24)
            out += "  " + left + DisplayWidth.truncate(type + text, to: max(20, columns - 50)) + "\n"
        }
        return Array((out + "\n").utf8)
    }
}
