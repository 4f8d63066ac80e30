import Foundation
import KaoheCore
import Testing
@testable import KaoheFile

/// Runs a program, feeding `input`, and returns its standard output.
func run(_ program: String, _ arguments: [String], input: Data = Data()) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [program] + arguments
    let stdin = Pipe(), stdout = Pipe()
    p.standardInput = stdin
    p.standardOutput = stdout
    try p.run()
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return out
}

/// The error a call fails with, as text; nil when it does not fail.
func failure(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return "\(error)"
    }
}

/// Python's csv module, an independent reader: the records as JSON.
func pythonCSV(_ data: Data, encoding: String = "utf-8-sig") throws -> [[String]] {
    let script = "import csv,io,json,sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='\(encoding)', newline='')))))"
    return try JSONDecoder().decode([[String]].self, from: run("python3", ["-c", script], input: data))
}

func csvWorkbook() throws -> Workbook {
    let wb = Workbook()
    try wb.setParam("decimals", .number(2))
    try wb.addSheet("cadres")
    try wb.addColumn("id", label: "编号", to: "cadres")
    try wb.addColumn("name", label: "姓名", to: "cadres")
    try wb.addColumn("score", label: "总分", to: "cadres")
    try wb.addColumn("bonus", label: "考核奖", formula: "=score*30.333", to: "cadres")
    try wb.appendRows(to: "cadres", columns: ["id", "name", "score"], rows: [
        [.text("c01"), .text("张伟"), .number(93.5)],
        [.text("c02"), .text("Li, \"Na\""), .number(0.1)],
        [.text("c03"), .text("two\nlines"), .text("n/a")],
        [.text("c04"), .text("=HYPERLINK(\"x\")"), .number(-2.675)],
        [.text("c05"), .text("@cmd"), .empty],
    ])
    return wb
}

