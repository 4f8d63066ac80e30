/// An error value, as a spreadsheet shows it. Errors are data: they flow
/// through formulas like any other value and never stop a computation.
public enum CellError: String, Sendable, Hashable, CaseIterable, Error {
    case null = "#NULL!"
    case div0 = "#DIV/0!"
    case value = "#VALUE!"
    case ref = "#REF!"
    case name = "#NAME?"
    case num = "#NUM!"
    case na = "#N/A"
    case cycle = "#CYCLE!"

    /// Parses the error's spelling, case-insensitively (`#n/a` is `#N/A`).
    public init?(text: String) {
        let upper = text.uppercased()
        guard let match = CellError.allCases.first(where: { $0.rawValue == upper }) else { return nil }
        self = match
    }
}

/// The value of one cell.
///
/// Numbers are binary doubles, shown and compared as decimals of 15
/// significant digits (see ``Num``), so `0.1 + 0.2` shows and compares as `0.3`.
public enum Value: Sendable, Hashable {
    case empty
    case number(Double)
    case text(String)
    case bool(Bool)
    case error(CellError)

    public var isEmpty: Bool { if case .empty = self { true } else { false } }
    public var isError: Bool { if case .error = self { true } else { false } }

    public var number: Double? { if case .number(let x) = self { x } else { nil } }
    public var error: CellError? { if case .error(let e) = self { e } else { nil } }

    /// The value as Excel's General format would show it: numbers with up to
    /// 15 significant digits and no binary artefacts, booleans as `TRUE`/`FALSE`.
    public var displayText: String {
        switch self {
        case .empty: ""
        case .number(let x): Num.general(x)
        case .text(let s): s
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .error(let e): e.rawValue
        }
    }

    /// The value shown with a fixed number of decimals for numbers (half away
    /// from zero, as Excel's cell format does); other kinds as ``displayText``.
    public func formatted(decimals: Int) -> String {
        if case .number(let x) = self { return Num.fixed(x, decimals: decimals) }
        return displayText
    }
}

extension Value {
    /// Equal as shown: numbers compare by their 15-significant-digit value, so
    /// `0.1+0.2` equals `0.3`, as Excel's `=` has it.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x == y || Num.canonical(x) == Num.canonical(y)
        case (.empty, .empty): true
        case (.text(let x), .text(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.error(let x), .error(let y)): x == y
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .empty: hasher.combine(0)
        case .number(let x): hasher.combine(1); hasher.combine(Num.canonical(x))
        case .text(let s): hasher.combine(2); hasher.combine(text: s)
        case .bool(let b): hasher.combine(3); hasher.combine(b)
        case .error(let e): hasher.combine(4); hasher.combine(e)
        }
    }

    /// The same to the last bit: what recalculation compares to decide
    /// whether a change must travel on, so that incremental results stay
    /// identical to a full recompute.
    @inline(__always)
    func isIdentical(to other: Value) -> Bool {
        if case .number(let x) = self, case .number(let y) = other { return x == y }
        return self == other
    }
}

extension Value: CustomStringConvertible {
    public var description: String {
        switch self {
        case .text(let s): "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        default: displayText
        }
    }
}
