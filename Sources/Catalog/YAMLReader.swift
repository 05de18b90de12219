import Model
import Yams

/// A problem in a pattern file, located at its file and line.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// A YAML node together with the file it came from, so every lookup can fail with a line.
struct YAMLValue {
    let node: Node
    let file: String

    var line: Int? { node.mark?.line }

    func error(_ message: String) -> CatalogError { CatalogError(file: file, line: line, message) }

    /// Parses a whole file; a syntax error names its line.
    static func parse(_ text: String, file: String) throws(CatalogError) -> YAMLValue? {
        do {
            // Every scalar is read as text here, so tags need no resolving (the default resolver
            // runs a regex per scalar: a tenth of start-up).
            guard let node = try Yams.compose(yaml: text, .basic) else { return nil }
            return YAMLValue(node: node, file: file)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw CatalogError(file: file, line: mark.line, "YAML: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                // Yams puts the whole mapping in the context: only the keys and the line are said.
                throw CatalogError(file: file, line: context.mark.line,
                                   "YAML: a key appears twice in one mapping: \(duplicates.joined(separator: ", ")) (a later entry would silently replace the first)")
            default:
                throw CatalogError(file: file, line: nil, "YAML: \(error)")
            }
        } catch {
            throw CatalogError(file: file, line: nil, "YAML: \(error)")
        }
    }

    /// The key/value pairs of a mapping, in file order.
    func mapping() throws(CatalogError) -> [(key: String, value: YAMLValue)] {
        guard let mapping = node.mapping else { throw error("expected a mapping (key: value)") }
        var pairs: [(key: String, value: YAMLValue)] = []
        for (key, value) in mapping {
            guard let name = key.string else { throw YAMLValue(node: key, file: file).error("a key must be text") }
            pairs.append((name, YAMLValue(node: value, file: file)))
        }
        return pairs
    }

    func sequence() throws(CatalogError) -> [YAMLValue] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.map { YAMLValue(node: $0, file: file) }
    }

    func string() throws(CatalogError) -> String {
        guard let scalar = node.scalar else { throw error("expected text") }
        return scalar.string
    }

    /// A list of strings; a single string counts as a list of one.
    func strings() throws(CatalogError) -> [String] {
        if node.scalar != nil { return [try string()] }
        var result: [String] = []
        for item in try sequence() { result.append(try item.string()) }
        return result
    }

    /// A number, or a fraction such as `100/3` for factors that decimals cannot hold exactly.
    func number() throws(CatalogError) -> Double {
        guard let text = node.scalar?.string else { throw error("expected a number") }
        if let value = Double(text) { return value }
        let parts = text.split(separator: "/")
        guard parts.count == 2, let numerator = Double(parts[0]), let denominator = Double(parts[1]), denominator != 0 else {
            throw error("expected a number")
        }
        return numerator / denominator
    }

    func bool() throws(CatalogError) -> Bool {
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error("expected true or false")
        }
    }
}

/// The fields of one mapping; keys outside `allowed` are rejected up front, so a typo
/// fails as itself rather than as a missing field.
struct YAMLFields {
    let owner: YAMLValue
    private let pairs: [(key: String, value: YAMLValue)]

    init(_ owner: YAMLValue, allowed: [String]) throws(CatalogError) {
        self.owner = owner
        pairs = try owner.mapping()
        if let extra = pairs.first(where: { !allowed.contains($0.key) }) {
            throw extra.value.error("unknown key `\(extra.key)` (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    func optional(_ key: String) -> YAMLValue? {
        pairs.first { $0.key == key }?.value
    }

    func required(_ key: String) throws(CatalogError) -> YAMLValue {
        guard let value = optional(key) else { throw owner.error("missing `\(key)`") }
        return value
    }
}
