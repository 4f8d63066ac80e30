import KaoheCore

/// `show where`'s condition made into one formula the engine evaluates per
/// row: conditions joined by `and`, `or` and `not` (any case), grouped with
/// parentheses, as SQL writes them, become `AND(…)`, `OR(…)` and `NOT(…)`;
/// `COLUMN="李*"` (or `<>`) with Excel's criteria wildcards (`*` any run,
/// `?` one character, `~` escapes) becomes `COUNTIF(COLUMN, "=李*")`, so it
/// matches exactly as a spreadsheet's criteria do. Anything else is the
/// formula language as it is.
///
/// ```
/// filter  := or
/// or      := and ("or" and)*
/// and     := not ("and" not)*
/// not     := "not" not | group | atom
/// group   := "(" filter ")"         followed by the end, ")", "and" or "or"
/// atom    := formula text up to a top-level "and", "or" or unmatched ")"
/// ```
struct Filter {
    /// The sheet's column keys and parameters: what a bare word may name.
    let names: Set<String>
    /// A column's key from a key or label, if it is one.
    let key: (String) -> String?

    private var chars: [Character] = []
    private var i = 0

    init(names: Set<String>, key: @escaping (String) -> String?) {
        self.names = names
        self.key = key
    }

    /// The formula (without `=`) for a condition as typed.
    mutating func formula(_ text: String) throws(CommandError) -> String {
        chars = Array(text)
        i = 0
        let out = try parseOr()
        skipBlanks()
        guard i == chars.count else { throw CommandError(.showUnbalanced(text)) }
        return out
    }

    private static func isQuote(_ c: Character) -> Bool { c == "\"" || c == "“" || c == "”" }

    private mutating func skipBlanks() {
        while i < chars.count, chars[i].isWhitespace { i += 1 }
    }

    /// Whether `word` stands at `at` as a whole word (any case), followed by
    /// a blank, a parenthesis or the end.
    private func keyword(_ word: String, at: Int) -> Bool {
        let w = Array(word)
        guard at + w.count <= chars.count, at == 0 || chars[at - 1].isWhitespace || chars[at - 1] == ")" || chars[at - 1] == "(" else { return false }
        for (k, c) in w.enumerated() where chars[at + k].lowercased() != String(c) { return false }
        let after = at + w.count
        return after == chars.count || chars[after].isWhitespace || chars[after] == "("
    }

    /// Takes `word` if it comes next.
    private mutating func take(_ word: String) -> Bool {
        let save = i
        skipBlanks()
        if keyword(word, at: i) {
            i += word.count
            return true
        }
        i = save
        return false
    }

    private mutating func parseOr() throws(CommandError) -> String {
        var parts = [try parseAnd(after: nil)]
        while take("or") { parts.append(try parseAnd(after: "or")) }
        return parts.count == 1 ? parts[0] : "OR(" + parts.joined(separator: ", ") + ")"
    }

    private mutating func parseAnd(after: String?) throws(CommandError) -> String {
        var parts = [try parseNot(after: after)]
        while take("and") { parts.append(try parseNot(after: "and")) }
        return parts.count == 1 ? parts[0] : "AND(" + parts.joined(separator: ", ") + ")"
    }

    private mutating func parseNot(after: String?) throws(CommandError) -> String {
        if take("not") { return "NOT(" + (try parseNot(after: "not")) + ")" }
        skipBlanks()
        if i < chars.count, chars[i] == "(", let close = matching(from: i), endsGroup(close + 1) {
            var inner = Filter(names: names, key: key)
            let text = try inner.formula(String(chars[(i + 1)..<close]))
            i = close + 1
            return "(" + text + ")"
        }
        return try atom(after: after)
    }

    /// The `)` that closes the `(` at `open`, outside quotes.
    private func matching(from open: Int) -> Int? {
        var depth = 0, quoted = false
        for k in open..<chars.count {
            let c = chars[k]
            if Self.isQuote(c) { quoted.toggle() } else if !quoted, c == "(" { depth += 1 } else if !quoted, c == ")" {
                depth -= 1
                if depth == 0 { return k }
            }
        }
        return nil
    }

    /// Whether a group may end at `k`: the end, `)`, or a joining word.
    private func endsGroup(_ k: Int) -> Bool {
        var k = k
        while k < chars.count, chars[k].isWhitespace { k += 1 }
        return k == chars.count || chars[k] == ")" || keyword("and", at: k) || keyword("or", at: k)
    }

    private mutating func atom(after: String?) throws(CommandError) -> String {
        skipBlanks()
        let start = i
        var depth = 0, quoted = false
        while i < chars.count {
            let c = chars[i]
            if Self.isQuote(c) {
                quoted.toggle()
            } else if !quoted {
                if c == "(" { depth += 1 }
                if c == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                if depth == 0, c.isWhitespace, keyword("and", at: i + 1) || keyword("or", at: i + 1) { break }
            }
            i += 1
        }
        let text = String(chars[start..<i]).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw CommandError(.showConditionMissing(after: after)) }
        return try comparison(text)
    }

    /// One comparison: a wildcard match made a COUNTIF; a bare word on the
    /// right that names nothing refused with the quotes it needs.
    private func comparison(_ text: String) throws(CommandError) -> String {
        guard let (lhs, op, rhs) = Self.split(text) else { return text }
        if rhs.count >= 2, let first = rhs.first, let last = rhs.last, Self.isQuote(first), Self.isQuote(last),
           !rhs.dropFirst().dropLast().contains(where: Self.isQuote), op == "=" || op == "<>" {
            let pattern = String(rhs.dropFirst().dropLast())
            if pattern.contains("*") || pattern.contains("?"), let column = key(lhs) {
                return "COUNTIF(\(column), \"\(op)\(pattern)\")"
            }
            return text
        }
        let isName = rhs.first.map { $0.isLetter || $0 == "_" } == true && rhs.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        if isName, !names.contains(rhs), !["TRUE", "FALSE"].contains(rhs.uppercased()) {
            throw CommandError(.showBareWord(rhs, quoted: "\(lhs)\(op)\"\(rhs)\""))
        }
        return text
    }

    /// `name` `op` `value` when the text is one comparison at the top level.
    static func split(_ text: String) -> (String, String, String)? {
        let c = Array(text)
        var depth = 0, quoted = false
        for k in c.indices {
            if isQuote(c[k]) { quoted.toggle(); continue }
            guard !quoted else { continue }
            if c[k] == "(" { depth += 1 } else if c[k] == ")" { depth -= 1 }
            guard depth == 0, "=<>".contains(c[k]) else { continue }
            var end = k + 1
            if end < c.count, (c[k] == "<" && (c[end] == ">" || c[end] == "=")) || (c[k] == ">" && c[end] == "=") { end += 1 }
            let lhs = String(c[..<k]).trimmingCharacters(in: .whitespaces)
            let rhs = String(c[end...]).trimmingCharacters(in: .whitespaces)
            // Only a plain name on the left: `a+b>1` and the like stay formulas.
            guard !lhs.isEmpty, lhs.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !rhs.isEmpty else { return nil }
            return (lhs, String(c[k..<end]), rhs)
        }
        return nil
    }
}
