import Catalog
import ChatModel
import Matching
import Model
import Reading

/// Findings of one log, and the problems met on the way (the other findings still count).
public struct ExtractionResult: Sendable {
    public var findings: [Finding]
    public var errors: [InputError]
}

/// Drives the catalogue's matchers over a chat log. One pass of the keyword index finds the
/// lines that can hold each pattern's matches; each pattern then runs only on those lines
/// (or, without keywords, over the whole buffer). Matches are kept only inside message text,
/// never span lines, and overlapping matches resolve leftmost-longest, then catalogue order.
public struct Extractor: Sendable {
    public let patternSet: PatternSet
    private let index: KeywordIndex

    public var catalog: Catalog { patternSet.catalog }

    public init(_ patternSet: PatternSet) {
        self.patternSet = patternSet
        index = KeywordIndex(keywords: patternSet.patterns.map(\.keywords))
    }

    /// The catalogue's patterns compiled with libpcre2.
    public init(catalog: Catalog) throws(CatalogError) {
        self.init(try PatternSet(catalog))
    }

    /// Matching state for one worker thread, wide enough for every pattern's groups.
    public func makeScratch() -> MatchScratch { MatchScratch(pairs: patternSet.capturePairs) }

    public func extract(_ log: ChatLog, scratch: MatchScratch, patterns: [CompiledPattern]? = nil) -> ExtractionResult {
        let patterns = patterns ?? patternSet.patterns
        let messages = log.messages.filter { $0.type == .text }
        let starts = messages.map(\.body.lowerBound)
        var errors: [InputError] = []
        var candidates: [(message: Int, pattern: Int, captures: Captures)] = []

        // The whole catalogue runs the quantity layer too; a pattern's own examples run alone.
        let whole = patterns.count == patternSet.patterns.count
        let findsQuantities = whole && catalog.findsQuantities
        let index = whole ? self.index : KeywordIndex(keywords: patterns.map(\.keywords))
        let lineStarts = log.lineStarts
        log.bytes.withUnsafeBufferPointer { buffer in
            let lines = index.candidateLines(buffer, lineStarts: lineStarts, in: messages.map(\.body))
            for (patternIndex, pattern) in patterns.enumerated() {
                do throws(ScanError) {
                    let ranges = pattern.keywords.isEmpty ? [0..<buffer.count] : lines[patternIndex].map { line in
                        lineStarts[line]..<(line + 1 < lineStarts.count ? lineStarts[line + 1] : buffer.count)
                    }
                    for range in ranges {
                        try scan(pattern.matcher, buffer, range, messages, starts, scratch) { message, captures in
                            candidates.append((message, patternIndex, captures))
                        }
                    }
                } catch {
                    let message = messages[max(0, Extractor.messageIndex(containing: error.offset, starts))]
                    let line = log.line(at: error.offset, in: message)
                    errors.append(InputError(path: log.path, line: line, "pattern \(pattern.id): \(error.reason); its findings in this file after this line are missing"))
                }
            }
        }

        // Answer-only patterns (bare values) come last, so they only fill gaps the others leave.
        let answerOnly = patterns.map(\.definition.answerOnly)
        candidates.sort {
            let (a, b) = ($0.captures.range, $1.captures.range)
            let (lateA, lateB) = (answerOnly[$0.pattern] ? 1 : 0, answerOnly[$1.pattern] ? 1 : 0)
            return ($0.message, lateA, a.lowerBound, -a.count, $0.pattern) < ($1.message, lateB, b.lowerBound, -b.count, $1.pattern)
        }
        let builder = FindingBuilder(vocabulary: catalog.vocabulary, longerAliases: patternSet.longerAliases)
        var findings: [LocatedFinding] = []
        var taken = TakenRanges()
        var currentMessage = -1
        var quote = ""
        log.bytes.withUnsafeBufferPointer { buffer in
            for candidate in candidates {
                let range = candidate.captures.range
                if candidate.message != currentMessage {
                    currentMessage = candidate.message
                    taken.removeAll()
                    quote = messages[currentMessage].body.count <= Extractor.longMessage ? log.writtenText(of: messages[currentMessage]) : ""
                }
                if taken.overlaps(range) { continue }
                let message = messages[candidate.message]
                let pattern = patterns[candidate.pattern]
                let located = template(log, buffer, message, range, quote: quote, kind: pattern.definition.kind, pattern: pattern.id)
                let made = builder.findings(pattern, candidate.captures, buffer, template: located, context: message.body)
                if !made.isEmpty {
                    taken.insert(range)
                    findings += made.map { LocatedFinding(finding: $0, message: candidate.message, range: range, answerOnly: pattern.definition.answerOnly) }
                }
            }
        }
        if findsQuantities {
            log.bytes.withUnsafeBufferPointer { buffer in
                let quantities = quantityFindings(log, buffer, messages, &findings, scratch)
                findings += quantities
            }
        }
        findings += SizeChart(vocabulary: catalog.vocabulary, scratch: scratch).findings(in: log, messages: messages)
        findings = findings.enumerated()
            .sorted { ($0.element.message, $0.element.range.lowerBound, $0.offset) < ($1.element.message, $1.element.range.lowerBound, $1.offset) }
            .map(\.element)
        let interpreted = Interpreter(log: log, messages: messages, scratch: scratch, words: patternSet.interpreterWords).apply(findings)
        return ExtractionResult(findings: interpreted, errors: errors)
    }

