import ArgumentParser
import EvidenceCore

/// `evidence compare`: promises against measurements, attribute by attribute.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare what the seller promised with what you measured.",
        discussion: """
        For every promised attribute: the promise (value, range, its quote,
        time and speaker), the measurement, the difference, the tolerance and
        where it comes from (--tolerance, else the seller's own 误差1-3cm, else
        a documented default marked verified or not), and a verdict: matches,
        within_tolerance, mismatch, not_measured, measured_not_promised.
        Size-chart promises are matched to the size ordered (--variant, else
        what the buyer said: 我拍的XL). When the chat and the listing disagree,
        both are shown and the one more favourable to the buyer is used.

        Examples:
          evidence compare samples/taobao-dress-chat.txt \\\\
            --listing samples/listing-dress.txt --measured samples/measured-dress.txt
          evidence compare chat.txt --measure 'length=28cm' --measure '重量 980g'
          evidence compare chat.txt --measured m.txt --variant XL --tolerance chest=2cm
          evidence compare chat.txt --measured m.txt --format json | jq '.items[] | select(.verdict == "mismatch")'

        Exit codes: 0 nothing falls short, 1 something does, 2 a file or
        measurement could not be read, 64 bad usage.
        """
    )

    @OptionGroup var inputs: CaseOptions

    @Option(name: .long, help: "Output: text, json or markdown.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument { case text, json, markdown }

    func run() throws {
        let (comparison, catalog, _, _, failed) = try inputs.load()
        let printer = ComparisonPrinter(vocabulary: catalog.vocabulary)
        switch format {
        case .text: Console.write(printer.text(comparison, columns: Console.columns))
        case .json: Console.write(printer.json(comparison))
        case .markdown: Console.write(printer.markdown(comparison))
        }
        if failed { throw ExitCode(ExitStatus.error) }
        if comparison.hasDiscrepancy { throw ExitCode(ExitStatus.negative) }
    }
}

/// `evidence claim`: the claim to file, drafted from the comparison.
struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Draft the refund claim: reason label, remedy, description, quotes, timeline, evidence.",
        discussion: """
        Picks the platform's reason label for the strongest discrepancy
        (尺寸/材质/少件/发错货…), the refund to ask for (退货退款, 部分退款 with
        an amount from --price, 补寄), a description that fits the form (the
        limit used is printed), the seller's exact words with file, line and
        time, a timeline and the evidence still to attach. Every sentence comes
        from a finding or a measurement.

        Examples:
          evidence claim samples/taobao-dress-chat.txt --listing samples/listing-dress.txt \\\\
            --measured samples/measured-dress.txt --price 189 --received 2024-03-15
          evidence claim --platform 1688 --chat samples/1688-bulk-order-chat.txt \\\\
            --measure '每箱 46 个' --price 1000 --lang zh --format text
          evidence claim chat.txt --measured m.txt --format json > claim.json

        Exit codes: 1 a claim was drafted (something falls short), 0 nothing
        falls short (it says so), 2 a file or measurement could not be read,
        64 bad usage.
        """
    )

    @OptionGroup var inputs: CaseOptions

    @Option(name: .long, help: "Platform: taobao, tmall, 1688 or other.")
    var platform: Platform = .taobao

    @Option(name: .long, help: ArgumentHelp("What was paid for the order, in yuan (for 部分退款 amounts).", valueName: "yuan"))
    var price: Double?

    @Option(name: .long, help: ArgumentHelp("Order date, YYYY-MM-DD.", valueName: "date"))
    var ordered: String?

    @Option(name: .long, help: ArgumentHelp("Date the goods were received, YYYY-MM-DD.", valueName: "date"))
    var received: String?

    @Option(name: .long, help: "Language of the claim: zh, en or both.")
    var lang: ClaimLanguage = .both

    @Option(name: .long, help: "Output: markdown, text or json.")
    var format: Format = .markdown

    enum Format: String, ExpressibleByArgument { case markdown, text, json }

    func validate() throws {
        for date in [ordered, received].compactMap({ $0 }) where date.count != 10 || date.split(separator: "-").count != 3 {
            throw ValidationError("dates are YYYY-MM-DD, not `\(date)`")
        }
        if let price, price <= 0 { throw ValidationError("--price must be more than 0") }
    }

    func run() throws {
        let (comparison, catalog, chats, listings, failed) = try inputs.load()
        let context = ClaimContext(platform: platform.rawValue, price: price, ordered: ordered, received: received, chatFiles: chats, listingFiles: listings)
        guard let claim = ClaimBuilder(catalog: catalog).draft(comparison, context: context) else {
            let message = "no discrepancy: everything measured is as promised or within tolerance, so there is nothing to claim / 未发现与描述不符之处，无需申请"
            switch format {
            case .json:
                var writer = JSONWriter()
                writer.beginObject()
                writer.field("schema", claimSchema)
                writer.field("discrepancy", false)
                writer.field("message", message)
                writer.endObject()
                writer.newline()
                Console.write(writer.bytes)
            case .markdown, .text:
                Console.write(ComparisonPrinter(vocabulary: catalog.vocabulary).text(comparison, columns: Console.columns) + "\n" + message + "\n")
            }
            if failed { throw ExitCode(ExitStatus.error) }
            return
        }
        let printer = ClaimPrinter(vocabulary: catalog.vocabulary, language: lang)
        switch format {
        case .markdown: Console.write(printer.markdown(claim))
        case .text: Console.write(printer.text(claim))
        case .json: Console.write(printer.json(claim))
        }
        throw ExitCode(failed ? ExitStatus.error : ExitStatus.negative)
    }
}
