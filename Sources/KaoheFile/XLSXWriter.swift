import Foundation
import KaoheCore
import ZIPFoundation

/// Office Open XML (.xlsx) bytes for a list of sheets: the package parts
/// written by `XMLWriter`, zipped by ZIPFoundation. No program runs.
public enum XLSXWriter {
    /// The workbook's bytes; `title` is the document's title property.
    public static func data(_ sheets: [XLSXSheet], title: String) throws(FileError) -> Data {
        try data(sheetNames: sheets.map(\.name), title: title) { i throws(FileError) in sheets[i] }
    }

    /// The workbook's bytes, its sheets made by `sheet(i)` one at a time:
    /// each is written and zipped before the next is made, so only one
    /// sheet's values are in memory at once, and its XML (at 100,000
    /// cadres the events sheet is 58 MB of it) is never whole: see
    /// `WorksheetXML`.
    public static func data(sheetNames: [String], title: String, sheet: (Int) throws(FileError) -> XLSXSheet) throws(FileError) -> Data {
        let archive: Archive
        do { archive = try Archive(data: Data(), accessMode: .create) } catch { throw FileError(file: "export", .zipFailed(nil, "\(error)")) }
        func add(_ path: String, _ bytes: [UInt8]) throws(FileError) {
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                     compressionMethod: .deflate, bufferSize: 1 << 20) { position, size in
                    bytes.withUnsafeBufferPointer { Data($0[Int(position)..<Int(position) + size]) }
                }
            } catch {
                throw FileError(file: "export", .zipFailed(path, "\(error)"))
            }
        }
        try add("[Content_Types].xml", contentTypes(sheetNames.count))
        try add("_rels/.rels", packageRelationships())
        try add("docProps/core.xml", coreProperties(title))
        try add("xl/workbook.xml", workbook(sheetNames))
        try add("xl/_rels/workbook.xml.rels", workbookRelationships(sheetNames.count))
        var strings = SharedStrings()
        var styles = Styles()
        for i in sheetNames.indices {
            let path = "xl/worksheets/sheet\(i + 1).xml"
            var xml = WorksheetXML(try sheet(i), strings: &strings, styles: &styles)
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(xml.count), modificationDate: fixedDate,
                                     compressionMethod: .deflate, bufferSize: 1 << 20) { _, size in
                    try xml.next(size, strings: &strings)
                }
            } catch {
                throw FileError(file: "export", .zipFailed(path, "\(error)"))
            }
            guard xml.isFinished else { throw FileError(file: "export", .zipFailed(path, nil)) }
        }
        try add("xl/styles.xml", styles.xml())
        try add("xl/sharedStrings.xml", strings.xml())
        guard let data = archive.data else { throw FileError(file: "export", .zipFailed(nil, nil)) }
        return data
    }

    /// Every entry carries the same time, so the same workbook exports to the same bytes.
    static let fixedDate = Date(timeIntervalSince1970: 946_684_800)

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    // MARK: Worksheets

    /// A worksheet's XML, made twice from the sheet's values and never held
    /// whole. ZIPFoundation wants an entry's size before its first byte, so
    /// the rows are written once to count their bytes (and to put their
    /// texts in the shared strings, in the order they come, the indices
    /// recorded for the second time: `SharedStrings.Mode`), then again,
    /// block by block, as the zip asks for the next piece. Writing a row
    /// costs less than holding tens of megabytes of it.
    struct WorksheetXML {
        private let sheet: XLSXSheet
        private let values: [[Value]]
        private let places: [Int?]
        private let formats: [Int]
        private let refs: [[UInt8]]
        /// The bytes made and not yet handed to the zip, from `start` on.
        private var pending: XMLWriter
        private var start = 0
        private var nextRow = 0
        private var tail: [UInt8] = []
        private var tailWritten = false
        /// The whole part's length in bytes.
        private(set) var count = 0
        static let rowsPerBlock = 512

        init(_ sheet: XLSXSheet, strings: inout SharedStrings, styles: inout Styles) {
            self.sheet = sheet
            let letters = sheet.columns.indices.map(columnName)
            let last = letters.last ?? "A"
            let firstData = XLSXSheet.headerRow + 1
            let totalsRow = firstData + sheet.rowCount
            let lastRow = sheet.hasTotals ? totalsRow : totalsRow - 1
            var x = XMLWriter(capacity: 2 << 20)
            x.raw("<worksheet xmlns=\"\(main)\" xmlns:r=\"\(officeRelationships)\">")
            x.raw("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><dimension ref=\"A1:\(last)\(lastRow)\"/>")
            let top = "A\(firstData)"
            x.raw("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(XLSXSheet.headerRow)\" topLeftCell=\"\(top)\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            x.raw("<selection pane=\"bottomLeft\" activeCell=\"\(top)\" sqref=\"\(top)\"/></sheetView></sheetViews>")
            x.raw("<sheetFormatPr defaultRowHeight=\"15\"/><cols>")
            for (i, column) in sheet.columns.enumerated() {
                x.raw("<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width(column))\" customWidth=\"1\"/>")
            }
            x.raw("</cols><sheetData>")
            x.raw("<row r=\"1\" ht=\"24\" customHeight=\"1\"><c r=\"A1\" s=\"\(Styles.title)\" t=\"s\"><v>\(strings.index(sheet.title))</v></c></row>")
            x.raw("<row r=\"\(XLSXSheet.headerRow)\">")
            for (i, column) in sheet.columns.enumerated() {
                x.raw("<c r=\"\(letters[i])\(XLSXSheet.headerRow)\" s=\"\(Styles.header)\" t=\"s\"><v>\(strings.index(column.header))</v></c>")
            }
            x.raw("</row>")
            pending = x
            formats = sheet.columns.map { styles.index($0.format, bold: false) }
            values = sheet.columns.map(\.values)
            places = sheet.columns.map { column -> Int? in if case .fixed(let p) = column.format { p } else { nil } }
            refs = letters.map { Array("<c r=\"\($0)".utf8) }

            // The first writing: counted, then dropped.
            var rows = 0, scratch = XMLWriter(capacity: 1 << 17, prolog: false)
            strings.record(atMost: sheet.rowCount * sheet.columns.count)
            for first in stride(from: 0, to: sheet.rowCount, by: Self.rowsPerBlock) {
                write(first..<min(sheet.rowCount, first + Self.rowsPerBlock), into: &scratch, strings: &strings)
                rows += scratch.bytes.count
                scratch.removeAll()
            }
            strings.mode = .normal

            var t = XMLWriter(capacity: 4096, prolog: false)
            if sheet.hasTotals {
                t.raw("<row r=\"\(totalsRow)\"><c r=\"A\(totalsRow)\" s=\"\(Styles.totalLabel)\" t=\"s\"><v>\(strings.index(XLSXSheet.totalsLabel))</v></c>")
                for (c, column) in sheet.columns.enumerated() where column.total {
                    let style = styles.index(column.format, bold: true)
                    let formula = sheet.rowCount > 0 ? "<f>SUM(\(letters[c])\(firstData):\(letters[c])\(totalsRow - 1))</f>" : ""
                    switch column.sum {
                    case .error(let e): t.raw("<c r=\"\(letters[c])\(totalsRow)\" s=\"\(style)\" t=\"e\">\(formula)<v>\(e.rawValue)</v></c>")
                    case let total: t.raw("<c r=\"\(letters[c])\(totalsRow)\" s=\"\(style)\">\(formula)<v>\(total.displayText)</v></c>")
                    }
                }
                t.raw("</row>")
            }
            t.raw("</sheetData>")
            if sheet.columns.count > 1 { t.raw("<mergeCells count=\"1\"><mergeCell ref=\"A1:\(last)1\"/></mergeCells>") }
            t.raw("<printOptions horizontalCentered=\"1\" gridLines=\"1\"/>")
            t.raw("<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>")
            t.raw("<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>")
            t.raw("<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>")
            tail = t.bytes
            count = pending.bytes.count + rows + tail.count
        }

        /// The next `size` bytes of the part, the rows written again as far as they are needed.
        mutating func next(_ size: Int, strings: inout SharedStrings) throws(FileError) -> Data {
            if start > 0 {
                pending.removeFirst(start)
                start = 0
            }
            strings.mode = .replaying
            defer { strings.mode = .normal }
            while pending.bytes.count < size {
                if nextRow < sheet.rowCount {
                    let end = min(sheet.rowCount, nextRow + Self.rowsPerBlock)
                    write(nextRow..<end, into: &pending, strings: &strings)
                    nextRow = end
                } else if !tailWritten {
                    pending.raw(tail)
                    tailWritten = true
                } else {
                    throw FileError(file: "export", .zipFailed(nil, "a sheet's XML came out shorter the second time"))
                }
            }
            start = size
            return pending.bytes.withUnsafeBufferPointer { Data($0[..<size]) }
        }

        /// Whether every byte counted was handed over, and no more.
        var isFinished: Bool { nextRow == sheet.rowCount && tailWritten && start == pending.bytes.count }

        /// The value rows in `range` (0 is the first row under the header).
        private func write(_ range: Range<Int>, into x: inout XMLWriter, strings: inout SharedStrings) {
            for r in range {
                let row = XLSXSheet.headerRow + 1 + r
                x.raw("<row r=\"")
                x.int(row)
                x.raw("\">")
                var previous = -1
                for c in values.indices where cell(values[c][r], ref: c == previous + 1 ? nil : refs[c], row: row, places: places[c],
                                                     style: formats[c], into: &x, strings: &strings) {
                    previous = c
                }
                x.raw("</row>")
            }
        }
    }

    /// One value: numbers with their column's format, text as a shared
    /// string (never a formula, whatever it starts with), Excel's own
    /// errors as error cells and kaohe's `#CYCLE!` as its text. A cell
    /// right after the row's previous one goes without its reference
    /// (`ref` nil): the schema makes `r` optional and readers place such a
    /// cell in the next column, and a reference that changes on every row
    /// is what keeps deflate from matching one row against the last.
    /// Whether a cell was written.
    static func cell(_ v: Value, ref: [UInt8]?, row: Int, places: Int?, style: Int, into x: inout XMLWriter,
                     strings: inout SharedStrings) -> Bool {
        switch v {
        case .empty, .text(""):
            // A formula's "" (a temporary staff's rank) is an empty cell, as Excel shows it.
            return false
        case .number(let n):
            open(ref, row, into: &x)
            if style != 0 {
                x.raw(" s=\"")
                x.int(style)
                x.raw("\"><v>")
            } else {
                x.raw("><v>")
            }
            x.number(n, places: places)
            x.raw("</v></c>")
        case .text(let s):
            shared(s, ref, row, into: &x, strings: &strings)
        case .bool(let b):
            open(ref, row, into: &x)
            x.raw(b ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
        case .error(let e):
            if e == .cycle {
                shared(v.displayText, ref, row, into: &x, strings: &strings)
            } else {
                open(ref, row, into: &x)
                x.raw(" t=\"e\"><v>")
                x.raw(e.rawValue)
                x.raw("</v></c>")
            }
        }
        return true
    }

    /// `<c r="B12"` of a cell, or `<c` where the reference is implied; its attributes to follow.
    static func open(_ ref: [UInt8]?, _ row: Int, into x: inout XMLWriter) {
        guard let ref else { return x.raw("<c") }
        x.raw(ref)
        x.int(row)
        x.raw("\"")
    }

    static func shared(_ s: String, _ ref: [UInt8]?, _ row: Int, into x: inout XMLWriter, strings: inout SharedStrings) {
        open(ref, row, into: &x)
        x.raw(" t=\"s\"><v>")
        x.int(strings.index(s))
        x.raw("</v></c>")
    }

    /// A width that fits the column's widest value in display columns (a
    /// Chinese character takes two), and a long header wrapped to two lines.
    static func width(_ column: XLSXSheet.Column) -> Int {
        var widest = 0
        for v in column.values {
            switch v {
            case .number(let n):
                var digits = 1, m = n.magnitude.isFinite ? n.magnitude : 0
                while m >= 10 { m /= 10; digits += 1 }
                if case .fixed(let p) = column.format, p > 0 { digits += p + 1 }
                widest = max(widest, digits + (n < 0 ? 1 : 0))
            case .text(let s): widest = max(widest, displayWidth(s))
            case .bool: widest = max(widest, 5)
            case .error: widest = max(widest, 8)
            case .empty: break
            }
        }
        let header = displayWidth(column.header)
        return min(60, max(widest, header <= 12 ? header : (header + 1) / 2, 4) + 2)
    }

    /// Display columns, counted on UTF-8 bytes: one for ASCII, two for
    /// anything else (Chinese, full-width punctuation), which is what a
    /// column of names and offices holds.
    static func displayWidth(_ s: String) -> Int {
        var w = 0
        for b in s.utf8 where b < 0x80 || b >= 0xC0 { w += b < 0x80 ? 1 : 2 }
        return w
    }

    /// `A`, …, `Z`, `AA`, … for a 0-based column.
    static func columnName(_ i: Int) -> String {
        var n = i + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }
}
