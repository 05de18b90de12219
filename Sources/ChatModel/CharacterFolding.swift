/// Traditional Chinese characters read as their simplified form before matching (衣長 as
/// 衣长, 無理由退貨 as 无理由退货), from `patterns/characters.yaml`. Every pair is two CJK
/// characters of three UTF-8 bytes each, so folding never moves a byte offset: a match in the
/// folded text quotes the same bytes of the text as written.
public struct CharacterFolding: Sendable {
    /// The first and last code point a pair may use (CJK Extension A to the end of the
    /// Unified Ideographs: three UTF-8 bytes each).
    public static let scalars: ClosedRange<UInt32> = 0x3400...0x9FFF
    /// Simplified code point by traditional code point − `scalars.lowerBound`; 0 keeps it.
    private var table: [UInt32] = []

    public init() {}

    public var isEmpty: Bool { table.isEmpty }

    /// Adds `from` read as `to`; false when either is outside `scalars`.
    public mutating func add(_ from: Unicode.Scalar, _ to: Unicode.Scalar) -> Bool {
        guard Self.scalars.contains(from.value), Self.scalars.contains(to.value) else { return false }
        if table.isEmpty { table = Array(repeating: 0, count: Self.scalars.count) }
        table[Int(from.value - Self.scalars.lowerBound)] = to.value
        return true
    }

    /// `bytes` (UTF-8) with every listed traditional character replaced; the same length.
    /// Returns the array itself, uncopied, when nothing is folded.
    public func fold(_ bytes: [UInt8]) -> [UInt8] {
        guard !table.isEmpty else { return bytes }
        var result = bytes
        let count = bytes.count
        var index = 0
        bytes.withUnsafeBufferPointer { input in
            while index + 2 < count {
                let lead = input[index]
                // U+3400...U+9FFF start with E3...E9.
                guard lead >= 0xE3, lead <= 0xE9 else {
                    index += 1
                    continue
                }
                let (second, third) = (input[index + 1], input[index + 2])
                guard second & 0xC0 == 0x80, third & 0xC0 == 0x80 else {
                    index += 1
                    continue
                }
                let scalar = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
                if scalar >= Self.scalars.lowerBound {
                    let target = table[Int(scalar - Self.scalars.lowerBound)]
                    if target != 0 {
                        result[index] = 0xE0 | UInt8(target >> 12)
                        result[index + 1] = 0x80 | UInt8(target >> 6 & 0x3F)
                        result[index + 2] = 0x80 | UInt8(target & 0x3F)
                    }
                }
                index += 3
            }
        }
        return result
    }

    /// `text` with every listed traditional character replaced.
    public func fold(_ text: String) -> String {
        guard !table.isEmpty else { return text }
        return String(decoding: fold(Array(text.utf8)), as: UTF8.self)
    }
}
