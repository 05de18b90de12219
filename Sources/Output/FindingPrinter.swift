import Catalog
import ChatModel
import Claim
import Compare
import Model

/// A file as the printers see it: where it came from and how it was read, never its regexes.
public struct FileSummary: Sendable {
    public let path: String
    public let format: String
    public let confidence: Double
    public let encoding: String
    public let dateOrder: String?
    public let messages: Int
    public let findings: Int
    public let warnings: [String]

    public init(log: ChatLog, findings: Int) {
        self.init(log: log, messages: log.messages.count, findings: findings, warnings: log.warnings)
    }

    /// A file read in parts: `log` is its first part, the counts are the whole file's.
    public init(log: ChatLog, messages: Int, findings: Int, warnings: [String]) {
        path = log.path
        format = log.format
        confidence = log.confidence
        encoding = log.encoding
        dateOrder = log.dateOrder?.rawValue
        self.messages = messages
        self.findings = findings
        self.warnings = warnings
    }
}

/// Counts over a batch, for `--summary`.
public struct BatchSummary: Sendable {
    public struct File: Sendable {
        public let path: String
        public let findings: Int
        public let promises: Int
        public let failed: Bool
    }

    public private(set) var files: [File] = []
    public private(set) var findings = 0
    public private(set) var promises = 0
    public private(set) var failed = 0
    public private(set) var read = 0

    public init() {}

    public mutating func add(path: String, findings list: [Finding], failed didFail: Bool, read wasRead: Bool) {
        add(path: path, findings: list.count, promises: list.filter(\.isPromise).count, failed: didFail, read: wasRead)
    }

    public mutating func add(path: String, findings found: Int, promises promised: Int, failed didFail: Bool, read wasRead: Bool) {
        files.append(File(path: path, findings: found, promises: promised, failed: didFail))
        findings += found
        promises += promised
        if didFail { failed += 1 }
        if wasRead { read += 1 }
    }
}

/// Writes `evidence extract` results. Printers receive findings and errors in file order
/// and return bytes to write; they know nothing about patterns or matching.
public protocol FindingPrinter {
    mutating func file(_ summary: FileSummary, findings: [Finding]) -> [UInt8]
    /// The findings of one part of a long file as they come, or nil when the printer needs a
    /// file's findings at once (they are then all given to `file`).
    mutating func part(_ findings: [Finding]) -> [UInt8]?
    mutating func error(_ error: InputError) -> [UInt8]
    /// The end of the output; with a summary, per-file and total counts.
    mutating func finish(summary: BatchSummary?) -> [UInt8]
}

extension JSONWriter {
    mutating func write(_ summary: BatchSummary, type: Bool) {
        beginObject()
        if type { field("type", "summary") }
        field("files", summary.files.count)
        field("read", summary.read)
        field("failed", summary.failed)
        field("findings", summary.findings)
        field("promises", summary.promises)
        array("per_file", summary.files) { writer, file in
            writer.object { $0.field("path", file.path); $0.field("findings", file.findings); $0.field("promises", file.promises); $0.field("failed", file.failed) }
        }
        endObject()
    }
}

/// The version of the JSON contract in docs/json.md.
public let extractSchema = "evidence.extract/1"

extension JSONWriter {
    /// How a file was read: path, format, confidence, encoding, date order, messages, warnings.
    mutating func fields(of file: FileSummary) {
        field("path", file.path)
        field("format", file.format)
        field("confidence", file.confidence)
        field("encoding", file.encoding)
        field("date_order", file.dateOrder)
        field("messages", file.messages)
        strings("warnings", file.warnings)
    }

    public mutating func strings(_ name: String, _ values: [String]) {
        array(name, values) { $0.string($1) }
    }

