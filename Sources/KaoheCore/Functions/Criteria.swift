/// A criterion of SUMIF, COUNTIFS and their kin, with Excel's semantics:
/// `5` (equal to 5, numeric text included), `">=3"`, `"<>"` (not empty),
/// `""` (empty), `"=张*"` (wildcards `*` and `?`, `~` escapes), `TRUE`.
struct Criterion: Sendable, Equatable {
    enum Op: Sendable { case eq, ne, lt, le, gt, ge }
    enum Operand: Sendable, Equatable {
        case number(Double)
        case bool(Bool)
        case text(String)  // lower-cased
        case empty
        case error(CellError)
    }

    let op: Op
    let operand: Operand
    let hasWildcards: Bool
    /// Built from a value rather than parsed from text (`"#N/A"` text matches errors).
    var isValue = false

    init(_ value: Value) {
        switch value {
        case .number(let x): self.init(op: .eq, operand: .number(Num.canonical(x)))
        case .bool(let b): self.init(op: .eq, operand: .bool(b))
        case .empty: self.init(op: .eq, operand: .number(0))
        case .error(let e):
            self.init(op: .eq, operand: .error(e))
            isValue = true
        case .text(let s): self.init(parsing: s)
        }
    }

    /// The criterion of a text that parsing reads as itself, an equality
    /// without wildcards (`c000017`, `党政办`), found without parsing: nil
    /// when the text could be anything else (an operator, a number, a
    /// boolean, an error, a pattern, a leading space). Most criteria a row
    /// gives are such text, one different per row.
    static func plainText(_ s: String) -> Criterion? {
        guard let first = s.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: " "), UInt8(ascii: "#"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "$"),
             0xC2, 0xE2, 0xEF:
            return nil
        default: break
        }
        let n = s.utf8.count
        if n == 4 || n == 5, s.utf8.elementsEqualIgnoringASCIICase(n == 4 ? "TRUE" : "FALSE") { return nil }
        // One pass over the bytes: a pattern character, and whether any
        // byte could change case (ASCII capitals; past ASCII, anything but
        // the caseless three-byte CJK leads `caseFolded` reads as bytes).
        let scan: (pattern: Bool, folds: Bool)? = s.utf8.withContiguousStorageIfAvailable { bytes in
            var folds = false
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    if b == UInt8(ascii: "*") || b == UInt8(ascii: "?") || b == UInt8(ascii: "~") { return (true, folds) }
                    if b >= 0x41 && b <= 0x5A { folds = true }
                    i += 1
                } else if b >= 0xE3 && b <= 0xE9 {
                    i += 3
                } else {
                    folds = true
                    i += 1
                }
            }
            return (false, folds)
        }
        if let scan {
            if scan.pattern { return nil }
            return Criterion(op: .eq, operand: .text(scan.folds ? s.caseFolded : s))
        }
        if s.containsByte(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "~") }) { return nil }
        return Criterion(op: .eq, operand: .text(s.caseFolded))
    }

    private init(op: Op, operand: Operand) {
        self.op = op
        self.operand = operand
        hasWildcards = false
    }

    private init(parsing s: String) {
        var op = Op.eq
        var rest = Substring(s)
        for (prefix, o) in [("<=", Op.le), (">=", .ge), ("<>", .ne), ("<", .lt), (">", .gt), ("=", .eq)] where rest.hasPrefix(prefix) {
            op = o
            rest = rest.dropFirst(prefix.count)
            break
        }
        self.op = op
        if rest.isEmpty {
            operand = .empty
        } else if let x = Num.parseLenient(String(rest)) {
            // Excel reads the operand as it reads typed input: ">50%",
            // "<=$1" and ">1,000" compare as numbers.
            operand = .number(x)
        } else if rest.uppercased() == "TRUE" || rest.uppercased() == "FALSE" {
            operand = .bool(rest.uppercased() == "TRUE")
        } else if let e = CellError(text: String(rest)) {
            operand = .error(e)
        } else {
            operand = .text(String(rest).caseFolded)
        }
        if case .text(let t) = operand, op == .eq || op == .ne {
            hasWildcards = t.contains("*") || t.contains("?") || t.contains("~")
        } else {
            hasWildcards = false
        }
    }

    /// The error a criterion built from an error value carries.
    var error: CellError? {
        if case .error(let e) = operand, isValue { return e }
        return nil
    }

    /// The value, as a hashable key, when the criterion is a plain equality.
    var equalityKey: GroupKey? {
        guard op == .eq, !hasWildcards else { return nil }
        switch operand {
        case .number(let x): return .number(x)
        case .bool(let b): return .bool(b)
        case .text(let t): return .text(t)
        case .empty, .error: return nil
        }
    }

    /// The packed value (`ColumnValues`) that alone meets an equality to a
    /// boolean: `TRUE` matches the boolean TRUE only, not 1 or "TRUE".
    var packedEquality: UInt64? {
        guard op == .eq, case .bool(let b) = operand else { return nil }
        return b ? ColumnValues.trueCode : ColumnValues.falseCode
    }

    /// The folded text of an equality without wildcards (`"4.2a"`,
    /// `"deduct"`): it matches exactly the text cells a column's value index
    /// holds under `.text` of it (`ColumnIndex.key`). Nil for anything else.
    var plainEquality: String? {
        guard op == .eq, !hasWildcards, case .text(let t) = operand else { return nil }
        return t
    }

    func matches(_ v: Value) -> Bool {
        switch operand {
        case .empty:
            let isBlank: Bool
            switch v {
            case .empty: isBlank = true
            case .text(let s): isBlank = s.isEmpty
            default: isBlank = false
            }
            switch op {
            case .eq: return isBlank
            case .ne: return !isBlank
            default: return false
            }
        case .number(let x):
            let y: Double
            switch v {
            case .number(let n): y = n
            // Equality converts numeric text ("03" = 3); "<>3" does not, so
            // the text "03" is not equal to 3 and passes it, as in Excel.
            case .text(let s) where op == .eq:
                guard let n = Num.parseLenient(s) else { return false }
                y = n
            default: return op == .ne
            }
            return compare(Num.canonical(y), x)
        case .bool(let b):
            guard case .bool(let c) = v else { return op == .ne }
            return compare(c ? 1 : 0, b ? 1 : 0)
        case .error(let e):
            guard case .error(let f) = v else { return op == .ne }
            return (e == f) == (op == .eq) && (op == .eq || op == .ne)
        case .text(let t):
            guard case .text(let s) = v else {
                if op == .ne { return true }
                return false
            }
            let lower = s.caseFolded
            switch op {
            case .eq: return hasWildcards ? Criterion.wildcardMatch(lower, t) : lower == t
            case .ne: return !(hasWildcards ? Criterion.wildcardMatch(lower, t) : lower == t)
            case .lt: return lower < t
            case .le: return lower <= t
            case .gt: return lower > t
            case .ge: return lower >= t
            }
        }
    }

    private func compare(_ a: Double, _ b: Double) -> Bool {
        switch op {
        case .eq: a == b
        case .ne: a != b
        case .lt: a < b
        case .le: a <= b
        case .gt: a > b
        case .ge: a >= b
        }
    }

    /// Excel wildcards: `*` any run, `?` any one character, `~` escapes the next.
    static func wildcardMatch(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text)
        var p: [(Character, Bool)] = []  // (char, isLiteral)
        var it = Array(pattern).makeIterator()
        while let c = it.next() {
            if c == "~", let n = it.next() { p.append((n, true)) } else { p.append((c, false)) }
        }
        var ti = 0, pi = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, !p[pi].1, p[pi].0 == "*" {
                star = pi; mark = ti; pi += 1
            } else if pi < p.count, (!p[pi].1 && p[pi].0 == "?") || p[pi].0 == t[ti] {
                ti += 1; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, !p[pi].1, p[pi].0 == "*" { pi += 1 }
        return pi == p.count
    }
}

