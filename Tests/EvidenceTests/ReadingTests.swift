import Foundation
@testable import Reading
import Testing

@Suite struct DecoderTests {
    let chinese = "2024-03-12 14:22:01 示例旗舰店:小美：亲，衣长98厘米哦\n"

    @Test func plainUTF8() throws {
        let decoded = try TextDecoder.decode(Array(chinese.utf8))
        #expect(decoded.encoding == .utf8)
        #expect(decoded.bytes == Array(chinese.utf8))
    }

    @Test func utf8BOMIsDropped() throws {
        let decoded = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(chinese.utf8))
        #expect(decoded.bytes == Array(chinese.utf8))
    }

    @Test func utf16LittleAndBigEndianWithBOM() throws {
        let le: [UInt8] = [0xFF, 0xFE] + chinese.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + chinese.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoder.decode(le).bytes == Array(chinese.utf8))
        #expect(try TextDecoder.decode(le).encoding == .utf16le)
        #expect(try TextDecoder.decode(be).bytes == Array(chinese.utf8))
    }

    @Test func utf16WithoutBOM() throws {
        let le: [UInt8] = chinese.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try TextDecoder.decode(le).encoding == .utf16le)
        #expect(try TextDecoder.decode(le).bytes == Array(chinese.utf8))
    }

    @Test func gb18030IsDetected() throws {
        let gb = try #require(TextDecoder.iconvEncode(chinese, to: "GB18030"))
        let decoded = try TextDecoder.decode(gb)
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.bytes == Array(chinese.utf8))
    }

    @Test func forcedEncodingIsUsed() throws {
        let gb = try #require(TextDecoder.iconvEncode(chinese, to: "GB18030"))
        #expect(try TextDecoder.decode(gb, as: .gb18030).bytes == Array(chinese.utf8))
        #expect(throws: DecodeFailure.self) { try TextDecoder.decode(Array("\u{FFFF}".utf8) + [0x81], as: .big5) }
    }

    @Test func truncatedUTF8IsRepairedWithAWarning() throws {
        let bytes = Array(chinese.utf8) + Array("胸围88".utf8).dropLast(0) + [0xE5, 0x8E]
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == .utf8)
        #expect(decoded.warnings.count == 1)
        #expect(decoded.warnings[0].contains("line 2"))
    }

    @Test func binaryIsRefused() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]
        #expect(throws: DecodeFailure.binary) { try TextDecoder.decode(png) }
    }

    @Test func emptyIsEmpty() throws {
        #expect(try TextDecoder.decode([]).bytes.isEmpty)
    }
}

@Suite struct PlainChatParserTests {
    let chat = """
    2024-03-12 14:20:05 tb_小鹿买买买: 你好，在吗
    2024-03-12 14:20:31 示例旗舰店:小美: 亲，在的哦
    这款衣长98cm
    2024/3/12 14:21 示例旗舰店:小美：胸围88cm
    2024-03-12 14:22:01 tb_小鹿买买买： 好的

    """

    @Test func messagesSpeakersTimesAndContinuationLines() {
        let log = Support.extract(chat).log
        #expect(log.format == "plain-chat")
        #expect(log.messages.count == 4)
        #expect(log.messages.map(\.speaker) == ["tb_小鹿买买买", "示例旗舰店:小美", "示例旗舰店:小美", "tb_小鹿买买买"])
        #expect(log.messages.map(\.line) == [1, 2, 4, 5])
        #expect(log.text(of: log.messages[1]) == "亲，在的哦\n这款衣长98cm")
        #expect(log.messages[2].time?.iso8601 == "2024-03-12T14:21:00")
        #expect(log.messages[2].role == .seller)
        #expect(log.messages[0].role == .buyer)
    }

    @Test func sellerAndBuyerOverridesWin() {
        let log = Support.extract(chat, hints: RoleHints(sellers: ["tb_小鹿买买买"])).log
        #expect(log.messages[0].role == .seller)
    }

    @Test func companyNamesAreSellers() {
        let log = Support.extract("2024-07-18 09:15:03 Mike: hi\n2024-07-18 09:17:40 Lisa (Shenzhen Bright Trading Co., Ltd): hello\n").log
        #expect(log.messages.map(\.role) == [.buyer, .seller])
    }

    @Test func proseWithADateIsPlainText() {
        let text = "我们在2024-03-12 14:22 收到货。\n包装很好，但是尺寸不对。\n衣长只有92cm。\n胸围84cm。\n"
        let log = Support.extract(text).log
        #expect(log.format == "plain-text")
        #expect(log.messages.count == 4)
        #expect(log.messages.allSatisfy { $0.speaker == nil })
    }

    @Test func crlfAndLastLineWithoutNewline() {
        let log = Support.extract("2024-03-12 14:20:05 店小二: 长30cm\r\n2024-03-12 14:20:06 买家: 好\r\n2024-03-12 14:20:07 店小二: 宽20cm").log
        #expect(log.messages.count == 3)
        #expect(log.text(of: log.messages[0]) == "长30cm")
        #expect(log.text(of: log.messages[2]) == "宽20cm")
    }

    @Test func impossibleDatesLeaveTheTimeOutWithAWarning() {
        let log = Support.extract("2024-13-45 14:20:05 店小二: 长30cm\n2024-03-12 14:20:06 买家: 好\n").log
        #expect(log.format == "plain-chat")
        #expect(log.messages.map { $0.time?.iso8601 } == [nil, "2024-03-12T14:20:06"])
        #expect(log.warnings == ["1 time that is not a real date (first at line 1): left without a time"])
    }
}