@Suite("CSV out and in")
struct CSVTests {
    @Test("export: keys, CRLF, RFC 4180 quoting, numbers as shown, errors as text, injection neutralised")
    func exportDefault() throws {
        let data = try CSV.export(csvWorkbook(), sheet: "cadres")
        let text = String(decoding: data, as: UTF8.self)
        // 93.5 × 30.333 = 2836.1355 → 2836.14; 0.1 × 30.333 = 3.0333 → 3.03; -2.675 shows as -2.68.
        #expect(text == "id,name,score,bonus\r\n"
            + "c01,张伟,93.50,2836.14\r\n"
            + "c02,\"Li, \"\"Na\"\"\",0.10,3.03\r\n"
            + "c03,\"two\nlines\",n/a,#VALUE!\r\n"
            + "c04,\"'=HYPERLINK(\"\"x\"\")\",-2.68,-81.14\r\n"
            + "c05,'@cmd,,0.00\r\n")
        let records = try pythonCSV(data)
        #expect(records[2] == ["c02", "Li, \"Na\"", "0.10", "3.03"])
        #expect(records[3][1] == "two\nlines")
        #expect(records[4][1] == "'=HYPERLINK(\"x\")")
    }

    @Test("labels, chosen columns and a BOM")
    func exportOptions() throws {
        let data = try CSV.export(csvWorkbook(), sheet: "cadres", options: .init(columns: ["name", "总分"], labels: true, bom: true))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let records = try pythonCSV(data)
        #expect(records[0] == ["姓名", "总分"])
        #expect(records[1] == ["张伟", "93.50"])
    }

    @Test("GB18030 bytes are what iconv makes, and read back")
    func gb18030() throws {
        let wb = try csvWorkbook()
        let utf8 = try CSV.export(wb, sheet: "cadres", options: .init(labels: true))
        let gb = try CSV.export(wb, sheet: "cadres", options: .init(labels: true, encoding: .gb18030))
        #expect(gb == (try run("iconv", ["-f", "UTF-8", "-t", "GB18030"], input: utf8)))
        #expect(try pythonCSV(gb, encoding: "gb18030") == pythonCSV(utf8))
    }

    @Test("GBK: the bytes iconv makes for GBK; outsideGBK finds the first character GBK lacks, with its line")
    func gbk() throws {
        let wb = try csvWorkbook()
        let utf8 = try CSV.export(wb, sheet: "cadres", options: .init(labels: true))
        let gbk = try CSV.export(wb, sheet: "cadres", options: .init(labels: true, encoding: .gbk))
        #expect(gbk == (try run("iconv", ["-f", "UTF-8", "-t", "GBK"], input: utf8)))
        #expect(CSV.outsideGBK(gbk) == nil)
        let gb = try #require("id,name\r\nc01,李艳\r\nc02,𠀀\r\nc03,㐀\r\n".data(using: CSV.Encoding.gbk.foundation))
        let found = try #require(CSV.outsideGBK(gb))
        #expect(found.line == 3 && found.character == "𠀀")
        let later = try #require("c03,㐀\r\n".data(using: CSV.Encoding.gbk.foundation))
        #expect(CSV.outsideGBK(later)?.character == "㐀")
    }

    @Test("import a roster in UTF-8, UTF-8 with BOM and GB18030, by key or label", arguments: ["utf8", "bom", "gb18030"])
    func importRoster(_ encoding: String) throws {
        let csv = "编号,姓名,score\r\nc10,\"赵, 敏\",88.5\r\nc11,钱多多,\r\n"
        var data = Data(csv.utf8)
        if encoding == "bom" { data = Data([0xEF, 0xBB, 0xBF]) + data }
        if encoding == "gb18030" { data = try run("iconv", ["-f", "UTF-8", "-t", "GB18030"], input: data) }
        let wb = try csvWorkbook()
        #expect(try CSV.importRows(data, file: "roster.csv", into: wb, sheet: "cadres").rows == 2)
        let rows = try wb.rows(of: "cadres")
        #expect(try wb.value(row: rows[5], column: "name", sheet: "cadres") == .text("赵, 敏"))
        #expect(try wb.value(row: rows[5], column: "bonus", sheet: "cadres") == .number(88.5 * 30.333))
        #expect(try wb.value(row: rows[6], column: "score", sheet: "cadres") == .empty)
    }

    @Test("a bad roster is refused whole, each problem with its line")
    func importRefused() throws {
        let wb = try csvWorkbook()
        let csv = "id,nmae,bonus\nc10,a,1\nc11,b\n\"c12,c,3\n"
        #expect(failure { try CSV.importRows(Data(csv.utf8), file: "r.csv", into: wb, sheet: "cadres") }
            == "r.csv:4: a quoted field is never closed: a '\"' is missing")
        let csv2 = "id,nmae,bonus\nc10,a,1\nc11,b\n"
        #expect(failure { try CSV.importRows(Data(csv2.utf8), file: "r.csv", into: wb, sheet: "cadres") } == """
            r.csv:1: column 2 'nmae' is not a column of cadres (did you mean name?)
            r.csv:1: column 3 'bonus' is computed by a formula: leave it out of the import
            r.csv:3: 2 fields, but the header has 3
            """)
        #expect(try wb.rowCount(of: "cadres") == 5)
        let notText = Data([0x66, 0x80, 0xFF, 0xFE, 0x0A])
        #expect(throws: FileError.self) { try CSV.importRows(notText, file: "x.csv", into: wb, sheet: "cadres") }
    }
}

@Suite("Opening and saving")
struct DocumentTests {
    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "kaohe-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("save, open, save again: byte-identical; opening writes nothing")
    func saveOpen() throws {
        let folder = try temporaryFolder()
        let path = folder + "/考核 2026.kaohe"
        let doc = WorkbookDocument(workbook: try sampleWorkbook())
        try doc.save(to: path)
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        doc.close()
        let again = try WorkbookDocument.open(path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
        try again.save()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
        again.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["考核 2026.kaohe"])
    }

    @Test("a file changed on disk since it was opened is not overwritten unless forced")
    func conflict() throws {
        let path = try temporaryFolder() + "/w.kaohe"
        try WorkbookDocument(workbook: try sampleWorkbook()).save(to: path)
        let doc = try WorkbookDocument.open(path)
        try Data("kaohe 1\n# edited elsewhere\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: FileError.self) { try doc.save() }
        #expect(throws: FileError.self) { try doc.save(to: URL(fileURLWithPath: path).deletingLastPathComponent().path + "/./w.kaohe") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "kaohe 1\n# edited elsewhere\n")
        try doc.save(force: true)
        #expect(try WorkbookDocument.open(path, readOnly: true).workbook.sheetNames == ["cadres", "offices"])
    }

    @Test("missing, unreadable and non-UTF-8 files are named in the error")
    func openErrors() throws {
        let folder = try temporaryFolder()
        #expect(failure { _ = try WorkbookDocument.open(folder + "/none.kaohe") } == folder + "/none.kaohe: no such file")
        let bad = folder + "/gbk.kaohe"
        try (Data("kaohe 1\nparam town = \"".utf8) + (try run("iconv", ["-f", "UTF-8", "-t", "GB18030"], input: Data("东湖镇\"\n".utf8)))).write(to: URL(fileURLWithPath: bad))
        #expect(failure { _ = try WorkbookDocument.open(bad) }
            == bad + ":2:15: not UTF-8 text: a workbook file is UTF-8 (was it saved by another program in another encoding?)")
    }
}
