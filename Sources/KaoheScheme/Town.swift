import Foundation
import KaoheCore

/// The town's assessment scheme over a workbook: what a deduction, a credit,
/// an award, a revoke or a correction means under the regulation, checked
/// before anything changes.
///
/// The scheme's figures are the template's formulas; this type records the
/// facts they read (events, awards, history) and guards what the regulation
/// forbids. It knows no words, tables or terminal: the REPL parses a command
/// and prints what comes back, and a replayed, merged or scenario change goes
/// through the same calls.
///
/// ```swift
/// let town = Town(workbook)
/// let e = try town.record(EventEntry(cadre: "李艳", rule: "4.2a", times: 2))
/// // e.number 53, e.points -1, e.by "宣传委员"
/// ```
///
/// A `Town` reads the rule table and the roster once and keeps them while it
/// lives: make one per change.
public final class Town {
    public let workbook: Workbook
    /// Today as YYYY-MM-DD: the date an entry without one gets.
    public let today: String
    var rulesCache: [Rule]?

    public static let cadres = "cadres"

    public init(_ workbook: Workbook, today: String = Town.currentDate()) {
        self.workbook = workbook
        self.today = today
    }

    /// Today's date, or `KAOHE_TODAY` when set (tests and replays pin it),
    /// or the date of `KAOHE_NOW`, the change log's pinned clock: one clock.
    public static func currentDate() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let fixed = environment["KAOHE_TODAY"] { return fixed }
        if let now = environment["KAOHE_NOW"], now.utf8.count >= 10 { return String(now.prefix(10)) }
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    // MARK: Reading cells

    /// A cell's value; empty for a sheet, row or column that is not there.
    public func value(_ sheet: String, _ row: RowID, _ column: String) -> Value {
        (try? workbook.value(row: row, column: column, sheet: sheet)) ?? .empty
    }

    func has(_ sheet: String) -> Bool { workbook.sheetNames.contains(sheet) }

    public func require(_ sheet: String) throws(SchemeError) {
        guard has(sheet) else {
            throw SchemeError(.schemeNoSheet(sheet))
        }
    }

    func require(_ column: String, in sheet: String, for what: String) throws(SchemeError) {
        guard (try? workbook.columnRef(column, sheet: sheet)) != nil else {
            throw SchemeError(.schemeNoColumn(column, sheet: sheet, for: what))
        }
    }

    @discardableResult
    func engine<T>(_ body: () throws(WorkbookError) -> T) throws(SchemeError) -> T {
        do { return try body() } catch { throw SchemeError(error) }
    }

    // MARK: Cadres

    /// "张伟 (c01)"
    public func label(_ row: RowID) -> String {
        let id = value(Self.cadres, row, "id").displayText
        let name = value(Self.cadres, row, "name").displayText
        return name.isEmpty ? (id.isEmpty ? "\(row)" : id) : "\(name) (\(id))"
    }

    /// The rows of a sheet whose column holds exactly `text` (the engine's
    /// index compares text as Excel's `=` does, ignoring case).
    /// - Complexity: O(matches), through the column's value index.
    public func rows(_ sheet: String, where column: String, is text: String) -> [RowID] {
        guard !text.isEmpty, let rows = try? workbook.rows(where: column, equals: .text(text), sheet: sheet) else { return [] }
        return rows.filter { value(sheet, $0, column).displayText == text }
    }

    /// The cadre whose id is `id`, if any.
    public func cadre(id: String) -> RowID? { rows(Self.cadres, where: "id", is: id).first }

    /// What a recipient or cadre id in a sheet reads as: "张伟 (c01)", or the
    /// text itself (an office, or an id no longer on the roster).
    public func who(_ id: String) -> String { cadre(id: id).map(label) ?? id }

    /// The cadres of an office.
    public func members(_ office: String) -> [RowID] { rows(Self.cadres, where: "office", is: office) }

    /// Whether an office of that name exists.
    public func isOffice(_ name: String) -> Bool { has("offices") && !rows("offices", where: "name", is: name).isEmpty }

    // MARK: Numbered sheets

    /// The next number of a numbered sheet (`events`, `awards`): they count
    /// 1, 2, 3, … in the order recorded.
    /// - Complexity: O(1), the column's maximum being kept by the engine.
    public func nextNumber(_ sheet: String) -> Int {
        Int((try? workbook.maximum(column: "no", sheet: sheet))?.number ?? 0) + 1
    }

    /// The row numbered `number` in a numbered sheet.
    func numbered(_ sheet: String, _ number: String, what: Phrase) throws(SchemeError) -> RowID {
        try require(sheet)
        if let n = Num.parse(number), n == n.rounded(), n >= 1,
           let row = (try? workbook.rows(where: "no", equals: .number(n), sheet: sheet))?.first {
            return row
        }
        let last = nextNumber(sheet) - 1
        throw SchemeError(.noNumbered(what, number, last: last, sheet: sheet))
    }

    // MARK: Dates

    /// A date as YYYY-MM-DD, checked to exist in the calendar.
    public func date(_ text: String) throws(SchemeError) -> String {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { throw SchemeError(.dateFormat(text)) }
        var c = DateComponents()
        (c.year, c.month, c.day) = (parts[0], parts[1], parts[2])
        let calendar = Calendar(identifier: .gregorian)
        guard (1...12).contains(parts[1]), let d = calendar.date(from: c),
              calendar.dateComponents([.month, .day], from: d).day == parts[2] else {
            throw SchemeError(.dateNotInCalendar(text))
        }
        return text
    }

    /// A warning when a date lies outside the assessment year (usually a typo in `date=`).
    func yearWarning(_ date: String) -> Phrase? {
        guard case .number(let year)? = workbook.param("year"), !date.hasPrefix(String(Int(year)) + "-") else { return nil }
        return .dateOutsideYear(date, year: Int(year))
    }

    /// Points as the office reads them: `-1`, `+2`, `-0.5`.
    public static func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + Value.number(x).displayText }
}
