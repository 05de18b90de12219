import Catalog
import ChatModel
import Claim
import Compare
import Model

/// A small, fast JSON writer: objects are written field by field into a byte buffer,
/// strings escaped by hand (no Foundation encoder on the hot path).
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init() {}

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    public mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ value: String?) {
        separate()
        if let value { writeString(value) } else { bytes += Array("null".utf8) }
    }

    public mutating func number(_ value: Double?) {
        separate()
        bytes += Array((value.map(NumberFormat.short) ?? "null").utf8)
    }

    public mutating func int(_ value: Int?) {
        separate()
        bytes += Array((value.map(String.init) ?? "null").utf8)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes += Array((value ? "true" : "false").utf8)
    }

    public mutating func field(_ name: String, _ value: String?) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Double?) { key(name); number(value) }
    public mutating func field(_ name: String, _ value: Int?) { key(name); int(value) }
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    /// A finding's or measurement's value: a number, a text, or null.
    public mutating func field(_ name: String, _ value: FindingValue?) {
        key(name)
        switch value {
        case .number(let number)?: self.number(number)
        case .text(let text)?: string(text)
        case nil: string(nil)
        }
    }

    /// `"name": [ … ]`, each element written by `element`.
    public mutating func array<Element>(_ name: String, _ elements: [Element], _ element: (inout JSONWriter, Element) -> Void) {
        key(name)
        beginArray()
        for item in elements { element(&self, item) }
        endArray()
    }

    /// `"name": { … }` with the fields `fields` writes for `value`, or `"name": null`.
    public mutating func object<Value>(_ name: String, _ value: Value?, _ fields: (inout JSONWriter, Value) -> Void) {
        key(name)
        guard let value else { return string(nil) }
        beginObject()
        fields(&self, value)
        endObject()
    }

    /// `{ … }` with its fields written by `fields`.
    public mutating func object(_ fields: (inout JSONWriter) -> Void) {
        beginObject()
        fields(&self)
        endObject()
    }

    /// Inserts an already encoded JSON value.
    public mutating func encoded(_ value: [UInt8]) {
        separate()
        bytes += value
    }

    public mutating func newline() { bytes.append(0x0A) }
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    private mutating func separate() {
        guard let last = needsComma.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most text needs no escape: copied in one go.
        if let copied = value.utf8.withContiguousStorageIfAvailable({ text -> Bool in
            guard !text.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            bytes.append(contentsOf: text)
            return true
        }), copied {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
            case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += Array("\\u00".utf8) + [JSONWriter.hex[Int(byte >> 4)], JSONWriter.hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
