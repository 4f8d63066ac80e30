import Foundation
import KaoheCore
import ZIPFoundation

/// An .xlsx as read back: every sheet's cells with their values, number
/// formats and boldness, its frozen pane, merged cells, column widths,
/// page setup and print titles. The roster import reads the first sheet;
/// the tests read everything kaohe writes.
struct XLSXBook {
    struct Cell: Equatable {
        var value: Value
        var numberFormat = "General"
        var bold = false
        var formula: String?
    }

    struct Sheet {
        var name: String
        /// Row (1-based, as Excel numbers them) → column (0-based) → cell.
        var rows: [Int: [Int: Cell]] = [:]
        var frozenRows = 0
        var merges: [String] = []
        var widths: [Int: Double] = [:]
        var pageSetup: [String: String] = [:]
        var printTitles: String?

        /// The cell at `B3`.
        func cell(_ ref: String) -> Cell? {
            guard let (row, column) = XLSXReader.position(ref) else { return nil }
            return rows[row]?[column]
        }
    }

    var sheets: [Sheet] = []
}

enum XLSXReader {
    /// Reads the package: the workbook's sheets in their order.
    static func read(_ data: Data, file: String) throws(FileError) -> XLSXBook {
        func bad(_ why: String) -> FileError { FileError(file: file, .notAnXLSX(why)) }
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw bad("it is not a zip archive") }
        func part(_ path: String) throws(FileError) -> [UInt8]? {
            guard let entry = archive[path] else { return nil }
            var bytes: [UInt8] = []
            do { _ = try archive.extract(entry) { bytes.append(contentsOf: $0) } } catch { throw bad("\(path) cannot be unpacked") }
            return bytes
        }
        func scan(_ path: String, _ body: (inout XMLScanner, XMLScanner.Event) throws(XMLScanner.Malformed) -> Void) throws(FileError) {
            guard let bytes = try part(path) else { return }
            var scanner = XMLScanner(bytes)
            do { while let e = try scanner.next() { try body(&scanner, e) } } catch { throw bad("\(path) is not well-formed XML (byte \(error.offset))") }
        }
        var workbookPath = "xl/workbook.xml"
        try scan("_rels/.rels") { _, e in
            if case .open("Relationship", let a, _) = e, a["Type"]?.hasSuffix("/officeDocument") == true, let t = a["Target"] {
                workbookPath = t.hasPrefix("/") ? String(t.dropFirst()) : t
            }
        }
        let base = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        func resolve(_ target: String) -> String {
            target.hasPrefix("/") ? String(target.dropFirst()) : (base.isEmpty ? target : base + "/" + target)
        }
        let relsPath = (base.isEmpty ? "" : base + "/") + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        var targets: [String: String] = [:]
        var sharedStringsPath: String?, stylesPath: String?
        try scan(relsPath) { _, e in
            guard case .open("Relationship", let a, _) = e, let id = a["Id"], let t = a["Target"], let type = a["Type"] else { return }
            targets[id] = resolve(t)
            if type.hasSuffix("/sharedStrings") { sharedStringsPath = resolve(t) }
            if type.hasSuffix("/styles") { stylesPath = resolve(t) }
        }
        var book = XLSXBook()
        var sheetPaths: [String] = []
        var titles: [Int: String] = [:]
        try scan(workbookPath) { (s: inout XMLScanner, e: XMLScanner.Event) throws(XMLScanner.Malformed) in
            guard case .open(let name, let a, _) = e else { return }
            if name == "sheet", let id = a["id"], let path = targets[id] {
                book.sheets.append(XLSXBook.Sheet(name: a["name"] ?? ""))
                sheetPaths.append(path)
            } else if name == "definedName", a["name"] == "_xlnm.Print_Titles", let i = a["localSheetId"].flatMap(Int.init) {
                titles[i] = try s.text(of: e)
            }
        }
        guard !book.sheets.isEmpty else { throw bad("it has no worksheet") }
        var strings: [String] = []
        if let path = sharedStringsPath {
            try scan(path) { (s: inout XMLScanner, e: XMLScanner.Event) throws(XMLScanner.Malformed) in
                if case .open("si", _, _) = e { strings.append(try richText(&s, e)) }
            }
        }
        let styles = try stylesPath.map { path throws(FileError) in try readStyles(path, scan: scan) } ?? []
        for (i, path) in sheetPaths.enumerated() {
            book.sheets[i].printTitles = titles[i]
            try readSheet(path, into: &book.sheets[i], strings: strings, styles: styles, scan: scan)
        }
        return book
    }

    typealias Scan = (String, (inout XMLScanner, XMLScanner.Event) throws(XMLScanner.Malformed) -> Void) throws(FileError) -> Void

    /// A shared or inline string: its `t` runs joined, phonetic runs (`rPh`) left out.
    static func richText(_ s: inout XMLScanner, _ open: XMLScanner.Event) throws(XMLScanner.Malformed) -> String {
        guard case .open(let outer, _, false) = open else { return "" }
        var text = "", phonetic = false
        while let e = try s.next() {
            switch e {
            case .open("t", _, let closed) where !phonetic: if !closed { text += try s.text(of: e) }
            case .open("rPh", _, false): phonetic = true
            case .close("rPh"): phonetic = false
            case .close(outer): return unescapeOffice(text)
            default: break
            }
        }
        return unescapeOffice(text)
    }

    /// Each cell style's number format code and whether its font is bold.
    static func readStyles(_ path: String, scan: Scan) throws(FileError) -> [(format: String, bold: Bool)] {
        var codes: [Int: String] = [0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 49: "@"]
        var bold: [Bool] = [], styles: [(String, Bool)] = []
        var inFont = false, inCellXfs = false
        try scan(path) { _, e in
            switch e {
            case .open("numFmt", let a, _): if let id = a["numFmtId"].flatMap(Int.init) { codes[id] = a["formatCode"] ?? "" }
            case .open("font", _, let closed): inFont = !closed; bold.append(false)
            case .close("font"): inFont = false
            case .open("b", let a, _) where inFont: bold[bold.count - 1] = a["val"] != "0" && a["val"] != "false"
            case .open("cellXfs", _, _): inCellXfs = true
            case .close("cellXfs"): inCellXfs = false
            case .open("xf", let a, _) where inCellXfs:
                let id = a["numFmtId"].flatMap(Int.init) ?? 0
                let font = a["fontId"].flatMap(Int.init) ?? 0
                styles.append((codes[id] ?? "builtin \(id)", font < bold.count && bold[font]))
            default: break
            }
        }
        return styles
    }

    static func readSheet(_ path: String, into sheet: inout XLSXBook.Sheet, strings: [String], styles: [(format: String, bold: Bool)],
                          scan: Scan) throws(FileError) {
        var row = 0, column = -1
        var pending: (ref: (Int, Int), type: String, style: Int)?
        var value = "", formula: String?, inline = ""
        try scan(path) { (s: inout XMLScanner, e: XMLScanner.Event) throws(XMLScanner.Malformed) in
            switch e {
            case .open("row", let a, _):
                row = a["r"].flatMap(Int.init) ?? row + 1
                column = -1
            case .open("c", let a, let closed):
                let at = a["r"].flatMap(position) ?? (row, column + 1)
                column = at.1
                pending = (at, a["t"] ?? "n", a["s"].flatMap(Int.init) ?? 0)
                (value, formula, inline) = ("", nil, "")
                if closed { fallthrough }
            case .close("c"):
                guard let p = pending else { return }
                let style = p.style < styles.count ? styles[p.style] : ("General", false)
                let v = cellValue(type: p.type, value: value, inline: inline, strings: strings)
                if !v.isEmpty || formula != nil {
                    sheet.rows[p.ref.0, default: [:]][p.ref.1] = XLSXBook.Cell(value: v, numberFormat: style.0, bold: style.1, formula: formula)
                }
                pending = nil
            case .open("v", _, _): value = try s.text(of: e)
            case .open("f", _, _): formula = try s.text(of: e)
            case .open("is", _, _): inline = try richText(&s, e)
            case .open("pane", let a, _) where a["state"] == "frozen" || a["state"] == "frozenSplit":
                sheet.frozenRows = a["ySplit"].flatMap { Double($0) }.map { Int($0) } ?? 0
            case .open("mergeCell", let a, _): if let ref = a["ref"] { sheet.merges.append(ref) }
            case .open("col", let a, _):
                if let min = a["min"].flatMap(Int.init), let max = a["max"].flatMap(Int.init), let w = a["width"].flatMap(Double.init),
                   1 <= min, min <= max, max <= maxColumns {
                    for c in min...max { sheet.widths[c - 1] = w }
                }
            case .open("pageSetup", let a, _): sheet.pageSetup = a
            default: break
            }
        }
    }

    static func cellValue(type: String, value: String, inline: String, strings: [String]) -> Value {
        switch type {
        // An empty string shows as nothing, as an empty cell does.
        case "s": return Int(value).flatMap { strings.indices.contains($0) ? (strings[$0].isEmpty ? .empty : Value.text(strings[$0])) : nil } ?? .error(.ref)
        case "inlineStr": return inline.isEmpty ? .empty : .text(inline)
        case "str", "d": return value.isEmpty ? .empty : .text(unescapeOffice(value))
        case "b": return .bool(value == "1" || value.lowercased() == "true")
        case "e": return CellError(text: value).map(Value.error) ?? .text(value)
        default: return value.isEmpty ? .empty : Num.parse(value).map(Value.number) ?? .text(value)
        }
    }

    /// Office's `_xHHHH_` escapes decoded (`_x000A_` is a line break, `_x005F_` an underscore).
    static func unescapeOffice(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView(), i = 0
        while i < u.count {
            if XMLWriter.startsOfficeEscape(u, at: i), let code = UInt32(String(String.UnicodeScalarView(u[(i + 2)...(i + 5)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                i += 7
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Excel's limits: column XFD, row 1,048,576. A reference beyond them is no cell.
    static let maxColumns = 16_384, maxRows = 1_048_576

    /// `B3` → (3, 1): the row as Excel numbers it, the column from 0.
    static func position<S: StringProtocol>(_ ref: S) -> (Int, Int)? {
        var column = 0, digits = ""
        for ch in ref.uppercased() {
            if let a = ch.asciiValue, a >= 65, a <= 90, digits.isEmpty {
                column = column * 26 + Int(a - 64)
                if column > maxColumns { return nil }
            } else {
                digits.append(ch)
            }
        }
        guard column > 0, let row = Int(digits), row > 0, row <= maxRows else { return nil }
        return (row, column - 1)
    }
}
