import Foundation
import KaoheCore

/// The `.kaohe` workbook file: one UTF-8 text file, one line per parameter,
/// column, row and formula cell, in a stable order, so a workbook diffs and
/// merges line by line and a person can read and fix it in an editor.
/// `Workbooks/FORMAT.md` is its reference.
///
///     kaohe 1
///
///     param decimals = 2
///
///     sheet cadres
///     column id "编号"
///     column name "姓名"
///     column total "总分" =ROUND(rules+democratic, decimals)
///     row "c01", "张伟", 9.5, 8
///       cell total 100
///
/// Writing is canonical: a file kaohe wrote, read and written again, is
/// byte-identical.
public enum WorkbookFile {
    /// The format version this build writes, and the newest it reads.
    /// Version 2 is version 1 closed by an `end` line, so a file cut short
    /// (a copy interrupted, a full disk) is refused rather than opened
    /// with what was left.
    public static let version = 2

    // MARK: Writing

    /// What a copy of a workbook leaves out, as `removeRows` and
    /// `clearColumn` would take it away: the rows of whole sheets, and
    /// columns' entries (an input column's values; a computed column's
    /// cells with their own value or formula). `year next` starts the new
    /// year from such a copy, so it neither writes nor reads what it drops.
    public struct Omitting: Sendable {
        public var rows: Set<String>
        /// Sheet → column keys.
        public var entries: [String: Set<String>]

        public init(rows: Set<String> = [], entries: [String: Set<String>] = [:]) {
            self.rows = rows
            self.entries = entries
        }
    }

    public static func write(_ wb: Workbook, scenarios: [ScenarioRecord] = [], log: ChangeLog? = nil, omitting: Omitting = Omitting()) -> String {
        var out = "kaohe \(version)\n"
        let params = wb.parameters
        if !params.isEmpty {
            out += "\n"
            for (name, value) in params { out += "param \(name) = \(ValueCodec.encode(value))\n" }
        }
        for name in wb.sheetNames {
            guard let sheet = try? wb.contents(of: name) else { continue }
            out += "\nsheet \(name)\n"
            for c in sheet.columns {
                out += "column \(c.key)"
                if !c.label.isEmpty { out += " " + ValueCodec.quote(c.label) }
                if let f = c.formula { out += " " + f }
                if let rule = c.rule { out += " " + rule.description }
                out += "\n"
            }
            guard !omitting.rows.contains(name) else { continue }
            let emptied = omitting.entries[name] ?? []
            let kept = sheet.inputColumns.map { !emptied.contains($0.key) }
            var next = 0
            for (i, row) in sheet.rows.enumerated() {
                // Trailing empty values are left out; the rest are appended
                // where they go, with no string per row or per value.
                var end = row.count
                while end > 0, !kept[end - 1] || row[end - 1].isEmpty { end -= 1 }
                out += end == 0 ? "row" : "row "
                for j in 0..<end {
                    if j > 0 { out += ", " }
                    if kept[j] { ValueCodec.encode(row[j], into: &out) }
                }
                out += "\n"
                while next < sheet.overrides.count, sheet.overrides[next].row == i {
                    let o = sheet.overrides[next]
                    next += 1
                    guard !emptied.contains(o.column) else { continue }
                    switch o.override {
                    case .value(.empty): out += "  cell \(o.column)\n"
                    case .value(let v): out += "  cell \(o.column) \(ValueCodec.encode(v))\n"
                    case .formula(let f): out += "  cell \(o.column) \(f)\n"
                    }
                }
            }
        }
        return out + write(scenarios) + write(log) + "\nend\n"
    }

    // MARK: Reading

    /// Reads a workbook. Every problem is reported, each as
    /// `FILE:LINE:COL: what is wrong`; nothing is built unless there are none.
    public static func read(_ text: String, file: String) throws(FileError) -> Workbook {
        try document(text, file: file).workbook
    }

