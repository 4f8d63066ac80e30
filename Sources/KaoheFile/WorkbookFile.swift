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
    public static let version = 1

    // MARK: Writing

    public static func write(_ wb: Workbook) -> String {
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
                out += "\n"
            }
            var next = 0
            for (i, row) in sheet.rows.enumerated() {
                var fields = row.map(ValueCodec.encode)
                while fields.last == "" { fields.removeLast() }
                out += fields.isEmpty ? "row\n" : "row " + fields.joined(separator: ", ") + "\n"
                while next < sheet.overrides.count, sheet.overrides[next].row == i {
                    let o = sheet.overrides[next]
                    switch o.override {
                    case .value(.empty): out += "  cell \(o.column)\n"
                    case .value(let v): out += "  cell \(o.column) \(ValueCodec.encode(v))\n"
                    case .formula(let f): out += "  cell \(o.column) \(f)\n"
                    }
                    next += 1
                }
            }
        }
        return out
    }

    // MARK: Reading

    /// Reads a workbook. Every problem is reported, each as
    /// `FILE:LINE:COL: what is wrong`; nothing is built unless there are none.
    public static func read(_ text: String, file: String) throws(FileError) -> Workbook {
        var parser = FileParser(file: file)
        parser.parse(text)
        guard parser.problems.isEmpty else { throw FileError(parser.problems) }
        return try parser.build()
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
        var rows: [[Value]] = []
        var cells: [PendingCell] = []
        var inputCount: Int { columns.filter { $0.formula == nil }.count }
    }

    let file: String
    var problems: [FileProblem] = []
    var params: [(String, Value)] = []
    var sheets: [PendingSheet] = []
    private var sawHeader = false

    init(file: String) { self.file = file }

    mutating func problem(_ line: Int, _ column: Int, _ message: String) {
        if problems.count < 50 { problems.append(FileProblem(file: file, line: line, column: column, message)) }
    }

    mutating func parse(_ text: String) {
        var lineNumber = 0
        // "\r\n" is one Character in Swift: split on both line ends.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = raw.last == "\r" ? raw.dropLast() : raw
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            if !sawHeader {
                guard header(line, lineNumber) else { return }
                continue
            }
            let indent = line.count - trimmed.count
            let word = trimmed.prefix { $0 != " " && $0 != "\t" }
            let restStart = indent + word.count
            switch word {
            case "param" where indent == 0: param(line, lineNumber, from: restStart)
            case "sheet" where indent == 0: sheet(line, lineNumber, from: restStart)
            case "column" where indent == 0: column(line, lineNumber, from: restStart)
            case "row" where indent == 0: row(line, lineNumber, from: restStart)
            case "cell" where indent > 0: cell(line, lineNumber, from: restStart)
            case "cell": problem(lineNumber, 1, "a cell line belongs to the row above it: indent it with two spaces")
            case "param", "sheet", "column", "row": problem(lineNumber, 1, "'\(word)' starts at the beginning of its line (no indent)")
            default:
                let known = ["param", "sheet", "column", "row", "cell"]
                let hint = nearest(String(word), in: known).map { " (did you mean \($0)?)" } ?? ""
                problem(lineNumber, indent + 1, "unknown line '\(word)'\(hint): expected param, sheet, column, row or cell")
            }
        }
        if !sawHeader { problem(1, 0, "empty file: a workbook starts with the line 'kaohe \(WorkbookFile.version)'") }
    }

    /// `kaohe N`: refuses other files and newer versions.
    private mutating func header(_ line: Substring, _ n: Int) -> Bool {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0] == "kaohe" else {
            problem(n, 1, "not a kaohe workbook: the first line should be 'kaohe \(WorkbookFile.version)'")
            return false
        }
        guard let v = Int(parts[1]), v >= 1 else {
            problem(n, 7, "'\(parts[1])' is not a format version: the first line should be 'kaohe \(WorkbookFile.version)'")
            return false
        }
        guard v <= WorkbookFile.version else {
            problem(n, 7, "this workbook is format version \(v); this kaohe reads versions up to \(WorkbookFile.version): upgrade kaohe to open it")
            return false
        }
        sawHeader = true
        return true
    }

    /// A name after the keyword: letters, digits and `_`; its end column.
    private mutating func name(_ chars: [Character], _ i: inout Int, _ n: Int, what: String) -> String? {
        while i < chars.count, chars[i] == " " { i += 1 }
        let start = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
        guard i > start, chars[start].isLetter || chars[start] == "_" else {
            if start < chars.count {
                problem(n, start + 1, "expected \(what) (letters, digits and '_', starting with a letter), found '\(chars[start])'")
            } else {
                problem(n, start + 1, "expected \(what) after the keyword")
            }
            return nil
        }
        return String(chars[start..<i])
    }

    private mutating func param(_ line: Substring, _ n: Int, from: Int) {
        let chars = Array(line)
        var i = from
        guard let key = name(chars, &i, n, what: "a parameter name") else { return }
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i < chars.count, chars[i] == "=" else {
            problem(n, i + 1, "expected '=' after the parameter name: param \(key) = VALUE")
            return
        }
        var scanner = ValueCodec.Scanner(line, from: i + 1)
        do {
            let v = try scanner.value()
            scanner.skipSpaces()
            guard scanner.atEnd else { problem(n, scanner.column, "one value per parameter: remove what follows"); return }
            if params.contains(where: { $0.0 == key }) {
                problem(n, from + 2, "parameter '\(key)' is set twice")
                return
            }
            params.append((key, v))
        } catch {
            problem(n, error.column, error.message)
        }
    }

    private mutating func sheet(_ line: Substring, _ n: Int, from: Int) {
        let chars = Array(line)
        var i = from
        guard let key = name(chars, &i, n, what: "a sheet name") else { return }
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i == chars.count else { problem(n, i + 1, "unexpected text after the sheet name"); return }
        if sheets.contains(where: { $0.name == key }) {
            problem(n, from + 2, "sheet '\(key)' appears twice")
            return
        }
        sheets.append(PendingSheet(name: key))
    }

    private mutating func column(_ line: Substring, _ n: Int, from: Int) {
        guard !sheets.isEmpty else { problem(n, 1, "a column needs a sheet: put 'sheet NAME' above it"); return }
        let chars = Array(line)
        var i = from
        guard let key = name(chars, &i, n, what: "a column key") else { return }
        guard sheets[sheets.count - 1].rows.isEmpty else {
            problem(n, 1, "column '\(key)' comes after rows of sheet \(sheets[sheets.count - 1].name): columns come first")
            return
        }
        if sheets[sheets.count - 1].columns.contains(where: { $0.key == key }) {
            problem(n, from + 2, "sheet \(sheets[sheets.count - 1].name) already has a column '\(key)'")
            return
        }
        while i < chars.count, chars[i] == " " { i += 1 }
        var label = ""
        if i < chars.count, chars[i] == "\"" {
            var scanner = ValueCodec.Scanner(line, from: i)
            do { label = try scanner.quoted() } catch { problem(n, error.column, error.message); return }
            i = scanner.i
            while i < chars.count, chars[i] == " " { i += 1 }
        }
        var formula: Located<String>?
        if i < chars.count {
            guard chars[i] == "=" else {
                problem(n, i + 1, "expected a \"label\" or a =formula after the column key, found '\(chars[i])'")
                return
            }
            formula = Located(value: String(chars[i...]), line: n, column: i + 1)
        }
        sheets[sheets.count - 1].columns.append(PendingColumn(key: key, label: label, formula: formula))
    }

    private mutating func row(_ line: Substring, _ n: Int, from: Int) {
        guard !sheets.isEmpty else { problem(n, 1, "a row needs a sheet: put 'sheet NAME' above it"); return }
        var scanner = ValueCodec.Scanner(line, from: from)
        var values: [Value] = []
        scanner.skipSpaces()
        do {
            while !scanner.atEnd { values.append(try scanner.value()) }
            if line.last == "," { values.append(.empty) }
        } catch {
            problem(n, error.column, error.message)
            return
        }
        let sheet = sheets[sheets.count - 1]
        if values.count > sheet.inputCount {
            problem(n, 1, "this row has \(values.count) values but sheet \(sheet.name) has \(sheet.inputCount) input columns")
            return
        }
        sheets[sheets.count - 1].rows.append(values)
    }

    private mutating func cell(_ line: Substring, _ n: Int, from: Int) {
        guard let sheet = sheets.last, !sheet.rows.isEmpty else {
            problem(n, 1, "a cell line belongs to a row: put it under the row it changes")
            return
        }
        let chars = Array(line)
        var i = from
        let keyColumn = i + 2
        guard let key = name(chars, &i, n, what: "a column key") else { return }
        guard sheet.columns.contains(where: { $0.key == key }) else {
            let hint = nearest(key, in: sheet.columns.map(\.key)).map { " (did you mean \($0)?)" } ?? ""
            problem(n, keyColumn, "sheet \(sheet.name) has no column '\(key)'\(hint)")
            return
        }
        while i < chars.count, chars[i] == " " { i += 1 }
        let at = Located(value: key, line: n, column: keyColumn)
        if i < chars.count, chars[i] == "=" {
            let f = Located(value: String(chars[i...]), line: n, column: i + 1)
            sheets[sheets.count - 1].cells.append(PendingCell(row: sheet.rows.count - 1, column: at, value: nil, formula: f))
            return
        }
        var scanner = ValueCodec.Scanner(line, from: i)
        do {
            // `cell KEY` alone: the cell is overridden to empty.
            let v = scanner.atEnd ? Value.empty : try scanner.value()
            scanner.skipSpaces()
            guard scanner.atEnd else { problem(n, scanner.column, "one value per cell line: remove what follows"); return }
            sheets[sheets.count - 1].cells.append(PendingCell(row: sheet.rows.count - 1, column: at, value: v, formula: nil))
        } catch {
            problem(n, error.column, error.message)
        }
    }

    /// Builds the workbook; formulas that do not parse are reported at their
    /// place in the file.
    func build() throws(FileError) -> Workbook {
        let wb = Workbook()
        var problems: [FileProblem] = []
        func formulaProblem(_ f: Located<String>, _ error: WorkbookError) {
            if case .formula(let e, _) = error {
                problems.append(FileProblem(file: file, line: f.line, column: f.column + e.column - 1, e.message))
            } else {
                problems.append(FileProblem(file: file, line: f.line, column: f.column, error.description))
            }
        }
        do {
            for (name, value) in params { try wb.setParam(name, value) }
            for sheet in sheets {
                try wb.addSheet(sheet.name)
                for c in sheet.columns { try wb.addColumn(c.key, label: c.label, to: sheet.name) }
                try wb.appendRows(to: sheet.name, columns: sheet.columns.filter { $0.formula == nil }.map(\.key), rows: sheet.rows)
            }
            for sheet in sheets {
                for c in sheet.columns {
                    guard let f = c.formula else { continue }
                    do { try wb.setFormula(f.value, column: c.key, sheet: sheet.name, checked: false) } catch { formulaProblem(f, error) }
                }
                let rows = try wb.rows(of: sheet.name)
                for cell in sheet.cells {
                    if let f = cell.formula {
                        do {
                            try wb.setFormula(f.value, row: rows[cell.row], column: cell.column.value, sheet: sheet.name, checked: false)
                        } catch { formulaProblem(f, error) }
                    } else if let v = cell.value {
                        try wb.set(v, row: rows[cell.row], column: cell.column.value, sheet: sheet.name)
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
