@testable import ChatModel
import Extraction
import Foundation
@testable import Matching
@testable import Reading
import Testing

/// Every layout on a fixture written the way its exporter writes: message count, speakers,
/// sides, times and texts.
@Suite struct ChatFormatTests {
    static let folder = Support.packageRoot.appendingPathComponent("Tests/EvidenceTests/Fixtures/chats")

    func read(_ name: String, reader: ChatReader = ChatReader(), encode: ((String) -> [UInt8])? = nil) throws -> ChatLog {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let bytes = encode.map { $0(String(decoding: data, as: UTF8.self)) } ?? Array(data)
        return try reader.read(path: name, text: try TextDecoder.decode(bytes), scratch: MatchScratch())
    }

    struct Row: Equatable, CustomStringConvertible {
        let line: Int, time: String?, speaker: String?, role: Role, type: MessageType, text: String
        var description: String { "\(line) \(time ?? "-") \(speaker ?? "-") \(role) \(type) \(text)" }
    }

    func rows(_ log: ChatLog) -> [Row] {
        log.messages.map { Row(line: $0.line, time: $0.time.map { String($0.iso8601.prefix(16)) }, speaker: $0.speaker, role: $0.role, type: $0.type, text: log.text(of: $0)) }
    }

    @Test func qianniuWebPage() throws {
        let log = try read("qianniu-web.txt")
        #expect(log.format == "qianniu-web")
        #expect(rows(log) == [
            Row(line: 3, time: "2024-03-12T20:57", speaker: "示例旗舰店:小迪", role: .seller, type: .card, text: "请在客户端查看原始聊天记录，网页版无法展示"),
            Row(line: 7, time: "2024-03-12T20:57", speaker: "tb1234567890", role: .buyer, type: .card, text: "http://item.taobao.com/item.htm?id=1000000000001"),
            Row(line: 11, time: "2024-03-12T20:58", speaker: "示例旗舰店:小迪", role: .seller, type: .text, text: "亲，这款M码胸围104cm，支持7天无理由退换"),
            Row(line: 15, time: "2024-03-12T20:59", speaker: "tb1234567890", role: .buyer, type: .text, text: "衣长多少呀"),
            Row(line: 20, time: "2024-03-13T09:01", speaker: "示例旗舰店:小王", role: .seller, type: .text, text: "衣长68cm哦亲\n平铺测量，误差1-2cm"),
        ])
    }

    @Test func qianniuDesktopCopyWithStatusRecallAndHandOff() throws {
        let log = try read("qianniu-desktop.txt")
        #expect(log.format == "qianniu-desktop")
        #expect(rows(log) == [
            Row(line: 1, time: "2024-01-01T10:00", speaker: "示例旗舰店:小美", role: .seller, type: .text, text: "亲，在的，请问有什么可以帮您？"),
            Row(line: 5, time: "2024-01-01T10:01", speaker: "买家昵称", role: .buyer, type: .text, text: "这个有XL吗，XL衣长多少"),
            Row(line: 8, time: "2024-01-01T10:01", speaker: "示例旗舰店:小美", role: .seller, type: .recall, text: "示例旗舰店:小美 撤回了一条消息"),
            Row(line: 9, time: "2024-01-01T10:01", speaker: nil, role: .unknown, type: .system, text: "由 示例旗舰店:小美 转交给 示例旗舰店:小王"),
            Row(line: 10, time: "2024-01-01T10:03", speaker: "示例旗舰店:小王", role: .seller, type: .text, text: "XL衣长72cm，胸围116cm\n质量问题包退换"),
        ])
    }

    @Test func gb18030AndUTF16CopiesReadTheSame() throws {
        let utf8 = try read("qianniu-desktop.txt")
        let gb = try read("qianniu-desktop.txt", encode: { TextDecoder.iconvEncode($0, to: "GB18030")! })
        let utf16 = try read("qianniu-desktop.txt", encode: { [0xFF, 0xFE] + $0.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } })
        #expect(gb.encoding == "gb18030")
        #expect(utf16.encoding == "utf-16le")
        #expect(rows(gb) == rows(utf8))
        #expect(rows(utf16) == rows(utf8))
    }

    @Test func wechatMsgTextWithRecallAndQuote() throws {
        let log = try read("wechatmsg.txt")
        #expect(log.format == "wechat-txt")
        #expect(rows(log).map(\.description) == [
            "1 2024-03-12T14:22 示例工厂-王经理 seller text M码胸围52cm，衣长70cm",
            "4 2024-03-12T14:22 我 buyer image [图片]",
            "7 2024-03-12T14:23 - unknown recall \"王经理\" 撤回了一条消息",
            "9 2024-03-12T14:24 示例工厂-王经理 seller text 好的，没问题，7天包退",
            "13 2024-03-12T14:25 我 buyer text 那我先订200件",
        ])
        #expect(log.messages[3].quoted == "我:能做7天退换吗")
        #expect(log.messages[3].flags.contains(.reply))
    }

    @Test func wechatMsgCSVWithBOMAndShortRows() throws {
        let log = try read("wechatmsg.csv")
        #expect(log.format == "wechatmsg-csv")
        #expect(rows(log).map(\.description) == [
            "2 2024-03-12T14:22 示例工厂-王经理 seller text 每箱50个，100个起批",
            "3 2024-03-12T14:22 我 buyer text 能做到7天发货吗？",
            "4 2024-03-12T14:23 示例工厂-王经理 seller image <msg><img length=\"1024\"/></msg>",
            "5 2024-03-12T14:23 示例工厂-王经理 seller text 可以，付款后7天内发货",
            "6 2024-03-12T14:23 示例工厂-王经理 seller recall \"王经理\" 撤回了一条消息",
        ])
    }

    @Test func pyWxDumpCSVWithMultiLineCellsAndQuotes() throws {
        let log = try read("pywxdump.csv")
        #expect(log.format == "pywxdump-csv")
        #expect(log.messages.map(\.line) == [2, 4, 7, 8])
        #expect(log.text(of: log.messages[0]) == "M码：胸围52cm\n衣长70cm")
        #expect(log.text(of: log.messages[1]) == "对的，纯棉的")
        #expect(log.messages[1].quoted == "(2024-03-12 14:20:00)我:是纯棉的吗")
        #expect(log.messages.map(\.type) == [.text, .text, .image, .transfer])
        #expect(log.messages.map(\.role) == [.seller, .seller, .buyer, .buyer])
    }

    @Test func wechatExporterText() throws {
        let log = try read("wechatexporter.txt")
        #expect(log.format == "wechatexporter-txt")
        #expect(log.messages.map(\.type) == [.text, .image, .transfer, .system, .text])
        #expect(log.text(of: log.messages[4]) == "可以的，质量问题7天包退")
        #expect(log.messages[4].quoted == "「我：能做7天退换吗」")
    }

    @Test func weflowText() throws {
        let log = try read("weflow.txt")
        #expect(log.format == "weflow-txt")
        #expect(rows(log).map(\.description) == [
            "1 2024-03-12T14:22 示例工厂-王经理 seller text M码胸围52cm，净重350g",
            "4 2024-03-12T14:22 我 buyer image [图片]",
            "7 2024-03-12T14:23 我 buyer text 好的，那要200个",
        ])
    }

    /// The same conversation exported three ways gives the same messages and minute times.
    @Test func whatsappExportsAgree() throws {
        let logs = try ["whatsapp-android-en-gb.txt", "whatsapp-ios-en-us.txt", "whatsapp-android-zh-cn.txt"].map { try read($0) }
        #expect(logs.map(\.format) == ["whatsapp-android", "whatsapp-ios", "whatsapp-android"])
        #expect(logs.map { $0.dateOrder } == [.dmy, .mdy, .ymd])
        let expected = [
            "2 2024-03-13T09:05 Lily (Factory) seller text Hello! The tote is 40 x 35 x 10 cm",
            "3 2024-03-13T09:06 Mike buyer text Is it 100% cotton?",
            "4 2024-03-13T12:30 Lily (Factory) seller text Yes, 100% cotton\n\nNet weight 450 g",
            "8 2024-03-14T00:15 Lily (Factory) seller text Ships within 7 days",
        ]
        for log in logs {
            #expect(log.messages.count == 6)
            #expect(log.messages.first?.type == .system)
            #expect(rows(log).filter { $0.type == .text }.map(\.description) == expected, "\(log.path)")
            #expect(log.messages[4].type != .text && log.messages[4].speaker == "Mike")
            #expect(log.messages[5].flags.contains(.edited))
        }
    }

    @Test func spanishNoBreakSpaceInsideMeridiem() throws {
        let log = try read("whatsapp-es.txt")
        #expect(log.messages.map { $0.time?.iso8601 } == ["2017-06-20T20:28:00", "2017-06-20T20:29:00", "2017-06-21T00:05:00"])
        #expect(log.messages[2].type == .audio)
    }

    /// Dates nothing decides (1/2/2024, 3/2/2024: unpadded, four-digit years, forward either
    /// way) leave the file read, its messages without a time, and one warning with the hint.
    @Test func undecidedDatesKeepTheMessagesWithoutATime() throws {
        let log = try read("whatsapp-ambiguous.txt")
        #expect(log.messages.count == 3 && log.messages.allSatisfy { $0.time == nil } && log.dateOrder == nil)
        #expect(log.warnings == ["dates such as 1/2/2024 read as day/month and as month/day, and nothing in the file decides: those messages have no time (rerun with --date-order dmy or --date-order mdy)"])
    }

    /// A bracketed line with no colon is a notice of its own, not the tail of the message above
    /// (an export whose notices lack iOS's left-to-right mark); a time written `13:34.` is a time.
    @Test func noticesWithoutAMarkAndDottedTimes() throws {
        let text = "[2023/05/02 08:10] Kim: Ok\n[2023/05/02 08:11] You added Lee Shop\n[2023/05/02 08:12] Lee Shop: 您好\n"
        let ios = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(ios.messages.map(\.type) == [.text, .system, .text])
        #expect(ios.messages.map(\.speaker) == ["Kim", nil, "Lee Shop"])
        let dotted = "2023/05/02, 08:10. - Kim: Ok\n2023/05/02, 08:12. - Lee Shop: 好的\n"
        let android = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(dotted.utf8)), scratch: MatchScratch())
        #expect(android.format == "whatsapp-android" && android.messages.map(\.speaker) == ["Kim", "Lee Shop"])
        #expect(android.messages[1].time?.iso8601 == "2023-05-02T08:12:00")
    }

    /// How the dates are written decides when their numbers cannot, said as an inference.
    @Test(arguments: [
        ("05/06/2025, 10:00 - Lily: a\n05/06/2025, 10:05 - Mike: b\n", DateOrder.dmy, "zero-padded with a four-digit year"),
        ("6/5/25, 10:00 AM - Lily: a\n6/5/25, 10:05 AM - Mike: b\n", .mdy, "no zero padding and a two-digit year"),
        ("[05.06.25 10:00:00] Lily: a\n[05.06.25 10:05:00] Mike: b\n", .dmy, "dots between day, month and year"),
        ("4/3/24, 9:15\u{00A0}p.\u{00A0}m. - Rosa: ¿tienes la talla M?\n4/3/24, 9:20\u{00A0}p.\u{00A0}m. - Tienda Sol: sí\n", .dmy, "a.m./p.m. written with dots"),
        ("[07/08/23 11:02:10 a.m.] Tom: price?\n[07/08/23 11:05:44 a.m.] Ann: 12 USD\n", .dmy, "a.m./p.m. written with dots"),
    ])
    func theWritingOfTheDatesDecides(_ text: String, _ order: DateOrder, _ reason: String) throws {
        let log = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(log.dateOrder == order && log.messages.allSatisfy { $0.time != nil })
        #expect(log.warnings.contains { $0.contains(reason) && $0.contains("rerun with --date-order") }, "\(log.warnings)")
    }

    /// The person who exported a chat is named by the export (issue 19): WeChat CSV `IsSender`,
    /// a TXT speaker 我/Me, WhatsApp's "You deleted this message" and "You added …", Telegram's
    /// own account, the mailbox a saved mail was delivered to. That person is the buyer unless `--me seller`; the other party is the other side, and
    /// the seller's wording in the buyer's rows (老板, 现货) cannot outvote the flag.
    @Test(arguments: [
        ("wechat.csv", """
        localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender
        1,wxid_a,1,0,1,1710224521,2,"老板，现货有吗？我要200个，长度要30cm的",2024-03-12 14:22:01,义乌小王,小王,wxid_me
        2,wxid_a,1,0,0,1710224560,2,"有的，长30cm，每箱50个",2024-03-12 14:22:40,义乌小王,小王,wxid_a
        3,wxid_a,1,0,1,1710224590,2,"现货发货快吗",2024-03-12 14:23:10,义乌小王,小王,wxid_me

        """, "我"),
        ("wechat.txt", """
        2024-03-12 14:22:01 我
        老板，现货有吗？我要200个，长度要30cm的

        2024-03-12 14:22:40 义乌小王
        有的，长30cm，每箱50个

        2024-03-12 14:23:10 我
        现货发货快吗

        """, "我"),
        ("whatsapp.txt", """
        12/03/2024, 14:22 - Ana Lopez: Boss, stock available? I need 200 pcs, 30cm long
        12/03/2024, 14:22 - Yiwu Wang: Yes, length 30cm, 50 pcs per carton
        12/03/2024, 14:23 - Ana Lopez: You deleted this message
        12/03/2024, 14:23 - Ana Lopez: Stock ships fast?

        """, "Ana Lopez"),
        ("telegram.json", """
        {"personal_information": {"user_id": 42, "first_name": "Ana"}, "chats": {"list": [{"name": "Yiwu Wang", "type": "personal_chat", "messages": [
          {"id": 1, "type": "message", "date": "2024-03-12T14:22:01", "from": "Ana", "from_id": "user42", "text": "Stock available? I need 200 pcs, 30cm long"},
          {"id": 2, "type": "message", "date": "2024-03-12T14:22:40", "from": "Yiwu Wang", "from_id": "user7", "text": "Yes, length 30cm, 50 pcs per carton"},
          {"id": 3, "type": "message", "date": "2024-03-12T14:23:10", "from": "Ana", "from_id": "user42", "text": "Our stock ships fast?"}]}]}}
        """, "Ana"),
        // A notice names the other party as added by the exporter (or as adding them).
        ("whatsapp-added.txt", """
        12/03/2024, 14:20 - You added Yiwu Wang
        12/03/2024, 14:22 - Ana Lopez: Boss, stock available? I need 200 pcs, 30cm long
        12/03/2024, 14:22 - Yiwu Wang: Yes, length 30cm, 50 pcs per carton

        """, "Ana Lopez"),
        ("whatsapp-ios-added.txt", "[12/03/2024, 14:20:00] \u{200E}Yiwu Wang added you\n[12/03/2024, 14:22:01] Ana Lopez: Boss, stock available? I need 200 pcs, 30cm long\n"
            + "[12/03/2024, 14:22:40] Yiwu Wang: Yes, length 30cm, 50 pcs per carton\n", "Ana Lopez"),
        // A one-to-one chat exported alone is named after the other party.
        ("telegram-single.json", """
        {"name": "Yiwu Wang", "type": "personal_chat", "id": 7, "messages": [
          {"id": 1, "type": "message", "date": "2024-03-12T14:22:01", "from": "Ana", "from_id": "user42", "text": "Stock available? I need 200 pcs, 30cm long"},
          {"id": 2, "type": "message", "date": "2024-03-12T14:22:40", "from": "Yiwu Wang", "from_id": "user7", "text": "Yes, length 30cm, 50 pcs per carton"}]}
        """, "Ana"),
        // A saved mail names the mailbox it was delivered to; a quoted header may give only the name.
        ("mail.eml", """
        Delivered-To: ana@shop.example
        From: Yiwu Wang <sales@yiwu-hooks.example>
        To: Ana Lopez <ana@shop.example>
        Date: Tue, 12 Mar 2024 14:22:40 +0800
        Subject: RE: hooks

        Yes, length 30cm, 50 pcs per carton. We have stock.

        -----Original Message-----
        From: Ana Lopez
        Sent: Tuesday, March 12, 2024 2:22 PM
        Subject: hooks

        Stock available? I need 200 pcs, 30cm long

        """, "Ana Lopez"),
        ("mail-received.eml", """
        Return-Path: <sales@yiwu-hooks.example>
        Received: from mx.yiwu-hooks.example (mx.yiwu-hooks.example [203.0.113.9])
        	by mail.shop.example with ESMTPS id 77aa
        	for <ana@shop.example>; Tue, 12 Mar 2024 14:22:45 +0800
        From: Yiwu Wang <sales@yiwu-hooks.example>
        To: Ana Lopez <ana@shop.example>
        Date: Tue, 12 Mar 2024 14:22:40 +0800
        Subject: RE: hooks

        Yes, length 30cm, 50 pcs per carton.

        On Tue, 12 Mar 2024 at 14:20, Ana Lopez <ana@shop.example> wrote:
        > Our stock is low, can you ship fast? I need 200 pcs, 30cm long

        """, "Ana Lopez <ana@shop.example>"),
        ("line.txt", "[LINE] Chat history with Yiwu Wang\nSaved on: 2024/03/13 09:00\n\n2024.03.12 Tuesday\n14:22\tKen Tan\tStock available? I need 200 pcs, 30cm long\n"
            + "14:23\tYiwu Wang\tYes, length 30cm, 50 pcs per carton\n14:24\tKen Tan\tOur stock ships fast?\n", "Ken Tan"),
    ])
    func theExporterIsTheBuyerUnlessTheySayOtherwise(_ name: String, _ text: String, _ exporter: String) throws {
        for side in [Role.buyer, .seller] {
            let log = try ChatReader(hints: RoleHints(me: side)).read(path: name, text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
            let roles = Dictionary(log.messages.compactMap { message in message.speaker.map { ($0, message.role) } }, uniquingKeysWith: { first, _ in first })
            #expect(roles[exporter] == side, "\(name): \(roles)")
            #expect(roles.filter { $0.key != exporter }.values.allSatisfy { $0 == (side == .buyer ? .seller : .buyer) }, "\(name): \(roles)")
            #expect(log.roleSources[exporter] == .flag, "\(name): \(log.roleSources)")
        }
        // --seller by name still wins over the flag.
        let named = try ChatReader(hints: RoleHints(sellers: [exporter])).read(path: name, text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(named.roleSources[exporter] == .option && named.messages.first { $0.speaker == exporter }?.role == .seller)
    }

    /// Two parties both left to their wording are two sides: the one who writes more like a
    /// seller is the seller (an importer writes "we will" too).
    @Test func twoPartiesByWordingAreTwoSides() throws {
        let text = """
        2025-04-01 09:00 Nora Vance: We will need the rolls by May.
        2025-04-01 09:05 Chen Bo: We can ship in 15 days, our factory has stock.
        2025-04-01 09:07 Chen Bo: MOQ 50 rolls, we accept T/T.
        """
        let log = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        let roles = Dictionary(log.messages.compactMap { m in m.speaker.map { ($0, m.role) } }, uniquingKeysWith: { a, _ in a })
        #expect(roles == ["Chen Bo": .seller, "Nora Vance": .buyer])
    }

    /// Quoted history in a reply (issue 16): a mail quoted inside a quote (`> On … wrote:`) is its
    /// own sender's, and a mail both quoted and pasted in full is read once, from its own block.
    @Test func quotedHistoryIsItsSendersAndReadOnce() throws {
        let text = """
        From: Kai Berg <kai@shop.example>
        Date: Thu, 6 Mar 2025 08:00:00 +0000
        Subject: RE: mugs

        OK, 300 mugs then.

        On Wed, 5 Mar 2025 at 15:20, Ann Qiu <sales@mugs.example> wrote:
        > Capacity 350 ml, 100 per carton.
        >
        > On Tue, 4 Mar 2025 at 11:05, Kai Berg <kai@shop.example> wrote:
        >> Is it 350 ml? I need 300 pcs.

        From: Ann Qiu <sales@mugs.example>
        Date: Wed, 5 Mar 2025 15:20:00 +0000
        Subject: RE: mugs

        Capacity 350 ml, 100 per carton.

        """
        let log = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(log.messages.map(\.speaker) == ["Kai Berg <kai@shop.example>", "Ann Qiu <sales@mugs.example>", "Kai Berg <kai@shop.example>"])
        #expect(log.messages.map(\.line) == [1, 13, 10], "the quoted copy of Ann's mail gives way to its own block")
        #expect(!log.text(of: log.messages[1]).contains("Is it 350 ml"))
    }

    /// A QQ Mail block quoted inside a reply (`> ------ 原始邮件 ------`, `> 发件人: …`): its
    /// header lines give its sender and time.
    @Test func quotedMailHeadersNameTheSender() throws {
        let text = """
        From: Mia Ross <mia@shop.example>
        Date: Wed, 11 Jun 2025 08:47:10 +0200
        Subject: Re: 回复：boxes

        Thanks, go ahead with 500 pcs.

        On Tue, 10 Jun 2025 at 16:12, Joe Lin <joe@box.example> wrote:
        > Confirmed: inner size 30 x 22 x 8 cm.
        >
        > ------------------ 原始邮件 ------------------
        > 发件人: "Joe Lin"<joe@box.example>;
        > 发送时间: 2025年6月9日(星期一) 上午10:30
        > 主题: boxes
        >
        > MOQ 500 pcs, sample in 3 days.

        """
        let log = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(log.messages.map(\.speaker) == ["Mia Ross <mia@shop.example>", "Joe Lin <joe@box.example>", "Joe Lin <joe@box.example>"])
        #expect(log.messages.last.map { log.text(of: $0) }?.contains("MOQ 500 pcs") == true)
        #expect(log.messages.last?.time?.iso8601.hasPrefix("2025-06-09T10:30") == true)
    }

    /// Readers that lost messages (issue 16): WhatsApp iOS notices with no name are messages of
    /// their own; Telegram exports with only `date_unixtime` keep their times (UTC, said);
    /// mails pasted one after another split at each From block.
    @Test func messagesAfterNoticesUnixTimesAndPastedMailsAreRead() throws {
        func log(_ text: String) throws -> ChatLog {
            try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        }
        let ios = try log("[3/12/24, 9:00:01 AM] Mia: hello\n[3/12/24, 9:00:05 AM] \u{200E}Mia created group \"Lamps\"\n[3/12/24, 9:01:00 AM] Mia: shade is 25cm wide\n[3/12/24, 9:02:00 AM] \u{200E}Mia added Joe\n[3/12/24, 9:03:00 AM] Joe: 300 pcs\n")
        #expect(ios.messages.map(\.type) == [.text, .system, .text, .system, .text])
        #expect(ios.messages[2].time?.iso8601 == "2024-03-12T09:01:00" && ios.dateOrder == .mdy)
        let telegram = try log(#"{"name": "Lamp Factory", "type": "personal_chat", "id": 3, "messages": [{"id": 1, "type": "message", "date_unixtime": "1710234060", "from": "Mia", "text": "shade 25cm?"}]}"#)
        #expect(telegram.messages.first?.time?.iso8601 == "2024-03-12T09:01:00")
        #expect(telegram.warnings.contains { $0.contains("date_unixtime") && $0.contains("UTC") })
        let mails = try log("""
        From: Mia Ross <mia@shop.example>
        To: sales@lamps.example
        Date: Tue, 12 Mar 2024 09:00:00 +0800
        Subject: shades

        Is the shade 25cm wide?
        From: Joe Lin <sales@lamps.example>
        To: Mia Ross <mia@shop.example>
        Date: Tue, 12 Mar 2024 10:00:00 +0800
        Subject: RE: shades

        Yes, 25cm wide, 40 pcs per carton.
        Joe Lin, Sales Manager, Lamps Co., Ltd.

        """)
        #expect(mails.messages.count == 2)
        #expect(mails.messages.map { $0.role } == [.buyer, .seller], "\(mails.roleSources)")
    }

    /// A seller's own export read with the default `--me buyer`: the flag still decides, and a
    /// warning says the exporter writes like a seller; with `--me seller` it is read right.
    @Test func aSellersExportWithoutMeSellerIsWarnedAbout() throws {
        let text = "2025-05-06 10:00:00 宁波小陈\n老板，那款保温饭盒还有货吗？\n\n2025-05-06 10:01:00 我\n有的亲，现货，一箱36个，50个起批\n\n"
            + "2025-05-06 10:02:00 宁波小陈\n容量多大？\n\n2025-05-06 10:03:00 我\n1.2升的亲，今天下单今天发货\n\n"
        let assumed = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(assumed.messages.first { $0.speaker == "我" }?.role == .buyer)
        #expect(assumed.warnings.contains("我, who exported the chat, is taken as the buyer but writes like a seller: if you are the seller, rerun with --me seller"), "\(assumed.warnings)")
        let said = try ChatReader(hints: RoleHints(me: .seller, meGiven: true)).read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(said.messages.first { $0.speaker == "我" }?.role == .seller && said.warnings.isEmpty, "\(said.warnings)")
    }

    @Test func dateOrderCanBeForced() throws {
        let log = try read("whatsapp-ambiguous.txt", reader: ChatReader(dateOrder: .mdy))
        #expect(log.messages.map { $0.time?.iso8601 } == ["2024-01-02T10:00:00", "2024-01-02T10:05:00", "2024-03-02T09:00:00"])
    }

    @Test func aDayAbove12LateInTheFileDecides() throws {
        let log = try read("whatsapp-late-day.txt")
        #expect(log.dateOrder == .dmy)
        #expect(log.messages.first?.time?.iso8601 == "2024-03-01T10:01:00")
    }

    @Test func timeRunningForwardDecidesWhenNoFieldIsAbove12() throws {
        let text = "02/01/2024, 10:00 - Lily: a\n03/01/2024, 10:00 - Mike: b\n01/02/2024, 10:00 - Lily: c\n"
        let log = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(log.dateOrder == .dmy)
    }

    @Test func telegramJSON() throws {
        let log = try read("telegram-result.json")
        #expect(log.format == "telegram-json")
        #expect(rows(log).map(\.description) == [
            "7 2024-03-12T14:20 Mike buyer system phone_call",
            "18 2024-03-12T14:21 Mike buyer text What is the size of the tote?",
            "28 2024-03-12T14:22 Lily (Factory) seller text Size 40 x 35 cm, return within 7 days is OK",
            "40 2024-03-12T14:23 Lily (Factory) seller image ",
        ])
        #expect(log.messages[2].flags == [.edited, .reply])
    }

    @Test func telegramFullExportAndBrokenJSON() throws {
        let chat = try String(contentsOf: Self.folder.appendingPathComponent("telegram-result.json"), encoding: .utf8)
        let full = "{\"about\": \"x\", \"personal_information\": {}, \"chats\": {\"about\": \"y\", \"list\": [" + chat + "]}}"
        let log = try ChatReader().read(path: "full.json", text: try TextDecoder.decode(Array(full.utf8)), scratch: MatchScratch())
        #expect(log.format == "telegram-json")
        #expect(log.messages.count == 4)
        let truncated = String(chat.prefix(400))
        #expect(throws: InputError.self) {
            try ChatReader().read(path: "cut.json", text: try TextDecoder.decode(Array(truncated.utf8)), scratch: MatchScratch())
        }
    }

    @Test func lineWithQuotedMultiLineText() throws {
        let log = try read("line.txt")
        #expect(log.format == "line")
        #expect(rows(log).map(\.description) == [
            "5 2024-01-02T03:04 Lily seller text The bag is 40 x 35 cm\nNet weight 450 g",
            "7 2024-01-02T15:05 Me buyer image [Photo]",
            "8 2024-01-02T15:06 Me buyer text OK, 200 pcs please",
            "9 2024-01-02T15:07 - unknown system Lily joined the group",
        ])
    }

    @Test func emailThreadNewestFirst() throws {
        let log = try read("email.txt")
        #expect(log.format == "email")
        #expect(log.messages.map(\.speaker) == ["Lily Chen <lily@factory.example>", "Mike <mike@buyer.example>", "王经理 <wang@factory.example>"])
        #expect(log.messages.map(\.role) == [.seller, .buyer, .seller])
        #expect(log.messages.map { $0.time.map { String($0.iso8601.prefix(16)) } } == ["2024-03-13T09:15", "2024-03-12T14:22", "2024-03-11T10:00"])
        #expect(log.text(of: log.messages[1]) == "> Please confirm size and material before we pay.\n> Thanks")
        #expect(log.warnings.isEmpty)
    }

    @Test func savedMailHeadersAreNotText() throws {
        let log = try read("saved-mail.eml")
        #expect(log.format == "email")
        #expect(log.messages.map(\.speaker) == ["Grace Liu <sales@lamp-works.example>", "Tom Baker <tom@shop.example>"])
        #expect(log.messages.map(\.line) == [5, 23])
        #expect(log.text(of: log.messages[0]).hasPrefix("Hi Tom,"))
        // Message-ID's digits and the Received line are no finding.
        let findings = Support.extractor.extract(log, scratch: MatchScratch()).findings
        #expect(findings.map(\.attribute).sorted() == ["diameter", "height", "weight"])
    }

    /// Two mail writers who both sound like sellers (we can, we will): the one who signs as a
    /// company (Co., Ltd, 有限公司) is the seller.
    @Test func aMailTieOfWordingGoesToTheSideThatSignsAsACompany() throws {
        let thread = """
        From: Ben Ortiz <ben@ortiz-home.example>
        Date: Tue, 10 Jun 2025 09:00:00 +0100
        Subject: mats

        Hello Amy, we can take 200 mats if we can agree the size, we will pay by TT.

        Ben

        On Mon, 9 Jun 2025 at 15:00, Amy Xu <amy@mats.example> wrote:
        > Dear Ben, we can make 60 x 90 cm, we will ship in 15 days.
        > Amy Xu
        > Ningbo Homemats Co., Ltd
        """
        let log = try ChatReader().read(path: "t.eml", text: try TextDecoder.decode(Array(thread.utf8)), scratch: MatchScratch())
        #expect(log.messages.map { "\($0.speaker ?? "-") \($0.role)" } == ["Ben Ortiz <ben@ortiz-home.example> buyer", "Amy Xu <amy@mats.example> seller"])
    }

    /// LINE in Chinese: a day line with a one-character weekday (（三）) and a time after 晚上.
    @Test func lineDayLinesWithChineseWeekdaysAndEveningTimes() throws {
        let text = "[LINE] 與阿福五金的聊天記錄\n儲存日期：2025/09/02 10:00\n\n2025/08/30（六）\n下午03:10\t小陳\t請問有現貨嗎\n下午03:12\t阿福五金\t有的，今天出貨\n2025/09/01（一）\n晚上09:05\t小陳\t收到了\n"
        let log = try ChatReader().read(path: "line.txt", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(log.messages.map { $0.time.map { String($0.iso8601.prefix(16)) } ?? "-" } == ["2025-08-30T15:10", "2025-08-30T15:12", "2025-09-01T21:05"])
        #expect(log.messages.last.map { log.text(of: $0) } == "收到了")
    }

    /// A WhatsApp export's file is named after the other party: the exporter is the one left.
    @Test func aWhatsAppFileNamedAfterTheOtherPartyNamesTheExporter() throws {
        let text = "03/06/2025, 08:12 - Tom Reyes: Hi, I need the 20m hose\n03/06/2025, 08:15 - Grace Garden Tools: Hello, 20m is in stock\n"
        for (path, roles) in [("WhatsApp Chat with Grace Garden Tools.txt", ["buyer", "seller"]), ("WhatsApp Chat with Tom Reyes.txt", ["seller", "buyer"])] {
            let log = try ChatReader().read(path: path, text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
            #expect(log.messages.map { "\($0.role)" } == roles, "\(path)")
        }
        #expect(RoleHints.otherParty(fileName: "/tmp/x/WhatsApp-Chat mit Lily.txt") == "Lily")
        #expect(RoleHints.otherParty(fileName: "chat.txt") == nil)
    }

    @Test func genericOneLineBracketsAndCJKDates() throws {
        let log = try read("generic-one-line.txt")
        #expect(log.format == "plain-chat")
        #expect(rows(log).map(\.description) == [
            "1 2024-03-12T14:22 示例旗舰店:小美 seller text 亲，M码胸围88cm",
            "2 2024-03-12T14:23 买家小王 buyer text 好的",
            "3 2024-03-12T14:25 示例旗舰店:小美 seller text 七天无理由退货哦",
        ])
    }

    @Test func genericTwoLine() throws {
        let log = try read("two-line.txt")
        #expect(log.format == "two-line")
        #expect(log.messages.map(\.speaker) == ["王经理", "张三", "王经理"])
        #expect(log.messages.map(\.role) == [.seller, .buyer, .seller])
    }

    @Test func qqText() throws {
        let log = try read("qq.txt")
        #expect(log.format == "wechat-txt")
        #expect(log.messages.map(\.speaker) == ["王经理", "张三"])
        #expect(log.messages.map(\.type) == [.text, .image])
    }

    /// Telegram's HTML export: times from the date's title (day first), a `joined` message
    /// is the sender's before, day lines are no messages, entities and `<br>` read as text;
    /// the page header names the other party of a one-to-one chat.
    @Test func telegramHTMLExport() throws {
        let log = try read("telegram-messages.html")
        #expect(log.format == "telegram-html")
        #expect(rows(log) == [
            Row(line: 39, time: "2025-03-04T09:15", speaker: "Pia Müller", role: .buyer, type: .text, text: "Hello Lily, do you have the linen in 150 cm width? I need 300 m"),
            Row(line: 52, time: "2025-03-04T09:40", speaker: "Lily Textile Shaoxing", role: .seller, type: .text,
                text: "Yes dear 😊 width 150cm ±2cm,\nweight 180 g/m², 100% linen\n50 m per roll"),
            Row(line: 56, time: "2025-03-04T09:40", speaker: "Lily Textile Shaoxing", role: .seller, type: .image, text: ""),
            Row(line: 70, time: nil, speaker: nil, role: .unknown, type: .system, text: "Lily Textile Shaoxing pinned «width 150cm»"),
            Row(line: 85, time: "2025-03-05T08:02", speaker: "Pia Müller", role: .buyer, type: .text, text: "OK, 6 rolls then & please send the PI"),
        ])
        #expect(log.roleSources["Pia Müller"] == .flag)
        #expect(log.messages.last?.flags.contains(.reply) == true)
    }

    /// Aliwangwang's message manager TXT (GB18030, CRLF): `nick (date time):` above the text,
    /// the site prefix (cntaobao) not part of the name; 消息对象 names the other party; a recall
    /// is a line of its own.
    @Test func wangwangExport() throws {
        let log = try read("wangwang.txt", encode: { TextDecoder.iconvEncode($0, to: "GB18030")! })
        #expect(log.format == "wangwang-txt" && log.encoding == "gb18030")
        #expect(rows(log) == [
            Row(line: 6, time: "2025-04-02T20:11", speaker: "tb_lin88", role: .buyer, type: .text, text: "这个收纳箱有大号的吗"),
            Row(line: 9, time: "2025-04-02T20:11", speaker: "易家居旗舰店:小雨", role: .seller, type: .text, text: "亲，有的，大号外径60*40*35cm，容量68L\n质量问题7天包退换"),
            Row(line: 13, time: "2025-04-02T20:11", speaker: "易家居旗舰店:小雨", role: .seller, type: .recall, text: "易家居旗舰店:小雨 撤回了一条消息"),
            Row(line: 15, time: "2025-04-02T20:12", speaker: "tb_lin88", role: .buyer, type: .text, text: "好的，拍一个"),
        ])
        #expect(log.roleSources["tb_lin88"] == .flag)
    }

    @Test func listingIsTheSellersWordNotAChat() throws {
        let log = try read("listing-1688.txt")
        #expect(log.format == "listing")
        #expect(log.messages.count == 8)
        #expect(log.messages.allSatisfy { $0.role == .seller && $0.speaker == nil })
        let sample = try read("../../../../samples/listing-dress.txt")
        #expect(sample.format == "listing")
    }

    @Test func proseWithDatesIsPlainTextWithAWarning() throws {
        let log = try read("prose-with-dates.txt")
        #expect(log.format == "plain-text")
        #expect(log.messages.count == 4)
        #expect(log.warnings.first?.hasPrefix("no chat layout recognised") == true)
    }

    @Test func inputFormatForcesALayout() throws {
        let log = try read("two-line.txt", reader: ChatReader(inputFormat: "plain-text"))
        #expect(log.format == "plain-text")
        #expect(log.messages.count == 6)
        #expect(throws: InputError.self) { try read("two-line.txt", reader: ChatReader(inputFormat: "fax")) }
    }

    @Test func invisibleMarksAndLoneCarriageReturns() throws {
        let text = "\u{FEFF}[13/03/2024, 09:05:01] Lily: \u{200E}Hello\r[\u{FEFF}13/03/2024, 09:06:30] Mike: Hi\u{202F}there\r"
        let log = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(log.format == "whatsapp-ios")
        #expect(log.messages.map(\.speaker) == ["Lily", "Mike"])
        #expect(log.text(of: log.messages[0]) == "Hello")
        #expect(log.text(of: log.messages[1]) == "Hi\u{202F}there")
    }

    @Test func twelveHourEdgesAndOutOfOrderTimes() throws {
        let text = "[1/29/18, 12:00:03 AM] Alice: a\n[1/29/18, 12:30:00 PM] Bob: b\n[1/29/18, 11:00:00 AM] Alice: c\n[1/29/18, 00:04:03 AM] Bob: d\n"
        let log = try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
        #expect(log.messages.map { $0.time.map { String($0.iso8601.suffix(8)) } } == ["00:00:03", "12:30:00", "11:00:00", "00:04:03"])
        #expect(log.messages.map { $0.flags.contains(.outOfOrder) } == [false, false, true, true])
        #expect(log.messages[3].flags.contains(.invalidTime))
        #expect(log.warnings.count == 2)
    }

    @Test func twoDigitYearsAreThisCentury() throws {
        let log = try read("whatsapp-ios-en-us.txt")
        #expect(log.messages.first?.time?.year == 2024)
    }
}

