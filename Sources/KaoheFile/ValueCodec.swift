import KaoheCore

/// Values as the workbook file writes them: numbers as shown (15 significant
/// digits, which round-trip exactly), `"text"` with backslash escapes,
/// `TRUE`/`FALSE`, errors by name (`#N/A`), and nothing at all for empty.
///
/// Reading works on UTF-8 bytes: a 100,000-row workbook has millions of
/// values, and Character-by-Character scanning would dominate opening it.
enum ValueCodec {
    static func encode(_ v: Value) -> String {
        var out = ""
        encode(v, into: &out)
        return out
    }

    /// Appends the value as written: a file appends millions, so without
    /// a string of its own each.
    static func encode(_ v: Value, into out: inout String) {
        switch v {
        case .empty: break
        case .number(let x): out += Num.general(x)
        case .bool(let b): out += b ? "TRUE" : "FALSE"
        case .error(let e): out += e.rawValue
        case .text(let s): quote(s, into: &out)
        }
    }

    static func quote(_ s: String) -> String {
        var out = ""
        quote(s, into: &out)
        return out
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most text has nothing to escape: it is appended whole.
        if !s.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            out += s
            out += "\""
            return
        }
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
        out += "\""
    }

    /// A problem at a byte offset of the line; the parser turns it into a column.
    struct ScanError: Error {
        let offset: Int
        let phrase: Phrase
        var message: String { phrase.en }
        init(at offset: Int, _ phrase: Phrase) {
            self.offset = offset
            self.phrase = phrase
        }
    }

    /// A cursor over one line's bytes, for values separated by commas.
    struct Scanner {
        let b: [UInt8]
        var i: Int

        init(_ bytes: [UInt8], from start: Int = 0) {
            b = bytes
            i = start
        }

        var atEnd: Bool { i >= b.count }
        mutating func skipSpaces() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }

        /// One value up to the next comma (or the end); the comma is consumed.
        mutating func value() throws(ScanError) -> Value {
            var strings = Interner(enabled: false)
            return try value(interning: &strings)
        }

        /// One value, its text (when it has no escapes) read through
        /// `strings`: a row's values, millions of them, mostly repeats.
        mutating func value(interning strings: inout Interner) throws(ScanError) -> Value {
            skipSpaces()
            guard i < b.count, b[i] != UInt8(ascii: ",") else {
                if i < b.count { i += 1 }
                return .empty
            }
            let start = i
            let v: Value
            if b[i] == UInt8(ascii: "\"") {
                v = .text(try quoted(interning: &strings))
            } else {
                while i < b.count, b[i] != UInt8(ascii: ",") { i += 1 }
                var end = i
                while end > start, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
                v = try bare(start, end)
            }
            skipSpaces()
            if i < b.count {
                guard b[i] == UInt8(ascii: ",") else {
                    throw ScanError(at: i, .expectedComma(String(decoding: b[i..<min(i + 1, b.count)], as: UTF8.self)))
                }
                i += 1
            }
            return v
        }

        private func bare(_ start: Int, _ end: Int) throws(ScanError) -> Value {
            if let x = Self.number(b[start..<end]) { return .number(x) }
            if let flag = Self.boolean(b[start..<end]) { return .bool(flag) }
            let word = String(decoding: b[start..<end], as: UTF8.self)
            if word.hasPrefix("#") {
                guard let e = CellError(text: word) else {
                    throw ScanError(at: start, .unknownErrorValue(word, known: CellError.allCases.map(\.rawValue).joined(separator: " ")))
                }
                return .error(e)
            }
            throw ScanError(at: start, .expectedValue(word, hint: Self.hint(for: word)))
        }

        /// `TRUE` or `FALSE` in any case, read from the bytes: a workbook has
        /// a yes/no column or two on every row.
        static func boolean(_ s: ArraySlice<UInt8>) -> Bool? {
            func matches(_ word: StaticString) -> Bool {
                guard s.count == word.utf8CodeUnitCount else { return false }
                var p = word.utf8Start
                for c in s {
                    // ASCII letters only: clearing bit 5 upper-cases them.
                    guard c & 0xDF == p.pointee else { return false }
                    p += 1
                }
                return true
            }
            if matches("TRUE") { return true }
            if matches("FALSE") { return false }
            return nil
        }

        /// A plain decimal (`-12.5`, `1E+20`), correctly rounded; nil otherwise.
        /// Up to 15 digits with a small exponent take the exact fast path.
        static func number(_ s: ArraySlice<UInt8>) -> Double? {
            var i = s.startIndex
            let end = s.endIndex
            var negative = false
            if i < end, s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") { negative = s[i] == UInt8(ascii: "-"); i += 1 }
            var mantissa: UInt64 = 0
            var digits = 0, scale = 0
            var sawDigit = false
            while i < end, s[i] >= 0x30 && s[i] <= 0x39 {
                if digits < 18 { mantissa = mantissa * 10 + UInt64(s[i] - 0x30); if mantissa > 0 { digits += 1 } } else { scale += 1 }
                sawDigit = true
                i += 1
            }
            if i < end, s[i] == UInt8(ascii: ".") {
                i += 1
                while i < end, s[i] >= 0x30 && s[i] <= 0x39 {
                    if digits < 18 { mantissa = mantissa * 10 + UInt64(s[i] - 0x30); scale -= 1; if mantissa > 0 { digits += 1 } }
                    sawDigit = true
                    i += 1
                }
            }
            guard sawDigit else { return nil }
            var exponent = 0
            if i < end, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
                i += 1
                var expNegative = false
                if i < end, s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") { expNegative = s[i] == UInt8(ascii: "-"); i += 1 }
                var sawExp = false
                while i < end, s[i] >= 0x30 && s[i] <= 0x39 {
                    exponent = min(exponent * 10 + Int(s[i] - 0x30), 100_000)
                    sawExp = true
                    i += 1
                }
                guard sawExp else { return nil }
                if expNegative { exponent = -exponent }
            }
            guard i == end else { return nil }
            let e10 = scale + exponent
            if digits <= 15, (-22...22).contains(e10) {
                let m = Double(mantissa)
                // One correctly rounded step from a decimal of at most 15
                // digits: already the canonical double (`Num.canonical`).
                let x = e10 >= 0 ? m * Num.exactPowerOfTen(e10) : m / Num.exactPowerOfTen(-e10)
                return negative ? -x : x
            }
            return Num.parse(String(decoding: s, as: UTF8.self))
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
            var strings = Interner(enabled: false)
            return try quoted(interning: &strings)
        }

        mutating func quoted(interning strings: inout Interner) throws(ScanError) -> String {
            let open = i
            i += 1
            // Most text has no escapes: it is decoded straight from the line,
            // without a buffer (a short string then needs no allocation at all).
            var j = i
            while j < b.count, b[j] != UInt8(ascii: "\""), b[j] != UInt8(ascii: "\\") { j += 1 }
            if j < b.count, b[j] == UInt8(ascii: "\"") {
                let s = strings.string(b, i..<j)
                i = j + 1
                return s
            }
            var out: [UInt8] = []
            var runStart = i
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    out.append(contentsOf: b[runStart..<i])
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c == UInt8(ascii: "\\") {
                    out.append(contentsOf: b[runStart..<i])
                    guard i + 1 < b.count else { break }
                    switch b[i + 1] {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                    default:
                        let escaped = String(decoding: b[(i + 1)..<min(i + 2, b.count)], as: UTF8.self)
                        throw ScanError(at: i, .unknownEscape(String(escaped)))
                    }
                    i += 2
                    runStart = i
                    continue
                }
                i += 1
            }
            throw ScanError(at: open, .unterminatedText)
        }
    }
}

