import Testing
@testable import KaoheCore

/// Test helpers, so each test reads as the behaviour it checks.

/// Shorthand for values in tables of expectations.
func n(_ x: Double) -> Value { .number(x) }
func t(_ s: String) -> Value { .text(s) }
func b(_ x: Bool) -> Value { .bool(x) }
let empty = Value.empty
func err(_ e: CellError) -> Value { .error(e) }

/// A workbook with one sheet `t` whose input columns hold `columns` (keys in
/// the given order) and parameters `params`.
func sheet(_ columns: KeyValuePairs<String, [Value]> = [:], params: [String: Value] = [:]) throws -> Workbook {
    let wb = Workbook()
    try wb.addSheet("t")
    for (key, _) in columns { try wb.addColumn(key, to: "t") }
    let rows = columns.map(\.value.count).max() ?? 0
    if rows > 0 {
        let keys = columns.map(\.key)
        let table = (0..<rows).map { i in columns.map { i < $0.value.count ? $0.value[i] : .empty } }
        try wb.appendRows(to: "t", columns: keys, rows: table)
    }
    for (name, v) in params { try wb.setParam(name, v) }
    return wb
}

/// Evaluates `formula` in row `row` (1-based) of a sheet built from `columns`.
func evaluate(_ formula: String, _ columns: KeyValuePairs<String, [Value]> = [:], row: Int = 1, params: [String: Value] = [:]) throws -> Value {
    let wb = try sheet(columns, params: params)
    if try wb.rowCount(of: "t") == 0 { try wb.addRow(to: "t") }
    try wb.addColumn("result", formula: formula, to: "t")
    return try wb.value(row: wb.rows(of: "t")[row - 1], column: "result", sheet: "t")
}

/// The formula error a bad formula is refused with.
func formulaError(_ formula: String, _ columns: KeyValuePairs<String, [Value]> = ["a": [n(1)]]) throws -> FormulaError? {
    let wb = try sheet(columns)
    do {
        try wb.addColumn("result", formula: formula, to: "t")
        return nil
    } catch {
        guard case .formula(let e, _) = error else { return nil }
        return e
    }
}

extension Workbook {
    /// A column's values in row order.
    func column(_ key: String, sheet: String = "t") throws -> [Value] {
        let ref = try columnRef(key, sheet: sheet)
        return try rows(of: sheet).map { value(CellRef(ref, $0)) }
    }

    func row(_ i: Int, sheet: String = "t") throws(WorkbookError) -> RowID { try rows(of: sheet)[i - 1] }
}
