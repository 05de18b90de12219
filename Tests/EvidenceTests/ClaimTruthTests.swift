import Foundation
import Testing

/// The claim read as a platform reviewer reads it: the speaker of every quote, the arithmetic
/// of every amount, the date of every timeline entry traced to an input, and nothing said
/// that the inputs do not show.
@Suite struct ClaimTruthTests {
    static func json(_ run: Support.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static func statement(_ claim: [String: Any]) -> (zh: String, en: String) {
        let statement = claim["statement"] as? [String: Any]
        return (statement?["zh"] as? String ?? "", statement?["en"] as? String ?? "")
    }

    /// A buyer's question the seller only answers with a yes: the claim quotes both, each
    /// under its own speaker, and never the buyer's words as the seller's.
    @Test func aConfirmationQuotesTheQuestionAndTheAnswerEachWithItsSpeaker() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        2025-04-02 09:15:00 tb_小林: 这个收纳凳高度有45cm吗？
        2025-04-02 09:16:30 木作小铺:店长: 有的亲
        2025-04-02 09:17:00 tb_小林: 好，拍了
        """, to: "chat.txt", in: folder)
        let run = try Support.run(["claim", chat, "--measure", "高度 41cm", "--format", "json"])
        #expect(run.status == 1)
        let claim = try Self.json(run)
        let (zh, en) = Self.statement(claim)
        #expect(zh.contains("买家问：“这个收纳凳高度有45cm吗？”，tb_小林，2025-04-02 09:15:00；卖家答：“有的亲”，木作小铺:店长，2025-04-02 09:16:30"), "\(zh)")
        #expect(en.contains("the buyer asked: “这个收纳凳高度有45cm吗？”, tb_小林, 2025-04-02 09:15:00; the seller answered: “有的亲”, 木作小铺:店长, 2025-04-02 09:16:30"), "\(en)")
        #expect(!zh.contains("卖家原话"), "the seller's words are 有的亲, not the buyer's question")
        let timeline = try #require(claim["timeline"] as? [[String: Any]]).map { ($0["time"] as? String, $0["zh"] as? String ?? "") }
        #expect(timeline.contains { $0.0 == "2025-04-02T09:15:00" && $0.1 == "买家问“这个收纳凳高度有45cm吗？”（tb_小林）" })
        #expect(timeline.contains { $0.0 == "2025-04-02T09:16:30" && $0.1 == "卖家答“有的亲”（木作小铺:店长）" })
        let markdown = try Support.run(["claim", chat, "--measure", "高度 41cm", "--lang", "zh"]).stdout
        #expect(markdown.contains("- 买家问: “这个收纳凳高度有45cm吗？” — tb_小林 — 2025-04-02 09:15:00 — \(chat):1"))
        #expect(markdown.contains("  卖家答: “有的亲” — 木作小铺:店长 — 2025-04-02 09:16:30 — \(chat):2"))
        // extract's JSON names who asked and when.
        let found = try Support.run(["extract", chat, "--format", "jsonl"]).stdout.split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let confirmed = try #require(found.first { $0["stance"] as? String == "confirmed" })
        #expect(confirmed["asked_by"] as? String == "tb_小林" && confirmed["asked_time"] as? String == "2025-04-02T09:15:00")
        #expect(confirmed["speaker"] as? String == "木作小铺:店长")
    }

    /// The statement and the description go to the platform: who said it and when, no file
    /// path; English without full-width punctuation outside the quoted words; every slot filled.
    @Test func theTextForThePlatformCitesSpeakersAndTimesNotFiles() throws {
        let samples = Support.packageRoot.appendingPathComponent("samples").path
        let run = try Support.run(["claim", "\(samples)/taobao-dress-chat.txt", "--listing", "\(samples)/listing-dress.txt",
                                   "--measured", "\(samples)/measured-dress.txt", "--price", "189", "--format", "json"])
        #expect(run.status == 1)
        let claim = try Self.json(run)
        let (zh, en) = Self.statement(claim)
        for text in [zh, en] {
            #expect(!text.contains(".txt") && !text.contains(samples), "\(text)")
        }
        #expect(zh.contains("（卖家原话：“衣长98cm，胸围88cm，腰围72cm”，示例旗舰店:小美，2024-03-12 14:21:40）"))
        let outsideQuotes = en.split(separator: "“").map { $0.split(separator: "”", maxSplits: 1).last ?? "" }.joined()
        #expect(!outsideQuotes.contains { "，。；：（）".contains($0) }, "\(outsideQuotes)")
        #expect(run.stdout.range(of: #"\{[a-z_]+\}"#, options: .regularExpression) == nil, "an unfilled template slot")
        let description = try #require(claim["description"] as? [String: Any])
        #expect(description["limit"] as? String == "≤150 characters, ≤400 bytes")
        #expect((description["limit_source"] as? String)?.isEmpty == false)
    }

    /// 1688: four short in the carton counted, 2,000 ordered in the chat: 40 cartons, 160
    /// pieces if each carton is as short, ¥5000 × 160/2000 = ¥400, each step written out.
    @Test func aShortCountIsTakenOverTheOrderSizeTheChatStates() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        2025-02-10 14:00:00 永康五金厂: 不锈钢挂钩，一箱50个，200个起批
        2025-02-10 14:02:00 采购-陈: 那我先订2000个，月底发
        2025-02-10 14:03:00 永康五金厂: 好的老板
        """, to: "chat.txt", in: folder)
        let run = try Support.run(["claim", "--platform", "1688", "--chat", chat, "--measure", "每箱 46 个", "--price", "5000", "--format", "json"])
        #expect(run.status == 1)
        let refund = try #require(try Self.json(run)["refund"] as? [String: Any])
        #expect(refund["amount"] as? Double == 400)
        let basis = try #require(refund["basis"] as? String)
        #expect(basis.hasPrefix("price ¥5000.00 × 160/2000: 160 of 2000 pieces missing = 4 short per carton × 40 cartons (2000 ÷ 50 = 40)"), "\(basis)")
        #expect(basis.contains("\(chat):2 “先订2000个” (采购-陈)"), "the order size is traced to its line and speaker")
        #expect((refund["zh"] as? String)?.hasPrefix("补寄缺少的160件（每箱少4件×40箱") == true)
        // --quantity wins over the chat; with neither, no amount at all.
        let given = try Self.json(try Support.run(["claim", "--platform", "1688", "--chat", chat, "--measure", "每箱 46 个", "--price", "5000",
                                                   "--quantity", "1000", "--format", "json"]))
        #expect((given["refund"] as? [String: Any])?["amount"] as? Double == 400)
        #expect(((given["refund"] as? [String: Any])?["basis"] as? String)?.contains("80 of 1000 pieces missing") == true)
        let bare = Support.write("2025-02-10 14:00:00 永康五金厂: 不锈钢挂钩，一箱50个\n", to: "bare.txt", in: folder)
        let unknown = try Self.json(try Support.run(["claim", "--platform", "1688", "--chat", bare, "--seller", "永康五金厂", "--measure", "每箱 46 个",
                                                     "--price", "5000", "--format", "json"]))
        #expect((unknown["refund"] as? [String: Any])?["amount"] is NSNull)
        #expect(try Support.run(["claim", "--chat", bare, "--measure", "每箱 46 个", "--quantity", "0"]).status == 64)
    }

    /// A size the chart does not have: said, with the sizes it has; the rest compared; no
    /// "nothing to claim" for what was not compared.
    @Test func aVariantOutsideTheChartIsReportedNotCalledNothingToClaim() throws {
        let samples = Support.packageRoot.appendingPathComponent("samples").path
        let folder = Support.temporaryFolder()
        let notes = Support.write("衣长 92cm\n胸围 84cm\n", to: "notes.txt", in: folder)
        let run = try Support.run(["claim", "\(samples)/taobao-dress-chat.txt", "--listing", "\(samples)/listing-dress.txt", "--measured", notes,
                                   "--variant", "XXL", "--format", "json"])
        #expect(run.status == 0)
        let claim = try Self.json(run)
        #expect(claim["complete"] as? Bool == false)
        #expect(!(claim["message"] as? String ?? "").contains("nothing to claim"))
        let warnings = try #require(claim["warnings"] as? [String])
        #expect(warnings.contains("2XL (--variant) is not among the variants the seller gave figures for (L, M, S, XL): those figures were not compared"), "\(warnings)")
        let text = try Support.run(["claim", "\(samples)/taobao-dress-chat.txt", "--listing", "\(samples)/listing-dress.txt", "--measured", notes,
                                    "--variant", "XXL"]).stdout
        #expect(text.contains("no verdict") && !text.contains("no discrepancy: everything measured"))
    }

    /// Dates that cannot all be right are an input error naming both, not a timeline.
    @Test func datesOutOfOrderStopWithBothNamed() throws {
        let samples = Support.packageRoot.appendingPathComponent("samples").path
        let chat = "\(samples)/taobao-dress-chat.txt"
        let late = try Support.run(["claim", chat, "--ordered", "2024-03-14", "--shipped", "2024-03-10"])
        #expect(late.status == 2)
        #expect(late.stderr == "evidence: error: --shipped 2024-03-10 is before --ordered 2024-03-14: one of them is wrong\n")
        let measured = try Support.run(["claim", chat, "--measure", "衣长 90cm", "--received", "2024-03-15", "--measured-on", "2024-03-13"])
        #expect(measured.status == 2 && measured.stderr.contains("--measured-on 2024-03-13 is before --received 2024-03-15"))
        #expect(try Support.run(["claim", chat, "--measure", "衣长 90cm", "--measured-on", "15/03/2024"]).status == 64)
        let folder = Support.temporaryFolder()
        Support.write("衣长 90cm\n", to: "m.txt", in: folder)
        let manifest = Support.write("id,chat,measurements,ordered,shipped\nA1,\(chat),m.txt,2024-03-14,2024-03-10\n", to: "orders.csv", in: folder)
        let rows = try Support.run(["claim", "--manifest", manifest, "--out", folder.appendingPathComponent("out").path])
        #expect(rows.status == 2 && rows.stderr.contains("\(manifest):2: order A1: shipped 2024-03-10 is before ordered 2024-03-14"))
    }

    /// Nothing is ticked: the platform wants images. The chat item names the lines and times
    /// to screenshot; the timeline's measuring day is the notes' own, or none.
    @Test func theChecklistTicksNothingAndTheMeasuringDayComesFromTheNotes() throws {
        let samples = Support.packageRoot.appendingPathComponent("samples").path
        let arguments = ["claim", "\(samples)/taobao-dress-chat.txt", "--listing", "\(samples)/listing-dress.txt", "--received", "2024-03-14"]
        let dated = try Support.run(arguments + ["--measured", "\(samples)/measured-dress.txt"])
        // The claim's checklist ticks nothing; the strategy's evidence set ticks only the timeline this draft holds.
        let checklist = try #require(dated.stdout.components(separatedBy: "## 需要附上的证据").last)
        #expect(!checklist.contains("[x]"))
        #expect(dated.stdout.components(separatedBy: "[x]").count == 2 && dated.stdout.contains("[x] 一屏时间线"))
        #expect(dated.stdout.contains("截取这些消息：\(samples)/taobao-dress-chat.txt:4 (2024-03-12 14:21:40)"))
        #expect(dated.stdout.contains("- 2024-03-15  实测：胸围84cm"), "the notes' heading says measured on 2024-03-15")
        let claim = try Self.json(try Support.run(arguments + ["--measured", "\(samples)/measured-dress.txt", "--format", "json"]))
        let statuses = Set(try #require(claim["evidence"] as? [[String: Any]]).compactMap { $0["status"] as? String })
        #expect(statuses == ["screenshot", "needed"])
        let folder = Support.temporaryFolder()
        let undated = Support.write("衣长 92cm\n胸围 84cm\n", to: "notes.txt", in: folder)
        let plain = try Support.run(arguments + ["--measured", undated])
        #expect(plain.stdout.contains("- —  实测：胸围84cm"), "no day given: none is invented (not the day of receipt)")
        let given = try Support.run(arguments + ["--measured", undated, "--measured-on", "2024-03-16"])
        #expect(given.stdout.contains("- 2024-03-16  实测：胸围84cm"))
    }

    /// The claim's table holds the discrepancies; what was not measured is one short line.
    @Test func theClaimTableHoldsOnlyDiscrepancies() throws {
        let samples = Support.packageRoot.appendingPathComponent("samples").path
        let folder = Support.temporaryFolder()
        let notes = Support.write("衣长 90cm\n", to: "notes.txt", in: folder)
        let run = try Support.run(["claim", "\(samples)/taobao-dress-chat.txt", "--measured", notes])
        #expect(run.status == 1)
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| attribute") }
        #expect(rows.count == 1 && rows[0].contains("garment_length"), "\(rows)")
        #expect(run.stdout.contains("not checked (promised, not measured): 胸围 chest"))
        #expect(!run.stdout.contains("not_measured"))
    }
}
