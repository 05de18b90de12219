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

/// The case a comparison or claim is about: the chats and listings holding the promises,
/// what the buyer measured, and the order's context.
struct CaseOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Chat logs or saved listings (the layout is detected; folders with -r).", valueName: "file"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("A chat log (repeatable).", valueName: "file"))
    var chat: [String] = []

    @Option(name: .long, help: ArgumentHelp("A saved listing page as text (repeatable); every line is the seller's.", valueName: "file"))
    var listing: [String] = []

    @Option(name: .long, help: ArgumentHelp("Your notes of what arrived, one thing per line, as you write them: `衣长 64`, `腰围只有70cm`, `胸围 平铺 52 ×2`, `洗标：涤纶100%` (repeatable; check with `evidence measurements`).", valueName: "file"))
    var measured: [String] = []

    @Option(name: .long, help: ArgumentHelp("One line of notes, read as a notes line is: 'length=28cm', '胸围 100厘米', '每箱 46 个' (repeatable).", valueName: "line"))
    var measure: [String] = []

    @Option(name: .long, help: ArgumentHelp("The size or variant ordered (XL, 42, 20寸); otherwise taken from the chat (我拍的XL).", valueName: "variant"))
    var variant: String?

    @Option(name: .long, help: ArgumentHelp("Override a tolerance: 'chest=2cm', 'weight=3%' (repeatable).", valueName: "attr=value"))
    var tolerance: [String] = []

    @Option(name: .long, help: ArgumentHelp("The kind of goods, for its default tolerances: mattress, bedding, rug_curtain, luggage_bag, drinkware… (`evidence patterns categories` lists them); otherwise inferred from the listing and the chat, or none.", valueName: "name"))
    var category: String?

    @Option(name: .long, help: ArgumentHelp("Platform: taobao, tmall, 1688, other, or one defined in a --patterns folder.", valueName: "name"))
    var platform = "taobao"

    @Option(name: .long, help: ArgumentHelp("What was paid for the order, in yuan (for 部分退款 amounts).", valueName: "yuan"))
    var price: Double?

    @Option(name: .long, help: ArgumentHelp("Date the goods were received, YYYY-MM-DD.", valueName: "date"))
    var received: String?

    @Option(name: .long, help: ArgumentHelp("When the order was placed: YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.", valueName: "date"))
    var ordered: String?

    @Option(name: .long, help: ArgumentHelp("When the seller shipped it (checked against 48小时内发货 promises).", valueName: "date"))
    var shipped: String?

    @Option(name: .long, help: ArgumentHelp("Pieces ordered, for a shortfall counted per carton or box (otherwise taken from the chat: 我要2000个, order 2,000 pcs).", valueName: "pieces"))
    var quantity: Double?

    @Option(name: .long, help: ArgumentHelp("Cartons ordered (otherwise from the chat: 订了40箱, or the pieces ordered over the pieces per carton).", valueName: "n"))
    var cartons: Double?

    @Option(name: .customLong("measured-on"), help: ArgumentHelp("When you measured the goods, YYYY-MM-DD (otherwise a dated line of the notes, 2024-03-15 到货实测, or left out of the timeline).", valueName: "date"))
    var measuredOn: String?

    @Option(name: .long, help: ArgumentHelp("change-of-mind: with nothing short, draft a no-reason return (七天无理由退货) where one applies.", valueName: "reason"))
    var reason: ClaimReason?

    @Flag(name: .long, help: "Stop with exit 2 when a line of the notes is not read (by default it is listed, and the rest goes on).")
    var strict = false

    @OptionGroup var selection: FileSelection
    @OptionGroup var input: InputOptions
    @OptionGroup var catalog: CatalogOptions

    /// The options that name one order's files or values, as given (a manifest has a column for each).
    var perOrder: [String] {
        let given: [(String, Bool)] = [
            ("the files", !files.isEmpty || selection.filesFrom != nil), ("--chat", !chat.isEmpty), ("--listing", !listing.isEmpty),
            ("--measured", !measured.isEmpty), ("--measure", !measure.isEmpty), ("--variant", variant != nil), ("--price", price != nil),
            ("--ordered", ordered != nil), ("--shipped", shipped != nil), ("--received", received != nil), ("--measured-on", measuredOn != nil),
            ("--quantity", quantity != nil), ("--cartons", cartons != nil),
        ]
        return given.filter(\.1).map(\.0)
    }

    func validate() throws {
        for date in [ordered, shipped].compactMap({ $0 }) where OrderDate.moment(date) == nil {
            throw ValidationError("dates are YYYY-MM-DD or 'YYYY-MM-DD HH:MM', not `\(date)`")
        }
        if shipped != nil, ordered == nil { throw ValidationError("--shipped needs --ordered, the time the order was placed") }
        for date in [received, measuredOn].compactMap({ $0 }) where OrderDate.moment(date) == nil || date.count != 10 {
            throw ValidationError("dates are YYYY-MM-DD, not `\(date)`")
        }
        if let price, price <= 0 { throw ValidationError("--price must be more than 0") }
        for (name, value) in [("--quantity", quantity), ("--cartons", cartons)] {
            if let value, value <= 0 || value != value.rounded() { throw ValidationError("\(name) must be a whole number of at least 1") }
        }
    }

    /// A case needs promises and measurements (checked in `run`, so that `claim --manifest`
    /// can do without them).
    func requireCase() throws {
        if files.isEmpty, chat.isEmpty, listing.isEmpty, selection.filesFrom == nil { throw ValidationError("give the chat logs or listings that hold the promises") }
        if measured.isEmpty, measure.isEmpty, shipped == nil, reason == nil {
            throw ValidationError("give what you measured: --measured FILE, --measure 'attr=value', or --ordered/--shipped dates (or --reason change-of-mind for a no-reason return)")
        }
    }

    /// The catalogue and the case loader for these options.
    func loader() throws -> CaseLoader {
        var overrides: [String: AppliedTolerance] = [:]
        let loaded = try catalog.load()
        for text in tolerance {
            let (attribute, applied) = try Self.parseTolerance(text, loaded.catalog.vocabulary)
            overrides[attribute] = applied
        }
        try Self.requirePlatform(platform, in: loaded.catalog)
        var chosen: ProductCategory?
        if let category {
            let categories = loaded.catalog.categories
            chosen = categories.first { [$0.id, $0.name.zh, $0.name.en].contains { $0.lowercased() == category.lowercased() } }
            guard chosen != nil else {
                throw ValidationError("unknown category `\(category)` (categories: \(categories.map(\.id).joined(separator: ", ")); more can be defined in a --patterns folder)")
            }
        }
        return try CaseLoader(patterns: loaded, input: input, overrides: overrides, strict: strict, category: chosen)
    }

    /// A platform the catalogue defines (bundled, or in a --patterns folder), or a usage error naming them.
    static func requirePlatform(_ id: String, in catalog: Catalog) throws {
        guard catalog.platforms[id] == nil else { return }
        throw ValidationError("unknown platform `\(id)` (platforms: \(catalog.platforms.keys.sorted().joined(separator: ", ")); more can be defined in a --patterns folder)")
    }

    /// The order size given on the command line, or nil.
    var orderSize: OrderSize? {
        guard quantity != nil || cartons != nil else { return nil }
        return OrderSize(pieces: quantity, cartons: cartons, source: [quantity.map { "--quantity \(NumberFormat.short($0))" }, cartons.map { "--cartons \(NumberFormat.short($0))" }].compactMap { $0 }.joined(separator: ", "))
    }

    /// Dates that cannot all be right (shipped before ordered): exit 2, naming both.
    func requireInOrder() throws {
        if let problem = OrderDate.outOfOrder([("--ordered", ordered), ("--shipped", shipped), ("--received", received), ("--measured-on", measuredOn)]) {
            Console.error("error: \(problem)")
            throw ExitCode(ExitStatus.error)
        }
    }

    func load() throws -> CaseLoader.Loaded {
        try requireCase()
        try requireInOrder()
        let loader = try loader()
        var measures: [Model.Measurement] = []
        for line in measure {
            do throws(InputError) {
                measures += try loader.reader.read(line, source: "--measure")
            } catch {
                throw ValidationError("--measure '\(line)': \(error.message)")
            }
        }
        let (paths, walked) = try selection.paths(files)
        let skipped = paths.filter { walked.contains($0) && FileSelection.special($0) }
        for path in skipped { Console.error(FileSelection.skipped(path).description) }
        var loaded = loader.load(chats: paths.filter { !skipped.contains($0) } + chat, listings: listing, measured: measured, extra: measures, variant: variant,
                                 ordered: ordered, shipped: shipped) { Console.error($0.description) }
        if !skipped.isEmpty { loaded.failed = true }
        return loaded
    }

    /// The claim's context for a case loaded from these options (the options' order size and
    /// date over the chat's and the notes').
    func context(_ loaded: CaseLoader.Loaded) -> ClaimContext {
        var context = ClaimContext(platform: platform, price: price, ordered: ordered, shipped: shipped, received: received, measuredOn: measuredOn ?? loaded.measuredOn,
                                   orderSize: orderSize ?? loaded.orderSize, chatFiles: loaded.chats, listingFiles: loaded.listings)
        context.notesFiles = measured
        loaded.fill(&context)
        context.asksNoReasonReturn = reason == .changeOfMind
        return context
    }

    /// `chest=2cm` → 2 cm on chest; `weight=3%` → 3 % of the promised weight.
    static func parseTolerance(_ text: String, _ vocabulary: Vocabulary) throws -> (String, AppliedTolerance) {
        let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let attribute = vocabulary.attributes[parts[0]]?.name ?? vocabulary.attribute(forAlias: parts[0])?.name else {
            throw ValidationError("--tolerance '\(text)': write attribute=value, e.g. chest=2cm or weight=3%")
        }
        let number = String(parts[1].prefix { $0.isNumber || $0 == "." })
        let unitText = parts[1].dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        guard let value = Double(number) else { throw ValidationError("--tolerance '\(text)': `\(parts[1])` is not a number with a unit") }
        let detail = "--tolerance \(text)"
        if unitText == "%" {
            return (attribute, AppliedTolerance(value: 0, percent: value, direction: .both, source: .user, detail: detail, verified: true))
        }
        guard let unit = vocabulary.unit(forAlias: unitText) else {
            throw ValidationError("--tolerance '\(text)': unknown unit `\(unitText)`")
        }
        return (attribute, AppliedTolerance(value: value * unit.factor, percent: nil, direction: .both, source: .user, detail: detail, verified: true))
    }
}

