/// Who wrote a message, as far as the reader can tell.
public enum Role: String, Sendable, Codable, CaseIterable {
    case seller, buyer, unknown
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
