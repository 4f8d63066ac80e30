import CoreFoundation
import Foundation
import KaoheCore

/// CSV for Excel and WPS: RFC 4180 quoting, `\r\n` line ends, numbers as
/// shown, an optional UTF-8 BOM or GB18030 encoding for Chinese Windows, and
/// formula injection neutralised.
public enum CSV {
    public enum Encoding: String, Sendable {
        case utf8 = "utf-8"
        case gb18030
        /// GBK, what older Chinese Windows and Excel read: GB18030's one- and
        /// two-byte part, so the same bytes; a character GBK lacks (GB18030
        /// writes it in four bytes) cannot be written (`outsideGBK`).
        case gbk

        var foundation: String.Encoding {
            switch self {
            case .utf8: return .utf8
            case .gb18030, .gbk:
                let cf = CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue))
                return String.Encoding(rawValue: cf)
            }
        }
    }

    public struct ExportOptions: Sendable {
        public var columns: [String]?
        public var labels = false
        public var bom = false
        public var encoding = Encoding.utf8

        public init(columns: [String]? = nil, labels: Bool = false, bom: Bool = false, encoding: Encoding = .utf8) {
            self.columns = columns
            self.labels = labels
            self.bom = bom
            self.encoding = encoding
        }
    }

    // MARK: Export

    /// The sheet as CSV bytes: a header of keys (or labels), then every row's
    /// values as shown (see `NumberFormat`: money to the fen, counts as they
    /// are, scores to the workbook's `decimals`).
    public static func export(_ wb: Workbook, sheet: String, options: ExportOptions = ExportOptions()) throws(FileError) -> Data {
        do {
            return try exportData(wb, sheet: sheet, options: options)
        } catch {
            throw FileError(file: "export", error.phrase)
        }
    }

    private static func exportData(_ wb: Workbook, sheet: String, options: ExportOptions) throws(WorkbookError) -> Data {
        let all = try wb.columns(of: sheet)
        let keys = options.columns ?? all.map(\.key)
        var refs: [ColumnRef] = []
        var header: [String] = []
        var canonical: [String] = []
        for key in keys {
            let ref = try wb.columnRef(key, sheet: sheet)
            refs.append(ref)
            let info = all.first { $0.key == key || $0.label == key }!
            canonical.append(info.key)
            header.append(options.labels && !info.label.isEmpty ? info.label : info.key)
        }
        let decimals = NumberFormat.decimals(of: wb)
        let rows = try wb.rows(of: sheet)
        // With labels, the values read as the office says them too (是/否,
        // 合格, 诫勉, 区级 …): the approval copy needs no hand edits.
        let columns = zip(refs, canonical).map { ref, key in
            let words = options.labels ? ValueWords.chineseWords(sheet: sheet, column: key) : nil
            return rows.map { row in
                let v = wb.value(CellRef(ref, row))
                return options.labels ? ValueWords.chinese(v, words: words) : v
            }
        }
        let places = canonical.map { NumberFormat.places(sheet: sheet, column: $0, decimals: decimals) }
        var text: [UInt8] = []
        text.reserveCapacity(rows.count * columns.count * 6)
        appendRecord(header, to: &text)
        // Rows in blocks: each column's fields of a block are written on
        // their own first, reading the column in order, then the block's
        // rows are put together from those small buffers. Row by row, every
        // field would fetch another column's memory.
        let block = 64
        var chunk: [UInt8] = []
        var stops = Array(repeating: 0, count: block * columns.count)
        var start = 0
        while start < rows.count {
            let n = min(block, rows.count - start)
            chunk.removeAll(keepingCapacity: true)
            for (c, column) in columns.enumerated() {
                let places = places[c]
                for k in 0..<n {
                    let v = column[start + k]
                    switch v {
                    case .number(let x): NumberFormat.append(x, places: places, to: &chunk)
                    case .text(let s): appendField(s, isText: true, to: &chunk)
                    default: appendField(v.displayText, isText: false, to: &chunk)
                    }
                    stops[c * block + k] = chunk.count
                }
            }
            chunk.withUnsafeBufferPointer { bytes in
                for k in 0..<n {
                    for c in columns.indices {
                        if c > 0 { text.append(UInt8(ascii: ",")) }
                        let from = k > 0 ? stops[c * block + k - 1] : c > 0 ? stops[(c - 1) * block + n - 1] : 0
                        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<stops[c * block + k]]))
                    }
                    text.append(contentsOf: [0x0D, 0x0A])
                }
            }
            start += n
        }
        return encoded(text, options)
    }

    /// Rows of text as CSV bytes, every field treated as text (quoted as
    /// needed, formula injection neutralised), with the BOM and encoding asked for.
    public static func table(_ rows: [[String]], options: ExportOptions = ExportOptions()) -> Data {
        var text: [UInt8] = []
        for row in rows { appendRecord(row, to: &text) }
        return encoded(text, options)
    }

    /// UTF-8 text as the file's bytes: UTF-8 as it is (after the BOM when
    /// asked), or re-encoded (GB18030 encodes every Unicode character too).
    static func encoded(_ utf8: [UInt8], _ options: ExportOptions) -> Data {
        var data = Data()
        guard options.encoding != .utf8 else {
            if options.bom { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
            data.append(contentsOf: utf8)
            return data
        }
        let text = String(decoding: utf8, as: UTF8.self)
        data.append(text.data(using: options.encoding.foundation) ?? Data(text.utf8))
        return data
    }

    /// A record of text fields and its `\r\n`.
    static func appendRecord(_ fields: [String], to out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendField(f, isText: true, to: &out)
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// One field, quoted when it holds a comma, quote or line break; text that
    /// a spreadsheet would run as a formula gets a leading `'`. Works on the
    /// UTF-8 bytes: every character it looks for is ASCII.
    static func appendField(_ s: String, isText: Bool, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            let formula = isText && bytes.first.map { "=+-@\t\r".utf8.contains($0) } == true
            let quoted = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if quoted { out.append(UInt8(ascii: "\"")) }
            if formula { out.append(UInt8(ascii: "'")) }
            if quoted {
                for b in bytes {
                    out.append(b)
                    if b == UInt8(ascii: "\"") { out.append(b) }
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }

    /// The first character of GB18030 bytes that GBK cannot hold (GB18030's
    /// four-byte sequences: a lead byte 0x81–0xFE, then a digit 0x30–0x39),
    /// with its line; nil when all of it is GBK.
    ///
    /// - Complexity: O(bytes), without decoding.
    public static func outsideGBK(_ data: Data) -> (line: Int, character: String)? {
        let bytes = [UInt8](data)
        var i = 0, line = 1
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1 }
                i += 1
            } else if i + 3 < bytes.count, (0x30...0x39).contains(bytes[i + 1]) {
                let character = String(data: Data(bytes[i..<(i + 4)]), encoding: Encoding.gb18030.foundation) ?? "?"
                return (line, character)
            } else {
                i += 2
            }
        }
        return nil
    }

    // MARK: Reading

    /// Decodes CSV bytes (UTF-8, UTF-8 with BOM, or GB18030) into records,
    /// each with the line it starts on.
    public static func read(_ data: Data, file: String) throws(FileError) -> [(line: Int, fields: [String])] {
        let text: String
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let t = String(data: data.dropFirst(3), encoding: .utf8) else {
                throw FileError(file: file, .bomNotUTF8)
            }
            text = t
        } else if let t = String(data: data, encoding: .utf8) {
            text = t
        } else if let t = String(data: data, encoding: Encoding.gb18030.foundation) {
            text = t
        } else {
            throw FileError(FileProblem(file: file, line: WorkbookDocument.firstBadByte(data).line, .neitherUTF8NorGB))
        }
        return try parse(text, file: file)
    }

    /// RFC 4180 records: quoted fields may hold commas, `""` and line breaks.
    static func parse(_ text: String, file: String) throws(FileError) -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var line = 1, recordLine = 1
        var inQuotes = false, quoteLine = 0
        var chars = text.makeIterator()
        var pending: Character?
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return chars.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let d = next() {
                        if d == "\"" { field.append("\""); continue }
                        pending = d
                    }
                    inQuotes = false
                } else {
                    if c == "\n" || c == "\r\n" || c == "\r" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoteLine = line
            case ",":
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                fields.append(field)
                records.append((recordLine, fields))
                fields = []
                field = ""
                line += 1
                recordLine = line
            default:
                field.append(c)
            }
        }
        if inQuotes { throw FileError(FileProblem(file: file, line: quoteLine, .quoteNeverClosed)) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        return records.filter { !($0.1.count == 1 && $0.1[0].isEmpty) }
    }

    // MARK: Import

    /// What an import asks of its rows beyond their columns' rules.
    public struct ImportRules: Sendable {
        /// Columns every row must fill.
        public var required: [String] = []
        /// Columns whose values may appear only once, in the file and in the sheet.
        public var unique: [String] = []
        /// Columns whose repeated values are accepted with a warning (two cadres of one name).
        public var warnRepeated: [String] = []

        public init(required: [String] = [], unique: [String] = [], warnRepeated: [String] = []) {
            self.required = required
            self.unique = unique
            self.warnRepeated = warnRepeated
        }

        /// The roster: ids and names required, ids unique, a repeated name a warning.
        public static let roster = ImportRules(required: ["id", "name"], unique: ["id"], warnRepeated: ["name"])
    }

    /// Appends the rows of a CSV to a sheet, all or nothing. The header names
    /// input columns by key or label; blank rows are skipped; every value is
    /// checked against its column's rule and `rules`, and each rejected row
    /// is reported as `FILE:LINE: reason`. Returns how many rows were added,
    /// and the warnings (`FILE:LINE`) of what was accepted.
    @discardableResult
    public static func importRows(_ data: Data, file: String, into wb: Workbook, sheet: String,
                                  rules: ImportRules = ImportRules()) throws(FileError) -> (rows: Int, warnings: [FileProblem]) {
        let records = try read(data, file: file).map { (line: $0.line, fields: $0.fields.map { ImportField(text: $0) }) }
        return try importRecords(records, file: file, into: wb, sheet: sheet, rules: rules)
    }

    /// One field of an imported table: its text, and whether the file typed
    /// it as text (an .xlsx string cell), so `007` stays `007`.
    public struct ImportField: Sendable {
        public var text: String
        public var isText = false

        public init(text: String, isText: Bool = false) {
            self.text = text
            self.isText = isText
        }
    }

    /// The checks and the append behind every roster import, whatever the
    /// file format: the first record is the header.
    static func importRecords(_ records: [(line: Int, fields: [ImportField])], file: String, into wb: Workbook, sheet: String,
                              rules: ImportRules = ImportRules()) throws(FileError) -> (rows: Int, warnings: [FileProblem]) {
        guard let header = records.first else { throw FileError(file: file, .importEmpty) }
        var problems: [FileProblem] = []
        var keys: [String] = []
        let columns: [(key: String, label: String, formula: String?)]
        do { columns = try wb.columns(of: sheet) } catch { throw FileError(file: file, error.phrase) }
        for (i, name) in header.fields.map(\.text).enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard let c = columns.first(where: { $0.key == name || $0.label == name }) else {
                let hint = Phrase.didYouMean(nearest(name, in: columns.map(\.key) + columns.map(\.label).filter { !$0.isEmpty }))
                problems.append(FileProblem(file: file, line: header.line, .importNotAColumn(i + 1, name, sheet: sheet, hint: hint)))
                continue
            }
            if c.formula != nil {
                problems.append(FileProblem(file: file, line: header.line, .importComputed(i + 1, name)))
            }
            if keys.contains(c.key) {
                problems.append(FileProblem(file: file, line: header.line, .importTwice(c.key)))
            }
            keys.append(c.key)
        }
        for key in rules.required where !keys.contains(key) {
            problems.append(FileProblem(file: file, line: header.line, .importNoRequired(key)))
        }
        // Values already in the sheet, for unique and repeated columns.
        var seen: [String: [String: Phrase]] = [:]
        for key in rules.unique + rules.warnRepeated {
            guard let ref = try? wb.columnRef(key, sheet: sheet), let rows = try? wb.rows(of: sheet) else { continue }
            for row in rows {
                let v = wb.value(CellRef(ref, row)).displayText
                if !v.isEmpty { seen[key, default: [:]][v] = .alreadyIn(sheet) }
            }
        }
        var rows: [[Value]] = []
        var warnings: [FileProblem] = []
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.text.trimmingCharacters(in: .whitespaces).isEmpty }) {
            guard record.fields.count == header.fields.count else {
                problems.append(FileProblem(file: file, line: record.line, .importFieldCount(record.fields.count, header: header.fields.count)))
                continue
            }
            var row: [Value] = []
            for (key, field) in zip(keys, record.fields) {
                do {
                    row.append(try wb.admit(ValueWords.value(field.text, rule: wb.rule(column: key, sheet: sheet), quoted: field.isText), column: key, sheet: sheet))
                } catch {
                    problems.append(FileProblem(file: file, line: record.line, error.phrase))
                    row.append(.empty)
                }
            }
            for (key, v) in zip(keys, row) {
                let text = v.displayText
                if rules.required.contains(key), text.isEmpty {
                    problems.append(FileProblem(file: file, line: record.line, .importMissing(key)))
                }
                guard !text.isEmpty else { continue }
                if let earlier = seen[key]?[text] {
                    if rules.unique.contains(key) {
                        problems.append(FileProblem(file: file, line: record.line, .importNotUnique(key, text, earlier)))
                    } else {
                        warnings.append(FileProblem(file: file, line: record.line, .importSharedName(key, text, earlier)))
                    }
                }
                if rules.unique.contains(key) || rules.warnRepeated.contains(key) { seen[key, default: [:]][text] = seen[key]?[text] ?? .alsoOnLine(record.line) }
            }
            rows.append(row)
        }
        guard problems.isEmpty else { throw FileError(problems) }
        do {
            try wb.appendRows(to: sheet, columns: keys, rows: rows)
        } catch {
            throw FileError(file: file, error.phrase)
        }
        return (rows.count, warnings)
    }
}
