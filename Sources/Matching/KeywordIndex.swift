/// Finds, in one pass over a buffer, which lines contain which keywords (ASCII letters
/// compared without case): an Aho–Corasick automaton over bytes. The extractor runs a
/// pattern only on lines holding one of its keywords, so a catalogue of many patterns costs
/// one pass plus the few lines that can match.
public struct KeywordIndex: Sendable {
    /// For each keyword (lowercased), the indexes of the patterns it admits.
    private let owners: [[Int]]
    /// Each byte's class: the bytes no keyword holds share class 0 (from any state they lead
    /// back to the start), and ASCII capitals are their small letters.
    private let classOf: [UInt8]
    /// The number of byte classes: the width of a state's row.
    private let width: Int
    /// Dense transition table: `transitions[state * width + classOf[byte]]`.
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
        // Byte classes: one per byte some keyword holds, 0 for all others.
        var classOf = [UInt8](repeating: 0, count: 256)
        var width = 1
        for byte in Set(words.joined()).sorted() {
            classOf[Int(byte)] = UInt8(truncatingIfNeeded: width)
            width += 1
        }
        // More than 255 classes cannot be: every byte would be in a keyword and keep its own.
        if width > 256 { classOf = (0..<256).map { UInt8($0) }; width = 256 }
        for byte in 0x41...0x5A { classOf[byte] = classOf[byte + 0x20] }
        // Trie, in the flat table itself (-1: no edge yet).
        var table = [Int32](repeating: -1, count: width)
        var output: [[Int32]] = [[]]
        for (index, word) in words.enumerated() {
            var state = 0
            for byte in word {
                let edge = state * width + Int(classOf[Int(byte)])
                if table[edge] < 0 {
                    table[edge] = Int32(output.count)
                    table += repeatElement(-1, count: width)
                    output.append([])
                }
                state = Int(table[edge])
            }
            output[state].append(Int32(index))
        }
        // Breadth-first failure links; each missing edge becomes its failure state's edge.
        var fail = [Int](repeating: 0, count: output.count)
        var queue: [Int] = []
        for symbol in 0..<width {
            if table[symbol] < 0 { table[symbol] = 0 } else { queue.append(Int(table[symbol])) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            output[state] += output[fail[state]]
            for symbol in 0..<width {
                let next = table[state * width + symbol]
                if next < 0 {
                    table[state * width + symbol] = table[fail[state] * width + symbol]
                } else {
                    fail[Int(next)] = Int(table[fail[state] * width + symbol])
                    queue.append(Int(next))
                }
            }
        }
        self.classOf = classOf
        self.width = width
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
        let width = self.width
        transitions.withUnsafeBufferPointer { table in
            classOf.withUnsafeBufferPointer { classOf in
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
                            state = Int(table[state &* width &+ Int(classOf[Int(buffer[offset])])])
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
        }
        return lines
    }
}
