import Foundation
import KaoheCore

/// The assessment as an Excel workbook for approval and payment: the
/// results in rank order, the bonus and awards, the events, the awards and
/// the parameters, each a sheet with Chinese headers and values and every
/// number as the screen shows it.
public enum XLSX {
    public struct ExportOptions: Sendable {
        /// One sheet of the workbook instead of the approval set.
        public var sheet: String?
        /// The columns of that sheet (or of the result sheet), by key.
        public var columns: [String]?

        public init(sheet: String? = nil, columns: [String]? = nil) {
            self.sheet = sheet
            self.columns = columns
        }
    }

    /// The workbook's .xlsx bytes.
    public static func export(_ wb: Workbook, options: ExportOptions = ExportOptions()) throws(FileError) -> Data {
        let plan: [Planned]
        do { plan = try sheets(wb, options: options) } catch { throw FileError(file: "export", error.phrase) }
        return try XLSXWriter.data(sheetNames: plan.map(\.name), title: title(wb, "结果")) { i throws(FileError) in
            do { return try plan[i].make() } catch let error as WorkbookError { throw FileError(file: "export", error.phrase) } catch { throw FileError(file: "export", "\(error)") }
        }
    }

    /// A sheet to write: its name now, its values when its turn comes.
    typealias Planned = (name: String, make: () throws(WorkbookError) -> XLSXSheet)

    /// The sheets written: with `sheet=`, that one sheet; otherwise the
    /// result sheet and, where the workbook has them, the bonus, the
    /// events, the awards and the parameters.
    static func sheets(_ wb: Workbook, options: ExportOptions) throws(WorkbookError) -> [Planned] {
        if let sheet = options.sheet, sheet != cadres {
            let keys: [String]
            if let chosen = options.columns { keys = chosen } else { keys = try allKeys(wb, sheet) }
            // Excel's limit for a tab's name is 31 characters; a sheet's key has no character it refuses.
            let rows = try wb.rows(of: sheet), name = sheetNames[sheet] ?? String(sheet.prefix(31))
            return [(name, { () throws(WorkbookError) in try table(wb, sheet: sheet, keys: keys, rows: rows, name: name) })]
        }
        let order = try rankOrder(wb)
        let existing = Set(try wb.columns(of: cadres).map(\.key))
        let keys = options.columns ?? Templates.contractColumns.filter(existing.contains)
        var plan: [Planned] = [(sheetNames[cadres]!, { () throws(WorkbookError) in
            try table(wb, sheet: cadres, keys: keys, rows: order, name: sheetNames[cadres]!, titleSuffix: "结果")
        })]
        guard options.sheet == nil else { return plan }
        if existing.isSuperset(of: bonusNeeds) { plan.append((sheetNames["bonus"]!, { () throws(WorkbookError) in try bonusSheet(wb, rows: order) })) }
        for sheet in ["events", "awards"] where wb.sheetNames.contains(sheet) {
            let keys = try allKeys(wb, sheet), rows = try wb.rows(of: sheet)
            plan.append((sheetNames[sheet]!, { () throws(WorkbookError) in try table(wb, sheet: sheet, keys: keys, rows: rows, name: sheetNames[sheet]!) }))
        }
        plan.append((sheetNames["params"]!, { () throws(WorkbookError) in parameterSheet(wb) }))
        return plan
    }

    static let cadres = "cadres"

    static func allKeys(_ wb: Workbook, _ sheet: String) throws(WorkbookError) -> [String] { try wb.columns(of: sheet).map(\.key) }
    static let sheetNames = [
        "cadres": "考核结果", "offices": "各办", "rules": "制度条款", "events": "事件记录", "award_table": "奖励标准",
        "awards": "先进奖励", "history": "历年结果", "bonus": "考核奖与先进奖励", "params": "参数",
    ]
    /// What adds up in a totals row: the money paid, not the per-row pool or the award table's amounts.
    static let totals: [String: Set<String>] = ["cadres": ["share", "bonus", "award_money", "payout"], "awards": ["paid"]]
    static let bonusColumns = ["rank", "id", "name", "office", "total", "share", "bonus", "award_money", "payout"]
    /// What the bonus sheet reads besides its columns: why a share is not paid.
    static let bonusNeeds = bonusColumns + ["forfeit", "regular"]

