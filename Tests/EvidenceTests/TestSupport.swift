@testable import Catalog
@testable import ChatModel
@testable import Compare
@testable import Extraction
@testable import Matching
import Foundation
@testable import Model
@testable import Reading

/// Shared helpers: the bundled catalogue loaded once, temporary files, and a runner for the built binary.
enum Support {
    static let patterns: PatternSet = try! PatternSet(Catalog.load())
    static var catalog: Catalog { patterns.catalog }
    static let extractor = Extractor(patterns)

    /// A notes reader over the bundled catalogue (loaded with the notes words, so it cannot fail).
    static func notesReader() -> MeasurementReader {
        try! MeasurementReader(extractor: extractor, scratch: MatchScratch())
    }

    /// The variant ordered, as the command line finds it: given, else inferred from the chat.
    static func variant(_ given: String?, _ findings: [Finding]) -> OrderedVariant? {
        given.map { OrderedVariant(value: $0, source: "--variant") } ?? VariantInference.ordered(in: findings, vocabulary: catalog.vocabulary)
    }

    /// Parses `text` as a file called `path` and extracts with the bundled catalogue.
    static func extract(_ text: String, path: String = "chat.txt", hints: RoleHints = RoleHints()) -> (log: ChatLog, result: ExtractionResult) {
        let scratch = extractor.makeScratch()
        let log = try! ChatReader(hints: hints).read(path: path, text: DecodedText(bytes: Array(text.utf8), encoding: .utf8, warnings: []), scratch: scratch)
        return (log, extractor.extract(log, scratch: scratch))
    }

    /// The findings of a short chat, one message a line: `("S", text)` the seller's, `("B", text)` the buyer's.
    static func chat(_ lines: [(Character, String)]) -> [Finding] {
        let text = lines.enumerated().map { index, line in
            "2024-03-12 10:\(index < 10 ? "0" : "")\(index):00 " + (line.0 == "S" ? "示例旗舰店:客服" : "tb_买家") + ": " + line.1
        }.joined(separator: "\n")
        return extract(text).result.findings
    }

    /// A short chat (see `chat`) compared with notes, its category inferred as `compare` does.
    static func compareChat(_ lines: [(Character, String)], measured: String) -> Comparison {
        let findings = chat(lines)
        let reader = notesReader().read(path: "m.txt", text: measured)
        let category = patterns.categories.infer(lines.map { ($0.1, false) }, scratch: MatchScratch())
        return Comparer(catalog: catalog, category: category).compare(findings: findings, measurements: reader.measurements, variant: variant(nil, findings))
    }

    /// The promises of a short chat as `attribute=value` (see `chat`).
    static func promises(_ lines: [(Character, String)]) -> [String] {
        chat(lines).filter(\.isPromise).map { "\($0.attribute)=\(ValueText.of($0))" }
    }

    /// The folder that holds every temporary folder of this test run; removed when the run exits.
    static let temporaryRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Support.temporaryRoot) }
        return url
    }()

    /// A new empty folder under `temporaryRoot`.
    static func temporaryFolder() -> URL {
        let url = temporaryRoot.appendingPathComponent(UUID().uuidString)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    static func write(_ text: String, to name: String, in folder: URL) -> String {
        let url = folder.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `evidence` binary built next to the test bundle.
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("evidence")
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary with `arguments` in `directory`, feeding `input` on standard input.
    static func run(_ arguments: [String], input: String? = nil, directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
