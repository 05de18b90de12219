import ArgumentParser
import Catalog
import ChatModel
import Claim
import Compare
import Extraction
import Foundation
import Matching
import Model
import Output
import Reading

/// Exit codes shared by every subcommand (see README "Exit codes").
public enum ExitStatus {
    /// extract: at least one finding; compare, claim: nothing falls short; patterns test: all examples pass.
    public static let success: Int32 = 0
    /// extract: no finding; compare, claim: something falls short; patterns test: an example failed.
    public static let negative: Int32 = 1
    /// A file or pattern could not be read (the other files were still processed).
    public static let error: Int32 = 2
}

/// `--patterns DIR` and `--no-bundled-patterns`, for every command that uses the catalogue.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("patterns"), help: ArgumentHelp("A folder of extra pattern files (*.yaml); repeatable. A pattern with a bundled id replaces it.", valueName: "dir"))
    var folders: [String] = []

    @Flag(name: .customLong("no-bundled-patterns"), help: "Use only the patterns from --patterns (the bundled vocabulary and macros stay available).")
    var noBundled = false

    /// The catalogue, compiled; `readsNotes: false` for commands that read no measurement notes.
    func load(readsNotes: Bool = true) throws -> PatternSet {
        do {
            return try PatternSet(try Catalog.load(userFolders: folders, replaceBundled: noBundled), readsNotes: readsNotes)
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.error)
        }
    }

    func validate() throws {
        if noBundled, folders.isEmpty { throw ValidationError("--no-bundled-patterns needs at least one --patterns folder") }
    }
}

/// How input files are read: encoding, layout, date order, and who is the seller.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Input encoding: auto, utf-8, utf-16le, utf-16be, gb18030 or big5.", valueName: "name"))
    var encoding: TextEncoding = .auto

    @Option(name: .customLong("input-format"), help: ArgumentHelp("Read every file in this layout instead of detecting it (see `evidence messages --help`).", valueName: "name"))
    var inputFormat: String?

    @Option(name: .customLong("date-order"), help: ArgumentHelp("Order of numeric dates when the file cannot tell: dmy, mdy or ymd (undecided, those messages have no time, with a warning).", valueName: "order"))
    var dateOrder: DateOrder?

    @Option(name: .long, help: ArgumentHelp("A speaker who is the seller (repeatable); overrides the guess.", valueName: "name"))
    var seller: [String] = []

    @Option(name: .long, help: ArgumentHelp("A speaker who is the buyer (repeatable).", valueName: "name"))
    var buyer: [String] = []

    @Option(name: .long, help: ArgumentHelp("Your side, as the one who exported the chat: buyer (default) or seller. The export's own marks (WeChat IsSender, 我, Me, Telegram's own account, a saved mail's Delivered-To) name you.", valueName: "side"))
    var me: ExporterSide?

    enum ExporterSide: String, ExpressibleByArgument { case buyer, seller }

    func validate() throws {
        if let inputFormat, !ChatReader.formatNames.contains(inputFormat) {
            throw ValidationError("unknown --input-format \(inputFormat); one of: \(ChatReader.formatNames.joined(separator: ", "))")
        }
    }

    /// The reader these options ask for; `folding` reads traditional characters as simplified.
    func reader(folding: CharacterFolding) -> ChatReader {
        ChatReader(hints: RoleHints(sellers: seller, buyers: buyer, me: me == .seller ? .seller : .buyer, meGiven: me != nil), inputFormat: inputFormat, dateOrder: dateOrder, folding: folding)
    }

    /// Reads, decodes and parses one file (or standard input for `-`).
    static func load(_ path: String, encoding: TextEncoding, reader: ChatReader, scratch: MatchScratch) throws(InputError) -> ChatLog {
        let (name, text) = try InputReader.read(path, encoding: encoding)
        return try reader.read(path: name, text: text, scratch: scratch)
    }

    /// Reads each file in turn; a file that cannot be read is reported (stderr and `failed`)
    /// and the rest go on. Warnings go to stderr.
    func read(_ files: [String], folding: CharacterFolding, scratch: MatchScratch, failed: (InputError) -> Void, each: (ChatLog) -> Void) {
        let reader = self.reader(folding: folding)
        for path in files {
            do {
                let log = try Self.load(path, encoding: encoding, reader: reader, scratch: scratch)
                for warning in log.warnings { Console.error("\(log.path): warning: \(warning)") }
                each(log)
            } catch {
                Console.error(error.description)
                failed(error)
            }
        }
    }
}

extension DateOrder: ExpressibleByArgument {}

/// Output formats of `extract`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl
}

extension TextEncoding: ExpressibleByArgument {}

/// Buffered standard output and one-line messages on standard error.
enum Console {
    private static let chunk = 1 << 16
    nonisolated(unsafe) private static var pending: [UInt8] = []
    /// A progress line is on the terminal: clear it before writing a message.
    nonisolated(unsafe) static var progressShown = false

    static func write(_ bytes: [UInt8]) {
        pending += bytes
        if pending.count >= chunk { flush() }
    }

    static func write(_ text: String) { write(Array(text.utf8)) }

    /// Standard output is a pipe: lines are written one `write(2)` each, so that a line of up
    /// to PIPE_BUF (4 KiB) is never split by another process writing to the same pipe.
    private static let toPipe: Bool = {
        var status = stat()
        return fstat(1, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO
    }()

    static func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                // To a pipe, up to the end of the line; elsewhere, all that is pending.
                let end = toPipe ? (buffer[offset...].firstIndex(of: 0x0A).map { $0 + 1 } ?? buffer.count) : buffer.count
                let written = Glibc.write(1, buffer.baseAddress! + offset, end - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 {
                    // A closed pipe (`evidence extract … | head`) ends output quietly, as other tools do.
                    if written < 0, errno == EPIPE { Foundation.exit(0) }
                    // Any other failure (a full disk) loses output: say so, exit 2.
                    let reason = written < 0 ? String(cString: strerror(errno)) : "nothing was written"
                    FileHandle.standardError.write(Data("evidence: error: the output could not be written (\(reason)): it is incomplete\n".utf8))
                    Foundation.exit(ExitStatus.error)
                }
                offset += written
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// `evidence: <message>` on standard error, one line.
    static func error(_ message: String) {
        flush()
        let line = (progressShown ? "\r\u{1B}[K" : "") + "evidence: " + message.replacingOccurrences(of: "\n", with: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The terminal's width, or 160 when output is not a terminal.
    static var columns: Int {
        var size = winsize()
        if isatty(1) != 0, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 160
    }
}
