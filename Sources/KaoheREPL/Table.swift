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

    /// A cell as laid out: its text cut to the table's `maxWidth`, with the
    /// display columns it takes, measured once.
    private struct Laid {
        var text: String
        var width: Int
        var rightAligned: Bool
        var style: Style
    }

    /// The laid-out cells row by row in one array (no array per row).
    private struct Grid {
        var cells: [Laid]
        let columns: Int
        let rowCount: Int
        subscript(row: Int, column: Int) -> Laid {
            get { cells[row * columns + column] }
            set { cells[row * columns + column] = newValue }
        }
    }

    /// The table as lines of text: all columns side by side when they fit in
    /// `width` display columns (or no width is given: a file or a pipe),
    /// else column sets or records as `expanded` says.
    ///
    /// Every cell is cut and measured once; the lines are written into one
    /// byte buffer, so 100,000 rows cost a pass over their bytes.
    ///
    /// - Complexity: O(rows × columns), whatever the layout.
    func render(color: Bool, width: Int? = nil, expanded: Expanded = .auto, language: Language = .en) -> String {
        var cells = Grid(cells: [], columns: headers.count, rowCount: rows.count)
        cells.cells.reserveCapacity(rows.count * headers.count)
        var widths = headers.map(\.displayWidth)
        for row in rows {
            for i in headers.indices {
                let c = i < row.count ? row[i] : Cell(text: "")
                let (text, w) = Self.clipped(c.text, maxWidth)
                cells.cells.append(Laid(text: text, width: w, rightAligned: c.rightAligned, style: c.style))
                if w > widths[i] { widths[i] = w }
            }
        }
        let all = Array(headers.indices)
        var out = Output()
        if expanded == .on { return records(cells, width: width, language: language, color: color) }
        guard let width, Self.span(all, widths) > width else {
            lines(cells, columns: all, widths: widths, color: color, into: &out)
            for line in footer { out.line(line) }
            return out.text
        }
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
            for r in 0..<cut.rowCount { (cut[r, i].text, cut[r, i].width) = Self.clipped(cut[r, i].text, widths[i]) }
        }
        var sets: [[Int]] = []
        for i in rest {
            if let last = sets.last, Self.span(keys + last + [i], widths) <= width {
                sets[sets.count - 1].append(i)
            } else {
                sets.append([i])
            }
        }
        for (n, set) in sets.enumerated() {
            if n > 0 { out.line("") }
            let first = n == 0 ? 1 : set[0] + 1
            // The heading names the repeated columns when there is room for it.
            let names = keys.map { headers[$0] }
            let full = Phrase.tableColumns(first, set.last! + 1, of: all.count, fixed: names, repeated: n > 0).text(language)
            out.line(full.displayWidth <= width ? full : Phrase.tableColumns(first, set.last! + 1, of: all.count, fixed: names, repeated: false).text(language))
            lines(cut, columns: keys + set, widths: widths, color: color, into: &out)
        }
        for line in footer { out.line(line) }
        return out.text
    }

    /// Display columns that `columns` take side by side, two blanks apart.
    static func span(_ columns: [Int], _ widths: [Int]) -> Int {
        columns.reduce(0) { $0 + widths[$1] } + 2 * max(0, columns.count - 1)
    }

    /// Lines of text as UTF-8 bytes, one buffer for the whole table.
    private struct Output {
        var bytes: [UInt8] = []
        var started = false

        /// Starts a line: the line break before every line but the first.
        mutating func newLine() {
            if started { bytes.append(0x0A) }
            started = true
        }

        mutating func line(_ s: String) {
            newLine()
            append(s)
        }

        mutating func append(_ s: String) {
            var s = s
            s.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func spaces(_ n: Int) {
            var n = n
            while n > 0 {
                let k = min(n, Self.blanks.count)
                bytes.append(contentsOf: Self.blanks[..<k])
                n -= k
            }
        }

        private static let blanks = [UInt8](repeating: 0x20, count: 64)

        /// `text`, `width` columns wide, padded to `to` columns on the side
        /// away from its alignment, painted in its style when `color`.
        mutating func cell(_ text: String, width: Int, to: Int, right: Bool, style: Style, color: Bool) {
            let paint = color && style != .plain
            if paint { append(Table.colour(style)) }
            if right { spaces(to - width) }
            append(text)
            if !right { spaces(to - width) }
            if paint { append(Table.reset) }
        }

        /// Drops the blanks that end the current line.
        mutating func trimLine() {
            while bytes.last == 0x20 { bytes.removeLast() }
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The header, the rule under it and the rows, in `columns` only.
    private func lines(_ cells: Grid, columns: [Int], widths: [Int], color: Bool, into out: inout Output) {
        var right = Array(repeating: false, count: headers.count)
        for i in columns { right[i] = (0..<cells.rowCount).contains { cells[$0, i].rightAligned } }
        out.newLine()
        for (j, i) in columns.enumerated() {
            if j > 0 { out.spaces(2) }
            out.cell(headers[i], width: headers[i].displayWidth, to: widths[i], right: right[i], style: .plain, color: false)
        }
        out.trimLine()
        out.newLine()
        for (j, i) in columns.enumerated() {
            if j > 0 { out.spaces(2) }
            out.append(String(repeating: "─", count: widths[i]))
        }
        for r in 0..<cells.rowCount {
            out.newLine()
            for (j, i) in columns.enumerated() {
                if j > 0 { out.spaces(2) }
                let c = cells[r, i]
                out.cell(c.text, width: c.width, to: widths[i], right: c.rightAligned, style: c.style, color: color)
            }
            out.trimLine()
        }
    }

    /// Each row as a record: a rule with its number, then one `header  value`
    /// line per column, values cut to the width.
    private func records(_ cells: Grid, width: Int?, language: Language, color: Bool) -> String {
        let labelWidth = headers.map(\.displayWidth).max() ?? 0
        let room = width.map { max(8, $0 - labelWidth - 2) }
        let valueWidth = cells.cells.lazy.map(\.width).max() ?? 0
        let ruleWidth = min(labelWidth + 2 + min(valueWidth, room ?? valueWidth), width ?? .max)
        let labels = headers.map { Self.pad($0, labelWidth, right: false) + "  " }
        var out = Output()
        for n in 0..<cells.rowCount {
            let title = "─[ " + Phrase.tableRecord(n + 1).text(language) + " ]"
            out.line(title + String(repeating: "─", count: max(0, ruleWidth - title.displayWidth)))
            for i in headers.indices {
                let c = cells[n, i]
                let text = room.map { Self.clipped(c.text, $0).text } ?? c.text
                out.line(labels[i])
                out.cell(text, width: 0, to: 0, right: false, style: c.style, color: color)
                out.trimLine()
            }
        }
        for line in footer { out.line(line) }
        return out.text
    }

    static func pad(_ s: String, _ width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.displayWidth))
        return right ? fill + s : s + fill
    }

    /// Text cut to `width` display columns, ending in `…` when cut; line
    /// breaks show as `↵` so a row stays one line.
    static func clip(_ s: String, _ width: Int) -> String { clipped(s, width).text }

    /// `clip`, with the display columns of what it returns.
    static func clipped(_ s: String, _ width: Int) -> (text: String, width: Int) {
        // ASCII and Chinese: a character a scalar, no line breaks.
        if let full = s.plainWidth {
            if full <= width { return (s, full) }
            var w = 0
            var end = s.unicodeScalars.startIndex
            for u in s.unicodeScalars {
                let cw = u.isASCII ? 1 : 2
                if w + cw > width - 1 { break }
                w += cw
                end = s.unicodeScalars.index(after: end)
            }
            return (String(s.unicodeScalars[..<end]) + "…", w + 1)
        }
        let flat = s.contains(where: \.isNewline) ? String(s.map { $0.isNewline ? "↵" : $0 }) : s
        let full = flat.displayWidth
        guard full > width else { return (flat, full) }
        var out = ""
        var w = 0
        for ch in flat {
            if w + ch.displayWidth > width - 1 { break }
            out.append(ch)
            w += ch.displayWidth
        }
        return (out + "…", w + 1)
    }

    static let reset = "\u{1B}[0m"

    /// The escape that starts a style's colour ("" for plain text).
    static func colour(_ style: Style) -> String {
        switch style {
        case .plain: ""
        case .error: "\u{1B}[31m"
        case .flag: "\u{1B}[33m"
        case .good: "\u{1B}[32m"
        }
    }

    static func paint(_ s: String, _ style: Style) -> String {
        style == .plain ? s : colour(style) + s + reset
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
        // A byte scan first: every control is below 0x20, 0x7F or (C1) led by 0xC2.
        func suspect(_ b: UInt8) -> Bool { b < 0x20 && b != 0x0A || b == 0x7F || b == 0xC2 }
        guard utf8.withContiguousStorageIfAvailable({ $0.contains(where: suspect) }) ?? utf8.contains(where: suspect),
              unicodeScalars.contains(where: control) else { return self }
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
        let words = ValueWords.chineseWords(sheet: sheet, column: column)
        return values.map { v in
            var c = cell(v, places: places)
            if case .text(let t) = ValueWords.chinese(v, words: words) { c.text = t }
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
