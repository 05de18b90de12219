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
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
