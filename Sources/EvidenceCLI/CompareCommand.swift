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

/// `evidence compare`: promises against measurements, attribute by attribute.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare what the seller promised with what you measured.",
        discussion: """
        For every promised attribute: the promise (value, range, its quote,
        time and speaker), the measurement, the difference, the tolerance and
        where it comes from (--tolerance, else the seller's own 误差1-3cm, else
        the default of the product's category, else a general default, each
        marked verified or not), and a verdict: matches, within_tolerance,
        mismatch (strong, or weak: outside the seller's tolerance but within
        the category's), not_measured, measured_not_promised. The category is
        --category NAME or inferred from the listing and chat (床垫, 地毯, 双肩包…;
        `evidence patterns categories` lists them). A difference no more than
        a tape reads (±0.5 cm from 10 cm up) is no mismatch on its own.
        Promises made for a size or model count only for the one ordered
        (--variant, else what the buyer said: 我拍的XL, 要90的, ordering the
        24 oz); figures about the buyer (我一米八五), a carton (外箱尺寸), another
        model (其他规格) or a load (承重) are never compared with the item's. Like
        is paired with like, and every inference is said: sides of an unlabelled
        tuple paired by size, a count taken per carton, an adjustable range
        (升降范围 72-120cm) measured at its ends (`桌面高度 最低 72cm`). When the
        chat and the listing disagree, both are shown and the one more
        favourable to the buyer is used.

        Examples:
          evidence compare samples/taobao-dress-chat.txt \\
            --listing samples/listing-dress.txt --measured samples/measured-dress.txt
          evidence compare chat.txt --measure 'length=28cm' --measure '重量 980g'
          evidence compare chat.txt --measured m.txt --variant XL --tolerance chest=2cm
          evidence compare rug-chat.txt --measured rug-notes.txt --category rug_curtain
          evidence compare chat.txt --measured m.txt --platform 1688 --price 900   (claim's options)
          evidence compare desk-chat.txt --measure '桌面高度 最低 72cm' --measure '桌面高度 最高 113cm'
          evidence compare chat.txt --ordered 2024-03-12 --shipped 2024-03-16   # 48小时内发货?
          evidence compare chat.txt --measured m.txt --format json | jq '.items[] | select(.verdict == "mismatch")'

        A notes line with nothing to compare (a remark) is listed as not read
        and the rest goes on; --strict makes that exit 2. Check the notes first
        with `evidence measurements FILE`.

        Exit codes: 0 nothing falls short, 1 something does, 2 a file could not
        be read (or, with --strict, a notes line), 64 bad usage.
        """
    )

    @OptionGroup var inputs: CaseOptions

    @Option(name: .long, help: "Output: text, json or markdown.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument { case text, json, markdown }

    func run() throws {
        let loaded = try inputs.load()
        let (comparison, failed) = (loaded.comparison, loaded.failed)
        let printer = ComparisonPrinter(vocabulary: loaded.catalog.vocabulary)
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
        Opens with the strategy: the kind of purchase (retail, bulk, custom,
        sample: inferred from the chat's words, each quoted), the case (not as
        described, damaged on arrival from a notes line, change of mind), the
        platform's path (Taobao: apply, then 客服介入; 1688: negotiate first
        around the spec confirmation), deadlines, weak points and the evidence
        set. Picks the platform's reason label for the strongest discrepancy
        (尺寸/颜色/材质/少件/发错货/未按约定时间发货…), the refund to ask for (退货退款, 部分退款 with
        an amount from --price, 补寄), a description that fits the form (the
        limit used is printed), the seller's exact words with file, line and
        time, a timeline and the evidence still to attach. Every sentence comes
        from a finding or a measurement. Strong discrepancies lead; when every
        one is weak (within the category's default tolerance) the claim says
        so and asks for a negotiated partial refund, not a full return.

        Examples:
          evidence claim samples/taobao-dress-chat.txt \\
            --listing samples/listing-dress.txt --measured samples/measured-dress.txt \\
            --price 189 --received 2024-03-15
          evidence claim --platform 1688 --chat samples/1688-bulk-order-chat.txt \\
            --measure '每箱 46 个' --price 1000 --lang zh --format text
          evidence claim chat.txt --measured m.txt --format json > claim.json
          evidence claim chat.txt --measure '衣长 97cm' --received 2024-03-15 \
            --reason change-of-mind
            (nothing short, but 七天无理由: a no-reason return, its last day)
          evidence claim chat.txt --measured m.txt --format html > claim.html
            (one page to open or print: charts, quotes in their chat, timeline)
          evidence claim chat.txt --measured m.txt --patterns mine/ --platform pdd
            (a platform defined in mine/*.yaml: its labels, remedies and rules)
          evidence claim chat.txt --ordered 2024-03-12 --shipped 2024-03-16
          evidence claim chat.txt --measured m.txt --measured-on 2024-03-16
            (the day measured, for the timeline; else a dated line of the
             notes, else none: it is never taken to be --received)
          evidence claim --manifest orders.csv --out claims/
            (columns: id, platform, chat, listing, measurements, price,
             variant, category, ordered, shipped, received, measured_on,
             quantity, cartons; writes claims/<id>.md and index.csv; with
             --format html, claims/<id>.html and a sortable index.html)
          evidence claim --platform 1688 --chat order.txt --measure '每箱 46 个' \\
            --price 5000 --quantity 2000
            (4 short per carton of 50, over 2000 ÷ 50 = 40 cartons: 160 pieces,
             ¥5000 × 160/2000 = ¥400; the order size is also read from the chat)

        A promise the seller only confirmed quotes the buyer's question and
        the seller's answer, each with its speaker; the text for the
        platform names who said it and when, never a file (docs/claim.md).

        Exit codes: 1 a claim was drafted (something falls short), 0 no
        claim (it says why: nothing falls short, or what could not be
        compared), 2 a file could not be read (or, with --strict, a notes
        line, or dates out of order), 64 bad usage.
        """
    )

    @OptionGroup var inputs: CaseOptions

    @Option(name: .long, help: "Language of the claim: zh, en or both.")
    var lang: ClaimLanguage = .both

    @Option(name: .long, help: "Output: markdown, text, json or html (one self-contained page; with --manifest, an index.html too).")
    var format: Format = .markdown

    @Option(name: .long, help: ArgumentHelp("A CSV of orders (\(ManifestOrder.known.joined(separator: ", "))): one claim each, written to --out.", valueName: "orders.csv"))
    var manifest: String?

    @Option(name: .long, help: ArgumentHelp("The folder --manifest writes the claims and index.csv / index.json into.", valueName: "dir"))
    var out: String?

    enum Format: String, ExpressibleByArgument {
        case markdown, text, json, html

        var fileExtension: String { self == .markdown ? "md" : self == .text ? "txt" : rawValue }
    }

    func validate() throws {
        if manifest != nil, out == nil { throw ValidationError("--manifest needs --out DIR for the claims") }
        if manifest == nil, out != nil { throw ValidationError("--out is the folder of --manifest's claims: give --manifest orders.csv, or drop --out (one claim goes to standard output)") }
        if manifest != nil, let given = inputs.perOrder.first {
            throw ValidationError("--manifest takes each order's files and values from its columns: drop \(given) (or run the order alone without --manifest)")
        }
    }

    func run() throws {
        if let manifest, let out {
            try runManifest(manifest, out: out)
            return
        }
        let loaded = try inputs.load()
        let context = inputs.context(loaded)
        let builder = ClaimBuilder(catalog: loaded.catalog)
        let claim = builder.draft(loaded.comparison, context: context)
        Console.write(render(claim, loaded, strategy: claim?.strategy ?? builder.strategy(loaded.comparison, context: context), title: nil))
        if loaded.failed { throw ExitCode(ExitStatus.error) }
        if claim != nil { throw ExitCode(ExitStatus.negative) }
    }

    /// The claim in the chosen format, or the comparison and "nothing to claim".
    func render(_ claim: ClaimDraft?, _ loaded: CaseLoader.Loaded, strategy: Strategy?, title: String?) -> String {
        let (comparison, catalog) = (loaded.comparison, loaded.catalog)
        if format == .html { return ClaimPage(vocabulary: catalog.vocabulary, language: lang, logs: loaded.logs).html(claim, comparison, strategy: strategy, title: title) }
        let printer = ClaimPrinter(vocabulary: catalog.vocabulary, language: lang)
        guard let claim else {
            switch format {
            case .json:
                var writer = JSONWriter()
                writer.beginObject()
                writer.field("schema", claimSchema)
                writer.field("discrepancy", false)
                writer.field("complete", ComparisonPrinter.complete(comparison))
                writer.field("message", ComparisonPrinter.noClaim(comparison))
                writer.strings("warnings", comparison.warnings)
                if let strategy { ClaimPrinter.write(strategy, into: &writer) }
                writer.endObject()
                writer.newline()
                return String(decoding: writer.bytes, as: UTF8.self)
            case .markdown, .text, .html:
                return ComparisonPrinter(vocabulary: catalog.vocabulary).text(comparison, columns: 160) + "\n" + ComparisonPrinter.noClaim(comparison) + "\n"
                    + (strategy.map { "\n" + printer.text($0) } ?? "")
            }
        }
        switch format {
        case .markdown: return printer.markdown(claim)
        case .text: return printer.text(claim)
        case .json: return String(decoding: printer.json(claim), as: UTF8.self)
        case .html: return ""
        }
    }

    /// One claim per order of a CSV manifest, and an index of verdicts.
    func runManifest(_ manifest: String, out: String) throws {
        let loader = try inputs.loader()
        let rows: ManifestOrder.Rows
        do {
            rows = try ManifestOrder.read(manifest, platforms: loader.catalog.platforms.keys.sorted(), categories: loader.catalog.categories.map(\.id))
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch let error as InputError {
            Console.error(error.description)
            throw ExitCode(ExitStatus.error)
        } catch {
            Console.error("\(out): cannot create the folder (\(error.localizedDescription))")
            throw ExitCode(ExitStatus.error)
        }
        // A bad row is reported and left out; every other order is still written.
        var index = rows.rejected.map { row in
            Console.error(row.error.description)
            return ManifestOrder.Outcome(line: row.line, id: row.id ?? "", platform: nil, claim: nil, comparison: nil, file: nil, problems: [row.error.description])
        }
        let names = ManifestOrder.fileNames(rows.orders.map(\.id))
        for (order, name) in zip(rows.orders, names) {
            var problems: [String] = []
            let loaded = loader.load(chats: order.chats, listings: order.listings, measured: order.measurements, variant: order.variant,
                                     category: order.category.flatMap { id in loader.catalog.categories.first { $0.id == id } },
                                     ordered: order.ordered, shipped: order.shipped) { error in
                Console.error("\(manifest):\(order.line): order \(order.id): \(error.description)")
                problems.append(error.description)
            }
            var context = ClaimContext(platform: order.platform ?? inputs.platform, price: order.price, ordered: order.ordered, shipped: order.shipped, received: order.received,
                                       measuredOn: order.measuredOn ?? loaded.measuredOn, orderSize: order.orderSize ?? loaded.orderSize,
                                       chatFiles: loaded.chats, listingFiles: loaded.listings)
            context.notesFiles = order.measurements
            loaded.fill(&context)
            let builder = ClaimBuilder(catalog: loader.catalog)
            let claim = builder.draft(loaded.comparison, context: context)
            let fileName = name + "." + format.fileExtension
            if name != ManifestOrder.plainName(order.id) {
                Console.error("\(manifest):\(order.line): order \(order.id): written as \(fileName): its id makes the same file name as another order's or the index's")
            }
            var file: String? = (out as NSString).appendingPathComponent(fileName)
            do throws(InputError) {
                try SafeFile.write(Array(render(claim, loaded, strategy: claim?.strategy ?? builder.strategy(loaded.comparison, context: context), title: order.id).utf8),
                                   named: fileName, in: out)
            } catch {
                Console.error(error.description)
                problems.append(error.description)
                file = nil
            }
            index.append(ManifestOrder.Outcome(line: order.line, id: order.id, platform: order.platform, claim: claim, comparison: loaded.comparison, file: file, problems: problems))
        }
        index.sort { $0.line < $1.line }
        do throws(InputError) {
            try ManifestOrder.writeIndex(index, to: out)
            if format == .html {
                let page = ClaimPage(vocabulary: loader.catalog.vocabulary, language: lang, logs: []).index(index.map(ManifestOrder.indexRow))
                try SafeFile.write(Array(page.utf8), named: "index.html", in: out)
            }
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.error)
        }
        let drafted = index.filter { $0.claim != nil }.count
        Console.error("\(index.count) order\(index.count == 1 ? "" : "s"): \(drafted) claim\(drafted == 1 ? "" : "s") drafted, \(index.filter { !$0.problems.isEmpty }.count) with problems; index in \(out)/index.csv")
        if index.contains(where: { !$0.problems.isEmpty }) { throw ExitCode(ExitStatus.error) }
        if drafted > 0 { throw ExitCode(ExitStatus.negative) }
    }
}
