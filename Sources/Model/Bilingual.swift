/// The same thing said in Chinese and in English: every sentence a claim writes is one.
public struct Bilingual: Sendable, Equatable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// Both languages alike: a quote, a number, a file name.
    public init(_ both: String) {
        self.init(zh: both, en: both)
    }

    public static func + (a: Bilingual, b: Bilingual) -> Bilingual {
        Bilingual(zh: a.zh + b.zh, en: a.en + b.en)
    }

    public static func += (a: inout Bilingual, b: Bilingual) {
        a = a + b
    }

    /// A template with `{name}` slots filled in; a slot with no value stays as written.
    public func filled(_ values: [String: Bilingual]) -> Bilingual {
        var result = self
        for (name, value) in values {
            result.zh = result.zh.replacingAll("{\(name)}", with: value.zh)
            result.en = result.en.replacingAll("{\(name)}", with: value.en)
        }
        return result
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        // Byte search: the catalogue's macro expansion calls this thousands of times at start-up,
        // and a UTF-8 needle in UTF-8 text only ever matches whole characters.
        let needle = Array(target.utf8)
        guard let first = needle.first else { return self }
        let source = Array(utf8)
        guard source.count >= needle.count else { return self }
        return source.withUnsafeBufferPointer { bytes in
            var result: [UInt8] = []
            var copied = 0, index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == first, needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) {
                    result += bytes[copied..<index]
                    result += replacement.utf8
                    index += needle.count
                    copied = index
                } else {
                    index += 1
                }
            }
            guard copied > 0 else { return self }
            result += bytes[copied...]
            return String(decoding: result, as: UTF8.self)
        }
    }
}
