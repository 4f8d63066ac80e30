import KaoheCore

/// Values as the workbook file writes them: numbers as shown (15 significant
/// digits, which round-trip exactly), `"text"` with backslash escapes,
/// `TRUE`/`FALSE`, errors by name (`#N/A`), and nothing at all for empty.
enum ValueCodec {
    static func encode(_ v: Value) -> String {
        switch v {
        case .empty: return ""
        case .number(let x): return Num.general(x)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e.rawValue
        case .text(let s): return quote(s)
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// A cursor over one line's characters, for values separated by commas.
    struct Scanner {
        let chars: [Character]
        var i: Int
        init(_ line: Substring, from start: Int = 0) {
            chars = Array(line)
            i = start
        }
        var atEnd: Bool { i >= chars.count }
        var column: Int { i + 1 }
        mutating func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
        var rest: String { String(chars[min(i, chars.count)...]) }

        /// One value up to the next comma (or the end); the comma is consumed.
        mutating func value() throws(ScanError) -> Value {
            skipSpaces()
            guard i < chars.count, chars[i] != "," else {
                if i < chars.count { i += 1 }
                return .empty
            }
            let start = i
            let v: Value
            if chars[i] == "\"" {
                v = .text(try quoted())
            } else {
                while i < chars.count, chars[i] != "," { i += 1 }
                var end = i
                while end > start, chars[end - 1] == " " { end -= 1 }
                let word = String(chars[start..<end])
                switch word.uppercased() {
                case "TRUE": v = .bool(true)
                case "FALSE": v = .bool(false)
                default:
                    if word.hasPrefix("#") {
                        guard let e = CellError(text: word) else {
                            throw ScanError(column: start + 1, "unknown error value '\(word)' (known: \(CellError.allCases.map(\.rawValue).joined(separator: " ")))")
                        }
                        v = .error(e)
                    } else if let x = Num.parse(word) {
                        v = .number(x)
                    } else {
                        throw ScanError(column: start + 1, "expected a value (a number, \"text\", TRUE, FALSE or an error such as #N/A), found '\(word)'\(Self.hint(for: word))")
                    }
                }
            }
            skipSpaces()
            if i < chars.count {
                guard chars[i] == "," else { throw ScanError(column: i + 1, "expected ',' between values, found '\(chars[i])'") }
                i += 1
            }
            return v
        }

        /// Values run together want commas; words want quotes.
        static func hint(for word: String) -> String {
            let parts = word.split(separator: " ")
            if parts.count > 1, parts.allSatisfy({ Num.parse($0) != nil || ["TRUE", "FALSE"].contains($0.uppercased()) }) {
                return ": separate values with ','"
            }
            return word.contains { $0.isLetter } ? ": quote text with \"...\"" : ""
        }

        /// A `"..."` string with backslash escapes; the cursor ends after it.
        mutating func quoted() throws(ScanError) -> String {
            let open = i
            i += 1
            var out = ""
            while i < chars.count {
                let c = chars[i]
                if c == "\"" { i += 1; return out }
                if c == "\\" {
                    guard i + 1 < chars.count else { break }
                    switch chars[i + 1] {
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "\\": out.append("\\")
                    case "\"": out.append("\"")
                    default: throw ScanError(column: i + 1, "unknown escape '\\\(chars[i + 1])' (use \\\\, \\\", \\n, \\r or \\t)")
                    }
                    i += 2
                    continue
                }
                out.append(c)
                i += 1
            }
            throw ScanError(column: open + 1, "unterminated text: no closing '\"' for the one here")
        }
    }

    struct ScanError: Error {
        let column: Int
        let message: String
        init(column: Int, _ message: String) {
            self.column = column
            self.message = message
        }
    }
}
