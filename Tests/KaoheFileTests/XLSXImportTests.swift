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
        #expect(try XLSX.importRows(data, file: "r.xlsx", into: wb, sheet: "cadres").rows == 2)
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
        // The offices the roster names must exist: the office column takes one of them.
        try wb.appendRows(to: "offices", columns: ["name"], rows: [[.text("党政办")], [.text("城建办")], [.text("综治办")]])
        #expect(try XLSX.importRows(Data(contentsOf: Self.libreOffice), file: "roster.xlsx", into: wb, sheet: "cadres").rows == 4)
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

@Suite("xlsx from elsewhere")
struct XLSXHostileTests {
    /// A zip of the given parts, made by Python's zipfile (an independent writer).
    func zip(_ parts: [String: String]) throws -> Data {
        let script = "import json,sys,zipfile,io; b=io.BytesIO(); z=zipfile.ZipFile(b,'w'); "
            + "[z.writestr(k,v) for k,v in json.load(sys.stdin).items()]; z.close(); sys.stdout.buffer.write(b.getvalue())"
        return try run("python3", ["-c", script], input: JSONEncoder().encode(parts))
    }

    static let package = [
        "_rels/.rels": "<Relationships><Relationship Id=\"r1\" Type=\"x/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        "xl/workbook.xml": "<x:workbook xmlns:x=\"m\" xmlns:r=\"r\"><x:sheets><x:sheet name=\"名单\" r:id=\"s1\"/></x:sheets></x:workbook>",
        "xl/_rels/workbook.xml.rels": "<Relationships><Relationship Id=\"s1\" Type=\"x/worksheet\" Target=\"/xl/worksheets/a.xml\"/>"
            + "<Relationship Id=\"s2\" Type=\"x/sharedStrings\" Target=\"strings.xml\"/></Relationships>",
        "xl/strings.xml": "<sst><si><t>编号</t></si><si><r><t>姓</t></r><r><t>名</t></r><rPh><t>xingming</t></rPh></si><si><t>c20</t></si></sst>",
    ]

    @Test("prefixed names, absolute targets, rich text, inline strings and cells without references")
    func otherWriters() throws {
        var parts = Self.package
        parts["xl/worksheets/a.xml"] = "<x:worksheet xmlns:x=\"m\"><x:sheetData><x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c></x:row>"
            + "<x:row><x:c t=\"s\"><x:v>2</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:t>李&amp;四</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"
        let wb = try csvWorkbook()
        #expect(try XLSX.importRows(zip(parts), file: "r.xlsx", into: wb, sheet: "cadres").rows == 1)
        #expect(try wb.value(row: wb.rows(of: "cadres")[5], column: "name", sheet: "cadres") == .text("李&四"))
    }

    @Test("references out of Excel's range, bad string indices and broken XML are refused, never a crash")
    func hostile() throws {
        var parts = Self.package
        parts["xl/worksheets/a.xml"] = "<worksheet><cols><col min=\"1\" max=\"99999999999\" width=\"3\"/></cols><sheetData>"
            + "<row r=\"1\"><c r=\"ZZZZZZZZZZZZZZZZZZZZ1\" t=\"s\"><v>0</v></c><c r=\"A99999999999999999999\" t=\"s\"><v>1</v></c>"
            + "<c r=\"B1\" t=\"s\"><v>-1</v></c><c r=\"C1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>"
        let wb = try csvWorkbook()
        // The references beyond XFD and row 1,048,576 count as missing: the cells take the next places, A1 and B1
        // (then overwritten by B1's own); the shared-string indices -1 and 99 point nowhere.
        #expect(failure { try XLSX.importRows(zip(parts), file: "r.xlsx", into: wb, sheet: "cadres") } == """
            r.xlsx:1: cell B1 holds the error #REF!: fix it in the workbook
            r.xlsx:1: cell C1 holds the error #REF!: fix it in the workbook
            """)
        parts["xl/worksheets/a.xml"] = "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row><row attr=\"x></sheetData></worksheet>"
        #expect(failure { try XLSX.importRows(zip(parts), file: "r.xlsx", into: wb, sheet: "cadres") }
            == "r.xlsx: is not an Excel workbook (.xlsx) kaohe can read: xl/worksheets/a.xml is not well-formed XML (byte 65)")
        #expect(try wb.rowCount(of: "cadres") == 5)
    }
}
