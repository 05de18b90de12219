import ChatModel
import Foundation
import Matching

/// A long chat file read in parts of about `partSize` bytes, each cut just before a message,
/// so memory stays flat however long the file is (a WeChat history of several years).
///
/// Each part repeats `context` messages on either side of its cuts, so what reads
/// neighbouring messages (a bare 对的 confirming the question above it) reads as it would in
/// the whole file; `Part.owns` says which messages are the part's own, so each message
/// counts in exactly one part. The first part decides the encoding and the layout; the
/// day/month order and each speaker's side, once decided, carry to the parts after it.
/// Layouts that cannot be cut between messages (JSON and CSV exports, e-mail, LINE with its
/// date lines, listings) and UTF-16 files are read whole, as one part.
public struct ChatFileParts {
    /// One part: its log, and the file lines of the messages it owns.
    public struct Part: Sendable {
        public let log: ChatLog
        /// Messages starting on these file lines are this part's own.
        public let owned: Range<Int>
        /// Warnings not already given by an earlier part (the same warning with other
        /// numbers counts as given).
        public let warnings: [String]
        public let isLast: Bool

        public func owns(_ line: Int) -> Bool { owned.contains(line) }
    }

    /// Files at least this long are read in parts.
    public static let threshold = 32 << 20

    private let path: String
    private var reader: ChatReader
    private let partSize: Int
    private let context: Int
    private var descriptor: Int32
    /// Raw bytes read after the last line end handed out.
    private var pending: [UInt8] = []
    private var atEnd = false
    private var finished = false
    /// Decoded text carried from the part before: the messages around the cut.
    private var carried: [UInt8] = []
    private var lineOffset = 0
    private var ownedFrom = 0
    private var encoding: TextEncoding
    private var layout: ChatReader.Layout?
    private var warned: Set<String> = []
    private var repeated = 0

    /// Whether `path` is a regular file long enough to be read in parts.
    public static func isLong(_ path: String) -> Bool {
        var status = stat()
        return path != "-" && stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && Int(status.st_size) >= threshold
    }

    /// Opens `path`; nil when it cannot be opened (reading it whole then reports why).
    public init?(path: String, encoding: TextEncoding, reader: ChatReader, partSize: Int = 4 << 20, context: Int = 32) {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        self.path = path
        self.reader = reader
        self.encoding = encoding
        self.partSize = partSize
        self.context = context
    }

    /// The next part, or nil after the last. The file is closed after the last part or an error.
    public mutating func next(scratch: MatchScratch) throws(InputError) -> Part? {
        guard !finished else { return nil }
        do {
            return try readPart(scratch: scratch)
        } catch {
            finish()
            throw error
        }
    }

    private mutating func readPart(scratch: MatchScratch) throws(InputError) -> Part {
        var raw = try readLines()
        while true {
            let first = layout == nil
            var decoded = try decode(raw)
            if first, decoded.encoding == .utf16le || decoded.encoding == .utf16be {
                raw += try readRest()
                decoded = try decode(raw)
            }
            let text = DecodedText(bytes: carried + decoded.bytes, encoding: decoded.encoding, warnings: decoded.warnings)
            let log: ChatLog, used: ChatReader.Layout
            do {
                (log, used) = try reader.read(path: path, text: text, scratch: scratch, lineOffset: lineOffset, layout: layout)
            } catch where first && !atEnd {
                // A JSON or CSV export cut short does not parse: read it whole.
                raw += try readRest()
                continue
            }
            if first, !atEnd, !ChatFileParts.cuttable(used.format) {
                // Read whole: the layout cannot be cut between messages.
                raw += try readRest()
                continue
            }
            layout = used
            encoding = decoded.encoding
            let messages = log.messages
            guard atEnd || messages.count > 2 * context + 1 else {
                // Too few messages to cut between (very long messages): read on.
                carried = text.bytes
                raw = try readLines()
                continue
            }
            return cut(log)
        }
    }

    /// Hands out `log` as a part, and carries the messages around its end to the next part.
    private mutating func cut(_ log: ChatLog) -> Part {
        let messages = log.messages
        let isLast = atEnd
        let ownedTo = isLast ? Int.max : messages[messages.count - context].line
        var warnings: [String] = []
        for warning in log.warnings {
            if warned.insert(ChatFileParts.shape(warning)).inserted { warnings.append(warning) } else { repeated += 1 }
        }
        if isLast, repeated > 0 {
            warnings.append("\(repeated) more warning\(repeated == 1 ? "" : "s") like those above in later parts of the file (it is read in parts of \(partSize >> 20) MB)")
        }
        let part = Part(log: log, owned: ownedFrom..<ownedTo, warnings: warnings, isLast: isLast)
        if isLast {
            finish()
        } else {
            let cutLine = messages[messages.count - 2 * context].line
            let start = log.lineStarts[cutLine - 1 - log.lineOffset]
            carried = Array(log.written[start...])
            lineOffset = cutLine - 1
            ownedFrom = ownedTo
            for message in messages {
                guard let speaker = message.speaker, let source = log.roleSources[speaker] else { continue }
                reader.hints.carried[speaker] = (message.role, source)
            }
            if reader.dateOrder == nil { reader.dateOrder = log.dateOrder }
        }
        return part
    }

    /// Layouts whose messages each start on a line of their own, with nothing above them that
    /// they need: a cut before any message leaves both sides readable.
    static func cuttable(_ format: any ChatFormat) -> Bool {
        format is LineLayout || format is PlainTextFormat
    }

    /// A warning with its numbers taken out: the same kind of warning from another part.
    static func shape(_ warning: String) -> String {
        String(warning.unicodeScalars.filter { !("0"..."9").contains($0) }.map(Character.init))
    }

    private func decode(_ raw: [UInt8]) throws(InputError) -> DecodedText {
        do {
            return try TextDecoder.decode(raw, as: encoding)
        } catch {
            switch error {
            case .binary: throw InputError(path: path, line: lineOffset + 1, "binary data in the file, reading stopped here; if it is text, name its encoding with --encoding")
            case .undecodable(let reason): throw InputError(path: path, line: lineOffset + 1, reason)
            }
        }
    }

    /// About `partSize` bytes up to a line end (more when a line is longer), or the rest of
    /// the file.
    private mutating func readLines() throws(InputError) -> [UInt8] {
        var chunk = pending
        pending = []
        var searchFrom = 0
        while !atEnd {
            if chunk.count >= partSize, let end = chunk[searchFrom...].lastIndex(of: 0x0A) {
                pending = Array(chunk[(end + 1)...])
                chunk.removeSubrange((end + 1)...)
                return chunk
            }
            searchFrom = chunk.count
            try fill(&chunk, upTo: max(partSize, chunk.count + partSize / 4))
        }
        return chunk
    }

    private mutating func readRest() throws(InputError) -> [UInt8] {
        var chunk = pending
        pending = []
        while !atEnd { try fill(&chunk, upTo: chunk.count + partSize) }
        return chunk
    }

    /// Reads until `chunk` holds `size` bytes or the file ends.
    private mutating func fill(_ chunk: inout [UInt8], upTo size: Int) throws(InputError) {
        let start = chunk.count
        chunk += repeatElement(0, count: size - start)
        var filled = start
        while filled < size {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0 {
                chunk.removeSubrange(filled...)
                throw InputError(path: path, "cannot read the file (error \(errno))")
            }
            if count == 0 {
                atEnd = true
                break
            }
            filled += count
        }
        chunk.removeSubrange(filled...)
    }

    private mutating func finish() {
        finished = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
