@testable import Extraction
import Foundation
@testable import Matching
@testable import Reading
import Testing

@Suite struct MatcherTests {
    let scratch = MatchScratch(pairs: 16)

    func all(_ pattern: String, _ text: String, options: RegexOptions = []) throws -> [String] {
        let regex = try PCRE2Regex(pattern, options: options)
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            try regex.findAll(in: buffer, scratch: scratch).map { UTF8Text.string(buffer, $0.range) }
        }
    }

    @Test func findsEveryMatchInUTF8ByteOffsets() throws {
        #expect(try all("[0-9]+(?:cm|厘米)", "长30cm，宽20厘米，高5cm") == ["30cm", "20厘米", "5cm"])
    }

    @Test func namedGroupsMapToTheirRanges() throws {
        let regex = try PCRE2Regex("(?<attr>长|宽)(?<value>[0-9]+)")
        let bytes = Array("宽42".utf8)
        let captures = try #require(try bytes.withUnsafeBufferPointer { try regex.find(in: $0, from: 0, to: $0.count, scratch: scratch) })
        #expect(regex.range(of: "attr", in: captures) == 0..<3)
        #expect(regex.range(of: "value", in: captures) == 3..<5)
        #expect(regex.captureCount == 2)
    }

    @Test func duplicateNamesTakeTheGroupThatMatched() throws {
        let regex = try PCRE2Regex("(?<n>[0-9]+)个|每(?<n>[一二三])")
        let bytes = Array("每三".utf8)
        let captures = try #require(try bytes.withUnsafeBufferPointer { try regex.find(in: $0, from: 0, to: $0.count, scratch: scratch) })
        #expect(regex.range(of: "n", in: captures) == 3..<6)
    }

    @Test func invalidUTF8NeverAbortsTheScan() throws {
        let regex = try PCRE2Regex("[0-9]+cm")
        let bytes: [UInt8] = Array("长".utf8) + [0xFF, 0xC3] + Array("30cm".utf8) + [0xE4, 0xB8] + Array(" 5cm".utf8)
        let found = try bytes.withUnsafeBufferPointer { buffer in
            try regex.findAll(in: buffer, scratch: scratch).map { UTF8Text.string(buffer, $0.range) }
        }
        #expect(found == ["30cm", "5cm"])
    }

    @Test func emptyMatchesAdvanceByWholeCharacters() throws {
        #expect(try all("x*", "长宽").count == 3)
    }

    @Test func emptySubjectIsFine() throws {
        #expect(try all("长", "") == [])
    }

    @Test func compileErrorCarriesMessageAndOffset() {
        #expect(throws: RegexCompileError.self) { try PCRE2Regex("长(?<value>[0-9]+") }
        do {
            _ = try PCRE2Regex("ab(c")
        } catch {
            #expect(error.offset == 4)
            #expect(error.message.contains("parenthesis"))
        }
    }

    @Test func catastrophicBacktrackingHitsTheLimit() throws {
        let regex = try PCRE2Regex("(?:a|aa)+$")
        let bytes = Array((String(repeating: "a", count: 60) + "!").utf8)
        #expect(throws: MatchFailure.self) {
            try bytes.withUnsafeBufferPointer { try regex.find(in: $0, from: 0, to: $0.count, scratch: scratch) }
        }
    }

    @Test func caselessOptionApplies() throws {
        #expect(try all("moq", "MOQ 500", options: .caseless) == ["MOQ"])
    }

    @Test func matchingStopsAtTheGivenEnd() throws {
        let regex = try PCRE2Regex("[0-9]+cm")
        let bytes = Array("30cm 40cm".utf8)
        let found = try bytes.withUnsafeBufferPointer { try regex.findAll(in: $0, to: 6, scratch: scratch).count }
        #expect(found == 1)
    }
}

@Suite struct NumberTextTests {
    @Test(arguments: [
        ("30", 30.0), ("1.5", 1.5), ("３０", 30), ("１．５", 1.5), ("十五", 15), ("二十", 20), ("一百二十", 120),
        ("一百零五", 105), ("两", 2), ("半", 0.5), ("七", 7), ("一千", 1000), ("三万", 30000), ("1,000", 1000),
    ])
    func parses(_ text: String, _ value: Double) {
        #expect(NumberText.parse(text) == value)
    }

    @Test(arguments: ["", "abc", "长", "3x"])
    func rejects(_ text: String) {
        #expect(NumberText.parse(text) == nil)
    }
}

