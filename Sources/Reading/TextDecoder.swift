import ChatModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Matching

/// A text encoding the reader can decode. `auto` sniffs: BOM, UTF-16 by its pattern, strict
/// UTF-8, then GB18030 or Big5, whichever reads as the more common characters.
public enum TextEncoding: String, Sendable, CaseIterable {
    case auto
    case utf8 = "utf-8"
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"
    case gb18030
    case big5

    var iconvName: String {
        switch self {
        case .auto, .utf8: return "UTF-8"
        case .utf16le: return "UTF-16LE"
        case .utf16be: return "UTF-16BE"
        case .gb18030: return "GB18030"
        case .big5: return "BIG5"
        }
    }
}

/// Bytes turned into valid UTF-8, with the encoding that was used and what had to be repaired.
public struct DecodedText: Sendable {
    public let bytes: [UInt8]
    public let encoding: TextEncoding
    /// Problems that did not stop reading, e.g. "invalid UTF-8 at line 12 replaced with U+FFFD".
    public let warnings: [String]

    public init(bytes: [UInt8], encoding: TextEncoding, warnings: [String]) {
        self.bytes = bytes
        self.encoding = encoding
        self.warnings = warnings
    }
}

/// Why a file cannot be read as text.
public enum DecodeFailure: Error, Equatable, Sendable {
    case binary
    case undecodable(String)
}

public enum TextDecoder {
    public static func decode(_ data: [UInt8], as requested: TextEncoding = .auto) throws(DecodeFailure) -> DecodedText {
        if requested != .auto { return try decodeForced(data, requested) }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return try decodeForced(Array(data.dropFirst(3)), .utf8) }
        if data.starts(with: [0xFF, 0xFE]) { return try decodeForced(Array(data.dropFirst(2)), .utf16le) }
        if data.starts(with: [0xFE, 0xFF]) { return try decodeForced(Array(data.dropFirst(2)), .utf16be) }
        if let encoding = utf16WithoutBOM(data) { return try decodeForced(data, encoding) }
        if data.prefix(8192).contains(0) { throw .binary }
        let scan = UTF8Scan(data)
        if scan.invalid == 0 { return DecodedText(bytes: data, encoding: .utf8, warnings: []) }
        // Mostly valid UTF-8 with a few bad bytes (a truncated copy, a damaged export) stays UTF-8.
        if scan.multibyte >= 4 * scan.invalid { return repairUTF8(data, scan: scan) }
        // GB18030 takes almost any bytes, Big5 too: Big5 first when the character pairs fall
        // among its common characters, else GB18030, else Big5 (each converted only if tried).
        let big5First = DoubleByteScan(data).likelyBig5
        for encoding in big5First ? [TextEncoding.big5, .gb18030] : [.gb18030, .big5] {
            if let bytes = iconv(data, from: encoding) { return DecodedText(bytes: bytes, encoding: encoding, warnings: []) }
        }
        // GB18030 with a few damaged bytes (a cut copy): what decodes is kept, the rest replaced.
        if let lenient = replacing(data, from: .gb18030), lenient.invalid * 100 <= data.count { return lenient.text }
        throw .undecodable("not UTF-8, UTF-16, GB18030 or Big5 text (first bad byte at line \(scan.firstInvalidLine ?? 1)); try --encoding")
    }

    /// `data` converted from `encoding` with every byte that does not decode replaced by
    /// U+FFFD and counted (the warning names the first one's line); nil when iconv has no
    /// such encoding.
    static func replacing(_ data: [UInt8], from encoding: TextEncoding) -> (text: DecodedText, invalid: Int)? {
        guard let converted = convert(data, from: encoding.iconvName, to: "UTF-8", strict: false) else { return nil }
        let count = converted.invalid == 1 ? "1 byte" : "\(converted.invalid) bytes"
        let warnings = converted.invalid == 0 ? [] : ["\(count) not valid \(encoding.iconvName) replaced with U+FFFD (first at line \(converted.firstLine ?? 1))"]
        return (DecodedText(bytes: converted.bytes, encoding: encoding, warnings: warnings), converted.invalid)
    }

    private static func decodeForced(_ data: [UInt8], _ encoding: TextEncoding) throws(DecodeFailure) -> DecodedText {
        if encoding == .utf8 || encoding == .auto {
            let scan = UTF8Scan(data)
            return scan.invalid == 0 ? DecodedText(bytes: data, encoding: .utf8, warnings: []) : repairUTF8(data, scan: scan)
        }
        if let bytes = iconv(data, from: encoding) { return DecodedText(bytes: bytes, encoding: encoding, warnings: []) }
        // The encoding named: decode what can be decoded, replace the rest, and say where.
        guard let lenient = replacing(data, from: encoding), lenient.invalid * 10 <= max(data.count, 10) else {
            throw .undecodable("not valid \(encoding.rawValue) text")
        }
        return lenient.text
    }

    private static func repairUTF8(_ data: [UInt8], scan: UTF8Scan) -> DecodedText {
        let repaired = Array(String(decoding: data, as: UTF8.self).utf8)
        let count = scan.invalid == 1 ? "1 invalid UTF-8 byte" : "\(scan.invalid) invalid UTF-8 bytes"
        return DecodedText(bytes: repaired, encoding: .utf8,
                           warnings: ["\(count) replaced with U+FFFD (first at line \(scan.firstInvalidLine ?? 1))"])
    }

    /// UTF-16 with no BOM: text in UTF-8 or GB18030 has no NUL byte; with NULs, the byte order
    /// whose code units read as plausible text (ASCII, CJK, their punctuation) wins. Not by where
    /// the NULs fall: 一 (U+4E00) and 退 (U+9000) put one on the other side of ASCII's.
    private static func utf16WithoutBOM(_ data: [UInt8]) -> TextEncoding? {
        let sample = Array(data.prefix(4096))
        guard sample.count >= 8, sample.contains(0) else { return nil }
        func plausible(bigEndian: Bool) -> Double {
            var good = 0, total = 0
            for index in stride(from: 0, to: sample.count - 1, by: 2) {
                let (first, second) = (UInt16(sample[index]), UInt16(sample[index + 1]))
                let unit = bigEndian ? first << 8 | second : second << 8 | first
                total += 1
                switch unit {
                case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0xA0...0xFF, 0x2000...0x206F, 0x3000...0x303F, 0x4E00...0x9FFF, 0xFF00...0xFFEF: good += 1
                default: break
                }
            }
            return Double(good) / Double(max(total, 1))
        }
        let (little, big) = (plausible(bigEndian: false), plausible(bigEndian: true))
        guard max(little, big) >= 0.9 else { return nil }
        return little >= big ? .utf16le : .utf16be
    }

    /// Converts with glibc's iconv; nil when the bytes are not valid in that encoding.
    static func iconv(_ data: [UInt8], from encoding: TextEncoding) -> [UInt8]? {
        convert(data, from: encoding.iconvName, to: "UTF-8", strict: true)?.bytes
    }

    /// `text` in another encoding (for tests and fixtures).
    static func iconvEncode(_ text: String, to encoding: String) -> [UInt8]? {
        convert(Array(text.utf8), from: "UTF-8", to: encoding, strict: true)?.bytes
    }

    /// `data` from `source` to `target` through glibc's iconv; nil when iconv has no such
    /// encoding. Strict: nil at the first byte that does not convert. Otherwise each such byte
    /// becomes U+FFFD (the target is UTF-8) and is counted, with the line of the first.
    private static func convert(_ data: [UInt8], from source: String, to target: String, strict: Bool) -> (bytes: [UInt8], invalid: Int, firstLine: Int?)? {
        let converter = iconv_open(target, source)
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var output: [UInt8] = []
        output.reserveCapacity(data.count * 2)
        var invalid = 0, firstLine: Int?, failed = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = data
        input.withUnsafeMutableBufferPointer { inBuffer in
            guard let base = inBuffer.baseAddress else { return }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(base).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            while inLeft > 0 {
                let (result, produced, failure) = chunk.withUnsafeMutableBufferPointer { outBuffer -> (Int, Int, Int32) in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let result = Glibc.iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, outBuffer.count - outLeft, errno)
                }
                output += chunk[..<produced]
                guard result == -1, failure != E2BIG else { continue }
                // A byte that does not convert (or a sequence cut at the end).
                if strict { failed = true; return }
                let offset = inBuffer.count - inLeft
                invalid += 1
                if firstLine == nil { firstLine = 1 + data[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
                output += [0xEF, 0xBF, 0xBD]
                inPointer = inPointer.map { $0 + 1 }
                inLeft -= 1
                _ = Glibc.iconv(converter, nil, nil, nil, nil)
            }
        }
        return failed ? nil : (output, invalid, firstLine)
    }
}