    /// A finding at `range` of `message` with where it was said filled in; `quote` is the
    /// message text when short (else an excerpt around the match is taken).
    private func template(_ log: ChatLog, _ buffer: UnsafeBufferPointer<UInt8>, _ message: Message, _ range: Range<Int>, quote: String,
                          kind: FindingKind, pattern: String) -> Finding {
        let excerpt = quote.isEmpty ? Extractor.excerpt(log, message.body, around: range) : quote
        var finding = Finding(
            path: log.path, line: log.line(at: range.lowerBound, in: message), messageLine: message.line, time: message.time?.iso8601,
            speaker: message.speaker, role: message.role, kind: kind, attribute: "",
            value: nil, min: nil, max: nil, approx: false, unit: nil, percent: nil,
            raw: Extractor.written(log, range), quote: excerpt, pattern: pattern)
        let start = max(message.body.lowerBound, range.lowerBound - Interpreter.window)
        finding.occurrence = Bytes.count(buffer, start..<range.lowerBound, Array(buffer[range]))
        return finding
    }

    /// The quantity layer over every message's text, line by line: quantities a pattern found
    /// complete that finding when the pattern stopped early (`5 ft` of `5 ft 2 in`); the others
    /// become findings of their own, bound to an attribute where the text names one.
    private func quantityFindings(_ log: ChatLog, _ buffer: UnsafeBufferPointer<UInt8>, _ messages: [Message],
                                  _ found: inout [LocatedFinding], _ scratch: MatchScratch) -> [LocatedFinding] {
        let layer = patternSet.quantities
        // Per message, the patterns' findings by where they start, to find those a quantity overlaps.
        var byMessage: [Int: [Int]] = [:]
        for (index, item) in found.enumerated() { byMessage[item.message, default: []].append(index) }
        for key in byMessage.keys { byMessage[key]!.sort { found[$0].range.lowerBound < found[$1].range.lowerBound } }
        func overlapping(_ message: Int, _ range: Range<Int>) -> [Int] {
            guard let sorted = byMessage[message] else { return [] }
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if found[sorted[mid]].range.lowerBound < range.upperBound { low = mid + 1 } else { high = mid }
            }
            var result: [Int] = []
            var index = low - 1
            // A match is never longer than a long message's quote: look back that far at most.
            while index >= 0, found[sorted[index]].range.lowerBound >= range.lowerBound - Extractor.longMessage {
                if found[sorted[index]].range.overlaps(range) { result.append(sorted[index]) }
                index -= 1
            }
            return result
        }
        var made: [LocatedFinding] = []
        // One pass over every message's text (the scanner skips what cannot start a number at once).
        for (index, message) in messages.enumerated() {
            let body = message.body
            var lineStart = body.lowerBound
            while lineStart < body.upperBound {
                var lineEnd = lineStart
                while lineEnd < body.upperBound, buffer[lineEnd] != 0x0A, buffer[lineEnd] != 0x0D { lineEnd += 1 }
                let range = lineStart..<lineEnd
                lineStart = lineEnd + 1
                // A pattern's value that is a grade or a code (316L, 5W-30) is no value.
                for item in overlapping(index, range) where range.contains(found[item].range.lowerBound)
                    && layer.scanner.isCode(buffer, at: found[item].range.lowerBound, range.upperBound) {
                    found[item].dropped = true
                }
                for quantity in layer.scanner.scan(buffer, range) {
                    let clause = Interpreter.clauseStart(buffer, body, before: quantity.range.lowerBound)
                    let near = overlapping(index, quantity.range)
                    // A bare value a pattern found only as an answer (只有68cm) may be dropped by the
                    // interpreter: it is completed like any other, and the quantity stands beside it.
                    let answers = near.filter { found[$0].answerOnly }
                    if !answers.isEmpty { complete(&found, answers, with: quantity, log) }
                    let covering = near.filter { !found[$0].answerOnly }
                    if !covering.isEmpty {
                        complete(&found, covering, with: quantity, log)
                        // A person's figure (适合1米6的妹子) or a load (holds 150 lb) a pattern read as the item's.
                        if let other = layer.personsFigure(quantity, buffer, clauseStart: clause, end: body.upperBound)
                            ?? layer.loadCapacity(quantity, buffer, clauseStart: clause), let name = other.attribute {
                            for item in covering where [.dimension, .weight].contains(found[item].finding.kind) {
                                found[item].finding.attribute = name
                                found[item].finding.kind = other.kind
                            }
                        } else if covering.allSatisfy({ patternSet.unlabelled.contains(found[$0].finding.pattern) }),
                                  let named = layer.bind(quantity, buffer, clauseStart: clause, end: body.upperBound, scratch: scratch).attribute,
                                  let entry = catalog.vocabulary.attributes[named], entry.kind == .weight {
                            // A weight an unlabelled pattern read, with its attribute's word earlier in
                            // the clause (毛重 上秤 1173g, gross on scale 1173 g): that attribute's.
                            for item in covering where found[item].finding.kind == entry.kind { found[item].finding.attribute = named }
                        }
                        continue
                    }
                    let binding = layer.bind(quantity, buffer, clauseStart: clause, end: body.upperBound, scratch: scratch)
                    let quote = body.count <= Extractor.longMessage ? log.writtenText(of: message) : ""
                    var finding = template(log, buffer, message, quantity.range, quote: quote, kind: binding.kind, pattern: QuantityLayer.patternID)
                    finding.attribute = binding.attribute ?? ""
                    finding.value = quantity.value.map { .number($0 * binding.factor) }
                    finding.min = quantity.min.map { $0 * binding.factor }
                    finding.max = quantity.max.map { $0 * binding.factor }
                    finding.approx = quantity.approx
                    finding.unit = quantity.unit
                    made.append(LocatedFinding(finding: finding, message: index, range: quantity.range))
                }
            }
        }
        return made
    }

    /// Patterns that read only part of a quantity (`height 5 ft` of `5 ft 2 in`, `200 g` of
    /// `1,200 g`, `1 lb` and `4 oz` of `1 lb 4 oz`) take the whole quantity: the first keeps it,
    /// the others are dropped. Tuple members (one range, several findings) and quantities a
    /// pattern covers whole are left alone.
    private func complete(_ found: inout [LocatedFinding], _ indexes: [Int], with quantity: Quantity, _ log: ChatLog) {
        // `Fabric Weight: 180 g` of `180 g/m2`: the whole unit says what it is (a fabric weight).
        if indexes.count == 1, case let item = found[indexes[0]], item.finding.unit != quantity.unit, item.finding.value != nil,
           quantity.range.upperBound > item.range.upperBound, item.range.contains(quantity.range.lowerBound),
           let name = catalog.vocabulary.quantityFamilies[quantity.family]?.attribute, let entry = catalog.vocabulary.attributes[name] {
            found[indexes[0]].finding.attribute = name
            found[indexes[0]].finding.kind = entry.kind
            found[indexes[0]].finding.unit = quantity.unit
            found[indexes[0]].finding.value = quantity.value.map { .number($0) }
            found[indexes[0]].range = item.range.lowerBound..<quantity.range.upperBound
            found[indexes[0]].finding.raw = Extractor.written(log, found[indexes[0]].range)
            return
        }
        let ranges = Set(indexes.map { found[$0].range })
        guard ranges.count == indexes.count, let first = indexes.min(by: { found[$0].range.lowerBound < found[$1].range.lowerBound }) else { return }
        let union = indexes.reduce(quantity.range) { Swift.min($0.lowerBound, found[$1].range.lowerBound)..<Swift.max($0.upperBound, found[$1].range.upperBound) }
        guard union != found[first].range || indexes.count > 1,
              indexes.allSatisfy({ found[$0].finding.unit == quantity.unit && found[$0].finding.kind != .tolerance }),
              !indexes.contains(where: { found[$0].range.lowerBound <= quantity.range.lowerBound && found[$0].range.upperBound >= quantity.range.upperBound })
        else { return }
        found[first].finding.value = quantity.value.map { .number($0) }
        found[first].finding.min = quantity.min
        found[first].finding.max = quantity.max
        found[first].finding.approx = found[first].finding.approx || quantity.approx
        found[first].range = union
        found[first].finding.raw = Extractor.written(log, union)
        for index in indexes where index != first { found[index].dropped = true }
    }

    /// The ranges a message's findings already cover: sorted and never overlapping, so a
    /// check is a binary search (a dense line holds a hundred thousand findings).
    struct TakenRanges {
        private var ranges: [Range<Int>] = []

        /// The index of the first range ending after `offset`.
        private func firstEnding(after offset: Int) -> Int {
            var low = 0, high = ranges.count
            while low < high {
                let mid = (low + high) / 2
                if ranges[mid].upperBound <= offset { low = mid + 1 } else { high = mid }
            }
            return low
        }

        func overlaps(_ range: Range<Int>) -> Bool {
            let index = firstEnding(after: range.lowerBound)
            return index < ranges.count && ranges[index].overlaps(range)
        }

        /// Adds `range`, which overlaps none already there.
        mutating func insert(_ range: Range<Int>) {
            ranges.insert(range, at: firstEnding(after: range.lowerBound))
        }

        mutating func removeAll() { ranges.removeAll(keepingCapacity: true) }
    }

    private struct ScanError: Error {
        let offset: Int
        let reason: String
    }

    /// Reports every match of `matcher` within `range` that starts and ends inside one message body.
    private func scan(_ matcher: any Matcher, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ messages: [Message], _ starts: [Int],
                      _ scratch: MatchScratch, _ report: (Int, Captures) -> Void) throws(ScanError) {
        guard !messages.isEmpty else { return }
        var position = max(range.lowerBound, messages[0].body.lowerBound)
        let end = range.upperBound
        while position <= end {
            let found: Captures?
            do { found = try matcher.find(in: buffer, from: position, to: end, scratch: scratch) }
            catch { throw ScanError(offset: position, reason: Extractor.describe(error)) }
            guard let found else { return }
            let start = found.range.lowerBound
            let index = Extractor.messageIndex(containing: start, starts)
            guard index >= 0, start < messages[index].body.upperBound || (found.range.isEmpty && start == messages[index].body.upperBound) else {
                // The match starts outside message text (a header): resume at the next message.
                guard index + 1 < messages.count else { return }
                position = messages[index + 1].body.lowerBound
                continue
            }
            let body = messages[index].body
            var match: Captures? = found
            if found.range.upperBound > body.upperBound {
                do { match = try matcher.find(in: buffer, from: start, to: body.upperBound, scratch: scratch) }
                catch { throw ScanError(offset: start, reason: Extractor.describe(error)) }
            }
            guard let match else {
                position = index + 1 < messages.count ? messages[index + 1].body.lowerBound : end + 1
                continue
            }
            if !match.range.isEmpty { report(index, match) }
            position = match.range.isEmpty ? UTF8Text.nextCharacter(after: match.range.upperBound, in: buffer, end: end) : match.range.upperBound
        }
    }

    /// The bytes of `range` as written (not folded): a finding's `raw`.
    static func written(_ log: ChatLog, _ range: Range<Int>) -> String {
        String(decoding: log.written[range], as: UTF8.self)
    }

    /// Messages longer than this (bytes) are quoted by the part around the match.
    static let longMessage = 4096

    /// The text around `range` in a long message, cut at character boundaries, with `…` where cut.
    static func excerpt(_ log: ChatLog, _ body: Range<Int>, around range: Range<Int>) -> String {
        log.bytes.withUnsafeBufferPointer { buffer in
            var start = max(body.lowerBound, range.lowerBound - 300)
            while start > body.lowerBound, buffer[start] & 0xC0 == 0x80 { start -= 1 }
            var end = min(body.upperBound, range.upperBound + 300)
            while end < body.upperBound, buffer[end] & 0xC0 == 0x80 { end += 1 }
            return (start > body.lowerBound ? "…" : "") + log.writtenText(start..<end) + (end < body.upperBound ? "…" : "")
        }
    }

    static func describe(_ failure: MatchFailure) -> String {
        switch failure {
        case .limitExceeded(let message): return "gave up on a catastrophic backtrack (\(message))"
        case .engine(let message): return "regex engine error (\(message))"
        }
    }

    /// The last message whose body starts at or before `offset`, or -1.
    static func messageIndex(containing offset: Int, _ starts: [Int]) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }
}
