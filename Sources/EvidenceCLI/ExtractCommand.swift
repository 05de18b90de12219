import ArgumentParser
import EvidenceCore

/// `evidence extract`: what the seller promised, with quotes, lines, times and speakers.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "List the promises found in chat logs and listing text.",
        discussion: """
        Reads each FILE (- for standard input) as a chat log, one message
        per `2024-03-12 14:22:01 name: text` line, or as plain text such as
        a saved listing. Each finding cites file, line, time and speaker,
        the matched text and the whole message. Values are converted to
        cm, g, ml, pcs, days, hours, months, W, V or mAh.

        Examples:
          evidence extract samples/taobao-dress-chat.txt
          evidence extract --format json samples/*.txt \\
            | jq '.findings[] | select(.role == "seller")'
          evidence extract --format jsonl chat.txt \\
            | jq -c '{attribute, value, unit, line}'
          echo '长30cm，重1.2公斤，容量500毫升' | evidence extract --format jsonl -
          evidence extract --seller '示例旗舰店:小美' --encoding gb18030 ww.txt
          evidence extract --patterns my-patterns/ chat.txt

        Exit codes: 0 found at least one promise, 1 found none, 2 a file
        could not be read (the other files are still processed), 64 bad
        usage.
        """
    )

    @Argument(help: ArgumentHelp("Chat logs or listing text files; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: "Output: text (a table), json (one document) or jsonl (one finding per line).")
    var format: OutputFormat = .text

    @OptionGroup var input: InputOptions
    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        let extractor = Extractor(catalog: try catalog.load())
        let scratch = extractor.makeScratch()
        var printer: any FindingPrinter
        switch format {
        case .text: printer = TextPrinter(columns: Console.columns)
        case .json: printer = JSONDocumentPrinter()
        case .jsonl: printer = JSONLinesPrinter()
        }
        var failed = false
        var found = 0
        input.read(files, scratch: scratch) { error in
            failed = true
            Console.write(printer.error(error))
        } each: { log in
            let result = extractor.extract(log, scratch: scratch)
            for error in result.errors {
                failed = true
                Console.error(error.description)
                Console.write(printer.error(error))
            }
            found += result.findings.count
            Console.write(printer.file(FileSummary(log: log, findings: result.findings.count), findings: result.findings))
        }
        Console.write(printer.finish())
        if failed { throw ExitCode(ExitStatus.error) }
        if found == 0 { throw ExitCode(ExitStatus.negative) }
    }
}
