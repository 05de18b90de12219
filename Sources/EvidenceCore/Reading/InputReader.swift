import Foundation

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

/// Reads a file (or standard input for `-`) into decoded UTF-8 bytes.
public enum InputReader {
    /// The name standard input gets in findings and errors.
    public static let stdinName = "<stdin>"

    public static func read(_ path: String, encoding: TextEncoding = .auto) throws(InputError) -> (name: String, text: DecodedText) {
        let name = path == "-" ? stdinName : path
        let data: [UInt8]
        if path == "-" {
            data = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(path: name, "no such file")
            }
            if isDirectory.boolValue { throw InputError(path: name, "is a folder, not a file") }
            guard FileManager.default.isReadableFile(atPath: path), let contents = FileManager.default.contents(atPath: path) else {
                throw InputError(path: name, "cannot read the file (permission denied?)")
            }
            data = Array(contents)
        }
        do {
            return (name, try TextDecoder.decode(data, as: encoding))
        } catch {
            switch error {
            case .binary: throw InputError(path: name, "binary file (not a chat log or listing text), skipped")
            case .undecodable(let reason): throw InputError(path: name, reason)
            }
        }
    }
}
