import Foundation
import Model
@testable import Reading
import Testing

/// Bad and hostile input: every case a clear one-line error naming the file, exit 2, the
/// other files still processed; no crash, no hang. (scripts/hostile.sh runs the full-size
/// ones — a 100 MB line, a million messages — against the release build.)
@Suite struct HostileInputTests {
    func extract(_ paths: [String], _ extra: [String] = []) throws -> Support.Run {
        try Support.run(["extract", "--format", "jsonl"] + extra + paths)
    }

    /// A digit run read as a figure (an ID, a phone number) is printed, never a trap.
    @Test func hugeFiguresArePrintedWithoutATrap() {
        #expect(NumberFormat.short(20250612164809.77) == "20250612164810")
        #expect(NumberFormat.short(-3.5e15 - 0.5) == "-3500000000000001")
        #expect(NumberFormat.short(1.25e20 + 0.5) == "1.25e+20")
        #expect(NumberFormat.short(1.5) == "1.5")
    }

    @Test func everyBadFileIsOneErrorLineAndTheGoodFileStillCounts() throws {
        let folder = Support.temporaryFolder()
        let good = Support.write("2024-03-12 10:00:00 示例旗舰店:小美: 长30cm\n", to: "good.txt", in: folder)
        let empty = Support.write("", to: "empty.txt", in: folder)
        let zip = folder.appendingPathComponent("archive.zip").path
        try Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00] + [UInt8](repeating: 0, count: 64)).write(to: URL(fileURLWithPath: zip))
        let undecodable = folder.appendingPathComponent("garbage.txt").path
        try Data((0..<4000).map { UInt8(0x80 + ($0 * 7) % 0x3F) }).write(to: URL(fileURLWithPath: undecodable))
        let run = try extract([good, empty, folder.appendingPathComponent("nope.txt").path, folder.path, zip, undecodable, good])
        #expect(run.status == 2)
        let errors = run.stderr.split(separator: "\n").filter { !$0.contains("warning:") }
        #expect(errors.count == 4, "\(errors)")
        #expect(errors.allSatisfy { $0.hasPrefix("evidence: \(folder.path)") })
        #expect(errors.contains { $0.hasSuffix("nope.txt: no such file") })
        #expect(errors.contains { $0.contains("is a folder") })
        #expect(errors.contains { $0.contains("archive.zip: binary file") })
        #expect(errors.contains { $0.contains("garbage.txt: not UTF-8, UTF-16, GB18030 or Big5") })
        let findings = run.stdout.split(separator: "\n").filter { $0.contains("\"type\":\"finding\"") }
        #expect(findings.count == 2)  // the good file, twice, in order
    }

    /// Output to a full disk is lost: one error line and exit 2, never exit 0 with a cut
    /// JSONL (issue 15); a closed pipe still ends quietly.
    @Test func aFailedWriteIsAnErrorAndAClosedPipeIsNot() throws {
        let samples = Support.packageRoot.appendingPathComponent("samples").path
        func shell(_ command: String) throws -> (status: Int32, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let binary = Support.binary.path
        let full = try shell("'\(binary)' extract --format jsonl '\(samples)/taobao-dress-chat.txt' > /dev/full")
        #expect(full.status == 2)
        #expect(full.stderr.contains("evidence: error: the output could not be written (No space left on device): it is incomplete"))
        let claim = try shell("'\(binary)' claim '\(samples)/taobao-dress-chat.txt' --measured '\(samples)/measured-dress.txt' > /dev/full")
        #expect(claim.status == 2, "the drafted claim's exit 1 must not hide the lost output")
        let piped = try shell("'\(binary)' extract --format jsonl '\(samples)/taobao-dress-chat.txt' | head -1 > /dev/null; exit ${PIPESTATUS:-0}")
        #expect(piped.stderr.isEmpty, "\(piped.stderr)")
    }

    /// The README's parallel recipe into a pipe (`xargs -P 4 … | cat`): every JSONL line
    /// whole, since each line goes out in one write(2) when standard output is a pipe.
    @Test func theParallelRecipeKeepsEveryLineWhole() throws {
        let folder = Support.temporaryFolder()
        let samples = Support.packageRoot.appendingPathComponent("samples")
        let chats = try ["taobao-dress-chat.txt", "1688-bulk-order-chat.txt", "supplier-chat-en.txt", "listing-dress.txt"].map {
            try Data(contentsOf: samples.appendingPathComponent($0))
        }
        // Enough output that four writers of 64 KiB chunks interleaved in about half the runs before.
        for copy in 0..<1500 { try chats[copy % chats.count].write(to: folder.appendingPathComponent("chat-\(copy).txt")) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.currentDirectoryURL = folder
        process.arguments = ["-c", "find . -name '*.txt' -print0 | xargs -0 -n 20 -P 4 '\(Support.binary.path)' extract --format jsonl -j 1 2>/dev/null | cat"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = data.split(separator: 0x0A)
        #expect(lines.count > 20000)
        let broken = lines.filter { (try? JSONSerialization.jsonObject(with: Data($0))) == nil }
        #expect(broken.isEmpty, "\(broken.count) lines interleaved")
    }

    @Test func encodingsAndLineEndsGiveTheSameFindings() throws {
        let folder = Support.temporaryFolder()
        let text = "2024-03-12 10:00:00 示例旗舰店:小美: 长30cm，重1.2公斤\n2024-03-12 10:01:00 买家: 好的\n"
        var paths: [String] = []
        let variants: [(String, [UInt8])] = [
            ("utf8-bom.txt", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
            ("gb18030.txt", TextDecoder.iconvEncode(text, to: "GB18030")!),
            ("utf16le-bom.txt", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("utf16le.txt", text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("utf16be-bom.txt", [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
            ("crlf.txt", Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
            ("cr.txt", Array(text.replacingOccurrences(of: "\n", with: "\r").utf8)),
            ("truncated.txt", Array(text.utf8) + [0xE5, 0x8E]),
        ]
        // No BOM, and characters whose UTF-16 holds a NUL on the other side of ASCII's (一 U+4E00,
        // 退 U+9000): still UTF-16, either byte order (issue 15, defect 4).
        let mixed = "2024-03-12 10:00:00 示例旗舰店:小美: 一件，长30cm，退货包运费，重1.2公斤\n2024-03-12 10:01:00 买家: 好的\n"
        let noBOM: [(String, [UInt8])] = [
            ("utf16le-one.txt", mixed.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("utf16be-one.txt", mixed.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
        ]
        for (name, bytes) in noBOM {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            let read = try extract([url.path])
            #expect(read.status == 0 && read.stdout.contains("\"attribute\":\"length\"") && read.stdout.contains("return_shipping"), "\(name): \(read.stderr)")
        }
        for (name, bytes) in variants {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            paths.append(url.path)
        }
        let run = try extract(paths)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        for path in paths {
            let own = lines.filter { $0["path"] as? String == path }
            #expect(own.map { $0["attribute"] as? String } == ["length", "weight"], "\(path)")
            #expect(own.allSatisfy { $0["line"] as? Int == 1 && $0["role"] as? String == "seller" }, "\(path)")
        }
        #expect(run.stderr.contains("truncated.txt: warning: 2 invalid UTF-8 bytes replaced"))
    }

    /// One bad byte does not lose a GB18030 file, named or detected: what decodes is kept,
    /// the byte is replaced, and the warning names its line (issue 15, defect 2).
    @Test func aBadByteInGB18030IsReplacedAndItsLineNamed() throws {
        let folder = Support.temporaryFolder()
        let text = "2024-03-12 10:00:00 示例旗舰店:小美: 长30cm，重1.2公斤\n2024-03-12 10:01:00 买家: 好的\n2024-03-12 10:02:00 示例旗舰店:小美: 宽20cm\n"
        var bytes = TextDecoder.iconvEncode(text, to: "GB18030")!
        let secondLine = bytes.firstIndex(of: 0x0A)! + 1
        bytes.insert(0x81, at: secondLine + 25)  // a lead byte with no trail, inside line 2
        let url = folder.appendingPathComponent("gb-damaged.txt")
        try Data(bytes).write(to: url)
        for options in [[String](), ["--encoding", "gb18030"]] {
            let run = try Support.run(["extract", "--format", "jsonl"] + options + [url.path])
            #expect(run.status == 0, "\(options): \(run.stderr)")
            #expect(run.stdout.contains("\"attribute\":\"width\""), "the lines after the bad byte are read")
            #expect(run.stderr.contains("gb-damaged.txt: warning: 1 byte not valid GB18030 replaced with U+FFFD (first at line 2)"), "\(run.stderr)")
        }
    }

    /// A Big5 file is read as Big5 (GB18030 would take its bytes too), and its traditional
    /// characters are read as the catalogue's words while every quote keeps them as written
    /// (issue 15, defect 3). The same text in GB18030 stays GB18030.
    @Test func big5IsDetectedAndTraditionalCharactersAreRead() throws {
        let folder = Support.temporaryFolder()
        let chat = """
        2025-05-06 20:11:02 阿傑的小舖: 這件襯衫衣長72公分，胸圍106公分，誤差1-2公分
        2025-05-06 20:12:40 小雯: 可以七天無理由退貨嗎？
        2025-05-06 20:13:05 阿傑的小舖: 可以的，保固半年，48小時內出貨
        2025-05-06 20:14:30 阿傑的小舖: 面料是亞麻55% 棉45%

        """
        let notes = "衣長 69\n胸圍 平鋪51×2\n洗標：亞麻55% 棉45%\n"
        for encoding in ["BIG5", "GB18030"] {
            let chatURL = folder.appendingPathComponent("shirt-\(encoding).txt"), notesURL = folder.appendingPathComponent("notes-\(encoding).txt")
            try Data(TextDecoder.iconvEncode(chat, to: encoding)!).write(to: chatURL)
            try Data(TextDecoder.iconvEncode(notes, to: encoding)!).write(to: notesURL)
            let run = try extract([chatURL.path])
            #expect(run.status == 0, "\(encoding): \(run.stderr)")
            let findings = run.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            let attributes = findings.filter { $0["type"] as? String == "finding" }.compactMap { $0["attribute"] as? String }
            for attribute in ["garment_length", "chest", "measurement_tolerance", "return_window", "warranty", "dispatch_within", "material"] {
                #expect(attributes.contains(attribute), "\(encoding): \(attribute) in \(attributes)")
            }
            let length = findings.first { $0["attribute"] as? String == "garment_length" }
            #expect((length?["quote"] as? String)?.contains("衣長72公分") == true, "the quote is as written: \(String(describing: length?["quote"]))")
            #expect((length?["raw"] as? String)?.hasPrefix("衣長72公分") == true, "raw as written: \(String(describing: length?["raw"]))")
            let messages = try Support.run(["messages", "--format", "jsonl", chatURL.path])
            #expect(messages.stdout.contains("\"encoding\":\"\(encoding == "BIG5" ? "big5" : "gb18030")\""), "\(messages.stdout.prefix(300))")
            #expect(messages.stdout.contains("這件襯衫衣長72公分"), "messages are shown as written")
            // The notes in the same encoding: the length short by 3 cm is outside the seller's 2 cm.
            let compare = try Support.run(["compare", chatURL.path, "--measured", notesURL.path])
            #expect(compare.status == 1, "\(encoding): \(compare.stdout) \(compare.stderr)")
            #expect(compare.stdout.contains("garment_length") && compare.stdout.contains("mismatch"), "\(compare.stdout)")
            #expect(compare.stdout.contains("“衣長 69”"), "the notes are quoted as written")
            #expect(compare.stdout.contains("胸圍106公分"), "promises are quoted as written")
        }
    }

    @Test func aLongLineWithNoNewlineIsScannedToTheEnd() throws {
        let folder = Support.temporaryFolder()
        let path = folder.appendingPathComponent("long.txt")
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8 << 20)
        bytes += Array("，长30cm".utf8)
        try Data(bytes).write(to: path)
        let run = try extract([path.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"raw\":\"长30cm\""))
    }

    @Test func manyTinyMessages() throws {
        let folder = Support.temporaryFolder()
        var text = ""
        for index in 0..<100_000 { text += "2024-03-12 10:\(String(format: "%02d", (index / 60) % 60)):\(String(format: "%02d", index % 60)) \(index % 2 == 0 ? "店:客服" : "买家"): 好\n" }
        text += "2024-03-12 11:00:00 店:客服: 长30cm\n"
        let path = Support.write(text, to: "many.txt", in: folder)
        let run = try extract([path, "--summary"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"type\":\"summary\""))
        #expect(run.stdout.contains("\"raw\":\"长30cm\""))
    }

    @Test func aCatastrophicPatternIsAnErrorForThatFileNotAHang() throws {
        let folder = Support.temporaryFolder()
        Support.write("""
        patterns:
          - id: mine.slow
            kind: spec
            attribute: color
            description: catastrophic on purpose
            regex: '(?<text>(?:a|aa)+)$'
            keywords: [a]
            groups:
              text: the a's
            examples:
              match: ['aaa']
              no_match: ['b']
        """, to: "slow.yaml", in: folder)
        let chat = Support.write("2024-03-12 10:00:00 店:客服: 长30cm " + String(repeating: "a", count: 40) + "!\n", to: "chat.txt", in: folder)
        let started = Date()
        let run = try extract([chat, "--patterns", folder.path])
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(run.status == 2)
        #expect(run.stderr.contains("chat.txt:1: pattern mine.slow: gave up on a catastrophic backtrack"))
        #expect(run.stdout.contains("\"raw\":\"长30cm\""))  // the other patterns still ran
    }

    @Test func backtrackingHeavyTextDoesNotStallTheBundledCatalogue() throws {
        let folder = Support.temporaryFolder()
        // Long enough for a catastrophic pattern to show (the 50,000 digits); throughput on
        // long lines is measured by scripts/bench.sh, not here (this runs as a debug build).
        let nasty = String(repeating: "长 1 1 1 1 1 1 cm x ", count: 5_000) + String(repeating: "９", count: 50_000)
        let path = Support.write("2024-03-12 10:00:00 店:客服: " + nasty + "\n", to: "nasty.txt", in: folder)
        let started = Date()
        let run = try extract([path])
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(run.status <= 2)
    }

    @Test func manifestWithMissingColumnsNamesTheLine() throws {
        let folder = Support.temporaryFolder()
        let manifest = Support.write("id,platform,chat,price\nA1,taobao,chat.txt,10\n", to: "orders.csv", in: folder)
        let run = try Support.run(["claim", "--manifest", manifest, "--out", folder.appendingPathComponent("out").path])
        #expect(run.status == 2)
        #expect(run.stderr == "evidence: \(manifest):1: missing column `measurements` (columns: id, platform, chat, listing, measurements, price, variant, category, ordered, shipped, received, measured_on, quantity, cartons)\n")
    }

    /// Each order stands alone (issue 15, defect 6): a bad row is named and left out, ids that
    /// make the same file name (and `index`) each get their own file, a GB18030 manifest keeps
    /// its Chinese ids, and a link at `DIR/index.json` is replaced, not written through.
    @Test func manifestOrdersStandAloneWithUniqueNamesAndNoLinkFollowed() throws {
        let folder = Support.temporaryFolder()
        Support.write("2024-03-12 10:00:00 家居旗舰店:小林: 长30cm\n", to: "chat.txt", in: folder)
        Support.write("长度 27cm\n", to: "m.txt", in: folder)
        let rows = "id,platform,chat,measurements,price\nA/1,taobao,chat.txt,m.txt,20\nA_1,taobao,chat.txt,m.txt,20\nA.1,taobao,chat.txt,m.txt,abc\nindex,taobao,chat.txt,m.txt,20\n订单甲,taobao,chat.txt,m.txt,20\n"
        let manifest = folder.appendingPathComponent("orders.csv")
        try Data(TextDecoder.iconvEncode(rows, to: "GB18030")!).write(to: manifest)
        let out = folder.appendingPathComponent("out"), outside = folder.appendingPathComponent("outside.json")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("index.json").path, withDestinationPath: outside.path)
        let run = try Support.run(["claim", "--manifest", manifest.path, "--out", out.path])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("orders.csv:4: order A.1: price `abc` is not a number of yuan"))
        #expect(run.stderr.contains("orders.csv:3: order A_1: written as A_1-2.md"))
        #expect(run.stderr.contains("orders.csv:5: order index: written as index-2.md"))
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(written == ["A_1-2.md", "A_1.md", "index-2.md", "index.csv", "index.json", "订单甲.md"], "\(written)")
        #expect(!FileManager.default.fileExists(atPath: outside.path), "the link's target is never written")
        let index = try String(contentsOf: out.appendingPathComponent("index.csv"), encoding: .utf8)
        #expect(index.contains("A.1,error,,,,,,,") && index.contains("订单甲,claim,taobao"), "\(index)")
    }

    @Test func manifestWithABadDateNamesTheLine() throws {
        let folder = Support.temporaryFolder()
        let manifest = Support.write("id,chat,measurements,ordered,shipped\nA1,chat.txt,m.txt,2024-03-12,2024-02-30\n", to: "orders.csv", in: folder)
        let run = try Support.run(["claim", "--manifest", manifest, "--out", folder.appendingPathComponent("out").path])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("evidence: \(manifest):2: order A1: shipped `2024-02-30` is not YYYY-MM-DD or 'YYYY-MM-DD HH:MM'\n"))
        #expect(run.stderr.hasSuffix("1 order: 0 claims drafted, 1 with problems; index in \(folder.appendingPathComponent("out").path)/index.csv\n"), "\(run.stderr)")
    }
}

/// A seeded random-input test over the reader and the extractor: mutated chat lines, random
/// bytes, mixed scripts. It must never crash or hang. A case it ever breaks on becomes a
/// fixed regression test here.
@Suite struct FuzzTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let pieces = ["2024-03-12 10:00:00 ", "[1/2/24, 9:05:01 AM] ", "13/03/2024, 09:05 - ", "示例旗舰店:小美: ", "tb_123: ", "\n", "\r\n", "\r",
                         "长", "30", "cm", "厘米", "公斤", "斤", "一米八", "2尺1", "约", "左右", "-", "~", "到", "*", "x", "×", "%", "棉", "纯棉", "不是",
                         "吗？", "对的", "七天无理由", "误差", "±", "寸", "码", "XL", "[图片]", "<Media omitted>", "撤回了一条消息", "\u{200E}", "\u{FEFF}",
                         "\u{202F}", "，", "。", "：", ":", " ", "\t", "１２", "〇", "半", "(", ")", "\"", "{", "}", "\\", "/", "尺码 衣长 胸围\nS 66 104\n"]

    @Test(arguments: 0..<8)
    func randomChatsNeverCrash(_ seed: Int) throws {
        var random = Generator(state: UInt64(seed) &* 7919 &+ 1)
        let scratch = Support.extractor.makeScratch()
        for _ in 0..<40 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(120) {
                if random.below(10) == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: random.next()))
                } else {
                    bytes += Array(Self.pieces[random.below(Self.pieces.count)].utf8)
                }
            }
            guard let decoded = try? TextDecoder.decode(bytes) else { continue }
            for format in [nil, "plain-text", "whatsapp-ios", "line", "email", "qianniu-web"] as [String?] {
                guard let log = try? ChatReader(inputFormat: format).read(path: "fuzz", text: decoded, scratch: scratch) else { continue }
                let result = Support.extractor.extract(log, scratch: scratch)
                for finding in result.findings { #expect(finding.line >= 1) }
            }
        }
    }
}
