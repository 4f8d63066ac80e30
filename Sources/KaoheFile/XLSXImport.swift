import Foundation
import KaoheCore

extension XLSX {
    /// Appends the rows of an .xlsx's first sheet to a sheet, all or
    /// nothing, with the checks of a CSV import. The header is the first row
    /// that names a column (by key or label), so a title row above it is
    /// passed over; blank rows are skipped. Text cells stay text (`007`),
    /// numbers and booleans read as typed. A problem is reported as
    /// `FILE:ROW: reason`, with the row as Excel numbers it.
    @discardableResult
    public static func importRows(_ data: Data, file: String, into wb: Workbook, sheet: String,
                                  rules: CSV.ImportRules = CSV.ImportRules()) throws(FileError) -> (rows: Int, warnings: [FileProblem]) {
        let first = try XLSXReader.read(data, file: file).sheets[0]
        let names: Set<String>
        do { names = Set(try wb.columns(of: sheet).flatMap { [$0.key, $0.label] }.filter { !$0.isEmpty }) } catch {
            throw FileError(file: file, error.phrase)
        }
        let numbers = first.rows.keys.sorted()
        guard let headerRow = numbers.first(where: { r in
            first.rows[r]!.values.contains { c in c.value.isText && names.contains(c.value.displayText.trimmingCharacters(in: .whitespaces)) }
        }) else {
            throw FileError(file: file, .xlsxNoHeader(first.name))
        }
        let header = first.rows[headerRow]!
        let width = header.filter { !$0.value.value.displayText.trimmingCharacters(in: .whitespaces).isEmpty }.keys.max()! + 1
        var problems: [FileProblem] = []
        var records: [(line: Int, fields: [CSV.ImportField])] = []
        for r in numbers where r >= headerRow {
            let cells = first.rows[r]!
            if let beyond = cells.keys.filter({ $0 >= width }).min() {
                problems.append(FileProblem(file: file, line: r, .xlsxBeyondHeader(XLSXWriter.columnName(beyond))))
            }
            var fields: [CSV.ImportField] = []
            for c in 0..<width {
                let v = cells[c]?.value ?? .empty
                if case .error(let e) = v {
                    problems.append(FileProblem(file: file, line: r, .xlsxErrorCell("\(XLSXWriter.columnName(c))\(r)", e.rawValue)))
                }
                fields.append(CSV.ImportField(text: v.displayText, isText: v.isText))
            }
            records.append((r, fields))
        }
        guard problems.isEmpty else { throw FileError(problems) }
        return try CSV.importRecords(records, file: file, into: wb, sheet: sheet, rules: rules)
    }
}

extension Value {
    var isText: Bool { if case .text = self { true } else { false } }
}