/// Which double-byte Chinese encoding a file's byte pairs read as more naturally. Common
/// characters sit in known blocks: GB2312's level 1 (the 3,755 most used simplified
/// characters, lead bytes B0-D7 with trail A1-FE) and its punctuation (A1-A3), against Big5's
/// level 1 (the 5,401 most used traditional characters, lead A4-C6 with trail 40-7E or A1-FE)
/// and its punctuation (A1-A3). Big5 text read as GB18030 lands half its pairs on rare GBK
/// extension characters (trail 40-7E), and GB text read as Big5 lands its level-2 pairs and
/// many level-1 ones outside Big5's common block.
struct DoubleByteScan {
    var gbCommon = 0
    var big5Common = 0

    init(_ data: [UInt8]) {
        var index = 0
        while index + 1 < data.count {
            let (lead, trail) = (data[index], data[index + 1])
            guard lead >= 0x81 else {
                index += 1
                continue
            }
            let highTrail = (0xA1...0xFE).contains(trail)
            if highTrail, (0xA1...0xA3).contains(lead) || (0xB0...0xD7).contains(lead) { gbCommon += 1 }
            if highTrail || (0x40...0x7E).contains(trail), (0xA1...0xA3).contains(lead) || (0xA4...0xC6).contains(lead) { big5Common += 1 }
            index += 2
        }
    }

    /// Big5 when clearly more of its pairs are common Big5 characters than common GB ones.
    var likelyBig5: Bool { big5Common * 4 > gbCommon * 5 }
}

/// Counts of a strict UTF-8 validation pass.
struct UTF8Scan {
    var multibyte = 0
    var invalid = 0
    var firstInvalidLine: Int?

    init(_ data: [UInt8]) {
        var index = 0, line = 1
        let count = data.count
        while index < count {
            let byte = data[index]
            if byte < 0x80 {
                if byte == 0x0A { line += 1 }
                index += 1
                continue
            }
            let length: Int
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && index + length <= count
            if valid {
                for offset in 1..<length where data[index + offset] & 0xC0 != 0x80 { valid = false }
            }
            if valid, length == 3 {
                let second = data[index + 1]
                if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F) { valid = false }
            }
            if valid, length == 4 {
                let second = data[index + 1]
                if (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { valid = false }
            }
            if valid {
                multibyte += 1
                index += length
            } else {
                invalid += 1
                if firstInvalidLine == nil { firstInvalidLine = line }
                index += 1
            }
        }
    }
}
