import Foundation
import Testing

/// The claim's strategy section, from the built binary: the kind of purchase, the case, the
/// path the platform's data gives, deadlines, weak points and the evidence set.
@Suite struct StrategyTests {
    static let samples = Support.packageRoot.appendingPathComponent("samples").path

    static func claim(_ arguments: [String]) throws -> (status: Int32, json: [String: Any]) {
        let run = try Support.run(["claim"] + arguments + ["--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        return (run.status, json)
    }

    static func text(_ value: Any?, _ language: String = "en") -> String { (value as? [String: Any])?[language] as? String ?? "" }

    static let customOrder = """
    2025-04-01 09:00:00 义乌优品工厂:王经理: 老板好，这款保温袋可以印logo，500个起订
    2025-04-01 09:05:00 采购小李: 尺寸确认一下，30*20*15cm对吗
    2025-04-01 09:06:00 义乌优品工厂:王经理: 对的，30*20*15cm，每箱50个
    2025-04-01 09:10:00 采购小李: 好的，订1000个，印我们的logo
    """

    @Test func a1688CustomOrderWithAShortfallNegotiatesFirstAroundTheSpecConfirmation() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write(Self.customOrder, to: "chat.txt", in: folder)
        let (status, json) = try Self.claim(["--platform", "1688", chat, "--measure", "长 27cm", "--measure", "宽 20cm"])
        #expect(status == 1)
        let strategy = try #require(json["strategy"] as? [String: Any])
        #expect(strategy["transaction"] as? String == "custom" && strategy["case"] as? String == "not_as_described")
        #expect(Self.text(strategy["transaction_why"]).contains("“印logo” (\(chat):1)") && Self.text(strategy["transaction_why"], "zh").contains("“印logo”（\(chat):1）"))
        let path = Self.text(strategy["path"])
        #expect(path.hasPrefix("Negotiate with the seller first") && path.contains("spec you both confirmed") && path.contains("do not aim for it"))
        #expect(Self.text(strategy["path"], "zh").contains("先与卖家协商") && !Self.text(strategy["path"], "zh").contains("申请仅退款"))
        let evidence = try #require(strategy["evidence"] as? [[String: Any]])
        #expect(evidence.contains { ($0["en"] as? String ?? "").contains("confirmed the spec") && $0["status"] as? String == "in_inputs" && ($0["en"] as? String ?? "").contains("\(chat):3") })
    }

    @Test func aTaobaoRetailOrderWithNothingWrongGetsTheNoReasonPathAndItsEndDate() throws {
        let chat = "\(Self.samples)/taobao-dress-chat.txt"
        let (status, json) = try Self.claim([chat, "--measure", "衣长 97cm", "--received", "2024-03-15"])
        #expect(status == 0 && json["discrepancy"] as? Bool == false)
        let strategy = try #require(json["strategy"] as? [String: Any])
        #expect(strategy["transaction"] as? String == "retail" && strategy["case"] as? String == "change_of_mind")
        #expect(Self.text(strategy["path"], "zh").contains("截止2024-03-22（签收2024-03-15起7天，卖家“七天无理由退货”，\(chat):9）"))
        // With --reason it is drafted: the platform's own label, a return at the buyer's cost.
        let (drafted, claim) = try Self.claim([chat, "--measure", "衣长 97cm", "--received", "2024-03-15", "--reason", "change-of-mind"])
        #expect(drafted == 1 && claim["reason_kind"] as? String == "change_of_mind" && claim["reason_label"] as? String == "七天无理由退货")
        #expect(Self.text(claim["description"], "zh").contains("卖家承诺“七天无理由退货”") && !Self.text(claim["description"], "zh").contains("卖家承担"))
    }

    @Test func aNoReasonReturnNeedsNoMeasurement() throws {
        let (status, json) = try Self.claim(["\(Self.samples)/taobao-dress-chat.txt", "--reason", "change-of-mind", "--received", "2024-03-15"])
        #expect(status == 1 && json["reason_kind"] as? String == "change_of_mind")
        let strategy = try #require(json["strategy"] as? [String: Any])
        #expect(Self.text(strategy["path"]).contains("which ends 2024-03-22"))
        // Without --reason, nothing measured is still a usage error that says what to give.
        let bare = try Support.run(["claim", "\(Self.samples)/taobao-dress-chat.txt"])
        #expect(bare.status == 64 && bare.stderr.contains("--reason change-of-mind"))
    }

    @Test func aDamageNoteDraftsADamagedOnArrivalRequest() throws {
        let folder = Support.temporaryFolder()
        let notes = Support.write("开箱记录\n外箱压扁了，灯罩裂了一道\n灯能亮\n", to: "notes.txt", in: folder)
        let (status, json) = try Self.claim(["\(Self.samples)/taobao-dress-chat.txt", "--measured", notes])
        #expect(status == 1 && json["reason_kind"] as? String == "damaged" && json["reason_label"] as? String == "商品破损/质量问题")
        let strategy = try #require(json["strategy"] as? [String: Any])
        #expect(Self.text(strategy["case_why"], "zh").contains("“外箱压扁了，灯罩裂了一道”（\(notes):2）"))
        #expect(Self.text(json["description"], "zh").contains("外箱压扁了，灯罩裂了一道"))
    }

    @Test func aChangeOfMindOnACustomOrderIsSaidToBeWeak() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write(Self.customOrder + "\n2025-04-01 09:12:00 义乌优品工厂:王经理: 支持7天无理由退货\n", to: "chat.txt", in: folder)
        let (_, json) = try Self.claim([chat, "--measure", "长 30cm", "--reason", "change-of-mind"])
        let strategy = try #require(json["strategy"] as? [String: Any])
        let weaknesses = (strategy["weaknesses"] as? [[String: Any]] ?? []).map { $0["en"] as? String ?? "" }
        #expect(weaknesses.contains { $0.hasPrefix("a custom order is outside the no-reason return") && $0.contains("\(chat):1") })
    }

    @Test func anOrderOfHundredsIsBulkByItsSize() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        2025-05-02 10:00:00 tb_买家: 这个收纳盒我要300个
        2025-05-02 10:01:00 某某家居:客服: 好的亲，长30cm宽20cm
        """, to: "chat.txt", in: folder)
        let (_, json) = try Self.claim([chat, "--measure", "长 27cm"])
        let strategy = try #require(json["strategy"] as? [String: Any])
        #expect(strategy["transaction"] as? String == "bulk" && Self.text(strategy["transaction_why"]).contains("300 pcs"))
    }

    @Test func anUnknownReasonIsAUsageError() throws {
        let run = try Support.run(["claim", "\(Self.samples)/taobao-dress-chat.txt", "--measure", "衣长 97cm", "--reason", "refund-only"])
        #expect(run.status == 64 && run.stderr.contains("change-of-mind"))
    }
}
