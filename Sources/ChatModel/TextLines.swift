/// Lines of a UTF-8 buffer: LF, CRLF and lone CR all end a line; a last line without a
/// line end counts.
public enum TextLines {
    /// Byte offset where each line starts.
    public static func starts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
                if index + 1 < count { starts.append(index + 1) }
            }
            index += 1
        }
        return starts
    }

    /// The 0-based line that byte `offset` lies on, given the line `starts`.
    public static func index(of offset: Int, in starts: [Int]) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Each line's content range (line end excluded), numbered from 1.
    public static func ranges(_ bytes: [UInt8]) -> [Range<Int>] {
        let starts = starts(bytes)
        return starts.enumerated().map { number, start in
            var end = number + 1 < starts.count ? starts[number + 1] : bytes.count
            while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
            return start..<end
        }
    }

    /// True for a line of only blanks and invisible marks.
    public static func isBlank(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 { index += 1; continue }
            // U+FEFF (EF BB BF), U+200E/F (E2 80 8E/8F), U+202F (E2 80 AF), U+3000 (E3 80 80), U+00A0 (C2 A0)
            if byte == 0xEF, index + 2 < range.upperBound, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { index += 3; continue }
            if byte == 0xE2, index + 2 < range.upperBound, bytes[index + 1] == 0x80, [0x8E, 0x8F, 0xAF].contains(bytes[index + 2]) { index += 3; continue }
            if byte == 0xE3, index + 2 < range.upperBound, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { index += 3; continue }
            if byte == 0xC2, index + 1 < range.upperBound, bytes[index + 1] == 0xA0 { index += 2; continue }
            return false
        }
        return true
    }
}
