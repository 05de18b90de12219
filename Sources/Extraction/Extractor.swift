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

        let index = patterns.count == patternSet.patterns.count ? self.index : KeywordIndex(keywords: patterns.map(\.keywords))
        let lineStarts = log.lineStarts
        log.bytes.withUnsafeBufferPointer { buffer in
            let lines = index.candidateLines(buffer, lineStarts: lineStarts)
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
        let builder = FindingBuilder(vocabulary: catalog.vocabulary)
        var findings: [LocatedFinding] = []
        var taken: [Range<Int>] = []
        var currentMessage = -1
        var quote = ""
        log.bytes.withUnsafeBufferPointer { buffer in
            for candidate in candidates {
                let range = candidate.captures.range
                if candidate.message != currentMessage {
                    currentMessage = candidate.message
                    taken.removeAll()
                    quote = messages[currentMessage].body.count <= Extractor.longMessage ? log.text(of: messages[currentMessage]) : ""
                }
                if taken.contains(where: { $0.overlaps(range) }) { continue }
                let message = messages[candidate.message]
                let pattern = patterns[candidate.pattern]
                let excerpt = quote.isEmpty ? Extractor.excerpt(log, messages[candidate.message].body, around: range) : quote
                let template = Finding(
                    path: log.path, line: log.line(at: range.lowerBound, in: message), messageLine: message.line, time: message.time?.iso8601,
                    speaker: message.speaker, role: message.role, kind: pattern.definition.kind, attribute: "",
                    value: nil, min: nil, max: nil, approx: false, unit: nil, percent: nil,
                    raw: UTF8Text.string(buffer, range), quote: excerpt, pattern: pattern.id)
                var located = template
                let start = max(message.body.lowerBound, range.lowerBound - Interpreter.window)
                located.occurrence = Bytes.count(buffer, start..<range.lowerBound, Array(buffer[range]))
                let made = builder.findings(pattern, candidate.captures, buffer, template: located, context: message.body)
                if !made.isEmpty {
                    taken.append(range)
                    findings += made.map { LocatedFinding(finding: $0, message: candidate.message, range: range, answerOnly: pattern.definition.answerOnly) }
                }
            }
        }
        findings += SizeChart(vocabulary: catalog.vocabulary, scratch: scratch).findings(in: log, messages: messages)
        findings = findings.enumerated()
            .sorted { ($0.element.message, $0.element.range.lowerBound, $0.offset) < ($1.element.message, $1.element.range.lowerBound, $1.offset) }
            .map(\.element)
        let interpreted = Interpreter(log: log, messages: messages, scratch: scratch, words: patternSet.interpreterWords).apply(findings)
        return ExtractionResult(findings: interpreted, errors: errors)
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

    /// Messages longer than this (bytes) are quoted by the part around the match.
    static let longMessage = 4096

    /// The text around `range` in a long message, cut at character boundaries, with `…` where cut.
    static func excerpt(_ log: ChatLog, _ body: Range<Int>, around range: Range<Int>) -> String {
        log.bytes.withUnsafeBufferPointer { buffer in
            var start = max(body.lowerBound, range.lowerBound - 300)
            while start > body.lowerBound, buffer[start] & 0xC0 == 0x80 { start -= 1 }
            var end = min(body.upperBound, range.upperBound + 300)
            while end < body.upperBound, buffer[end] & 0xC0 == 0x80 { end += 1 }
            return (start > body.lowerBound ? "…" : "") + log.text(start..<end) + (end < body.upperBound ? "…" : "")
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
