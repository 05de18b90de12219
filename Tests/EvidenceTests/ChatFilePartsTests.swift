@testable import ChatModel
@testable import Extraction
import Foundation
@testable import Matching
@testable import Model
@testable import Reading
import Testing

/// A long file read in parts (`ChatFileParts`) gives what reading it whole gives: the same
/// messages, roles, times, line numbers and findings, each once.
@Suite struct ChatFilePartsTests {
    /// A chat of `rounds` exchanges: questions answered by a bare 对的, figures, multi-line
    /// messages, English and Chinese, two speakers whose sides only their wording shows.
    static func longChat(rounds: Int) -> String {
        var lines: [String] = []
        for round in 0..<rounds {
            let day = 1 + round / 40, minute = round % 60
            let stamp = "2024-05-\(day < 10 ? "0" : "")\(day) 1\(round % 10):\(minute < 10 ? "0" : "")\(minute)"
            switch round % 5 {
            case 0:
                lines.append("\(stamp):05 阿峰: 这个收纳架宽\(40 + round % 9)厘米对吧？")
                lines.append("\(stamp):40 小林: 对的亲")
            case 1:
                lines.append("\(stamp):10 小林: 亲，重\(2 + round % 3).5公斤，承重30kg，发货后48小时内到")
            case 2:
                lines.append("\(stamp):12 阿峰: I need \(100 + round) pcs, carton size please")
                lines.append("\(stamp):30 小林: 50 pcs per carton, carton 60x40x35 cm")
                lines.append("G.W. 18 kg, 支持七天无理由退货")
            case 3:
                lines.append("\(stamp):01 阿峰: 好的，我先拍了")
            default:
                lines.append("\(stamp):20 小林: 材质是304不锈钢，误差1-2cm属正常")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Read {
        var messages: [String] = []
        var findings: [String] = []
        var parts = 0
        var owned: [Range<Int>] = []
    }

    /// Every message and finding of `path`, read in parts of `partSize` bytes.
    static func readInParts(_ path: String, partSize: Int, encoding: TextEncoding = .auto) throws -> Read {
        let scratch = Support.extractor.makeScratch()
        var parts = try #require(ChatFileParts(path: path, encoding: encoding, reader: ChatReader(), partSize: partSize, context: 6))
        var read = Read()
        while let part = try parts.next(scratch: scratch) {
            read.parts += 1
            read.owned.append(part.owned)
            read.messages += part.log.messages.filter { part.owns($0.line) }.map { describe($0, part.log) }
            read.findings += Support.extractor.extract(part.log, scratch: scratch).findings.filter { part.owns($0.messageLine) }.map(describe)
        }
        return read
    }

    static func readWhole(_ path: String) throws -> Read {
        let scratch = Support.extractor.makeScratch()
        let (name, text) = try InputReader.read(path)
        let log = try ChatReader().read(path: name, text: text, scratch: scratch)
        return Read(messages: log.messages.map { describe($0, log) },
                    findings: Support.extractor.extract(log, scratch: scratch).findings.map(describe), parts: 1)
    }

    static func describe(_ message: Message, _ log: ChatLog) -> String {
        "\(message.line) \(message.time?.iso8601 ?? "-") \(message.speaker ?? "-") \(message.role) \(log.text(of: message))"
    }

    static func describe(_ finding: Finding) -> String {
        "\(finding.line) \(finding.messageLine) \(finding.role) \(finding.attribute) \(ValueText.of(finding)) \(finding.isPromise) \(finding.raw) \(finding.asked ?? "")"
    }

    @Test func partsGiveWhatTheWholeFileGives() throws {
        let folder = Support.temporaryFolder()
        let path = Support.write(Self.longChat(rounds: 400), to: "long.txt", in: folder)
        let whole = try Self.readWhole(path)
        let parts = try Self.readInParts(path, partSize: 4096)
        #expect(parts.parts > 5)
        #expect(parts.messages.count == whole.messages.count)
        #expect(parts.messages == whole.messages)
        #expect(parts.findings == whole.findings)
        #expect(whole.findings.contains { $0.contains("width") && $0.contains("true") })
        // The parts own consecutive stretches of the file, with no gap and no overlap.
        for (before, after) in zip(parts.owned, parts.owned.dropFirst()) { #expect(before.upperBound == after.lowerBound) }
    }

    @Test func lineNumbersAreTheFilesOwn() throws {
        let folder = Support.temporaryFolder()
        let text = Self.longChat(rounds: 300)
        let path = Support.write(text, to: "long.txt", in: folder)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let scratch = Support.extractor.makeScratch()
        var parts = try #require(ChatFileParts(path: path, encoding: .auto, reader: ChatReader(), partSize: 2048, context: 4))
        var checked = 0
        while let part = try parts.next(scratch: scratch) {
            for finding in Support.extractor.extract(part.log, scratch: scratch).findings where part.owns(finding.messageLine) {
                // A value confirmed by a bare 对的 is quoted from the question, on the line `asked_line` gives.
                let line = finding.asked == nil ? finding.line : try #require(finding.askedLine)
                #expect(lines[line - 1].contains(finding.raw), "line \(line): \(finding.raw)")
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    @Test func gb18030FileKeepsItsEncodingInEveryPart() throws {
        let folder = Support.temporaryFolder()
        let text = Self.longChat(rounds: 200)
        let url = folder.appendingPathComponent("gbk.txt")
        try Data(try #require(TextDecoder.iconvEncode(text, to: "GB18030"))).write(to: url)
        let utf8 = Support.write(text, to: "utf8.txt", in: folder)
        let parts = try Self.readInParts(url.path, partSize: 1500)
        #expect(parts.parts > 3)
        #expect(parts.findings == (try Self.readWhole(utf8)).findings)
    }

    @Test func aLayoutThatCannotBeCutIsReadWhole() throws {
        let folder = Support.temporaryFolder()
        let messages = (0..<300).map { index in
            #"{"id": \#(index), "type": "message", "date": "2024-05-01T10:\#(index % 60 < 10 ? "0" : "")\#(index % 60):00", "from": "Lily Shop", "text": "Size 40 x 30 cm, weight 2 kg"}"#
        }
        let json = #"{"name": "Lily Shop", "type": "personal_chat", "messages": [\#(messages.joined(separator: ",\n"))]}"#
        let path = Support.write(json, to: "result.json", in: folder)
        let parts = try Self.readInParts(path, partSize: 2048)
        #expect(parts.parts == 1)
        #expect(parts.messages.count == 300)
    }
}