@Suite struct MatcherMemoryTests {
    /// Resident memory of this process in bytes (Linux /proc).
    func residentBytes() -> Int {
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
        return (Int(statm.split(separator: " ")[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    func compileAndMatch(_ times: Int) throws {
        let bytes = Array(String(repeating: "亲，衣长98cm，胸围88厘米 ", count: 50).utf8)
        for _ in 0..<times {
            let regex = try PCRE2Regex("(?<attr>衣长|胸围)(?<value>[0-9]+)(?:cm|厘米)")
            let scratch = MatchScratch(pairs: 4)
            _ = try bytes.withUnsafeBufferPointer { try regex.findAll(in: $0, scratch: scratch) }
        }
    }

    @Test func compiledRegexesAndScratchAreFreed() throws {
        try compileAndMatch(500)
        let before = residentBytes()
        // Each round holds a JIT-compiled regex, match data and a 32 KiB JIT stack: 20,000
        // rounds would keep over 120 MB if they leaked (other suites running in parallel add noise).
        try compileAndMatch(20_000)
        #expect(residentBytes() - before < 40 << 20)
    }
}

@Suite struct PatternExportTests {
    @Test(arguments: [
        ("(?<attr>长|宽)(?<value>[0-9]+)", "(?:长|宽)(?:[0-9]+)"),
        ("(?<!不)(?<=亲)纯棉", "(?<!不)(?<=亲)纯棉"),
        ("\\(?<x>a", "\\(?<x>a"),
        ("[(?<x>)](?P<n>a)(?'m'b)", "[(?<x>)](?:a)(?:b)"),
    ])
    func removesGroupNamesOnly(_ regex: String, _ expected: String) {
        #expect(PatternExport.withoutGroupNames(regex) == expected)
    }

    @Test func everyExportedBundledPatternCompilesAndMatchesLikeTheOriginal() throws {
        let scratch = MatchScratch(pairs: Support.patterns.capturePairs)
        for pattern in Support.patterns.patterns {
            let plain = try PCRE2Regex(PatternExport.withoutGroupNames(pattern.expanded), options: RegexOptions(pattern.definition.options))
            #expect(plain.namedGroups.isEmpty, "\(pattern.id)")
            for example in pattern.definition.mustMatch {
                let bytes = Array(example.text.utf8)
                let (original, exported) = try bytes.withUnsafeBufferPointer { buffer in
                    (try pattern.matcher.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)?.range,
                     try plain.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)?.range)
                }
                #expect(original == exported, "\(pattern.id): \(example.text)")
            }
        }
    }
}

/// PCRE2 10.42's JIT in invalid-UTF mode misses non-ASCII with `\S`, `\D`, `\W`; the matcher rewrites them.
@Suite struct NegatedShorthandTests {
    @Test(arguments: [(#"能\S{2}$"#, "保证"), (#"能\D"#, "保"), (#"能\W"#, "保"), (#"能[\S]"#, "保")])
    func negatedShorthandsMatchCJK(_ pattern: String, _ expected: String) throws {
        let regex = try PCRE2Regex(pattern)
        let bytes = Array("不能保证".utf8)
        let found = try bytes.withUnsafeBufferPointer { buffer in
            try regex.find(in: buffer, from: 0, to: buffer.count, scratch: MatchScratch()).map { UTF8Text.string(buffer, $0.range) }
        }
        #expect(found == "能" + expected)
    }

    @Test func rewriteLeavesClassesAndEscapedBackslashesAlone() {
        #expect(PCRE2Regex.classForNegatedShorthands(#"a\Sb[\S]c\\S"#) == #"a[^\s]b[\S]c\\S"#)
    }
}

/// The extractor runs the catalogue through the `Matcher` protocol only: a double engine that
/// records every search gives the same findings as libpcre2, and is the one asked.
@Suite struct MatcherProtocolTests {
    final class Recorder: @unchecked Sendable {
        var searches = 0
    }

    struct RecordingMatcher: Matcher {
        let inner: PCRE2Regex
        let recorder: Recorder
        var namedGroups: [String: [Int]] { inner.namedGroups }
        var captureCount: Int { inner.captureCount }

        func find(in subject: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, scratch: MatchScratch) throws(MatchFailure) -> Captures? {
            recorder.searches += 1
            return try inner.find(in: subject, from: start, to: end, scratch: scratch)
        }
    }

    @Test func theExtractorWorksWithAnyEngine() throws {
        let recorder = Recorder()
        let engine = RegexEngine { (pattern, options) throws(RegexCompileError) in
            RecordingMatcher(inner: try PCRE2Regex(pattern, options: options), recorder: recorder)
        }
        let set = try PatternSet(Support.catalog, engine: engine)
        let text = "2024-03-12 10:00:00 示例旗舰店:客服: 衣长68cm，纯棉，7天无理由退货\n"
        let log = try ChatReader().read(path: "c", text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: MatchScratch())
        let recorded = Extractor(set).extract(log, scratch: Extractor(set).makeScratch()).findings
        let direct = Support.extractor.extract(log, scratch: Support.extractor.makeScratch()).findings
        #expect(recorder.searches > 0)
        #expect(recorded == direct)
        #expect(recorded.map(\.attribute) == ["garment_length", "material", "return_window"])
    }
}
