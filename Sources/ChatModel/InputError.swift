/// Who wrote a message, as far as the reader can tell.
public enum Role: String, Sendable, Codable, CaseIterable {
    case seller, buyer, unknown
}

/// How a speaker's role was decided, strongest first.
public enum RoleSource: String, Sendable, CaseIterable {
    /// `--seller` / `--buyer` named them.
    case option
    /// The export marks them as the one who exported it (IsSender, 我, Me), whose side `--me` gives.
    case flag
    /// Their name (旗舰店, 客服, tb_…, 采购).
    case name
    /// They took the chat over from someone whose side was known (由 A 转交给 B).
    case handoff = "hand-off"
    /// The other party of a two-party chat whose first party was known.
    case twoParty = "two-party"
    /// What they wrote (亲, 给您 against 我拍的, 收到了).
    case wording
    /// Nothing decided.
    case unknown
}

/// A problem with one input, located at its path (and line when known). Printed as one line.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let message: String

    public init(path: String, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
    }
}
