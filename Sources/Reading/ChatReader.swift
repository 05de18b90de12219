import ChatModel
import Matching

/// Reads a decoded file into a `ChatLog`: picks the layout (or takes `--input-format`),
/// parses it, decides the day/month order over the whole file, flags out-of-order times,
/// and tells sellers from buyers. Every command reads files through here.
public struct ChatReader: Sendable {
    public var hints: RoleHints
    /// A layout name from `ChatReader.formatNames`, or nil to detect.
    public var inputFormat: String?
    public var dateOrder: DateOrder?
    /// Traditional characters read as simplified (quotes keep them as written).
    public var folding: CharacterFolding

    public init(hints: RoleHints = RoleHints(), inputFormat: String? = nil, dateOrder: DateOrder? = nil, folding: CharacterFolding = CharacterFolding()) {
        self.hints = hints
        self.inputFormat = inputFormat
        self.dateOrder = dateOrder
        self.folding = folding
    }

    static let formats: [any ChatFormat] = [TelegramFormat(), TelegramHTMLFormat(), WeChatCSVFormat(tool: .wechatMsg), WeChatCSVFormat(tool: .pyWxDump)]
        + LineLayouts.all.map { $0 as any ChatFormat } + [QianniuWebFormat(), LineAppFormat(), EmailFormat(), ListingFormat(), PlainTextFormat()]

    /// Every name `--input-format` accepts.
    public static var formatNames: [String] {
        formats.map(\.name) + LineLayouts.all.compactMap(\.genericName)
    }

    /// Below this confidence a file is read as a listing or as plain text.
    static let threshold = 0.5

    public func read(path: String, text: DecodedText, scratch: MatchScratch) throws(InputError) -> ChatLog {
        try read(path: path, text: text, scratch: scratch, lineOffset: 0, layout: nil).log
    }

    /// The layout a file was read as: what parts after the first of a long file are read with.
    struct Layout: Sendable {
        let format: any ChatFormat
        let name: String
        let confidence: Double
    }

    /// `lineOffset`: lines of the file before `text`; `layout`: the one an earlier part of the
    /// same file was read as (else detected).
    func read(path: String, text: DecodedText, scratch: MatchScratch, lineOffset: Int, layout: Layout?) throws(InputError) -> (log: ChatLog, layout: Layout) {
        var warnings: [String] = text.warnings
        let (format, reported, confidence): (any ChatFormat, String, Double)
        if let layout {
            (format, reported, confidence) = (layout.format, layout.name, layout.confidence)
        } else {
            (format, reported, confidence) = try choose(FileSample(text.bytes, scratch: scratch), path: path)
        }
        if format is PlainTextFormat, inputFormat == nil, !text.bytes.isEmpty {
            warnings.append("no chat layout recognised: read as plain text, one message per line, speakers unknown (see --input-format)")
        }
        var parsed: ParsedChat
        do {
            parsed = try format.parse(text.bytes, scratch: scratch)
        } catch {
            throw InputError(path: path, line: error.line.map { $0 + lineOffset }, error.message)
        }
        if lineOffset > 0 {
            for index in parsed.messages.indices {
                parsed.messages[index].line += lineOffset
                parsed.messages[index].bodyLine += lineOffset
            }
        }
        warnings += parsed.warnings
        let resolution = DateResolver.resolve(parsed.messages.map(\.stamp), forced: dateOrder)
        if let warning = resolution.warning { warnings.append(warning) }
        let folded = folding.fold(parsed.bytes)
        let named = format.name.hasPrefix("whatsapp") ? RoleHints.otherParty(fileName: path) : nil
        let resolved = hints.roles(for: parsed.messages, bytes: folded, handoffs: parsed.handoffs, otherParty: named, scratch: scratch)
        let roles = format is ListingFormat ? [:] : resolved.roles
        if !(format is ListingFormat), let warning = resolved.warning { warnings.append(warning) }
        var messages: [Message] = []
        messages.reserveCapacity(parsed.messages.count)
        var latest: LocalTime?
        var outOfOrder = 0
        for (index, raw) in parsed.messages.enumerated() {
            var message = Message(line: raw.line, bodyLine: raw.bodyLine, time: resolution.times[index], speaker: raw.speaker,
                                  role: format is ListingFormat ? .seller : raw.speaker.flatMap { roles[$0]?.role } ?? .unknown,
                                  type: raw.type, body: raw.body, flags: raw.flags, quoted: raw.quoted)
            if resolution.invalidClock[index] { message.flags.insert(.invalidTime) }
            // E-mail threads run newest first: that order is not a fault.
            if let time = message.time, !(format is EmailFormat) {
                if let latest, time < latest {
                    message.flags.insert(.outOfOrder)
                    outOfOrder += 1
                }
                latest = max(latest ?? time, time)
            }
            messages.append(message)
        }
        if outOfOrder > 0 {
            let first = messages.first { $0.flags.contains(.outOfOrder) }!.line
            warnings.append("\(outOfOrder) message\(outOfOrder == 1 ? "" : "s") earlier than the one before (first at line \(first)): kept in file order")
        }
        // Dates left undecided (day/month or month/day) are warned about once, above.
        let undated = parsed.messages.indices.filter { index in
            guard let stamp = parsed.messages[index].stamp else { return false }
            return resolution.times[index] == nil && !(resolution.order == nil && stamp.isAmbiguous)
        }
        if let first = undated.first {
            warnings.append("\(undated.count) time\(undated.count == 1 ? "" : "s") that \(undated.count == 1 ? "is" : "are") not a real date (first at line \(parsed.messages[first].line)): left without a time")
        }
        let invalid = messages.filter { $0.flags.contains(.invalidTime) }
        if let first = invalid.first {
            warnings.append("\(invalid.count) 12-hour time\(invalid.count == 1 ? "" : "s") that cannot be right (first at line \(first.line)): kept as written")
        }
        let log = ChatLog(path: path, bytes: folded, format: reported, confidence: confidence, encoding: text.encoding.rawValue,
                          dateOrder: resolution.order, messages: messages, warnings: warnings, verbatim: parsed.verbatim, written: parsed.bytes,
                          roleSources: roles.mapValues(\.source), lineOffset: lineOffset, dateOrderBasis: resolution.basis)
        return (log, Layout(format: format, name: reported, confidence: confidence))
    }

    /// The format to read with, the name to report, and the confidence.
    private func choose(_ sample: FileSample, path: String) throws(InputError) -> (any ChatFormat, String, Double) {
        if let inputFormat {
            if let layout = LineLayouts.all.first(where: { $0.genericName == inputFormat }) { return (layout, inputFormat, 1) }
            guard let format = ChatReader.formats.first(where: { $0.name == inputFormat }) else {
                throw InputError(path: path, "unknown --input-format \(inputFormat) (formats: \(ChatReader.formatNames.joined(separator: ", ")))")
            }
            return (format, inputFormat, 1)
        }
        var best: (format: any ChatFormat, score: Double) = (PlainTextFormat(), 0)
        for format in ChatReader.formats {
            let score = format.confidence(sample)
            if score > best.score + 1e-9 { best = (format, score) }
            // No later layout can score higher: the first to score 1 wins.
            if best.score >= 1 { break }
        }
        if best.score < ChatReader.threshold { return (PlainTextFormat(), "plain-text", 0) }
        let name = (best.format as? LineLayout)?.reportedName(sample) ?? best.format.name
        return (best.format, name, (best.score * 100).rounded() / 100)
    }
}
