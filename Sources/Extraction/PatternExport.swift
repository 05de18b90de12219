import Catalog
import ChatModel
import Matching
import Model
import Reading

/// Patterns in the form other PCRE tools read.
public enum PatternExport {
    /// `(?<name>…)`, `(?'name'…)` and `(?P<name>…)` become `(?:…)`, so lines joined into one
    /// alternation never repeat a group name. Lookbehinds `(?<=`, `(?<!`, escapes and
    /// character classes are copied as they are.
    public static func withoutGroupNames(_ regex: String) -> String {
        let characters = Array(regex)
        var output = ""
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                output.append(character)
                output.append(characters[index + 1])
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
                // `[]…]` and `[^]…]`: a leading `]` is a literal.
                if index + 1 < characters.count, characters[index + 1] == "]" { output.append("["); index += 1; output.append("]"); index += 1; continue }
            } else if character == "(", let nameEnd = groupNameEnd(characters, at: index) {
                output += "(?:"
                index = nameEnd + 1
                continue
            }
            output.append(character)
            index += 1
        }
        return output
    }

    /// For a named group opening at `index`, the index of the character that closes its name.
    private static func groupNameEnd(_ characters: [Character], at index: Int) -> Int? {
        var cursor = index + 1
        guard cursor < characters.count, characters[cursor] == "?" else { return nil }
        cursor += 1
        if cursor < characters.count, characters[cursor] == "P" { cursor += 1 }
        guard cursor < characters.count, characters[cursor] == "<" || characters[cursor] == "'" else { return nil }
        let close: Character = characters[cursor] == "<" ? ">" : "'"
        cursor += 1
        guard cursor < characters.count, characters[cursor].isLetter || characters[cursor] == "_" else { return nil }
        while cursor < characters.count, characters[cursor] != close {
            guard characters[cursor].isLetter || characters[cursor].isNumber || characters[cursor] == "_" else { return nil }
            cursor += 1
        }
        return cursor < characters.count ? cursor : nil
    }
}
