import Foundation

/// One word of a command line, as typed and as meant.
///
/// Words are separated by blanks; `"..."` quotes a word with blanks (`\"`
/// and `\\` escape inside quotes). `#` at the start of a word starts a
/// comment, except after a word that starts with `=`: from there on the line
/// is a formula, which may hold `#N/A`.
struct Word: Equatable {
    /// The word without its quotes.
    var text: String
    /// Where it stands in the line, quotes included.
    var range: Range<String.Index>
    /// Whether it starts with a quote: a quoted word is never a keyword or option.
    var quoted: Bool

    /// `key` of a `key=value` word, when the key is a plain name.
    var optionKey: Substring? {
        guard !quoted, let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
        let key = text[..<eq]
        return key.allSatisfy { $0.isLetter || $0 == "_" } ? key : nil
    }

    var optionValue: String {
        guard let eq = text.firstIndex(of: "=") else { return text }
        return String(text[text.index(after: eq)...])
    }
}

enum Words {
    /// Splits a line into words; an unterminated quote is an error at its column.
    static func split(_ line: String) throws(CommandError) -> [Word] {
        var words: [Word] = []
        var i = line.startIndex
        var formula = false
        while i < line.endIndex {
            if line[i].isWhitespace {
                i = line.index(after: i)
                continue
            }
            if line[i] == "#" && !formula { break }
            let start = i
            var text = ""
            var quoted = false
            while i < line.endIndex, !line[i].isWhitespace {
                if line[i] == "\"" {
                    // `"a=b"` is a value; `note="a b"` is still an option.
                    if i == start { quoted = true }
                    let open = i
                    i = line.index(after: i)
                    while true {
                        guard i < line.endIndex else {
                            throw CommandError(.unterminatedQuote(column: line.distance(from: line.startIndex, to: open) + 1))
                        }
                        if line[i] == "\"" { break }
                        if line[i] == "\\", line.index(after: i) < line.endIndex, "\"\\".contains(line[line.index(after: i)]) {
                            i = line.index(after: i)
                        }
                        text.append(line[i])
                        i = line.index(after: i)
                    }
                } else {
                    text.append(line[i])
                }
                i = line.index(after: i)
            }
            if !quoted && text.hasPrefix("=") { formula = true }
            words.append(Word(text: text, range: start..<i, quoted: quoted))
        }
        return words
    }

    /// A word quoted if it needs to be, so that `split` reads it back.
    static func quote(_ s: String) -> String {
        guard s.isEmpty || s.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "#" || $0 == "\\" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
