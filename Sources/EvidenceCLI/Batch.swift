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

/// Which files a command reads: paths, folders walked with -r (filtered by --include and
/// --exclude globs), and lists of paths from --files-from.
struct FileSelection: ParsableArguments {
    @Flag(name: [.short, .customLong("recursive")], help: "Read the files in folders given as arguments, and their subfolders.")
    var recursive = false

    @Option(name: .long, help: ArgumentHelp("With -r, only files whose name matches this glob (repeatable), e.g. '*.txt'.", valueName: "glob"))
    var include: [String] = []

    @Option(name: .long, help: ArgumentHelp("With -r, skip files or folders whose name matches this glob (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("files-from"), help: ArgumentHelp("Read the paths to process from FILE, one per line (- for standard input).", valueName: "file"))
    var filesFrom: String?

    @Flag(name: [.customShort("0"), .customLong("null")], help: "Paths in --files-from are separated by NUL bytes (find -print0).")
    var nullSeparated = false

    func validate() throws {
        if nullSeparated, filesFrom == nil { throw ValidationError("-0 reads NUL-separated paths from --files-from: give --files-from FILE, or drop -0") }
        if !recursive, let option = !include.isEmpty ? "--include" : !exclude.isEmpty ? "--exclude" : nil {
            throw ValidationError("\(option) picks files inside folders read with -r: add -r, or drop \(option)")
        }
    }

    /// Whether `path`, found in a folder, is a FIFO, socket or device: reading one would block
    /// the batch (a FIFO waits for a writer), so it is reported and skipped. Named on the
    /// command line (`<(iconv …)`), a pipe is read.
    static func special(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFREG && status.st_mode & S_IFMT != S_IFDIR
    }

    /// The error for a special file found in a folder.
    static func skipped(_ path: String) -> InputError {
        InputError(path: path, "not a regular file (a FIFO, socket or device) in a -r folder: skipped")
    }

    /// The paths to read, in a deterministic order: arguments in the order given, each
    /// folder's files sorted by path; `walked`: those found in folders (not named).
    func paths(_ arguments: [String]) throws -> (paths: [String], walked: Set<String>) {
        var walked: Set<String> = []
        var paths: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if recursive, argument != "-", FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
                let found = walk(argument)
                paths += found
                walked.formUnion(found)
            } else {
                paths.append(argument)
            }
        }
        if let filesFrom {
            let data: Data
            if filesFrom == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: filesFrom) else {
                    throw ValidationError("--files-from \(filesFrom): cannot read the file")
                }
                data = contents
            }
            let separator: UInt8 = nullSeparated ? 0 : 0x0A
            for line in data.split(separator: separator) {
                var path = String(decoding: line, as: UTF8.self)
                if !nullSeparated, path.hasSuffix("\r") { path.removeLast() }
                if !path.isEmpty { paths.append(path) }
            }
        }
        return (paths, walked)
    }

    private func walk(_ folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [folder] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let path = (folder as NSString).appendingPathComponent(relative)
            if exclude.contains(where: { Self.matches($0, name) || Self.matches($0, relative) }) {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { enumerator.skipDescendants() }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if name.hasPrefix(".") { continue }
            if !include.isEmpty, !include.contains(where: { Self.matches($0, name) || Self.matches($0, relative) }) { continue }
            found.append(path)
        }
        return found.sorted()
    }

    static func matches(_ glob: String, _ name: String) -> Bool {
        fnmatch(glob, name, 0) == 0
    }
}

/// Runs a per-file job on `jobs` threads and hands the results back in input order, each
/// as soon as it and every file before it are done: output streams, and is the same
/// whatever the number of threads. At most a few results per thread wait to be printed.
final class BatchRunner<Result: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Int: Result] = [:]
    private var nextToStart = 0
    private var nextToEmit = 0
    private let count: Int
    private let window: Int

    init(count: Int, jobs: Int) {
        self.count = count
        window = max(jobs, 1) * 4
    }

    /// `work` runs on worker threads, each with its own state from `makeState`; `emit` runs
    /// on the calling thread, in order.
    func run<State>(jobs: Int, makeState: @escaping @Sendable () -> State, work: @escaping @Sendable (Int, State) -> Result, emit: (Int, Result) -> Void) {
        let threads = max(1, min(jobs, count))
        for _ in 0..<threads {
            let thread = Thread { [self] in
                let state = makeState()
                while true {
                    condition.lock()
                    while nextToStart < count, nextToStart >= nextToEmit + window { condition.wait() }
                    guard nextToStart < count else { condition.unlock(); return }
                    let index = nextToStart
                    nextToStart += 1
                    condition.unlock()
                    let result = work(index, state)
                    condition.lock()
                    results[index] = result
                    condition.broadcast()
                    condition.unlock()
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        while nextToEmit < count {
            condition.lock()
            while results[nextToEmit] == nil { condition.wait() }
            let result = results.removeValue(forKey: nextToEmit)!
            nextToEmit += 1
            condition.broadcast()
            condition.unlock()
            emit(nextToEmit - 1, result)
        }
    }
}

/// A one-line progress report on standard error, only when it is a terminal.
struct Progress {
    let total: Int
    let enabled: Bool

    init(total: Int) {
        self.total = total
        enabled = total > 1 && isatty(2) != 0
    }

    func update(_ done: Int, _ path: String) {
        guard enabled else { return }
        let line = "\r\u{1B}[K[\(done)/\(total)] \(DisplayWidth.truncate(path, to: 60))"
        FileHandle.standardError.write(Data(line.utf8))
        Console.progressShown = true
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        Console.progressShown = false
    }
}