    /// Reads a workbook, and lists as warnings the data the commands would refuse.
    public static func load(_ text: String, file: String) throws(FileError) -> (workbook: Workbook, warnings: [FileProblem]) {
        let loaded = try document(text, file: file)
        return (loaded.workbook, loaded.warnings)
    }

    /// Reads a workbook, and lists as warnings, each at its line, the data
    /// the commands would refuse (`Checks.problems`): a file that breaks
    /// them still opens, so the office can fix it with the commands.
    /// With them, the scenarios and the change log the file holds.
    /// The text is let go once parsed (pass it with `consume`): a large
    /// file is not held while its workbook is built.
    public static func document(_ text: consuming String, file: String) throws(FileError)
        -> (workbook: Workbook, scenarios: [ScenarioRecord], log: ChangeLog?, warnings: [FileProblem]) {
        var parser = FileParser(file: file)
        text.withUTF8 { parser.parse($0) }
        text = ""
        return try document(&parser)
    }

    /// Reads a workbook from the file's bytes, valid UTF-8, as `document`
    /// from its text: opening a file reads its bytes once, with no `String`
    /// of the whole file made beside them.
    /// The bytes are let go (emptied) once parsed.
    static func document(utf8 bytes: inout Data, file: String) throws(FileError)
        -> (workbook: Workbook, scenarios: [ScenarioRecord], log: ChangeLog?, warnings: [FileProblem]) {
        var parser = FileParser(file: file)
        bytes.withUnsafeBytes { parser.parse($0.assumingMemoryBound(to: UInt8.self)) }
        bytes = Data()
        return try document(&parser)
    }

    /// The parser is used up: its rows go into the workbook, not copied.
    private static func document(_ parser: inout FileParser) throws(FileError)
        -> (workbook: Workbook, scenarios: [ScenarioRecord], log: ChangeLog?, warnings: [FileProblem]) {
        let file = parser.file
        guard parser.problems.isEmpty else { throw FileError(parser.problems) }
        let wb = try parser.build()
        let warnings = Checks.problems(in: wb).map { p in
            let line: Int
            switch p.place {
            case .parameter(let name): line = parser.params.first { $0.name == name }?.line ?? 0
            case .row(let sheet, let row): line = parser.sheets.first { $0.name == sheet }.map { row < $0.rowLines.count ? $0.rowLines[row] : 0 } ?? 0
            }
            return FileProblem(file: file, line: line, p.phrase)
        }
        return (wb, parser.scenarios, parser.log, warnings.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element))
    }
}

/// The lines of a workbook file, checked, before anything is built.
struct FileParser {
    struct Located<T> {
        let value: T
        let line: Int
        let column: Int
    }

    struct PendingColumn {
        let key: String
        let label: String
        let formula: Located<String>?
        let rule: Located<ColumnRule>?
    }

    struct PendingCell {
        let row: Int
        let column: Located<String>
        let value: Value?
        let formula: Located<String>?
    }

    struct PendingSheet {
        let name: String
        var columns: [PendingColumn] = []
        /// The rows' values column by column, one per input column, packed
        /// as the sheet keeps them: its storage takes them whole, with no
        /// array per row.
        var values: [ColumnData] = []
        var rowCount = 0
        /// The line of each row, for the warnings of `WorkbookFile.load`.
        var rowLines: [Int] = []
        var cells: [PendingCell] = []
        var inputCount = 0

        /// The values, given up: one array per input column.
        mutating func takeValues() -> [ColumnData] {
            guard !values.isEmpty else { return Array(repeating: ColumnData(), count: inputCount) }
            var taken: [ColumnData] = []
            swap(&taken, &values)
            return taken
        }
    }

    let file: String
    var problems: [FileProblem] = []
    var params: [(name: String, value: Value, line: Int)] = []
    var sheets: [PendingSheet] = []
    var scenarios: [ScenarioRecord] = []
    var log: ChangeLog?
    /// The current sheet's texts by column, each decoded once (see `Interner`).
    private var strings: [Interner] = []
    /// How many rows each sheet has, by a count ahead (`rowsPerSheet`):
    /// a hint, wrong only in a file with problems.
    private var rowsAhead: [Int] = []
    private var sawHeader = false
    private var version = 0
    /// The line of the `end` line, once read.
    private var endLine: Int?

