import Foundation
@testable import Reading
import Testing

/// The built `evidence` binary, as users and scripts run it.
@Suite struct CommandLineTests {
    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func stdinToJSONLines() throws {
        let run = try Support.run(["extract", "--format", "jsonl", "-"], input: "长30cm，重1.2公斤，容量500毫升\n")
        #expect(run.status == 0)
        let lines = try jsonLines(run.stdout)
        #expect(lines.map { $0["attribute"] as? String } == ["length", "weight", "volume"])
        #expect(lines.map { $0["value"] as? Double } == [30, 1200, 500])
        #expect(lines.map { $0["unit"] as? String } == ["cm", "g", "ml"])
        #expect(lines.allSatisfy { $0["path"] as? String == "<stdin>" && $0["type"] as? String == "finding" })
    }

    /// A claim's timeline says when a quote's date rests on a day/month order inferred from
    /// how the dates are written, and when no order could be decided (issue 16).
    @Test func timelineSaysWhichDatesRestOnAnInferredOrder() throws {
        let folder = Support.temporaryFolder()
        let notes = Support.write("桌面长 112cm\n", to: "notes.txt", in: folder)
        for (chat, expected) in [
            ("04/05/2025, 10:00 - Mei Shop: 亲，桌面长120cm\n04/05/2025, 10:02 - Tom: 好\n", "date read day first, an inference"),
            ("4/5/2025, 10:00 - Mei Shop: 亲，桌面长120cm\n4/5/2025, 10:02 - Tom: 好\n", "day/month order undecided, no time"),
        ] {
            let path = Support.write(chat, to: "chat.txt", in: folder)
            let run = try Support.run(["claim", path, "--measured", notes, "--price", "300", "--format", "text"])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stdout.components(separatedBy: "\n").contains { $0.contains("120cm") && $0.contains(expected) }, "\(run.stdout)")
        }
    }

    /// Each run hashes with a new seed: counts at two levels, a part and a figure with no
    /// attribute must come out the same, in the same order, every time.
    @Test func compareIsTheSameOnEveryRun() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        2025-05-02 09:00:01 五金厂小陈: 每盒200个，一箱20盒，螺丝长度16mm，盒子重量350g
        2025-05-02 09:01:00 采购老李: 好的
        """, to: "chat.txt", in: folder)
        let notes = Support.write("每盒数量 196个\n一箱 20盒\n长度 15.8mm\n盒子 352g\n抽检 16.1mm\n", to: "notes.txt", in: folder)
        var outputs = Set<String>()
        for _ in 0..<5 {
            let run = try Support.run(["compare", chat, "--measured", notes, "--format", "json"])
            #expect(run.status == 1, "\(run.stderr)")
            outputs.insert(run.stdout)
        }
        #expect(outputs.count == 1)
    }

    @Test func jsonDocumentCarriesTheContractFields() throws {
        let sample = Support.packageRoot.appendingPathComponent("samples/taobao-dress-chat.txt").path
        let run = try Support.run(["extract", "--format", "json", sample])
        #expect(run.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "evidence.extract/1")
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count > 5)
        let fields = ["path", "line", "time", "speaker", "role", "kind", "attribute", "value", "min", "max", "approx", "unit", "raw", "pattern", "quote"]
        for finding in findings { for field in fields { #expect(finding.keys.contains(field), "missing \(field)") } }
        let returnWindow = try #require(findings.first { $0["attribute"] as? String == "return_window" })
        #expect(returnWindow["role"] as? String == "seller")
        #expect(returnWindow["time"] as? String == "2024-03-12T14:24:02")
        #expect(returnWindow["value"] as? Double == 7)
        #expect(returnWindow["unit"] as? String == "days")
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.first?["format"] as? String == "plain-chat")
    }

    @Test func textTableQuotesTheSeller() throws {
        let sample = Support.packageRoot.appendingPathComponent("samples/1688-bulk-order-chat.txt").path
        let run = try Support.run(["extract", sample])
        #expect(run.status == 0)
        #expect(run.stdout.contains("LINE"))
        #expect(run.stdout.contains("【容量500ml】"))
        #expect(run.stdout.contains("min_order"))
    }

    @Test func nothingFoundExitsOne() throws {
        let run = try Support.run(["extract", "-"], input: "你好，在吗\n")
        #expect(run.status == 1)
        #expect(run.stderr == "evidence: <stdin>: warning: no chat layout recognised: read as plain text, one message per line, speakers unknown (see --input-format)\n")
    }

    /// One contract for exit 0 and 1 (issue 15, defect 11): `extract` exits 0 when it found
    /// anything (a buyer's question too), 1 when nothing; the code, both helps and the README agree.
    @Test func extractExitsZeroForAnyFinding() throws {
        let question = "2024-03-12 10:00:00 tb_买家: 这个床垫有1.8米宽吗？\n2024-03-12 10:01:00 家居旗舰店:小林: 亲，稍等\n"
        let asked = try Support.run(["extract", "--format", "jsonl", "-"], input: question)
        #expect(asked.stdout.contains("\"stance\":\"question\"") && !asked.stdout.contains("\"promise\":true"), "only the question: \(asked.stdout)")
        #expect(asked.status == 0)
        let nothing = try Support.run(["extract", "--format", "jsonl", "-"], input: "2024-03-12 10:00:00 tb_买家: 在吗\n")
        #expect(nothing.status == 1 && nothing.stdout.isEmpty)
        let root = try Support.run(["--help"]), extract = try Support.run(["extract", "--help"])
        #expect(root.stdout.contains("0 extract: at least one finding") && extract.stdout.contains("0 found at least one finding"))
        let readme = try String(contentsOf: Support.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("| 0 | found at least one finding"))
    }

    /// Options that contradict each other are bad usage, with one line saying why (issue 15, defect 10).
    @Test func contradictoryOptionsAreBadUsage() throws {
        let cases: [([String], String)] = [
            (["claim", "--out", "claims", "chat.txt", "--measure", "length=3cm"], "--out is the folder of --manifest's claims"),
            (["claim", "--manifest", "orders.csv", "--out", "claims", "--price", "50"], "drop --price"),
            (["claim", "--manifest", "orders.csv", "--out", "claims", "--variant", "XL"], "drop --variant"),
            (["claim", "--manifest", "orders.csv", "--out", "claims", "chat.txt"], "drop the files"),
            (["extract", "-0", "chat.txt"], "-0 reads NUL-separated paths from --files-from"),
            (["extract", "--include", "*.txt", "chats"], "--include picks files inside folders read with -r"),
            (["compare", "--exclude", "old", "chats", "--measure", "length=3cm"], "--exclude picks files inside folders read with -r"),
        ]
        for (arguments, reason) in cases {
            let run = try Support.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains(reason), "\(arguments): \(run.stderr)")
        }
    }

    /// `-j` beyond the cores is capped at the cores, with a warning: more threads only hold
    /// more files in memory (issue 15, defect 7).
    @Test func jobsAreCappedAtTheCores() throws {
        let run = try Support.run(["extract", "-j", "10000", "--format", "jsonl", "-"], input: "长30cm\n")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(run.status == 0 && run.stdout.contains("\"length\""))
        #expect(run.stderr.contains("warning: -j 10000: \(cores) used, the cores of this machine"), "\(run.stderr)")
    }

    /// A FIFO inside a `-r` folder is reported and skipped; the run neither hangs nor loses
    /// the other files (issue 15, defect 9).
    @Test func aFIFOInAFolderIsSkippedNotWaitedFor() throws {
        let folder = Support.temporaryFolder()
        Support.write("2024-03-12 10:00:00 家居旗舰店:小林: 长30cm\n", to: "a.txt", in: folder)
        let fifo = folder.appendingPathComponent("b.txt").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for command in [["extract", "--format", "jsonl", "-r", folder.path], ["compare", "-r", folder.path, "--measure", "length=30cm"]] {
            let run = try Support.run(command)
            #expect(run.status == 2, "\(command)")
            #expect(run.stderr.contains("b.txt: not a regular file (a FIFO, socket or device) in a -r folder: skipped"), "\(run.stderr)")
            #expect(run.stdout.contains("30"), "the regular file is still read")
        }
    }

    @Test func badFilesAreReportedAndOthersStillProcessed() throws {
        let folder = Support.temporaryFolder()
        let good = Support.write("长30cm\n", to: "good.txt", in: folder)
        let binary = folder.appendingPathComponent("photo.png").path
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]).write(to: URL(fileURLWithPath: binary))
        let missing = folder.appendingPathComponent("missing.txt").path
        let run = try Support.run(["extract", "--format", "jsonl", missing, folder.path, binary, good])
        #expect(run.status == 2)
        let errors = run.stderr.split(separator: "\n").filter { !$0.contains("warning:") }
        #expect(errors.count == 3)
        #expect(errors[0] == "evidence: \(missing): no such file")
        #expect(errors[1].contains("\(folder.path): is a folder"))
        #expect(errors[2].contains("photo.png: binary file"))
        let lines = try jsonLines(run.stdout)
        #expect(lines.filter { $0["type"] as? String == "error" }.count == 3)
        #expect(lines.last?["attribute"] as? String == "length")
    }

    @Test func brokenPatternFileExitsTwoWithFileAndLine() throws {
        let folder = Support.temporaryFolder()
        Support.write("patterns:\n  - id: mine.x\n    kind: spec\n    regex: '(unclosed'\n", to: "mine.yaml", in: folder)
        let run = try Support.run(["extract", "--patterns", folder.path, "-"], input: "长30cm\n")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("evidence: \(folder.path)/mine.yaml:2: pattern mine.x"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func userPatternsExtendTheCatalogue() throws {
        let folder = Support.temporaryFolder()
        Support.write(CatalogErrorTests.valid, to: "print.yaml", in: folder)
        let run = try Support.run(["extract", "--format", "jsonl", "--patterns", folder.path, "-"], input: "图案条纹，长30cm\n")
        #expect(run.status == 0)
        #expect(try jsonLines(run.stdout).map { $0["pattern"] as? String } == ["mine.print", "dimension.labelled"])
        let only = try Support.run(["extract", "--format", "jsonl", "--patterns", folder.path, "--no-bundled-patterns", "-"], input: "图案条纹，长30cm\n")
        #expect(try jsonLines(only.stdout).map { $0["pattern"] as? String } == ["mine.print"])
    }

    @Test func aWordListInAPatternsFolderExtendsTheBundledOne() throws {
        let folder = Support.temporaryFolder()
        Support.write("""
        word_lists:
          negation:
            description: more negations
            words: [hardly]
            examples:
              match: ['S: It is hardly 100% cotton']
              no_match: ['S: It is 100% cotton']
        """, to: "words.yaml", in: folder)
        let bundled = try Support.run(["extract", "--format", "jsonl", "-"], input: "It is hardly 100% cotton\n")
        #expect(bundled.stdout.contains("\"attribute\":\"material\""))
        let extended = try Support.run(["extract", "--format", "jsonl", "--patterns", folder.path, "-"], input: "It is hardly 100% cotton\n")
        #expect(extended.status == 1 && extended.stdout.isEmpty)
        let tested = try Support.run(["patterns", "test", folder.path])
        #expect(tested.status == 0)
        #expect(tested.stdout.contains("1 word lists, 0 categories, 8 examples: all pass"))
    }

    /// Text is folded to simplified before matching, so a word written in traditional
    /// characters could never match: `patterns test` says so, with the simplified form; a
    /// folder may add pairs of its own, with examples.
    @Test func aTraditionalWordInAPatternsFolderIsReported() throws {
        let folder = Support.temporaryFolder()
        Support.write("""
        word_lists:
          negation:
            description: a negation in traditional characters
            words: [並非]
            examples:
              match: ['S: 並非100%純棉']
              no_match: ['S: 100%純棉']
        fold_characters:
          examples:
            fold: ['㐂 => 喜']
            keep: ['喜']
          pairs: ['㐂喜']
        """, to: "words.yaml", in: folder)
        let tested = try Support.run(["patterns", "test", folder.path])
        #expect(tested.status == 1)
        #expect(tested.stdout.contains("word list negation: `並非` is read as `并非` before matching, so as written it never matches: write `并非`"), "\(tested.stdout)")
        #expect(tested.stdout.contains("words.yaml:6: word list negation: must show that the value is dropped"), "as written it does not match: \(tested.stdout)")
        #expect(tested.stdout.contains("10 examples: 2 failures"), "the list's eight (bundled and added) and the folding's two pass: \(tested.stdout)")
        Support.write("fold_characters:\n  pairs: ['長长x']\n", to: "words.yaml", in: folder)
        let broken = try Support.run(["patterns", "test", folder.path])
        #expect(broken.status == 2 && broken.stderr.contains("words.yaml:2") && broken.stderr.contains("an odd number of characters"), "\(broken.stderr)")
    }

    @Test func patternsTestPassesBundledAndFailsAWrongExample() throws {
        let bundled = try Support.run(["patterns", "test"])
        #expect(bundled.status == 0)
        #expect(bundled.stdout.contains("all pass"))
        let folder = Support.temporaryFolder()
        Support.write(CatalogErrorTests.valid.replacingOccurrences(of: "{value: 条纹}", with: "{value: 波点}"), to: "wrong.yaml", in: folder)
        let wrong = try Support.run(["patterns", "test", folder.path])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("\(folder.path)/wrong.yaml:11: mine.print: `图案条纹`: expected value 波点, got 条纹"))
    }

    @Test func patternsListShowsTheCatalogue() throws {
        let run = try Support.run(["patterns", "list", "--format", "json"])
        #expect(run.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == Support.patterns.patterns.count)
        #expect(list.contains { $0["id"] as? String == "return.no-reason" })
    }

    @Test func worksFromAnyDirectory() throws {
        let run = try Support.run(["extract", "--format", "jsonl", "-"], input: "七天无理由退货\n", directory: Support.temporaryFolder())
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"return_window\""))
    }

    @Test func usageErrorsExit64() throws {
        let run = try Support.run(["extract", "--format", "xml", "-"])
        #expect(run.status == 64)
    }

    @Test func helpShowsExamples() throws {
        let run = try Support.run(["extract", "--help"])
        #expect(run.stdout.contains("evidence extract --format jsonl"))
        #expect(run.stdout.contains("Exit codes"))
    }
}

/// `evidence messages` as scripts use it.
@Suite struct MessagesCommandTests {
    let chats = ChatFormatTests.folder

    @Test func jsonLinesHeaderThenMessages() throws {
        let run = try Support.run(["messages", "--format", "jsonl", chats.appendingPathComponent("whatsapp-ios-en-us.txt").path])
        #expect(run.status == 0)
        let lines = try run.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(lines.count == 7)
        #expect(lines[0]["type"] as? String == "file")
        #expect(lines[0]["schema"] as? String == "evidence.messages/1")
        #expect(lines[0]["format"] as? String == "whatsapp-ios")
        #expect(lines[0]["date_order"] as? String == "mdy")
        #expect(lines[0]["encoding"] as? String == "utf-8")
        #expect((lines[0]["confidence"] as? Double ?? 0) > 0.5)
        let message = lines[2]
        for field in ["path", "line", "time", "speaker", "role", "type", "text", "flags"] { #expect(message.keys.contains(field), "\(field)") }
        #expect(message["time"] as? String == "2024-03-13T09:05:01")
        #expect(message["speaker"] as? String == "Lily (Factory)")
        #expect(message["role"] as? String == "seller")
        #expect(lines[5]["type"] as? String == "image")
        #expect(lines[6]["flags"] as? [String] == ["edited"])
    }

    /// Undecided dates never drop a file (issue 16): its findings stay, without a time, with one warning.
    @Test func undecidedDatesWarnAndTheFileIsStillRead() throws {
        let run = try Support.run(["messages", chats.appendingPathComponent("whatsapp-ambiguous.txt").path, chats.appendingPathComponent("two-line.txt").path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("whatsapp-ambiguous.txt: warning: dates such as 1/2/2024 read as day/month and as month/day"))
        #expect(run.stderr.contains("--date-order dmy or --date-order mdy"))
        #expect(run.stdout.contains("two-line.txt  (two-line") && run.stdout.contains("Ships within 7 days"))
        let extract = try Support.run(["extract", "--format", "jsonl", chats.appendingPathComponent("whatsapp-ambiguous.txt").path])
        #expect(extract.status == 0 && extract.stdout.contains("\"min_order\"") && extract.stdout.contains("\"time\":null"))
        let forced = try Support.run(["messages", "--date-order", "dmy", chats.appendingPathComponent("whatsapp-ambiguous.txt").path])
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("2024-02-01 10:00"))
    }

    @Test func extractCitesTheParsedMessage() throws {
        let run = try Support.run(["extract", "--format", "jsonl", chats.appendingPathComponent("qianniu-web.txt").path])
        #expect(run.status == 0)
        let lines = try run.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let tolerance = try #require(lines.first { $0["kind"] as? String == "tolerance" })
        #expect(tolerance["line"] as? Int == 22)
        #expect(tolerance["message_line"] as? Int == 20)
        #expect(tolerance["speaker"] as? String == "示例旗舰店:小王")
        #expect(tolerance["time"] as? String == "2024-03-13T09:01:05")
    }

    @Test func unknownInputFormatIsAUsageError() throws {
        let run = try Support.run(["messages", "--input-format", "fax", "-"], input: "x\n")
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown --input-format fax"))
    }

    @Test func gb18030FileFromDisk() throws {
        let folder = Support.temporaryFolder()
        let text = try String(contentsOf: chats.appendingPathComponent("qianniu-desktop.txt"), encoding: .utf8)
        let path = folder.appendingPathComponent("wangwang.txt").path
        try Data(TextDecoder.iconvEncode(text, to: "GB18030")!).write(to: URL(fileURLWithPath: path))
        let run = try Support.run(["messages", "--format", "jsonl", path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"encoding\":\"gb18030\""))
        #expect(run.stdout.contains("XL衣长72cm，胸围116cm"))
    }
}

/// Many files from scripts: folders, lists, threads, summaries.
@Suite struct BatchTests {
    func tree() -> URL {
        let folder = Support.temporaryFolder()
        try! FileManager.default.createDirectory(at: folder.appendingPathComponent("shop/old"), withIntermediateDirectories: true)
        for index in 0..<30 {
            Support.write("2024-03-12 10:00:00 店:客服: 长\(index + 10)cm\n", to: "shop/chat-\(String(format: "%02d", index)).txt", in: folder)
        }
        Support.write("2024-03-12 10:00:00 店:客服: 宽5cm\n", to: "shop/old/archived.txt", in: folder)
        Support.write("长99cm\n", to: "shop/notes.md", in: folder)
        return folder
    }

    func lines(_ run: Support.Run) -> [[String: Any]] {
        run.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func recursiveWithGlobsInPathOrderWhateverTheThreads() throws {
        let folder = tree()
        let one = try Support.run(["extract", "-r", "--include", "*.txt", "--exclude", "old", "--format", "jsonl", "-j", "1", folder.path])
        let many = try Support.run(["extract", "-r", "--include", "*.txt", "--exclude", "old", "--format", "jsonl", "-j", "4", folder.path])
        #expect(one.status == 0)
        #expect(one.stdout == many.stdout)
        let values = lines(one).map { $0["value"] as? Double }
        #expect(values == (10..<40).map { Double($0) })
    }

    @Test func filesFromStandardInputWithNulAndASummary() throws {
        let folder = tree()
        let list = ["shop/chat-03.txt", "shop/missing.txt", "shop/chat-01.txt"].map { folder.appendingPathComponent($0).path }.joined(separator: "\0")
        let run = try Support.run(["extract", "--files-from", "-", "-0", "--format", "jsonl", "--summary"], input: list)
        #expect(run.status == 2)
        let all = lines(run)
        #expect(all.filter { $0["type"] as? String == "finding" }.map { $0["value"] as? Double } == [13, 11])
        let summary = try #require(all.last)
        #expect(summary["type"] as? String == "summary")
        #expect(summary["files"] as? Int == 3 && summary["failed"] as? Int == 1 && summary["findings"] as? Int == 2)
        #expect((summary["per_file"] as? [[String: Any]])?.map { $0["findings"] as? Int } == [1, 0, 1])
    }

    @Test func aFolderWithoutRecursiveIsAnError() throws {
        let run = try Support.run(["extract", tree().path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is a folder"))
    }

    @Test func manifestWritesOneClaimPerOrderAndAnIndex() throws {
        let cases = CompareTests.cases
        let out = Support.temporaryFolder().appendingPathComponent("claims")
        let run = try Support.run(["claim", "--manifest", cases.appendingPathComponent("orders.csv").path, "--out", out.path])
        #expect(run.status == 2)  // one order names a missing file
        let index = try String(contentsOf: out.appendingPathComponent("index.csv"), encoding: .utf8)
        #expect(index.contains("TB-1001,claim,taobao,大小/尺寸与商品描述不符,chest;material,退货退款,259.00"), "\(index)")
        #expect(index.contains("TB-1002,no_discrepancy"))
        #expect(index.contains("1688-77,error"))
        let claim = try String(contentsOf: out.appendingPathComponent("TB-1001.md"), encoding: .utf8)
        #expect(claim.hasPrefix("# 退款申请草稿 / Claim draft — 淘宝 Taobao"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.json").path))
    }
}
