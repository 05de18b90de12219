import ArgumentParser
import EvidenceCore
import Foundation

/// Exit codes shared by every subcommand (see README "Exit codes").
public enum ExitStatus {
    /// extract: found something; patterns test: all examples pass.
    public static let success: Int32 = 0
    /// extract: nothing found; patterns test: an example failed.
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

    func load() throws -> Catalog {
        do {
            return try Catalog.load(userFolders: folders, replaceBundled: noBundled)
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.error)
        }
    }

    func validate() throws {
        if noBundled, folders.isEmpty { throw ValidationError("--no-bundled-patterns needs at least one --patterns folder") }
    }
}

/// Output formats of `extract`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl
}

extension TextEncoding: ExpressibleByArgument {}

/// Buffered standard output and one-line messages on standard error.
enum Console {
    private static let chunk = 1 << 16
    nonisolated(unsafe) private static var pending: [UInt8] = []

    static func write(_ bytes: [UInt8]) {
        pending += bytes
        if pending.count >= chunk { flush() }
    }

    static func write(_ text: String) { write(Array(text.utf8)) }

    static func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                // A closed pipe (`evidence extract … | head`) ends output quietly.
                if written <= 0 { Foundation.exit(0) }
                offset += written
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// `evidence: <message>` on standard error, one line.
    static func error(_ message: String) {
        flush()
        let line = "evidence: " + message.replacingOccurrences(of: "\n", with: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The terminal's width, or 160 when output is not a terminal.
    static var columns: Int {
        var size = winsize()
        if isatty(1) != 0, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 160
    }
}