    /// One finding, with every field of the contract present (null when unknown).
    mutating func write(_ finding: Finding, type: Bool) {
        beginObject()
        if type { field("type", "finding") }
        field("path", finding.path)
        field("line", finding.line)
        field("message_line", finding.messageLine)
        field("time", finding.time)
        field("speaker", finding.speaker)
        field("role", finding.role.rawValue)
        field("kind", finding.kind.rawValue)
        field("attribute", finding.attribute.isEmpty ? nil : finding.attribute)  // null: a quantity no attribute was found for
        field("value", finding.value)
        field("min", finding.min)
        field("max", finding.max)
        field("approx", finding.approx)
        field("unit", finding.unit)
        field("percent", finding.percent)
        field("promise", finding.isPromise)
        field("stance", finding.stance.rawValue)
        field("variant", finding.variant)
        field("subject", finding.subject)
        field("level", finding.level)
        field("inference", finding.inference)
        field("adjustable", finding.adjustable)
        field("part", finding.part)
        field("scope", finding.scope)
        strings("conditions", finding.conditions)
        strings("ambiguous", finding.ambiguous)
        field("grade", finding.grade)
        field("raw", finding.raw)
        field("quote", finding.quote)
        field("asked", finding.asked)
        field("asked_line", finding.askedLine)
        field("corrected_line", finding.correctedLine)
        field("asked_by", finding.askedBy)
        field("asked_time", finding.askedTime)
        field("pattern", finding.pattern)
        endObject()
    }

    public mutating func write(_ error: InputError, type: Bool) {
        beginObject()
        if type { field("type", "error") }
        field("path", error.path)
        field("line", error.line)
        field("message", error.message)
        endObject()
    }
}

/// JSON Lines: one object per finding (`"type":"finding"`) or error (`"type":"error"`), streamed.
public struct JSONLinesPrinter: FindingPrinter {
    private var writer = JSONWriter()

    public init() {}

    public mutating func file(_ summary: FileSummary, findings: [Finding]) -> [UInt8] {
        lines(findings)
    }

    public mutating func part(_ findings: [Finding]) -> [UInt8]? {
        lines(findings)
    }

    private mutating func lines(_ findings: [Finding]) -> [UInt8] {
        writer.removeAll()
        for finding in findings {
            writer.write(finding, type: true)
            writer.newline()
        }
        return writer.bytes
    }

    public mutating func error(_ error: InputError) -> [UInt8] {
        writer.removeAll()
        writer.write(error, type: true)
        writer.newline()
        return writer.bytes
    }

    public mutating func finish(summary: BatchSummary?) -> [UInt8] {
        guard let summary else { return [] }
        writer.removeAll()
        writer.write(summary, type: true)
        writer.newline()
        return writer.bytes
    }
}

/// One JSON document: `schema`, `files`, `findings`, `errors`.
public struct JSONDocumentPrinter: FindingPrinter {
    private var files: [FileSummary] = []
    private var findings = JSONWriter()
    private var errors: [InputError] = []

    public init() {
        findings.beginArray()
    }

    public mutating func part(_ findings: [Finding]) -> [UInt8]? { nil }

    public mutating func file(_ summary: FileSummary, findings new: [Finding]) -> [UInt8] {
        files.append(summary)
        for finding in new { findings.write(finding, type: false) }
        return []
    }

    public mutating func error(_ error: InputError) -> [UInt8] {
        errors.append(error)
        return []
    }

    public mutating func finish(summary: BatchSummary?) -> [UInt8] {
        findings.endArray()
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("schema", extractSchema)
        writer.key("files")
        writer.beginArray()
        for file in files {
            writer.beginObject()
            writer.fields(of: file)
            writer.field("findings", file.findings)
            writer.endObject()
        }
        writer.endArray()
        writer.key("findings")
        writer.encoded(findings.bytes)
        writer.array("errors", errors) { $0.write($1, type: false) }
        if let summary {
            writer.key("summary")
            writer.write(summary, type: false)
        }
        writer.endObject()
        writer.newline()
        return writer.bytes
    }
}
