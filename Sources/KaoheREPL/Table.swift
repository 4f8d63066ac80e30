import KaoheCore
import KaoheFile

/// A table for the terminal: columns aligned by display width (a Chinese
/// character takes two columns), numbers right-aligned, errors and flags
/// coloured when asked.
///
/// A table wider than the screen never wraps: the columns that say whose row
/// it is (`fixed`: id and name) stay on the left and the rest follow in
/// column sets, one under the other, each with the fixed columns again, as
/// `less -S` scrolls beside a frozen key column; when even one column does
/// not fit beside them, each row is shown as a record (`label  value` lines),
/// as psql's `\x` does.
struct Table {
    enum Style { case plain, error, flag, good }

    /// psql's `\x`: `auto` pages wide tables sideways and turns to records
    /// only when a column set cannot fit; `on` always shows records; `off`
    /// never does (a column too wide for the screen is cut).
    enum Expanded: String, Sendable, CaseIterable { case auto, on, off }

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
    /// How many leading columns identify a row (kept in every column set).
    var fixed = 1

    init(headers: [String], sheet: String? = nil) {
        self.headers = headers
        self.sheet = sheet
    }

    mutating func add(_ cells: [Cell]) { rows.append(cells) }

    /// A table from columns of cells (each the same length).
    init(headers: [String], columns: [[Cell]]) {
        self.headers = headers
        let n = columns.first?.count ?? 0
        rows = (0..<n).map { i in columns.map { $0[i] } }
    }

    /// The table as lines of text: all columns side by side when they fit in
    /// `width` display columns (or no width is given: a file or a pipe),
    /// else column sets or records as `expanded` says.
    ///
    /// - Complexity: O(rows × columns), whatever the layout.
    func render(color: Bool, width: Int? = nil, expanded: Expanded = .auto, language: Language = .en) -> String {
        let cells = rows.map { row in headers.indices.map { i in
            let c = i < row.count ? row[i] : Cell(text: "")
            return Cell(text: Self.clip(c.text, maxWidth), rightAligned: c.rightAligned, style: c.style)
        } }
        var widths = headers.map(\.displayWidth)
        for row in cells {
            for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.text.displayWidth) }
        }
        let all = Array(headers.indices)
        if expanded == .on { return records(cells, width: width, language: language, color: color) }
        guard let width, Self.span(all, widths) > width else { return lines(cells, columns: all, widths: widths, color: color, footer: true) }
        let keys = Array(all.prefix(max(0, min(fixed, all.count - 1))))
        let room = width - Self.span(keys, widths) - (keys.isEmpty ? 0 : 2)
        let rest = all.dropFirst(keys.count)
        if expanded == .auto, rest.contains(where: { widths[$0] > room }) || room < 1 {
            return records(cells, width: width, language: language, color: color)
        }
        // Off: a column too wide for the room left is cut to fit.
        var cut = cells
        for i in rest where widths[i] > room {
            widths[i] = max(1, room)
            for r in cut.indices { cut[r][i].text = Self.clip(cut[r][i].text, widths[i]) }
        }
        var sets: [[Int]] = []
        for i in rest {
            if let last = sets.last, Self.span(keys + last + [i], widths) <= width {
                sets[sets.count - 1].append(i)
            } else {
                sets.append([i])
            }
        }
        var out: [String] = []
        for (n, set) in sets.enumerated() {
            if n > 0 { out.append("") }
            let first = n == 0 ? 1 : set[0] + 1
            // The heading names the repeated columns when there is room for it.
            let names = keys.map { headers[$0] }
            let full = Phrase.tableColumns(first, set.last! + 1, of: all.count, fixed: names, repeated: n > 0).text(language)
            out.append(full.displayWidth <= width ? full : Phrase.tableColumns(first, set.last! + 1, of: all.count, fixed: names, repeated: false).text(language))
            out.append(lines(cut, columns: keys + set, widths: widths, color: color, footer: false))
        }
        return (out + footer).joined(separator: "\n")
    }

    /// Display columns that `columns` take side by side, two blanks apart.
    static func span(_ columns: [Int], _ widths: [Int]) -> Int {
        columns.reduce(0) { $0 + widths[$1] } + 2 * max(0, columns.count - 1)
    }

    /// The header, the rule under it and the rows, in `columns` only.
    private func lines(_ cells: [[Cell]], columns: [Int], widths: [Int], color: Bool, footer: Bool) -> String {
        let right = headers.indices.map { i in cells.contains { $0[i].rightAligned } }
        var lines = [columns.map { Self.pad(headers[$0], widths[$0], right: right[$0]) }.joined(separator: "  ").trailingTrimmed]
        lines.append(columns.map { String(repeating: "─", count: widths[$0]) }.joined(separator: "  "))
        for row in cells {
            lines.append(columns.map { i in
                let padded = Self.pad(row[i].text, widths[i], right: row[i].rightAligned)
                return color ? Self.paint(padded, row[i].style) : padded
            }.joined(separator: "  ").trailingTrimmed)
        }
        if footer { lines.append(contentsOf: self.footer) }
        return lines.joined(separator: "\n")
    }

    /// Each row as a record: a rule with its number, then one `header  value`
    /// line per column, values cut to the width.
    private func records(_ cells: [[Cell]], width: Int?, language: Language, color: Bool) -> String {
        let labelWidth = headers.map(\.displayWidth).max() ?? 0
        let room = width.map { max(8, $0 - labelWidth - 2) }
        let valueWidth = cells.flatMap { $0.map(\.text.displayWidth) }.max() ?? 0
        let ruleWidth = min(labelWidth + 2 + min(valueWidth, room ?? valueWidth), width ?? .max)
        var out: [String] = []
        for (n, row) in cells.enumerated() {
            let title = "─[ " + Phrase.tableRecord(n + 1).text(language) + " ]"
            out.append(title + String(repeating: "─", count: max(0, ruleWidth - title.displayWidth)))
            for (i, c) in row.enumerated() {
                let text = room.map { Self.clip(c.text, $0) } ?? c.text
                out.append((Self.pad(headers[i], labelWidth, right: false) + "  " + (color ? Self.paint(text, c.style) : text)).trailingTrimmed)
            }
        }
        return (out + footer).joined(separator: "\n")
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

    /// The terminal's size now (see `measureScreen`).
    var screen: (width: Int, height: Int) { measureScreen() }

    /// Prints a table, through the pager when it is taller than the screen.
    /// At a terminal it fits the screen's width as measured now; into a file
    /// or a pipe it keeps every column side by side.
    func present(_ table: Table) {
        var table = table
        if lang == .zh { table.headers = table.headers.map { heading($0, sheet: table.sheet ?? Self.cadres) } }
        let screen = self.screen
        let text = table.render(color: color, width: interactive ? screen.width : nil, expanded: expanded, language: lang)
        if interactive, let pager, text.split(separator: "\n").count > screen.height - 2, pager(text.terminalSafe) { return }
        say(text)
    }
}
