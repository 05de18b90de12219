extension String {
    /// Line ends (CRLF, lone CR) as `\n`. Works on scalars: a CRLF is one `Character`.
    public func replacingCRLF() -> String {
        guard unicodeScalars.contains("\r") else { return self }
        var result = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\n", previousCR { previousCR = false; continue }
            previousCR = scalar == "\r"
            result.append(previousCR ? "\n" : scalar)
        }
        return String(result)
    }

    /// Without blanks and invisible marks at either end.
    public func trimmingBlanks() -> String {
        func blank(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3000, 0xFEFF, 0x00A0, 0x200E, 0x200F, 0x202F: return true
            default: return false
            }
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !blank($0) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Without any of `characters` at either end.
    public func trimmingCharacters(in characters: String) -> String {
        var slice = self[...]
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

/// Byte-level tests on UTF-8 buffers.
public enum Bytes {
    /// `range` without blanks and invisible marks (space, tab, CR, LF, U+3000, U+FEFF, U+00A0, U+200E/F, U+202F) at either end.
    public static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        func blankLength(at index: Int, before end: Int) -> Int {
            let byte = buffer[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return 1 }
            if byte == 0xC2, index + 1 < end, buffer[index + 1] == 0xA0 { return 2 }
            guard index + 2 < end else { return 0 }
            let (b1, b2) = (buffer[index + 1], buffer[index + 2])
            if byte == 0xE3, b1 == 0x80, b2 == 0x80 { return 3 }
            if byte == 0xEF, b1 == 0xBB, b2 == 0xBF { return 3 }
            if byte == 0xE2, b1 == 0x80, b2 == 0x8E || b2 == 0x8F || b2 == 0xAF { return 3 }
            return 0
        }
        func blankEnding(at end: Int, after start: Int) -> Int {
            let byte = buffer[end - 1]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return 1 }
            if end - 2 >= start, buffer[end - 2] == 0xC2, byte == 0xA0 { return 2 }
            if end - 3 >= start, blankLength(at: end - 3, before: end) == 3 { return 3 }
            return 0
        }
        var start = range.lowerBound, end = range.upperBound
        while start < end { let length = blankLength(at: start, before: end); if length == 0 { break }; start += length }
        while end > start { let length = blankEnding(at: end, after: start); if length == 0 { break }; end -= length }
        return start..<end
    }

    public static func hasPrefix(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ prefix: [UInt8]) -> Bool {
        prefix.count <= range.count && prefix.indices.allSatisfy { buffer[range.lowerBound + $0] == prefix[$0] }
    }

    public static func hasSuffix(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ suffix: [UInt8]) -> Bool {
        suffix.count <= range.count && suffix.indices.allSatisfy { buffer[range.upperBound - suffix.count + $0] == suffix[$0] }
    }

    /// Occurrences of `needle` that start inside `range`.
    public static func count(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Int {
        guard let first = needle.first else { return 0 }
        var found = 0
        var index = range.lowerBound
        while index < range.upperBound, index + needle.count <= buffer.count {
            if buffer[index] == first, needle.indices.allSatisfy({ buffer[index + $0] == needle[$0] }) { found += 1 }
            index += 1
        }
        return found
    }

    public static func contains(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: buffer, range) != nil
    }

    /// Where `needle` first stands wholly inside `range`.
    public static func firstIndex(of needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard let first = needle.first else { return range.lowerBound }
        guard needle.count <= range.count else { return nil }
        var index = range.lowerBound
        let last = range.upperBound - needle.count
        while index <= last {
            if buffer[index] == first {
                var offset = 1
                while offset < needle.count, buffer[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