extension ClaimLanguage: ExpressibleByArgument {}

/// `--reason`: what the buyer asks for when nothing falls short.
enum ClaimReason: String, ExpressibleByArgument, CaseIterable {
    case changeOfMind = "change-of-mind"
}

/// Reads one case: chats and listings into findings, measurement files into measurements,
/// and compares them. Problems are reported through `report` and the rest goes on.
struct CaseLoader {
    let catalog: Catalog
    let input: InputOptions
    let overrides: [String: AppliedTolerance]
    let extractor: Extractor
    let scratch: MatchScratch
    let reader: MeasurementReader
    /// An unread notes line fails the case (`--strict`).
    let strict: Bool
    /// `--category`; otherwise each case's is inferred.
    let category: ProductCategory?

    init(patterns: PatternSet, input: InputOptions, overrides: [String: AppliedTolerance], strict: Bool, category: ProductCategory? = nil) throws {
        self.strict = strict
        self.category = category
        catalog = patterns.catalog
        self.input = input
        self.overrides = overrides
        extractor = Extractor(patterns)
        scratch = extractor.makeScratch()
        reader = try MeasurementReader(extractor: extractor, scratch: scratch)
    }

    struct Loaded {
        let comparison: Comparison
        let catalog: Catalog
        let chats: [String]
        let listings: [String]
        var failed: Bool
        /// The order's size as the chat states it, or nil.
        let orderSize: OrderSize?
        /// The day the notes say they were measured, or nil.
        let measuredOn: String?
        /// The chats and listings read, for the claim page's quotes in context.
        let logs: [ChatLog]
        /// Every line of the notes with where it was read, for damage reported in words.
        let notes: [Cited]
        let transactions: TransactionInference
        let scratch: MatchScratch

