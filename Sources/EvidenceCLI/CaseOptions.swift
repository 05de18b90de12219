import ArgumentParser
import EvidenceCore
import Foundation

/// The case a comparison or claim is about: the chats and listings holding the promises,
/// what the buyer measured, and the order's context.
struct CaseOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Chat logs or saved listings (the layout is detected).", valueName: "file"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("A chat log (repeatable).", valueName: "file"))
    var chat: [String] = []

    @Option(name: .long, help: ArgumentHelp("A saved listing page as text (repeatable); every line is the seller's.", valueName: "file"))
    var listing: [String] = []

    @Option(name: .long, help: ArgumentHelp("A file of measurements, one per line: `衣长 64cm`, `weight 980 g`, `material: 65% cotton 35% polyester` (repeatable).", valueName: "file"))
    var measured: [String] = []

    @Option(name: .long, help: ArgumentHelp("One measurement, e.g. 'length=28cm' or '胸围=100厘米' (repeatable).", valueName: "attr=value"))
    var measure: [String] = []

    @Option(name: .long, help: ArgumentHelp("The size or variant ordered (XL, 42, 20寸); otherwise taken from the chat (我拍的XL).", valueName: "variant"))
    var variant: String?

    @Option(name: .long, help: ArgumentHelp("Override a tolerance: 'chest=2cm', 'weight=3%' (repeatable).", valueName: "attr=value"))
    var tolerance: [String] = []

    @OptionGroup var input: InputOptions
    @OptionGroup var catalog: CatalogOptions

    func validate() throws {
        if files.isEmpty, chat.isEmpty, listing.isEmpty { throw ValidationError("give the chat logs or listings that hold the promises") }
        if measured.isEmpty, measure.isEmpty { throw ValidationError("give what you measured: --measured FILE or --measure 'attr=value'") }
    }

    /// Everything a comparison needs; `failed` when a file or measurement could not be read
    /// (each reported on stderr as one line).
    func load() throws -> (comparison: Comparison, catalog: Catalog, chats: [String], listings: [String], failed: Bool) {
        let loaded = try catalog.load()
        let extractor = Extractor(catalog: loaded)
        let scratch = extractor.makeScratch()
        var failed = false
        var findings: [Finding] = []
        var chats: [String] = [], listings: [String] = []
        var listingInput = input
        listingInput.inputFormat = "listing"
        let groups: [(files: [String], options: InputOptions)] = [(files + chat, input), (listing, listingInput)]
        for group in groups {
            group.options.read(group.files, scratch: scratch) { _ in failed = true } each: { log in
                if log.format == "listing" { listings.append(log.path) } else { chats.append(log.path) }
                let result = extractor.extract(log, scratch: scratch)
                for error in result.errors { Console.error(error.description); failed = true }
                findings += result.findings
            }
        }
        let reader = MeasurementReader(extractor: extractor, scratch: scratch)
        var measurements: [EvidenceCore.Measurement] = []
        for path in measured {
            do {
                let (name, text) = try InputReader.read(path)
                let result = reader.read(path: name, text: String(decoding: text.bytes, as: UTF8.self))
                for error in result.errors { Console.error(error.description); failed = true }
                measurements += result.measurements
            } catch {
                Console.error(error.description)
                failed = true
            }
        }
        for line in measure {
            do throws(InputError) {
                measurements += try reader.read(line, source: "--measure")
            } catch {
                throw ValidationError("--measure '\(line)': \(error.message)")
            }
        }
        var overrides: [String: AppliedTolerance] = [:]
        for text in tolerance {
            let (attribute, applied) = try Self.parseTolerance(text, loaded.vocabulary)
            overrides[attribute] = applied
        }
        let comparison = Comparer(catalog: loaded, overrides: overrides).compare(findings: findings, measurements: measurements, variant: variant)
        return (comparison, loaded, chats, listings, failed)
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

/// Platforms a claim can be written for.
enum Platform: String, ExpressibleByArgument, CaseIterable {
    case taobao, tmall, _1688 = "1688", other
}

extension ClaimLanguage: ExpressibleByArgument {}
