import KaoheCore
import KaoheFile

/// A table for the terminal: columns aligned by display width (a Chinese
/// character takes two columns), numbers right-aligned, errors and flags
/// coloured when asked.
struct Table {
    enum Style { case plain, error, flag, good }

    struct Cell {
        var text: String
        var rightAligned = false
        var style = Style.plain
    }

    var headers: [String]
    /// The sheet whose columns the headers name, for their labels in Chinese
    /// (nil: the cadres sheet's, then the catalogue's words).
    var sheet: String?
    var rows: [[Cell]] = []
    /// Lines under the table: counts, totals.
    var footer: [String] = []
    /// Longest cell text in display columns; longer text ends in `…`.
    var maxWidth = 40

    init(headers: [String]) { self.headers = headers }

    mutating func add(_ cells: [Cell]) { rows.append(cells) }

    /// A table from columns of cells (each the same length).
    init(headers: [String], columns: [[Cell]]) {
        self.headers = headers
        let n = columns.first?.count ?? 0
        rows = (0..<n).map { i in columns.map { $0[i] } }
    }

    func render(color: Bool) -> String {
        let cells = rows.map { $0.map { Cell(text: Self.clip($0.text, maxWidth), rightAligned: $0.rightAligned, style: $0.style) } }
        var widths = headers.map(\.displayWidth)
        for row in cells {
            for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.text.displayWidth) }
        }
        var lines: [String] = []
        let rightColumns = headers.indices.map { i in cells.contains { i < $0.count && $0[i].rightAligned } }
        lines.append(zip(headers, widths).enumerated().map { i, hw in
            Self.pad(hw.0, hw.1, right: rightColumns[i])
        }.joined(separator: "  ").trailingTrimmed)
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for row in cells {
            var parts: [String] = []
            for (i, w) in widths.enumerated() {
                let c = i < row.count ? row[i] : Cell(text: "")
                let padded = Self.pad(c.text, w, right: c.rightAligned)
                parts.append(color ? Self.paint(padded, c.style) : padded)
            }
            lines.append(parts.joined(separator: "  ").trailingTrimmed)
        }
        lines.append(contentsOf: footer)
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.displayWidth))
        return right ? fill + s : s + fill
    }

    /// Text cut to `width` display columns, ending in `…` when cut; line
    /// breaks show as `↵` so a row stays one line.
    static func clip(_ s: String, _ width: Int) -> String {
        let flat = s.contains(where: \.isNewline) ? String(s.map { $0.isNewline ? "↵" : $0 }) : s
        guard flat.displayWidth > width else { return flat }
        var out = ""
        var w = 0
        for ch in flat {
            if w + ch.displayWidth > width - 1 { break }
            out.append(ch)
            w += ch.displayWidth
        }
        return out + "…"
    }

    static func paint(_ s: String, _ style: Style) -> String {
        switch style {
        case .plain: s
        case .error: "\u{1B}[31m" + s + "\u{1B}[0m"
        case .flag: "\u{1B}[33m" + s + "\u{1B}[0m"
        case .good: "\u{1B}[32m" + s + "\u{1B}[0m"
        }
    }
}

extension String {
    /// The text with its control characters (ESC and the rest of C0, DEL,
    /// C1) written out as `\x1B` and the like, but for line breaks and the
    /// colours kaohe paints itself (`ESC [ digits m`): a name imported from a
    /// file is shown on the screen, never obeyed by the terminal (moving the
    /// cursor, clearing the screen, retitling the window).
    var terminalSafe: String {
        func control(_ u: Unicode.Scalar) -> Bool { u != "\n" && (u.value < 0x20 || (0x7F...0x9F).contains(u.value)) }
        guard unicodeScalars.contains(where: control) else { return self }
        let scalars = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if u == "\u{1B}", let colour = Self.colourEnd(scalars, from: i) {
                out.append(contentsOf: scalars[i..<colour])
                i = colour
                continue
            }
            if control(u) {
                let hex = String(u.value, radix: 16, uppercase: true)
                out.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" : "") + hex).unicodeScalars)
            } else {
                out.append(u)
            }
            i += 1
        }
        return String(out)
    }

    /// The end of an SGR colour sequence `ESC [ digits m` starting at `i`.
    private static func colourEnd(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        guard i + 2 < s.count, s[i + 1] == "[" else { return nil }
        var j = i + 2
        while j < s.count, ("0"..."9").contains(s[j]) { j += 1 }
        return j < s.count && j > i + 2 && s[j] == "m" ? j + 1 : nil
    }

    var trailingTrimmed: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension Session {
    /// A column of values as cells, numbers as the column shows them
    /// (`NumberFormat`: money to the fen, counts bare, scores to `decimals`).
    /// In Chinese, values read as the office says them (`shown`).
    func cells(_ values: [Value], sheet: String = "", column: String = "", in language: Language? = nil) -> [Table.Cell] {
        let places = NumberFormat.places(sheet: sheet, column: column, decimals: decimals)
        guard (language ?? lang) == .zh else { return values.map { cell($0, places: places) } }
        return values.map { v in
            var c = cell(v, places: places)
            if case .text(let t) = ValueWords.chinese(v, sheet: sheet, column: column) { c.text = t }
            return c
        }
    }

    /// A value as a table cell: errors and warning words flagged.
    func cell(_ v: Value, places: Int? = nil) -> Table.Cell {
        switch v {
        case .number(let x): return Table.Cell(text: NumberFormat.text(x, places: places), rightAligned: true)
        case .error: return Table.Cell(text: v.displayText, style: .error)
        case .bool(let b): return Table.Cell(text: v.displayText, style: b ? .flag : .plain)
        case .text(let t): return Table.Cell(text: t, style: Self.flagWords.contains(t) ? .flag : .plain)
        case .empty: return Table.Cell(text: "")
        }
    }

    static let flagWords: Set<String> = ["admonish", "unqualified", "admonish-6m", "pending", "superseded"]

    /// Prints a table, through the pager when it is taller than the screen.
    func present(_ table: Table) {
        var table = table
        if lang == .zh { table.headers = table.headers.map { heading($0, sheet: table.sheet ?? Self.cadres) } }
        let text = table.render(color: color)
        if interactive, let pager, text.split(separator: "\n").count > screen.height - 2, pager(text.terminalSafe) { return }
        say(text)
    }
}
