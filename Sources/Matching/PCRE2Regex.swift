import CPCRE2
import Synchronization

/// Compile-time options a pattern may ask for. UTF and invalid-UTF tolerance are always on.
public struct RegexOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let caseless = RegexOptions(rawValue: PCRE2_CASELESS)
    /// Unicode properties for `\d \w \s \b` (about 3× slower: only for patterns that need it).
    public static let ucp = RegexOptions(rawValue: PCRE2_UCP)
    public static let multiline = RegexOptions(rawValue: PCRE2_MULTILINE)
    public static let dotAll = RegexOptions(rawValue: PCRE2_DOTALL)
    public static let extended = RegexOptions(rawValue: PCRE2_EXTENDED)
    /// A match only at the start offset given to `find`.
    public static let anchored = RegexOptions(rawValue: PCRE2_ANCHORED)
}

/// Why a regex did not compile: PCRE2's message and the byte offset in the pattern.
public struct RegexCompileError: Error, Sendable, Equatable {
    public let message: String
    public let offset: Int
}

/// A PCRE2 regex compiled once in UTF mode (with `PCRE2_MATCH_INVALID_UTF`, so a bad byte
/// never aborts a scan) and JIT-compiled, when the JIT is available, the first time it is
/// used (a short chat wakes a few of the catalogue's regexes: start-up does not pay for the
/// rest). Safe to share between threads; each thread brings its own `MatchScratch`.
public final class PCRE2Regex: Matcher, @unchecked Sendable {
    public let pattern: String
    public let namedGroups: [String: [Int]]
    /// The same names in a list: a few short names are found faster by comparing than by hashing.
    private let groupList: [(name: String, indexes: [Int])]
    public let captureCount: Int
    private let code: OpaquePointer
    /// Set once the JIT compile has been tried; matching waits for it.
    private let jitTried = Atomic<Bool>(false)
    private let jitLock = Mutex(())

    public init(_ pattern: String, options: RegexOptions = []) throws(RegexCompileError) {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        let flags = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DUPNAMES | options.rawValue
        let source = options.contains(.ucp) ? pattern : PCRE2Regex.classForNegatedShorthands(pattern)
        let compiled = source.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count - 1, flags, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexCompileError(message: PCRE2Regex.message(for: errorCode), offset: errorOffset)
        }
        code = compiled

        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        namedGroups = PCRE2Regex.readNameTable(code)
        groupList = namedGroups.map { ($0.key, $0.value) }
    }

    deinit { pcre2_code_free_8(code) }

    /// JIT-compiles the regex, once, before its first match. A JIT failure (no JIT on this
    /// platform) leaves the interpreter, which gives the same answers.
    private func compileJIT() {
        jitLock.withLock { _ in
            guard !jitTried.load(ordering: .relaxed) else { return }
            _ = pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE)
            jitTried.store(true, ordering: .releasing)
        }
    }

    public func range(of name: String, in captures: Captures) -> Range<Int>? {
        for group in groupList where group.name == name {
            for index in group.indexes { if let range = captures[index] { return range } }
            return nil
        }
        return nil
    }

    public func find(in subject: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, scratch: MatchScratch) throws(MatchFailure) -> Captures? {
        guard start <= end, end <= subject.count else { return nil }
        // An empty buffer has no base address; PCRE2 needs a valid pointer even for length 0.
        let base = subject.baseAddress ?? UnsafePointer(scratch.emptySubject)
        scratch.ensure(pairs: captureCount + 1)
        if !jitTried.load(ordering: .acquiring) { compileJIT() }
        let rc = pcre2_match_8(code, base, end, start, 0, scratch.matchData, scratch.matchContext)
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 {
            switch rc {
            case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT:
                throw .limitExceeded(PCRE2Regex.message(for: rc))
            default:
                throw .engine(PCRE2Regex.message(for: rc))
            }
        }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        let unset = cpcre2_unset()
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount + 1)
        for index in 0..<(captureCount + 1) {
            if ovector[2 * index] != unset, ovector[2 * index] <= ovector[2 * index + 1] {
                groups.append(ovector[2 * index]..<ovector[2 * index + 1])
            } else {
                groups.append(nil)
            }
        }
        return Captures(groups: groups)
    }

    /// PCRE2 10.42 (Debian 12) with JIT and `PCRE2_MATCH_INVALID_UTF`, without UCP, never
    /// matches a non-ASCII character with `\S`, `\D` or `\W` outside a character class,
    /// while `[^\s]`, `[^\d]`, `[^\w]` work. This rewrites the first into the second (offsets
    /// in compile errors then refer to the rewritten pattern, which only ever grows by 3 bytes
    /// per rewrite).
    static func classForNegatedShorthands(_ pattern: String) -> String {
        let bytes = Array(pattern.utf8)
        guard zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: "\\") && "SDW".utf8.contains($1) }) else { return pattern }
        var output = ""
        var inClass = false
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            if character == "\\", let next = characters.next() {
                if !inClass, "SDW".contains(next) {
                    output += "[^\\" + String(next).lowercased() + "]"
                } else {
                    output.append(character)
                    output.append(next)
                }
                continue
            }
            if character == "[" { inClass = true } else if character == "]" { inClass = false }
            output.append(character)
        }
        return output
    }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer[0..<Int(length)], as: UTF8.self) : "PCRE2 error \(code)"
    }

    private static func readNameTable(_ code: OpaquePointer) -> [String: [Int]] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard count > 0, let table else { return [:] }
        var names: [String: [Int]] = [:]
        for entry in 0..<Int(count) {
            let row = table + entry * Int(entrySize)
            let index = Int(row[0]) << 8 | Int(row[1])
            var length = 0
            while row[2 + length] != 0 { length += 1 }
            let name = String(decoding: UnsafeBufferPointer(start: row + 2, count: length), as: UTF8.self)
            names[name, default: []].append(index)
        }
        return names
    }
}

/// Per-thread matching state: the match data block (grown to fit the widest regex it
/// meets), the match context with its limits, and a JIT stack. Create one per worker and
/// reuse it for every match; never share one between threads.
public final class MatchScratch {
    /// Backtracking budget per match attempt: generous for real text, small enough that a
    /// catastrophic pattern fails in well under a second instead of hanging.
    public static let defaultMatchLimit: UInt32 = 5_000_000
    public static let defaultDepthLimit: UInt32 = 100_000

    private(set) var matchData: OpaquePointer
    private var pairs: Int
    let matchContext: OpaquePointer
    private let jitStack: OpaquePointer?
    let emptySubject = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    public init(pairs: Int = 64, matchLimit: UInt32 = defaultMatchLimit, depthLimit: UInt32 = defaultDepthLimit) {
        self.pairs = max(pairs, 1)
        matchData = pcre2_match_data_create_8(UInt32(self.pairs), nil)!
        matchContext = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(matchContext, matchLimit)
        pcre2_set_depth_limit_8(matchContext, depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 4 * 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(matchContext, nil, UnsafeMutableRawPointer(jitStack)) }
        emptySubject.initialize(to: 0)
    }

    /// Grows the match data so a regex with `pairs` groups (group 0 included) fits.
    func ensure(pairs needed: Int) {
        guard needed > pairs else { return }
        pcre2_match_data_free_8(matchData)
        pairs = needed
        matchData = pcre2_match_data_create_8(UInt32(needed), nil)!
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(matchContext)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        emptySubject.deallocate()
    }
}
