/// A match found by a `Matcher`: the byte range of each capture group in the subject.
/// Group 0 is the whole match; an unset group is `nil`.
public struct Captures: Sendable {
    public let groups: [Range<Int>?]

    public var range: Range<Int> { groups[0]! }

    public subscript(index: Int) -> Range<Int>? {
        index < groups.count ? groups[index] : nil
    }
}

/// Why a search stopped before it could say "match" or "no match".
public enum MatchFailure: Error, Equatable, Sendable {
    /// The pattern backtracked past its match or depth limit: a catastrophic regex on this input.
    case limitExceeded(String)
    /// Any other engine error, with the engine's own message.
    case engine(String)
}

/// The regex engine behind the searcher: one required operation, find the next match.
/// Offsets are byte offsets into UTF-8 text; the searcher never sees the engine.
public protocol Matcher: Sendable {
    /// Group names and their indexes (a name may map to several groups).
    var namedGroups: [String: [Int]] { get }
    /// The number of capture groups, not counting group 0.
    var captureCount: Int { get }
    /// The range of the first set group called `name`, if any (asked for every match: a
    /// matcher may answer faster than a dictionary of names).
    func range(of name: String, in captures: Captures) -> Range<Int>?
    /// The first match starting at or after `start` within `subject[0..<end]`.
    func find(in subject: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, scratch: MatchScratch) throws(MatchFailure) -> Captures?
}

/// Compiles regexes into matchers: the one place that names the engine behind the catalogue.
public struct RegexEngine: Sendable {
    public let compile: @Sendable (String, RegexOptions) throws(RegexCompileError) -> any Matcher

    public init(compile: @escaping @Sendable (String, RegexOptions) throws(RegexCompileError) -> any Matcher) {
        self.compile = compile
    }

    /// libpcre2 with JIT.
    public static let pcre2 = RegexEngine { (pattern, options) throws(RegexCompileError) in try PCRE2Regex(pattern, options: options) }
}

extension Matcher {
    /// The range of the first set group called `name`, if any.
    public func range(of name: String, in captures: Captures) -> Range<Int>? {
        guard let indexes = namedGroups[name] else { return nil }
        for index in indexes { if let range = captures[index] { return range } }
        return nil
    }

    /// Every non-overlapping match in `subject[0..<end]`, from left to right.
    public func findAll(in subject: UnsafeBufferPointer<UInt8>, from begin: Int = 0, to end: Int? = nil, scratch: MatchScratch) throws(MatchFailure) -> [Captures] {
        let end = end ?? subject.count
        var results: [Captures] = []
        var start = begin
        while start <= end, let captures = try find(in: subject, from: start, to: end, scratch: scratch) {
            results.append(captures)
            let range = captures.range
            start = range.isEmpty ? UTF8Text.nextCharacter(after: range.upperBound, in: subject, end: end) : range.upperBound
        }
        return results
    }
}

/// Byte-level helpers for UTF-8 buffers.
public enum UTF8Text {
    /// The offset of the character after the one at `offset` (one past `end` when at the end).
    public static func nextCharacter(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Int {
        var next = offset + 1
        while next < end, bytes[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// Decodes `bytes[range]` as UTF-8, repairing invalid sequences with U+FFFD.
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