/// One column's texts read once each: a workbook repeats its offices, rule
/// codes, dates and departments on every row, and decoding a `String` from
/// bytes (validating them, checking their normal form) costs several times
/// a lookup of bytes already seen; equal texts then share one string's
/// storage. A column of mostly distinct texts (ids, names) stops being
/// interned once it has `limit` of them: its table would only miss, and at
/// a million rows miss the cache too.
struct Interner {
    static let limit = 1024
    /// Indexes into `entries` (+1; 0 is free): twice `limit` slots.
    private var table: [Int32] = []
    private var entries: [(start: Int, count: Int, string: String)] = []
    /// The bytes of every text kept, end to end.
    private var bytes: [UInt8] = []
    private var enabled: Bool

    init(enabled: Bool = true) { self.enabled = enabled }

    /// The text of `line[range]`, valid UTF-8.
    mutating func string(_ line: [UInt8], _ range: Range<Int>) -> String {
        guard enabled else { return String(decoding: line[range], as: UTF8.self) }
        if table.isEmpty { table = Array(repeating: 0, count: 2 * Self.limit) }
        return line.withUnsafeBufferPointer { line in
            // FNV-1a over the bytes.
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in range { h = (h ^ UInt64(line[k])) &* 0x100_0000_01b3 }
            let mask = table.count - 1
            var slot = Int(truncatingIfNeeded: h ^ (h >> 32)) & mask
            while table[slot] != 0 {
                let e = Int(table[slot]) - 1
                if entries[e].count == range.count, bytes.withUnsafeBufferPointer({ kept in
                    var k = 0
                    let start = entries[e].start
                    while k < range.count, kept[start + k] == line[range.lowerBound + k] { k += 1 }
                    return k == range.count
                }) {
                    return entries[e].string
                }
                slot = (slot + 1) & mask
            }
            let s = String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
            entries.append((bytes.count, range.count, s))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[range]))
            table[slot] = Int32(entries.count)
            if entries.count == Self.limit {
                enabled = false
                table = []
                entries = []
                bytes = []
            }
            return s
        }
    }
}