    init(file: String) { self.file = file }

    mutating func problem(_ line: Int, _ column: Int, _ phrase: Phrase) {
        if problems.count < 50 { problems.append(FileProblem(file: file, line: line, column: column, phrase)) }
    }

    /// The 1-based character column of a byte offset in a line.
    static func column(_ line: [UInt8], _ offset: Int) -> Int {
        String(decoding: line[0..<min(offset, line.count)], as: UTF8.self).count + 1
    }

    /// Reads the lines of a file's bytes, valid UTF-8.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) {
        var lineNumber = 0
        // The text's own bytes (no copy of the file), and one line buffer
        // reused for every line (no allocation per line).
        var line: [UInt8] = []
        do {
            rowsAhead = Self.rowsPerSheet(bytes)
            var start = 0
            while start <= bytes.count {
                let end = Self.lineEnd(bytes, from: start)
                lineNumber += 1
                var stop = end
                if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
                parseLine(line, lineNumber)
                if !sawHeader && !problems.isEmpty { return }
                start = end + 1
            }
        }
        strings = []
        if !sawHeader && !problems.isEmpty { return }
        if !sawHeader { problem(1, 0, .fileEmpty(WorkbookFile.version)); return }
        if version >= 2, endLine == nil {
            problem(lineNumber, 0, .fileCutShort)
        }
    }

    /// Where the line from `start` ends: its newline, or the end.
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The `row` lines after each `sheet` line, counted ahead in one quick
    /// pass: a sheet's columns are then reserved once rather than grown by
    /// doubling (each doubling a copy into fresh pages; at a million rows
    /// the kernel's page faults were a third of the open).
    static func rowsPerSheet(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var counts: [Int] = []
        var start = 0
        while start < bytes.count {
            let end = lineEnd(bytes, from: start)
            if end - start > 3, bytes[start] == UInt8(ascii: "r"), bytes[start + 1] == UInt8(ascii: "o"), bytes[start + 2] == UInt8(ascii: "w"),
               bytes[start + 3] == 0x20, !counts.isEmpty {
                counts[counts.count - 1] += 1
            } else if end - start > 5, bytes[start] == UInt8(ascii: "s"), bytes[start + 1] == UInt8(ascii: "h"), bytes[start + 5] == 0x20 {
                counts.append(0)
            }
            start = end + 1
        }
        return counts
    }

    private mutating func parseLine(_ line: [UInt8], _ n: Int) {
        var indent = 0
        while indent < line.count, line[indent] == 0x20 || line[indent] == 0x09 { indent += 1 }
        if indent == line.count || line[indent] == UInt8(ascii: "#") { return }
        if !sawHeader {
            header(line, n)
            return
        }
        var wordEnd = indent
        while wordEnd < line.count, line[wordEnd] != 0x20, line[wordEnd] != 0x09 { wordEnd += 1 }
        let word = String(decoding: line[indent..<wordEnd], as: UTF8.self)
        if let endLine {
            problem(n, indent + 1, .textAfterEnd(endLine))
            return
        }
        if !scenarios.isEmpty || log != nil, ["param", "sheet", "column", "row", "cell"].contains(word) {
            problem(n, Self.column(line, indent), .afterScenarioOrLog(word))
            return
        }
        if log != nil, word == "scenario" {
            problem(n, Self.column(line, indent), .scenarioAfterLog)
            return
        }
        switch word {
        case "end" where indent == 0:
            if line[wordEnd...].contains(where: { !Self.isSpace($0) }) {
                problem(n, wordEnd + 2, .endHoldsNothing)
            }
            endLine = n
        case "row" where indent == 0: row(line, n, from: wordEnd)
        case "cell" where indent > 0: cell(line, n, from: wordEnd)
        case "param" where indent == 0: param(line, n, from: wordEnd)
        case "sheet" where indent == 0: sheet(line, n, from: wordEnd)
        case "column" where indent == 0: column(line, n, from: wordEnd)
        case "scenario" where indent == 0: scenario(line, n, from: wordEnd)
        case "change" where indent > 0: change(line, n, from: wordEnd)
        case "log" where indent == 0: logHeader(line, n, from: wordEnd)
        case "entry" where indent > 0: logEntry(line, n, from: wordEnd)
        case "cell": problem(n, 1, .cellNeedsIndent)
        case "param", "sheet", "column", "row", "end": problem(n, 1, .noIndent(word))
        default:
            let hint = Phrase.didYouMean(nearest(word, in: ["param", "sheet", "column", "row", "cell", "scenario", "change", "log", "entry", "end"]))
            problem(n, Self.column(line, indent), .unknownLine(word, hint: hint))
        }
    }

    /// `kaohe N`: refuses other files and newer versions.
    private mutating func header(_ line: [UInt8], _ n: Int) {
        let parts = String(decoding: line, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0] == "kaohe" else {
            problem(n, 1, .notAWorkbook(WorkbookFile.version))
            return
        }
        guard let v = Int(parts[1]), v >= 1 else {
            problem(n, 7, .notAVersion(String(parts[1]), WorkbookFile.version))
            return
        }
        guard v <= WorkbookFile.version else {
            problem(n, 7, .newerVersion(v, WorkbookFile.version))
            return
        }
        sawHeader = true
        version = v
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// A name after the keyword: letters (Chinese too), digits and `_`.
    private mutating func name(_ line: [UInt8], _ i: inout Int, _ n: Int, what: String) -> String? {
        while i < line.count, Self.isSpace(line[i]) { i += 1 }
        let start = i
        while i < line.count, !Self.isSpace(line[i]), line[i] != UInt8(ascii: "\""), line[i] != UInt8(ascii: "=") { i += 1 }
        let text = String(decoding: line[start..<i], as: UTF8.self)
        guard let first = text.first else {
            problem(n, Self.column(line, start), .expectedAfterKeyword(what))
            return nil
        }
        if let bad = text.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) ?? (first.isLetter || first == "_" ? nil : text.startIndex) {
            let offset = start + text[..<bad].utf8.count
            problem(n, Self.column(line, offset), .badName(what, found: String(text[bad])))
            return nil
        }
        return text
    }

    /// A formula's syntax, checked with the rest of the file so that every
    /// problem is reported at once (names are checked when the workbook is built).
    private mutating func checkSyntax(_ f: Located<String>) {
        do { _ = try Formula(f.value) } catch { problem(f.line, f.column + error.column - 1, error.phrase) }
    }

    private mutating func scanProblem(_ line: [UInt8], _ n: Int, _ error: ValueCodec.ScanError) {
        problem(n, Self.column(line, error.offset), error.phrase)
    }

    private mutating func param(_ line: [UInt8], _ n: Int, from: Int) {
        var i = from
        guard let key = name(line, &i, n, what: "a parameter name") else { return }
        while i < line.count, Self.isSpace(line[i]) { i += 1 }
        guard i < line.count, line[i] == UInt8(ascii: "=") else {
            problem(n, Self.column(line, i), .paramNeedsEquals(key))
            return
        }
        var scanner = ValueCodec.Scanner(line, from: i + 1)
        do {
            let v = try scanner.value()
            scanner.skipSpaces()
            guard scanner.atEnd else { problem(n, Self.column(line, scanner.i), .oneValuePerParam); return }
            if params.contains(where: { $0.name == key }) {
                problem(n, from + 2, .paramTwice(key))
                return
            }
            params.append((key, v, n))
        } catch {
            scanProblem(line, n, error)
        }
    }

    private mutating func sheet(_ line: [UInt8], _ n: Int, from: Int) {
        var i = from
        guard let key = name(line, &i, n, what: "a sheet name") else { return }
        while i < line.count, Self.isSpace(line[i]) { i += 1 }
        guard i == line.count else { problem(n, Self.column(line, i), .textAfterSheetName); return }
        if sheets.contains(where: { $0.name == key }) {
            problem(n, from + 2, .sheetTwice(key))
            return
        }
        sheets.append(PendingSheet(name: key))
    }

    private mutating func column(_ line: [UInt8], _ n: Int, from: Int) {
        guard !sheets.isEmpty else { problem(n, 1, .columnNeedsSheet); return }
        var i = from
        guard let key = name(line, &i, n, what: "a column key") else { return }
        guard sheets[sheets.count - 1].rowCount == 0 else {
            problem(n, 1, .columnAfterRows(key, sheet: sheets[sheets.count - 1].name))
            return
        }
        if sheets[sheets.count - 1].columns.contains(where: { $0.key == key }) {
            problem(n, from + 2, .columnTwice(key, sheet: sheets[sheets.count - 1].name))
            return
        }
        while i < line.count, Self.isSpace(line[i]) { i += 1 }
        var label = ""
        if i < line.count, line[i] == UInt8(ascii: "\"") {
            var scanner = ValueCodec.Scanner(line, from: i)
            do { label = try scanner.quoted() } catch { scanProblem(line, n, error); return }
            i = scanner.i
            while i < line.count, Self.isSpace(line[i]) { i += 1 }
        }
        var formula: Located<String>?
        var rule: Located<ColumnRule>?
        if i < line.count {
            let rest = String(decoding: line[i...], as: UTF8.self)
            if line[i] == UInt8(ascii: "=") {
                formula = Located(value: rest, line: n, column: Self.column(line, i))
                checkSyntax(formula!)
            } else if rest.first!.isLetter {
                do { rule = Located(value: try ColumnRule(parsing: rest), line: n, column: Self.column(line, i)) } catch {
                    problem(n, Self.column(line, i), error.phrase)
                    return
                }
            } else {
                problem(n, Self.column(line, i), .badColumnRest(String(rest.prefix(1))))
                return
            }
        }
        sheets[sheets.count - 1].columns.append(PendingColumn(key: key, label: label, formula: formula, rule: rule))
        if formula == nil { sheets[sheets.count - 1].inputCount += 1 }
    }

    /// A row's values go straight to their columns; a row refused takes
    /// back what it put there.
    private mutating func row(_ line: [UInt8], _ n: Int, from: Int) {
        guard !sheets.isEmpty else { problem(n, 1, .rowNeedsSheet); return }
        let last = sheets.count - 1
        let count = sheets[last].inputCount
        if sheets[last].values.count < count {
            let ahead = last < rowsAhead.count ? rowsAhead[last] : 0
            sheets[last].values = (0..<count).map { _ in ColumnData(reservingCapacity: ahead) }
            strings = Array(repeating: Interner(), count: count)
        }
        var scanner = ValueCodec.Scanner(line, from: from)
        var width = 0
        func put(_ v: Value) {
            if width < count { sheets[last].values[width].append(v) }
            width += 1
        }
        func takeBack() {
            for j in 0..<min(width, count) { sheets[last].values[j].removeLast() }
        }
        scanner.skipSpaces()
        do {
            while !scanner.atEnd {
                if width < count {
                    put(try scanner.value(interning: &strings[width]))
                } else {
                    put(try scanner.value())
                }
            }
            if line.last == UInt8(ascii: ",") { put(.empty) }
        } catch {
            takeBack()
            scanProblem(line, n, error)
            return
        }
        if width > count {
            takeBack()
            problem(n, 1, .rowWidth(width, sheet: sheets[last].name, inputs: count))
            return
        }
        for j in width..<count { sheets[last].values[j].append(.empty) }
        sheets[last].rowCount += 1
        sheets[last].rowLines.append(n)
    }

    private mutating func cell(_ line: [UInt8], _ n: Int, from: Int) {
        guard let sheet = sheets.last, sheet.rowCount > 0 else {
            problem(n, 1, .cellNeedsRow)
            return
        }
        var i = from
        while i < line.count, Self.isSpace(line[i]) { i += 1 }
        let keyColumn = Self.column(line, i)
        guard let key = name(line, &i, n, what: "a column key") else { return }
        guard sheet.columns.contains(where: { $0.key == key }) else {
            problem(n, keyColumn, .noColumnInSheet(key, sheet: sheet.name, hint: Phrase.didYouMean(nearest(key, in: sheet.columns.map(\.key)))))
            return
        }
        while i < line.count, Self.isSpace(line[i]) { i += 1 }
        let at = Located(value: key, line: n, column: keyColumn)
        if i < line.count, line[i] == UInt8(ascii: "=") {
            let f = Located(value: String(decoding: line[i...], as: UTF8.self), line: n, column: Self.column(line, i))
            checkSyntax(f)
            sheets[sheets.count - 1].cells.append(PendingCell(row: sheet.rowCount - 1, column: at, value: nil, formula: f))
            return
        }
        var scanner = ValueCodec.Scanner(line, from: i)
        do {
            // `cell KEY` alone: the cell is overridden to empty.
            let v = scanner.atEnd ? Value.empty : try scanner.value()
            scanner.skipSpaces()
            guard scanner.atEnd else { problem(n, Self.column(line, scanner.i), .oneValuePerCell); return }
            sheets[sheets.count - 1].cells.append(PendingCell(row: sheet.rowCount - 1, column: at, value: v, formula: nil))
        } catch {
            scanProblem(line, n, error)
        }
    }

    /// Builds the workbook; formulas that do not parse are reported at their
    /// place in the file. The parsed rows are used up.
    mutating func build() throws(FileError) -> Workbook {
        let wb = Workbook()
        var problems: [FileProblem] = []
        func formulaProblem(_ f: Located<String>, _ error: WorkbookError) {
            if case .formula(let e, _) = error {
                problems.append(FileProblem(file: file, line: f.line, column: f.column + e.column - 1, e.phrase))
            } else {
                problems.append(FileProblem(file: file, line: f.line, column: f.column, error.phrase))
            }
        }
        do {
            // One structure build for the whole file, not one per column
            // and formula; the parsed rows are let go once in the sheet.
            try wb.deferringStructure { () throws(WorkbookError) in
                for p in params { try wb.setParam(p.name, p.value) }
                for i in sheets.indices {
                    let name = sheets[i].name, columns = sheets[i].columns
                    try wb.addSheet(name)
                    for c in columns { try wb.addColumn(c.key, label: c.label, to: name) }
                    try wb.appendRows(to: name, columns: columns.filter { $0.formula == nil }.map(\.key), data: sheets[i].takeValues())
                }
                for sheet in sheets {
                    for c in sheet.columns {
                        guard let rule = c.rule else { continue }
                        do throws(WorkbookError) { try wb.setRule(rule.value, column: c.key, sheet: sheet.name) } catch {
                            problems.append(FileProblem(file: file, line: rule.line, column: rule.column, "\(error) (in the rule \(rule.value))"))
                        }
                    }
                    for c in sheet.columns {
                        guard let f = c.formula else { continue }
                        do throws(WorkbookError) { try wb.setFormula(f.value, column: c.key, sheet: sheet.name, checked: false) } catch { formulaProblem(f, error) }
                    }
                    let rows = try wb.rows(of: sheet.name)
                    for cell in sheet.cells {
                        if let f = cell.formula {
                            do throws(WorkbookError) {
                                try wb.setFormula(f.value, row: rows[cell.row], column: cell.column.value, sheet: sheet.name, checked: false)
                            } catch { formulaProblem(f, error) }
                        } else if let v = cell.value {
                            try wb.set(v, row: rows[cell.row], column: cell.column.value, sheet: sheet.name)
                        }
                    }
                }
            }
        } catch {
            problems.append(FileProblem(file: file, line: 0, error.description))
        }
        guard problems.isEmpty else { throw FileError(problems) }
        wb.clearUndo()
        return wb
    }
}
