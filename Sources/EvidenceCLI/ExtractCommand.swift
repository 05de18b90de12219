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

/// `evidence extract`: what the seller promised, with quotes, lines, times and speakers.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "List the promises found in chat logs and listing text.",
        discussion: """
        Reads each FILE (- for standard input) in whatever layout its chat
        app or exporter wrote, or as a saved listing (see `evidence messages
        --help`). Each finding cites file, line, time and speaker, the
        matched text and the message, and says whether it is the seller's
        promise. Values are converted to cm, g, ml, m2, pcs, days, hours,
        months, W, V, A, mAh or Wh. Every number with a unit is found, in any
        wording (5 ft 2 in, 一吨半, 1.5万毫安, `Weight (kg): 20`, a 3-inch-thick
        pad); one no attribute word names has `attribute: null`. A figure the
        seller takes back (说错了，是45cm; correction: …) is `corrected`, not a
        promise.

        Examples:
          evidence extract samples/taobao-dress-chat.txt
          evidence extract --format json samples/*.txt \\
            | jq '.findings[] | select(.role == "seller")'
          evidence extract --format jsonl chat.txt \\
            | jq -c '{attribute, value, unit, line}'
          echo '长30cm，重1.2公斤，容量500毫升' | evidence extract --format jsonl -
          echo 'height 5 ft 2 in, a 10-gallon tank' | evidence extract -
          printf '%s\\n' '2025-03-01 10:00 A旗舰店: 厚1.8cm' \\
            '2025-03-01 10:05 A旗舰店: 说错了，是1.5cm' \\
            | evidence extract -
          evidence extract --seller '示例旗舰店:小美' --encoding gb18030 ww.txt
          evidence extract --patterns my-patterns/ chat.txt
          evidence extract -r --include '*.txt' --format jsonl --summary chats/
          find chats -name '*.txt' -print0 \\
            | evidence extract --files-from - -0 -j 4 --format jsonl

        A file of 32 MiB or more is read in parts of 4 MiB cut between
        messages, with findings as from the whole file; in jsonl they are
        printed part by part, so memory stays flat.

        Exit codes: 0 found at least one finding (a promise, a buyer's
        question, a figure whose speaker is unknown), 1 found none, 2 a file
        could not be read (the other files are still processed), 64 bad
        usage. Count promises with jq 'select(.promise)'.
        """
    )

    @Argument(help: ArgumentHelp("Chat logs or listing text files (folders with -r); - reads standard input.", valueName: "file"))
    var files: [String] = []

    @Option(name: .long, help: "Output: text (a table), json (one document) or jsonl (one finding per line).")
    var format: OutputFormat = .text

    @Option(name: [.short, .customLong("jobs")], help: "Files read in parallel (default and most: the cores of this machine). Output order does not change.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "End with per-file and total counts (a `\"type\":\"summary\"` object in jsonl).")
    var summary = false

    @OptionGroup var selection: FileSelection
    @OptionGroup var input: InputOptions
    @OptionGroup var catalog: CatalogOptions

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if files.isEmpty, selection.filesFrom == nil { throw ValidationError("give files to read (or - for standard input, or --files-from)") }
    }

    /// What one file gave, handed from a worker thread to the printer.
    struct FileResult: Sendable {
        let path: String
        let summary: FileSummary?
        var findings: [Finding]
        let errors: [InputError]
        let warnings: [String]
        /// A long file, read in parts by the printing thread so its findings stream.
        var inParts = false
        /// JSON Lines rendered on the worker thread (then `findings` is empty: only its counts are kept).
        var rendered: [UInt8]?
        var counts = (findings: 0, promises: 0)
    }

    func run() throws {
        let extractor = Extractor(try catalog.load(readsNotes: false))
        let (paths, walked) = try selection.paths(files)
        // More threads than cores only hold more files in memory at once.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if jobs > cores { Console.error("warning: -j \(jobs): \(cores) used, the cores of this machine") }
        let jobs = min(jobs, cores)
        let reader = input.reader(folding: extractor.catalog.vocabulary.folding)
        let encoding = input.encoding
        var printer: any FindingPrinter
        switch format {
        case .text: printer = TextPrinter(columns: Console.columns)
        case .json: printer = JSONDocumentPrinter()
        case .jsonl: printer = JSONLinesPrinter()
        }
        var totals = BatchSummary()
        let progress = Progress(total: paths.count)
        let partScratch = extractor.makeScratch()
        BatchRunner<FileResult>(count: paths.count, jobs: jobs).run(jobs: jobs, makeState: { extractor.makeScratch() }, work: { index, scratch in
            do throws(InputError) {
                if walked.contains(paths[index]), FileSelection.special(paths[index]) { throw FileSelection.skipped(paths[index]) }
                if ChatFileParts.isLong(paths[index]) {
                    return FileResult(path: paths[index], summary: nil, findings: [], errors: [], warnings: [], inParts: true)
                }
                let log = try InputOptions.load(paths[index], encoding: encoding, reader: reader, scratch: scratch)
                let result = extractor.extract(log, scratch: scratch)
                let summary = FileSummary(log: log, findings: result.findings.count)
                var file = FileResult(path: log.path, summary: summary, findings: result.findings, errors: result.errors, warnings: log.warnings)
                file.counts = (result.findings.count, result.findings.filter(\.isPromise).count)
                if format == .jsonl {
                    // Rendered here, in parallel; the printing thread only writes it out.
                    var lines = JSONLinesPrinter()
                    file.rendered = lines.file(summary, findings: result.findings)
                    file.findings = []
                }
                return file
            } catch {
                return FileResult(path: paths[index], summary: nil, findings: [], errors: [error], warnings: [])
            }
        }, emit: { index, result in
            progress.update(index + 1, result.path)
            if result.inParts {
                extractInParts(result.path, extractor: extractor, reader: reader, scratch: partScratch, printer: &printer, totals: &totals)
                return
            }
            for warning in result.warnings { Console.error("\(result.path): warning: \(warning)") }
            for error in result.errors { Self.report(error, &printer) }
            if let rendered = result.rendered {
                Console.write(rendered)
            } else if let file = result.summary {
                Console.write(printer.file(file, findings: result.findings))
            }
            totals.add(path: result.path, findings: result.counts.findings, promises: result.counts.promises, failed: !result.errors.isEmpty, read: result.summary != nil)
        })
        progress.finish()
        Console.write(printer.finish(summary: summary ? totals : nil))
        if totals.failed > 0 { throw ExitCode(ExitStatus.error) }
        if totals.findings == 0 { throw ExitCode(ExitStatus.negative) }
    }

    /// A file's error: one line on standard error, and the printer's record of it.
    private static func report(_ error: InputError, _ printer: inout any FindingPrinter) {
        Console.error(error.description)
        Console.write(printer.error(error))
    }

    /// Extracts a long file part by part (`ChatFileParts`): each part's own findings are
    /// printed as they come when the printer streams, so memory stays flat.
    private func extractInParts(_ path: String, extractor: Extractor, reader: ChatReader, scratch: MatchScratch,
                                printer: inout any FindingPrinter, totals: inout BatchSummary) {
        guard var parts = ChatFileParts(path: path, encoding: input.encoding, reader: reader) else {
            Self.report(InputError(path: path, "cannot read the file (permission denied?)"), &printer)
            totals.add(path: path, findings: 0, promises: 0, failed: true, read: false)
            return
        }
        var first: ChatLog?
        var held: [Finding] = []
        var (messages, found, promised, failed) = (0, 0, 0, false)
        var warnings: [String] = []
        do {
            while let part = try parts.next(scratch: scratch) {
                if first == nil { first = part.log }
                for warning in part.warnings { Console.error("\(path): warning: \(warning)") }
                warnings += part.warnings
                let result = extractor.extract(part.log, scratch: scratch)
                for error in result.errors where part.owns(error.line ?? 0) || (error.line == nil && part.isLast) {
                    Self.report(error, &printer)
                    failed = true
                }
                let own = result.findings.filter { part.owns($0.messageLine) }
                messages += part.log.messages.filter { part.owns($0.line) }.count
                found += own.count
                promised += own.filter(\.isPromise).count
                if let bytes = printer.part(own) { Console.write(bytes) } else { held += own }
            }
        } catch {
            Self.report(error, &printer)
            failed = true
        }
        if let first {
            Console.write(printer.file(FileSummary(log: first, messages: messages, findings: found, warnings: warnings), findings: held))
        }
        totals.add(path: path, findings: found, promises: promised, failed: failed, read: first != nil)
    }
}