    /// `2026年度机关干部岗位目标考核结果`, the year from the `year` parameter.
    public static func title(_ wb: Workbook, _ suffix: String) -> String {
        let year = wb.param("year")?.number.flatMap { $0 >= 1 && $0 <= 9999 && $0 == $0.rounded() ? "\(Int($0))年度" : nil } ?? ""
        return "\(year)机关干部岗位目标考核\(suffix)"
    }

    /// Regular cadres by rank (ties in roster order), temporary staff after.
    public static func rankOrder(_ wb: Workbook) throws(WorkbookError) -> [RowID] {
        let rows = try wb.rows(of: cadres)
        guard try wb.columns(of: cadres).contains(where: { $0.key == "rank" }) else { return rows }
        let ranks = try rows.map { row throws(WorkbookError) in try wb.value(row: row, column: "rank", sheet: cadres).number ?? .infinity }
        return rows.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }.map { rows[$0] }
    }

    /// Columns of a sheet for the given rows: Chinese labels and values,
    /// numbers in their column's format, totals under the money paid.
    static func table(_ wb: Workbook, sheet: String, keys: [String], rows: [RowID], name: String,
                      titleSuffix: String? = nil) throws(WorkbookError) -> XLSXSheet {
        let all = try wb.columns(of: sheet)
        let decimals = NumberFormat.decimals(of: wb)
        var columns: [XLSXSheet.Column] = []
        for key in keys {
            let ref = try wb.columnRef(key, sheet: sheet)
            let info = all.first { $0.key == key || $0.label == key }!
            let words = ValueWords.chineseWords[sheet + "." + info.key]
            let values = rows.map { ValueWords.chinese(wb.value(CellRef(ref, $0)), words: words) }
            columns.append(XLSXSheet.Column(header: info.label.isEmpty ? info.key : info.label,
                                            format: .init(places: NumberFormat.places(sheet: sheet, column: info.key, decimals: decimals)),
                                            values: values, total: totals[sheet]?.contains(info.key) == true))
        }
        return XLSXSheet(name: name, title: title(wb, titleSuffix ?? "——" + name), columns: columns)
    }

    /// Each cadre's pay: share of the pool, bonus (nothing when forfeited),
    /// award money, payout, and why a share is not paid.
    static func bonusSheet(_ wb: Workbook, rows: [RowID]) throws(WorkbookError) -> XLSXSheet {
        var sheet = try table(wb, sheet: cadres, keys: bonusColumns, rows: rows, name: sheetNames["bonus"]!)
        let notes = try rows.map { row throws(WorkbookError) -> Value in
            if try wb.value(row: row, column: "regular", sheet: cadres) == .bool(false) { return .text("临聘人员，不参加考核奖分配") }
            if try wb.value(row: row, column: "forfeit", sheet: cadres) == .bool(true) { return .text("扣发考核奖（4.1g）") }
            return .empty
        }
        sheet.columns.append(XLSXSheet.Column(header: "备注", format: .general, values: notes))
        return sheet
    }

    /// The parameters in force: name, value (the template's words in
    /// Chinese) and what each means.
    static func parameterSheet(_ wb: Workbook) -> XLSXSheet {
        let params = wb.parameters
        return XLSXSheet(name: sheetNames["params"]!, title: title(wb, "——参数"), columns: [
            XLSXSheet.Column(header: "参数", format: .general, values: params.map { .text($0.name) }),
            XLSXSheet.Column(header: "值", format: .general, values: params.map { ValueWords.chinese($0.value, sheet: "params", column: $0.name) }),
            XLSXSheet.Column(header: "含义", format: .general, values: params.map { ValueWords.parameterMeanings[$0.name].map(Value.text) ?? .empty }),
        ])
    }
}