        /// The kind of purchase (the order's size in `pieces` when known) and the damage noted.
        func transaction(pieces: Double?) -> Transaction {
            transactions.infer(TransactionInference.texts(of: logs), pieces: pieces, notes: notes, scratch: scratch)
        }

        /// The case's details that come from the chats: the kind of purchase, and the files
        /// whose day/month order is an inference or undecided.
        func fill(_ context: inout ClaimContext) {
            context.transaction = transaction(pieces: context.orderSize?.pieces)
            for log in logs {
                if log.dateOrderBasis == .writing, let order = log.dateOrder { context.inferredDateOrders[log.path] = order.rawValue }
                if log.dateOrderBasis == .undecided { context.undecidedDateOrders.insert(log.path) }
            }
        }
    }

    /// `category`: this case's (a manifest's column), over `--category`; else inferred.
    func load(chats chatFiles: [String], listings listingFiles: [String], measured: [String], extra: [Model.Measurement] = [],
              variant: String?, category caseCategory: ProductCategory? = nil, ordered: String? = nil, shipped: String? = nil,
              report: (InputError) -> Void) -> Loaded {
        var failed = false
        var findings: [Finding] = []
        var chats: [String] = [], listings: [String] = []
        var texts: [(text: String, title: Bool)] = []
        var logs: [ChatLog] = []
        var listingInput = input
        listingInput.inputFormat = "listing"
        for (files, options) in [(chatFiles, input), (listingFiles, listingInput)] {
            let reader = options.reader(folding: catalog.vocabulary.folding)
            for path in files {
                do throws(InputError) {
                    var log = try InputOptions.load(path, encoding: options.encoding, reader: reader, scratch: scratch)
                    if log.format == "plain-text", options.inputFormat == nil {
                        // Text with no chat in it, given as a source of promises, is the seller's own text.
                        log = try InputOptions.load(path, encoding: options.encoding, reader: listingInput.reader(folding: catalog.vocabulary.folding), scratch: scratch)
                        Console.error("\(log.path): warning: no chat layout recognised: read as the seller's text, like a listing (--chat with --input-format to read it otherwise)")
                    }
                    if log.format == "listing" { listings.append(log.path) } else { chats.append(log.path) }
                    for warning in log.warnings { Console.error("\(log.path): warning: \(warning)") }
                    texts += CategoryInference.texts(of: [log])
                    logs.append(log)
                    let result = extractor.extract(log, scratch: scratch)
                    for error in result.errors { report(error); failed = true }
                    findings += result.findings
                } catch {
                    report(error)
                    failed = true
                }
            }
        }
        var measurements: [Model.Measurement] = []
        var unread: [NoteLine] = []
        var measuredOn: String?
        var notes: [Cited] = []
        for path in measured {
            do throws(InputError) {
                let (name, text) = try InputReader.read(path)
                let written = String(decoding: text.bytes, as: UTF8.self)
                notes += written.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { Cited(String($0.element), source: "\(name):\($0.offset + 1)") }
                let result = reader.read(path: name, text: written)
                for line in result.unread {
                    Console.error("\(line.path):\(line.line): not read: \(line.unreadReason ?? ""): `\(line.text)`")
                }
                if strict, !result.unread.isEmpty { failed = true }
                unread += result.unread
                measurements += result.measurements
                measuredOn = measuredOn ?? result.measuredOn
            } catch {
                report(error)
                failed = true
            }
        }
        measurements += extra
        let orderedVariant = variant.map { OrderedVariant(value: $0, source: "--variant") } ?? VariantInference.ordered(in: findings, logs: logs, vocabulary: catalog.vocabulary)
            ?? VariantInference.nearest(findings, measurements)
        let chosen = (caseCategory ?? category).map { CategoryChoice(category: $0, words: []) } ?? extractor.patternSet.categories.infer(texts, scratch: scratch)
        var comparison = Comparer(catalog: catalog, overrides: overrides, category: chosen).compare(findings: findings, measurements: measurements, variant: orderedVariant,
                                                                                  ordered: ordered, shipped: shipped)
        comparison.unread = unread
        return Loaded(comparison: comparison, catalog: catalog, chats: chats, listings: listings, failed: failed,
                      orderSize: OrderSize.stated(in: findings), measuredOn: measuredOn, logs: logs, notes: notes,
                      transactions: extractor.patternSet.transactions, scratch: scratch)
    }
}
