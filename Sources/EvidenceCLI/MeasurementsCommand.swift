import ArgumentParser
import ChatModel
import Extraction
import Model
import Output
import Reading

/// `evidence measurements`: how each line of the buyer's notes is read, to check before filing.
struct MeasurementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measurements",
        abstract: "Show how each line of your measurement notes is read: attribute, part, value, unit.",
        discussion: """
        Notes are written as you would write them for yourself, one thing per
        line, in Chinese or English: `衣长 68cm`, `袖长 58` (no unit: the
        promise's unit is used), `胸围（平铺腋下×2）108`, `bust flat 51 x2`,
        `提手长 28cm`, `洗标写的是涤纶100%`, `每盒数了只有11支`, `pcs per ctn: 46`,
        `weighed 1.4 lb on a kitchen scale`, several readings on one line
        (`称了3个：48.2g、48.5、47.9g`), the size sold then its readings
        (`500mm的：499.8 / 500.2`). A heading that names a size (`20 kg:`,
        `L码：`) names the goods measured in the lines under it, until a blank
        line: with two sizes ordered, each is compared with its own promise.
        Other headings (`到货实测：`, `---`) are headings. A line that holds no
        value is listed as not read, with the
        reason; compare and claim go on without it (--strict stops them).

        Examples:
          evidence measurements samples/measured-dress.txt
          evidence measurements --format jsonl notes.txt | jq -c 'select(.status == "unread")'
          evidence measurements --strict notes.txt && evidence claim chat.txt --measured notes.txt

        Exit codes: 0 every line read (or a heading), 1 a line was not read,
        2 a file could not be read (or, with --strict, a line was not read),
        64 bad usage.
        """
    )

    @Argument(help: ArgumentHelp("Measurement notes files; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: "Output: text, or jsonl (one object per line of the notes).")
    var format: Format = .text

    @Flag(name: .long, help: "Exit 2 when a line is not read.")
    var strict = false

    @OptionGroup var catalog: CatalogOptions

    enum Format: String, ExpressibleByArgument { case text, jsonl }

    func run() throws {
        let extractor = Extractor(try catalog.load())
        let reader = try MeasurementReader(extractor: extractor, scratch: extractor.makeScratch())
        var failed = false, unread = false
        for path in files {
            do throws(InputError) {
                let (name, text) = try InputReader.read(path)
                let lines = reader.lines(path: name, text: String(decoding: text.bytes, as: UTF8.self))
                unread = unread || lines.contains { $0.unreadReason != nil }
                Console.write(format == .jsonl ? Self.jsonLines(lines) : Array(Self.text(lines).utf8))
            } catch {
                Console.error(error.description)
                failed = true
            }
        }
        if failed || strict && unread { throw ExitCode(ExitStatus.error) }
        if unread { throw ExitCode(ExitStatus.negative) }
    }

    /// `m.txt:3  袖长 58  →  sleeve_length 58 (unit from the promise)`.
    static func text(_ lines: [NoteLine]) -> String {
        lines.map { line in
            let reading: String
            switch line.reading {
            case .heading: reading = "heading"
            case .unread(let reason): reading = "not read: " + reason
            case .read(let measurements): reading = measurements.map(describe).joined(separator: "; ")
            }
            return "\(line.path):\(line.line)  \(line.text)\n    → \(reading)\n"
        }.joined()
    }

    static func describe(_ measurement: Model.Measurement) -> String {
        var text = measurement.attribute.isEmpty ? "(attribute of the promise)" : measurement.attribute
        let qualifiers = [measurement.part, measurement.level, measurement.position].compactMap { $0 }
        if !qualifiers.isEmpty { text += " (" + qualifiers.joined(separator: ", ") + ")" }
        text += " " + ValueText.plain(measurement.value)
        if let percent = measurement.percent { text += " \(NumberFormat.short(percent))%" }
        if let unit = measurement.unit { text += unit == "%" ? "%" : " \(unit)" }
        for note in measurement.notes { text += "; \(note)" }
        return text
    }

    static func jsonLines(_ lines: [NoteLine]) -> [UInt8] {
        var writer = JSONWriter()
        for line in lines {
            writer.beginObject()
            writer.field("file", line.path)
            writer.field("line", line.line)
            writer.field("text", line.text)
            var measurements: [Model.Measurement] = []
            switch line.reading {
            case .heading: writer.field("status", "heading")
            case .unread: writer.field("status", "unread")
            case .read(let read):
                writer.field("status", "read")
                measurements = read
            }
            writer.field("reason", line.unreadReason)
            writer.key("measurements")
            writer.beginArray()
            for measurement in measurements { writer.write(measurement) }
            writer.endArray()
            writer.endObject()
            writer.newline()
        }
        return writer.bytes
    }
}