/// WhatsApp locales beyond the fixtures: German, French, Chinese iOS, deletions.
@Suite struct WhatsAppLocaleTests {
    func read(_ text: String) throws -> ChatLog {
        try ChatReader().read(path: "t", text: try TextDecoder.decode(Array(text.utf8)), scratch: MatchScratch())
    }

    @Test func germanAndroidAndIOS() throws {
        let android = try read("29.01.18, 23:46 - Alice: ‎PTT-20180129-WA0025.opus (Datei angehängt)\n29.01.18, 23:47 - Bob: <Medien ausgeschlossen>\n30.01.18, 08:00 - Alice: Größe 40 x 35 cm\n")
        #expect(android.format == "whatsapp-android")
        #expect(android.messages.map(\.type) == [.audio, .file, .text])
        #expect(android.messages.last?.time?.iso8601 == "2018-01-30T08:00:00")
        let ios = try read("[29.01.18, 23:46:03] Alice: ‎<Anhang: PTT-20180129-WA0025.opus>\n[29.01.18, 23:47:03] Bob: Bild weggelassen\n")
        #expect(ios.format == "whatsapp-ios")
        #expect(ios.messages.map(\.type) == [.audio, .image])
    }

    /// The end-to-end notice, written by the chat in the exporter's language and signed with
    /// the other party's name, is a system line, not that party's message.
    @Test func theEncryptionNoticeIsASystemLineInEveryLanguage() throws {
        let french = try read("[03/03/2025 10:02:11] Usine Chen: \u{200E}Les messages et les appels sont chiffrés de bout en bout. Personne ne peut les lire.\n[03/03/2025 10:03:00] Usine Chen: Le sac fait 40 x 35 cm\n")
        #expect(french.messages.map(\.type) == [.system, .text])
        let italian = try read("[03/03/25, 10:02:11] Fabbrica Li: \u{200E}I messaggi e le chiamate sono crittografati end-to-end.\n[03/03/25, 10:03:00] Fabbrica Li: 40 x 35 cm\n")
        #expect(italian.messages.first?.type == .system)
    }

    @Test func frenchWordBetweenDateAndTime() throws {
        let log = try read("12/07/2017 à 22:35 - Jean: Salut :)\n13/07/2017 à 09:12 - Usine Chen: Le sac fait 40 x 35 cm\n")
        #expect(log.messages.map(\.speaker) == ["Jean", "Usine Chen"])
        #expect(log.messages.map { $0.time?.iso8601 } == ["2017-07-12T22:35:00", "2017-07-13T09:12:00"])
    }

    @Test func chineseIOSWithoutASpaceAfterTheColonAndDeletions() throws {
        let log = try read("[2024/10/31 15:50:46] 王经理: 好的，衣长70cm\n[2024/10/31 15:51:02] Bob:Hi\n[2024/10/31 15:52:00] 王经理: This message was deleted.\n")
        #expect(log.format == "whatsapp-ios")
        #expect(log.messages.map(\.speaker) == ["王经理", "Bob", "王经理"])
        #expect(log.text(of: log.messages[1]) == "Hi")
        #expect(log.messages[2].type == .deleted)
    }
}
