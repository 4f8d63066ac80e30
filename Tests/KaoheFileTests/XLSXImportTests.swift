import Foundation
import KaoheCore
import Testing
@testable import KaoheFile

@Suite("xlsx roster import")
struct XLSXImportTests {
    static let libreOffice = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Transcripts/fixtures/roster-libreoffice.xlsx").standardizedFileURL

    func roster(_ columns: [XLSXSheet.Column]) throws -> Data {
        try XLSXWriter.data([XLSXSheet(name: "花名册", title: "新进人员花名册", columns: columns)], title: "花名册")
    }

    @Test("a roster under a title row: text stays text (007), numbers are numbers, by label or key")
    func importRoster() throws {
        let data = try roster([
            XLSXSheet.Column(header: "编号", format: .general, values: [.text("007"), .text("c11")]),
            XLSXSheet.Column(header: "姓名", format: .general, values: [.text("赵, 敏"), .text("=钱多多")]),
            XLSXSheet.Column(header: "score", format: .fixed(2), values: [.number(88.5), .empty]),
        ])
        let wb = try csvWorkbook()
        #expect(try XLSX.importRows(data, file: "r.xlsx", into: wb, sheet: "cadres") == 2)
        let rows = try wb.rows(of: "cadres")
        #expect(try wb.value(row: rows[5], column: "id", sheet: "cadres") == .text("007"))
        #expect(try wb.value(row: rows[5], column: "name", sheet: "cadres") == .text("赵, 敏"))
        #expect(try wb.value(row: rows[5], column: "bonus", sheet: "cadres") == .number(88.5 * 30.333))
        #expect(try wb.value(row: rows[6], column: "name", sheet: "cadres") == .text("=钱多多"))
        #expect(try wb.value(row: rows[6], column: "score", sheet: "cadres") == .empty)
    }

    @Test("a roster LibreOffice wrote: its title row (rich text), blank row, cell types and escapes")
    func libreOfficeRoster() throws {
        let wb = try #require(try Templates.make("town", year: 2026))
        #expect(try XLSX.importRows(Data(contentsOf: Self.libreOffice), file: "roster.xlsx", into: wb, sheet: "cadres") == 4)
        let rows = try wb.rows(of: "cadres")
        func v(_ i: Int, _ key: String) throws -> Value { try wb.value(row: rows[i], column: key, sheet: "cadres") }
        #expect(try [v(0, "id"), v(0, "name"), v(0, "office"), v(0, "instructor"), v(0, "rural_raw"), v(0, "petition_raw"), v(0, "democratic")]
            == [.text("c61"), .text("欧阳娜"), .text("党政办"), .bool(true), .number(13), .number(36), .number(8.5)])
        #expect(try [v(1, "instructor"), v(1, "staff"), v(1, "democratic")] == [.bool(false), .text("temp"), .number(9)])
        #expect(try [v(2, "name"), v(2, "rural_raw"), v(2, "democratic")] == [.text("王, 小二"), .empty, .number(7.25)])
        // LibreOffice writes the name `_x0041_` as `_x005F_x0041_`.
        #expect(try v(3, "name") == .text("_x0041_"))
    }

    @Test("a bad roster is refused whole, each problem with its row as Excel numbers it")
    func refused() throws {
        let data = try roster([
            XLSXSheet.Column(header: "编号", format: .general, values: [.text("c10"), .text("c11")]),
            XLSXSheet.Column(header: "nmae", format: .general, values: [.text("甲"), .text("乙")]),
            XLSXSheet.Column(header: "score", format: .general, values: [.number(1), .error(.na)]),
            XLSXSheet.Column(header: "", format: .general, values: [.empty, .text("多余")]),
        ])
        let wb = try csvWorkbook()
        #expect(failure { try XLSX.importRows(data, file: "r.xlsx", into: wb, sheet: "cadres") } == """
            r.xlsx:4: a value in column D, right of the header's last column: give it a header or delete it
            r.xlsx:4: cell C4 holds the error #N/A: fix it in the workbook
            """)
        let noHeader = try roster([XLSXSheet.Column(header: "工号", format: .general, values: [.text("c10")])])
        #expect(failure { try XLSX.importRows(noHeader, file: "r.xlsx", into: wb, sheet: "cadres") }
            == "r.xlsx: no header row in the first sheet '花名册': expected a row naming columns, such as 编号 and 姓名 (or id and name)")
        let misspelt = try roster([
            XLSXSheet.Column(header: "编号", format: .general, values: [.text("c10")]),
            XLSXSheet.Column(header: "nmae", format: .general, values: [.text("甲")]),
        ])
        #expect(failure { try XLSX.importRows(misspelt, file: "r.xlsx", into: wb, sheet: "cadres") }
            == "r.xlsx:2: column 2 'nmae' is not a column of cadres (did you mean name?)")
        #expect(failure { try XLSX.importRows(Data("id,name\n".utf8), file: "r.xlsx", into: wb, sheet: "cadres") }
            == "r.xlsx: is not an Excel workbook (.xlsx) kaohe can read: it is not a zip archive")
        #expect(try wb.rowCount(of: "cadres") == 5)
    }

    @Test("text the XML writer escapes reads back as it was", arguments: [
        "a&b<c>\"d\"", "_x0041_", "_x00", "tab\there", "\u{1}\u{1F}", "  blanks  ", "行一\n行二", "=1+2",
    ])
    func escapes(_ text: String) throws {
        let data = try roster([XLSXSheet.Column(header: "姓名", format: .general, values: [.text(text)])])
        let sheet = try XLSXReader.read(data, file: "r.xlsx").sheets[0]
        #expect(sheet.cell("A3")?.value == .text(text))
    }
}
