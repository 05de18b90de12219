import ChatModel
import Foundation
import Matching

/// Reads a file (or standard input for `-`) into decoded UTF-8 bytes.
public enum InputReader {
    /// The file's bytes, read straight into one array (no intermediate `Data` copy).
    static func readWhole(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            while filled < buffer.count {
                let count = systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 { return false }
                if count == 0 { break }
                filled += count
            }
            return true
        }
        guard complete else { return nil }
        if filled < bytes.count { bytes.removeSubrange(filled...) }
        return bytes
    }

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
            guard let contents = readWhole(path) else {
                throw InputError(path: name, "cannot read the file (permission denied?)")
            }
            data = contents
        }
        do {
            return (name, try TextDecoder.decode(data, as: encoding))
        } catch {
            switch error {
            case .binary: throw InputError(path: name, "binary file (not a chat log or listing text), skipped; if it is text, name its encoding with --encoding (utf-16le, gb18030, big5…)")
            case .undecodable(let reason): throw InputError(path: name, reason)
            }
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
