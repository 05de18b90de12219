/// Regexes written over several lines (`options: [extended]`, PCRE2's extended syntax): the
/// catalogue joins them into one line before macros are expanded, so every regex runs and
/// exports (`patterns export --pcre`) as a single line, and macros never see extended mode.
public enum ExtendedSyntax {
    /// Drops `#` comments and unescaped whitespace outside character classes; escapes
    /// (`\ `, `\#`) and classes (`[ ]`) are kept as written.
    public static func flatten(_ regex: String) -> String {
        var output = ""
        var scalars = regex.unicodeScalars.makeIterator()
        var inClass = false
        var classStart = false
        while let scalar = scalars.next() {
            if scalar == "\\" {
                output.unicodeScalars.append(scalar)
                if let next = scalars.next() { output.unicodeScalars.append(next) }
                classStart = false
                continue
            }
            if inClass {
                // `[]…]` and `[^]…]`: a `]` first in the class is a literal.
                if scalar == "]", !classStart { inClass = false }
                classStart = classStart && scalar == "^"
                output.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "[":
                inClass = true
                classStart = true
                output.unicodeScalars.append(scalar)
            case "#":
                while let next = scalars.next(), next != "\n" {}
            case " ", "\t", "\n", "\r":
                break
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
