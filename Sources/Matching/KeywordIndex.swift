/// Finds, in one pass over a buffer, which lines contain which keywords (ASCII letters
/// compared without case): an Aho–Corasick automaton over bytes. The extractor runs a
/// pattern only on lines holding one of its keywords, so a catalogue of many patterns costs
/// one pass plus the few lines that can match.
public struct KeywordIndex: Sendable {
    /// For each keyword (lowercased), the indexes of the patterns it admits.
    private let owners: [[Int]]
    /// Dense transition table: `transitions[state * 256 + byte]`.
    private let transitions: [Int32]
    /// Keywords ending at each state (its own and those of its suffix links), as indexes into
    /// `owners`: `outputKeywords[outputStart[s] ..< outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputKeywords: [Int32]
    public let patternCount: Int

    /// `keywords[i]` are the keywords of pattern `i`; an empty list means the pattern runs everywhere.
    public init(keywords: [[String]]) {
        patternCount = keywords.count
        var words: [[UInt8]] = []
        var owners: [[Int]] = []
        var indexOfWord: [[UInt8]: Int] = [:]
        for (pattern, list) in keywords.enumerated() {
            for keyword in list {
                let bytes = Array(keyword.utf8).map(KeywordIndex.lower)
                guard !bytes.isEmpty else { continue }
                if let existing = indexOfWord[bytes] {
                    if owners[existing].last != pattern { owners[existing].append(pattern) }
                } else {
                    indexOfWord[bytes] = words.count
                    words.append(bytes)
                    owners.append([pattern])
                }
            }
        }
        // Trie, in the flat table itself (-1: no edge yet).
        var table = [Int32](repeating: -1, count: 256)
        var output: [[Int32]] = [[]]
        for (index, word) in words.enumerated() {
            var state = 0
            for byte in word {
                if table[state * 256 + Int(byte)] < 0 {
                    table[state * 256 + Int(byte)] = Int32(output.count)
                    table += repeatElement(-1, count: 256)
                    output.append([])
                }
                state = Int(table[state * 256 + Int(byte)])
            }
            output[state].append(Int32(index))
        }
        // Breadth-first failure links; each missing edge becomes its failure state's edge.
        var fail = [Int](repeating: 0, count: output.count)
        var queue: [Int] = []
        for byte in 0..<256 {
            if table[byte] < 0 { table[byte] = 0 } else { queue.append(Int(table[byte])) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            output[state] += output[fail[state]]
            for byte in 0..<256 {
                let next = table[state * 256 + byte]
                if next < 0 {
                    table[state * 256 + byte] = table[fail[state] * 256 + byte]
                } else {
                    fail[Int(next)] = Int(table[fail[state] * 256 + byte])
                    queue.append(Int(next))
                }
            }
        }
        self.owners = owners
        transitions = table
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for list in output {
            flat += list
            starts.append(Int32(flat.count))
        }
        outputStart = starts
        outputKeywords = flat
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    /// For each pattern, the lines (as indexes into `lineStarts`) that hold one of its keywords
    /// inside `ranges` (message texts, in order; headers with their dates and names are not
    /// searched).
    public func candidateLines(_ buffer: UnsafeBufferPointer<UInt8>, lineStarts: [Int], in ranges: [Range<Int>]) -> [[Int]] {
        var lines = [[Int]](repeating: [], count: patternCount)
        var lastLine = [Int](repeating: -1, count: patternCount)
        var line = 0
        var nextLineStart = lineStarts.count > 1 ? lineStarts[1] : Int.max
        transitions.withUnsafeBufferPointer { table in
            outputStart.withUnsafeBufferPointer { starts in
                for range in ranges {
                    var state = 0
                    for offset in range {
                        if offset >= nextLineStart {
                            while offset >= nextLineStart {
                                line += 1
                                nextLineStart = line + 1 < lineStarts.count ? lineStarts[line + 1] : Int.max
                            }
                            state = 0
                        }
                        state = Int(table[state &* 256 &+ Int(KeywordIndex.lower(buffer[offset]))])
                        let first = Int(starts[state]), end = Int(starts[state &+ 1])
                        if first == end { continue }
                        for index in first..<end {
                            for pattern in owners[Int(outputKeywords[index])] where lastLine[pattern] != line {
                                lastLine[pattern] = line
                                lines[pattern].append(line)
                            }
                        }
                    }
                }
            }
        }
        return lines
    }
}