/// A normalised value for hashing and grouping: numbers by value, text
/// case-insensitively, as Excel's criteria and MATCH compare them.
enum GroupKey: Hashable, Sendable {
    case number(Double)
    case bool(Bool)
    case text(String)

    func hash(into h: inout Hasher) {
        switch self {
        case .number(let x):
            h.combine(0 as UInt8)
            h.combine(x)
        case .bool(let b):
            h.combine(1 as UInt8)
            h.combine(b)
        case .text(let t):
            h.combine(2 as UInt8)
            h.combine(text: t)
        }
    }
}

/// The group a row falls in: the `GroupKey` of each key column, the first
/// kept inline. The commonest grouping, by one column (a cadre's id), then
/// allocates nothing per row, where an array of keys cost an allocation for
/// every source row of a build and every reading row.
struct GroupPath: Hashable, Sendable {
    var first: GroupKey
    var rest: [GroupKey] = []

    init(_ first: GroupKey) { self.first = first }

    mutating func append(_ key: GroupKey) { rest.append(key) }
}

extension Substring {
    var trimmingSpaces: Substring {
        // Nothing to trim unless the first or last byte is a space: no
        // Character needs to be formed (a ruled column checks every cell).
        guard utf8.first == 0x20 || utf8.last == 0x20 else { return self }
        guard let a = firstIndex(where: { $0 != " " }) else { return self[endIndex...] }
        return self[a...lastIndex(where: { $0 != " " })!]
    }
}

extension String {
    var trimmingSpaces: Substring { self[...].trimmingSpaces }
}
