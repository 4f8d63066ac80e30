/// A column of a sheet, named by sheet and column index. Indices are stable
/// for the life of a workbook: a removed column keeps its index (so undo can
/// bring it back) and is skipped everywhere.
public struct ColumnRef: Hashable, Sendable {
    public let sheet: Int
    public let column: Int
}

/// A row's stable identity: its storage slot, never reused, never moved.
public struct RowID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let slot: Int32
    public init(_ slot: Int32) { self.slot = slot }
    public static func < (a: RowID, b: RowID) -> Bool { a.slot < b.slot }
    public var description: String { "#\(slot)" }
}

/// One cell: a column and a row of the same sheet.
public struct CellRef: Hashable, Sendable {
    public let column: ColumnRef
    public let row: RowID
    public init(_ column: ColumnRef, _ row: RowID) {
        self.column = column
        self.row = row
    }
}

/// Formula text as the user wrote it, with its parsed form.
public struct Formula: Sendable, Equatable, CustomStringConvertible {
    public let source: String
    public let expr: Expr

    public init(_ source: String) throws(FormulaError) {
        self.source = source
        expr = try Parser.parse(source)
    }

    /// The text with a leading `=`, as shown and saved.
    public var description: String { source.hasPrefix("=") ? source : "=" + source }
}

/// What overrides a cell: its own value or its own formula, in place of the
/// column's formula (or the input).
public enum Override: Sendable, Equatable {
    case value(Value)
    case formula(Formula)
}

/// A cell's full content, for undo: the input value and any override.
struct CellContent: Sendable, Equatable {
    var input: Value
    var override: Override?
}

/// One value that moved, reported after a change.
public struct CellChange: Sendable, Equatable, CustomStringConvertible {
    public let sheet: String
    public let row: RowID
    public let column: String
    public let old: Value
    public let new: Value

    public var description: String { "\(sheet)\(row) \(column) \(old) → \(new)" }
}

/// What a change did: the values that moved in the rows it touched, the
/// columns whose values may have moved in every row (read them to see), and
/// any circular reference it made.
public struct ChangeReport: Sendable, Equatable {
    /// Cells whose value changed, in the order they were recomputed.
    public var changes: [CellChange] = []
    /// Columns (as `sheet.key`) recomputed lazily: e.g. `cadres.rank` after a
    /// total moved. Their values are current whenever read.
    public var invalidated: [String] = []
    /// A circular reference this change created, as a path such as
    /// `["cadres.total", "cadres.bonus", "cadres.total"]`; empty when none.
    public var cycle: [String] = []
    /// The rows recomputed at once whose value changed, by column (as
    /// `sheet.key`): the edited rows, and those a moved group recomputed.
    public var recomputed: [String: Set<RowID>] = [:]

    public init() {}

    mutating func merge(_ other: ChangeReport) {
        for c in other.changes {
            if let i = changes.firstIndex(where: { $0.sheet == c.sheet && $0.row == c.row && $0.column == c.column }) {
                let first = changes[i]
                changes[i] = CellChange(sheet: c.sheet, row: c.row, column: c.column, old: first.old, new: c.new)
            } else {
                changes.append(c)
            }
        }
        changes.removeAll { $0.old.isIdentical(to: $0.new) }
        for k in other.invalidated where !invalidated.contains(k) { invalidated.append(k) }
        if !other.cycle.isEmpty { cycle = other.cycle }
        recomputed.merge(other.recomputed) { $0.union($1) }
    }
}

/// Errors of workbook operations: the problem and, where one exists, a fix.
public enum WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownSheet(String, suggestion: String?)
    case unknownColumn(String, sheet: String, suggestion: String?)
    case unknownParameter(String, suggestion: String?)
    case unknownRow(RowID, sheet: String)
    case duplicateSheet(String)
    case duplicateColumn(String, sheet: String)
    case invalidName(String)
    case formula(FormulaError, source: String)
    case notAnInputColumn(String)
    case invalidValue(RuleViolation)
    case nothingToUndo
    case nothingToRedo

    public var description: String {
        func hint(_ s: String?) -> String { s.map { " (did you mean \($0)?)" } ?? "" }
        switch self {
        case .unknownSheet(let n, let s): return "no sheet named '\(n)'" + hint(s)
        case .unknownColumn(let n, let sheet, let s): return "no column '\(n)' in sheet \(sheet)" + hint(s)
        case .unknownParameter(let n, let s): return "no parameter '\(n)'" + hint(s)
        case .unknownRow(let r, let sheet): return "no row \(r) in sheet \(sheet)"
        case .duplicateSheet(let n): return "a sheet named '\(n)' already exists"
        case .duplicateColumn(let n, let sheet): return "sheet \(sheet) already has a column '\(n)'"
        case .invalidName(let n): return "'\(n)' is not a valid name: use letters, digits and '_', starting with a letter"
        case .formula(let e, let source): return "\(e) in \(source.hasPrefix("=") ? source : "=" + source)"
        case .notAnInputColumn(let n): return "column '\(n)' is computed by a formula"
        case .invalidValue(let v): return v.description
        case .nothingToUndo: return "nothing to undo"
        case .nothingToRedo: return "nothing to redo"
        }
    }
}

/// The nearest candidate by edit distance, for "did you mean …?".
public func nearest<S: Sequence>(_ name: String, in candidates: S) -> String? where S.Element == String {
    let lower = name.lowercased()
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(lower, c.lowercased())
        let limit = max(1, min(3, c.count / 3 + 1))
        // A name that shares nothing with the candidate is no suggestion.
        if d <= limit, d < max(lower.count, c.count), best == nil || d < best!.1 { best = (c, d) }
    }
    if best == nil {
        best = candidates.first { $0.lowercased().hasPrefix(lower) && !lower.isEmpty }.map { ($0, 0) }
    }
    return best?.0
}

/// Levenshtein distance by characters.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = prev
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
