import Foundation
import KaoheCore
import Testing
@testable import KaoheREPL

/// Tables for the terminal: aligned by display width (a Chinese character
/// takes two columns), numbers right-aligned, colour only when asked.
@Suite("tables by display width")
struct TableTests {
    typealias Cell = Table.Cell

    /// Mixed Chinese and Latin names, numbers of different widths, a flag and an error.
    static func mixed() -> Table {
        var t = Table(headers: ["id", "name", "total", "status"])
        t.add([Cell(text: "c01"), Cell(text: "李艳"), Cell(text: "87.50", rightAligned: true), Cell(text: "ok")])
        t.add([Cell(text: "c61"), Cell(text: "Ann Lee"), Cell(text: "9.25", rightAligned: true), Cell(text: "admonish", style: .flag)])
        t.add([Cell(text: "c62"), Cell(text: "欧阳小明"), Cell(text: "100.00", rightAligned: true), Cell(text: "#DIV/0!", style: .error)])
        t.add([Cell(text: "c63"), Cell(text: "Li 明"), Cell(text: "-3.00", rightAligned: true), Cell(text: "")])
        t.footer = ["4 rows"]
        return t
    }

    /// The text of `line` between display columns `start` and `start + width`.
    static func slice(_ line: String, from start: Int, width: Int) -> String {
        var column = 0
        var out = ""
        for ch in line {
            if column >= start && column + ch.displayWidth <= start + width { out.append(ch) }
            column += ch.displayWidth
        }
        return out
    }

    /// The display column where `text` starts in `line`.
    static func column(of text: String, in line: String) -> Int? {
        guard let r = line.range(of: text) else { return nil }
        return line[..<r.lowerBound].displayWidth
    }

    static func stripColour(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    @Test("the whole table, exactly")
    func exactRendering() {
        #expect(Self.mixed().render(color: false) == """
            id   name       total  status
            ───  ────────  ──────  ────────
            c01  李艳       87.50  ok
            c61  Ann Lee     9.25  admonish
            c62  欧阳小明  100.00  #DIV/0!
            c63  Li 明      -3.00
            4 rows
            """)
    }

    @Test("every row's columns start at the same display column; numbers end at the same column")
    func alignedByDisplayWidth() {
        let lines = Self.mixed().render(color: false).split(separator: "\n").map(String.init)
        // Widths: id 3, name 8 (欧阳小明), total 6 (100.00), status 8 (admonish); two blanks between.
        let starts = [0, 5, 15, 23]
        let widths = [3, 8, 6, 8]
        #expect(lines[1] == widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        let rows: [[String]] = [
            ["id", "name", "total", "status"],
            ["c01", "李艳", "87.50", "ok"],
            ["c61", "Ann Lee", "9.25", "admonish"],
            ["c62", "欧阳小明", "100.00", "#DIV/0!"],
            ["c63", "Li 明", "-3.00", ""],
        ]
        for (line, cells) in zip([lines[0]] + lines[2...5], rows) {
            for (i, text) in cells.enumerated() {
                let field = Self.slice(line, from: starts[i], width: widths[i])
                if i == 2 {
                    // Right-aligned: blanks, then the number, ending at the column's edge.
                    #expect(field == String(repeating: " ", count: widths[i] - text.displayWidth) + text, "row \(line)")
                } else {
                    #expect(field.trimmingCharacters(in: .whitespaces) == text, "row \(line)")
                    #expect(text.isEmpty || Self.column(of: text, in: line) == starts[i], "row \(line)")
                }
                // The two blanks between columns.
                if i > 0 && !text.isEmpty { #expect(Self.slice(line, from: starts[i] - 2, width: 2) == "  ", "row \(line)") }
            }
        }
        // The numbers' last digits line up under the header's last letter.
        for line in [lines[0], lines[2], lines[3], lines[4]] {
            #expect(Self.slice(line, from: 20, width: 1) != " ")
            #expect(Self.slice(line, from: 21, width: 2) == "  ")
        }
    }

    @Test("a Chinese character takes two columns, a Latin letter one")
    func displayWidths() {
        #expect("李艳".displayWidth == 4)
        #expect("Ann Lee".displayWidth == 7)
        #expect("欧阳小明".displayWidth == 8)
        #expect("Li 明".displayWidth == 5)
        #expect("１２".displayWidth == 4)
        #expect("#DIV/0!".displayWidth == 7)
    }

    @Test("text measured by its bytes (ASCII and Chinese) is as wide as by its characters; other text by characters")
    func plainWidths() {
        let texts = ["李艳", "c000001", "Li 明", "经济发展办", "e\u{301}mile", "中\u{301}", "a\u{200B}", "\r\n", "👩‍👩‍👧", "ｆｕｌｌ",
                     "\u{4DFF}", "\u{4E00}\u{9FFF}", "〇", "a\tb", "", "\u{3099}", "Zoë"]
        for text in texts {
            #expect(text.displayWidth == text.reduce(0) { $0 + $1.displayWidth }, "\(text.unicodeScalars.map { $0.value })")
            if let w = text.plainWidth { #expect(w == text.displayWidth) }
        }
        #expect("李艳 c01".plainWidth == 8)
        #expect("e\u{301}".plainWidth == nil)
        #expect("中\u{301}".displayWidth == 2)
        #expect("a\tb".plainWidth == nil)
    }

    @Test("no colour codes without colour; flags yellow and errors red with it, the layout the same")
    func colour() {
        let plain = Self.mixed().render(color: false)
        let coloured = Self.mixed().render(color: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[33madmonish\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31m#DIV/0! \u{1B}[0m"))
        // Plain cells, headers and numbers are not painted.
        #expect(coloured.split(separator: "\n").filter { $0.contains("\u{1B}") }.count == 2)
        let unpainted = Self.stripColour(coloured).split(separator: "\n").map { String($0).trimmedRight }
        #expect(unpainted == plain.split(separator: "\n").map(String.init))
    }

    @Test("long text is cut by display width and ends in …; a line break shows as ↵")
    func clipping() {
        var t = Table(headers: ["name", "note"])
        t.maxWidth = 6
        t.add([Cell(text: "欧阳小明"), Cell(text: "a\nb")])
        t.add([Cell(text: "Ann Lee"), Cell(text: "ok")])
        #expect(t.render(color: false) == """
            name    note
            ──────  ────
            欧阳…   a↵b
            Ann L…  ok
            """)
        #expect(Table.clip("李艳", 4) == "李艳")
        #expect(Table.clip("李艳x", 4) == "李…")
        #expect(Table.clip("Ann Lee", 4) == "Ann…")
        #expect(Table.clip("李艳", 3) == "李…")
        #expect(Table.clip("李艳", 0) == "…")
        #expect(Table.clipped("a李b", 3) == ("a…", 2))
        #expect(Table.clipped("e\u{301}mile", 3) == ("e\u{301}m…", 3))
    }

    /// A cadre table of 8 columns, 53 display columns wide.
    static func wide() -> Table {
        var t = Table(headers: ["id", "name", "office", "line", "rules", "total", "rank", "status"])
        t.fixed = 2
        t.add([Cell(text: "c01"), Cell(text: "李艳"), Cell(text: "党政办"), Cell(text: "26.00", rightAligned: true),
               Cell(text: "11.00", rightAligned: true), Cell(text: "87.50", rightAligned: true), Cell(text: "46", rightAligned: true), Cell(text: "ok")])
        t.add([Cell(text: "c03"), Cell(text: "欧阳小明"), Cell(text: "农业农村办"), Cell(text: "25.00", rightAligned: true),
               Cell(text: "9.00", rightAligned: true), Cell(text: "84.00", rightAligned: true), Cell(text: "55", rightAligned: true),
               Cell(text: "admonish", style: .flag)])
        t.footer = ["2 rows"]
        return t
    }

    @Test("a table that fits the width is the same as with no width")
    func fitsUnchanged() {
        let t = Self.wide()
        #expect(t.render(color: false, width: 80) == t.render(color: false))
        // 3 + 8 + 10 + 5 + 5 + 5 + 4 + 8, and two blanks between each: 62.
        #expect(t.render(color: false, width: 62) == t.render(color: false))
        #expect(t.render(color: false, width: 61) != t.render(color: false))
    }

    @Test("wider than the screen: column sets, id and name on the left of each, no line wider than the screen")
    func columnSets() {
        let text = Self.wide().render(color: false, width: 40)
        #expect(text == """
            columns 1–5 of 8
            id   name      office       line  rules
            ───  ────────  ──────────  ─────  ─────
            c01  李艳      党政办      26.00  11.00
            c03  欧阳小明  农业农村办  25.00   9.00

            columns 6–8 of 8, with id, name
            id   name      total  rank  status
            ───  ────────  ─────  ────  ────────
            c01  李艳      87.50    46  ok
            c03  欧阳小明  84.00    55  admonish
            2 rows
            """)
        for line in text.split(separator: "\n") { #expect(line.displayWidth <= 40, "\(line)") }
    }

    @Test("the sets in Chinese; colour kept, the layout the same")
    func columnSetsChineseAndColour() {
        let t = Self.wide()
        let zh = t.render(color: false, width: 40, language: .zh)
        #expect(zh.hasPrefix("第 1–5 列，共 8 列\n"))
        #expect(zh.contains("\n第 6–8 列，共 8 列，左边仍是 id、name\n"))
        let coloured = t.render(color: true, width: 40)
        #expect(coloured.contains("\u{1B}[33madmonish\u{1B}[0m"))
        #expect(Self.stripColour(coloured).split(separator: "\n").map { String($0).trimmedRight }
                == t.render(color: false, width: 40).split(separator: "\n").map(String.init))
    }

    @Test("when one column cannot fit beside id and name, each row is a record; expanded on always, off never")
    func records() {
        var t = Self.wide()
        t.add([Cell(text: "c09"), Cell(text: "王"), Cell(text: "一个很长很长的办公室名称"), Cell(text: ""), Cell(text: ""),
               Cell(text: ""), Cell(text: ""), Cell(text: "")])
        let text = t.render(color: false, width: 30)
        // The rule spans the label, two blanks and the room left for values (30 − 6 − 2).
        #expect(text.hasPrefix("─[ record 1 ]" + String(repeating: "─", count: 17) + """

            id      c01
            name    李艳
            office  党政办
            line    26.00
            """))
        #expect(text.contains("─[ record 3 ]"))
        #expect(text.contains("\noffice  一个很长很长的办公室…\n"))
        #expect(text.hasSuffix("\nstatus\n2 rows"))
        for line in text.split(separator: "\n") { #expect(line.displayWidth <= 30, "\(line)") }
        // on: records however wide the screen, and with no screen (a pipe).
        #expect(Self.wide().render(color: false, expanded: .on).hasPrefix("─[ record 1 ]"))
        #expect(Self.wide().render(color: false, width: 200, expanded: .on).contains("─[ record 2 ]"))
        #expect(Self.wide().render(color: false, width: 200, expanded: .on, language: .zh).hasPrefix("─[ 第 1 条 ]"))
        // off: column sets, the column too wide cut to the room left.
        let off = t.render(color: false, width: 30, expanded: .off)
        #expect(!off.contains("record"))
        for line in off.split(separator: "\n") { #expect(line.displayWidth <= 30, "\(line)") }
        #expect(off.contains("\nc09  王        一个很长很长的…\n"))
        #expect(off.contains("\ncolumn 8 of 8, with id, name\n"))
    }

    @Test("a session's cells: numbers to `decimals` places right-aligned, ranks as they are, errors and flags marked")
    func sessionCells() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = try Session.open(dir.appendingPathComponent("demo-2026.kaohe").path, recovery: .replay, output: { _ in })

        let totals = session.cells([.number(87.5), .number(9.25), .error(.div0), .empty, .number(100)])
        #expect(totals.map(\.text) == ["87.50", "9.25", "#DIV/0!", "", "100.00"])
        #expect(totals.map(\.rightAligned) == [true, true, false, false, true])
        #expect(totals.map(\.style) == [.plain, .plain, .error, .plain, .plain])

        let ranks = session.cells([.number(1), .number(12), .text("")], sheet: "cadres", column: "rank")
        #expect(ranks.map(\.text) == ["1", "12", ""])
        #expect(ranks.map(\.rightAligned) == [true, true, false])

        let flags = session.cells([.bool(true), .bool(false), .text("admonish"), .text("ok")])
        #expect(flags.map(\.style) == [.flag, .plain, .flag, .plain])

        let names: [Cell] = ["李艳", "Ann Lee", "欧阳小明", "Li 明", "张超"].map { Cell(text: $0) }
        let table = Table(headers: ["name", "total"], columns: [names, totals])
        #expect(table.render(color: false) == """
            name        total
            ────────  ───────
            李艳        87.50
            Ann Lee      9.25
            欧阳小明  #DIV/0!
            Li 明
            张超       100.00
            """)
    }
}

/// `Words.split`: blanks, quotes, escapes, comments and formulas.
@Suite("words of a command line")
struct WordsTests {
    static func texts(_ line: String) throws -> [String] { try Words.split(line).map(\.text) }

    @Test("blanks separate words; runs of blanks and tabs count once")
    func blanks() throws {
        #expect(try Self.texts("show  where total<60 \t limit 5  ") == ["show", "where", "total<60", "limit", "5"])
        #expect(try Self.texts("") == [])
        #expect(try Self.texts("   ") == [])
        #expect(try Self.texts("show 李艳") == ["show", "李艳"])
    }

    @Test("quotes hold blanks; a word that starts with a quote is quoted")
    func quotes() throws {
        let words = try Words.split("cadre add c61 \"Ann Lee\" office=党政办")
        #expect(words.map(\.text) == ["cadre", "add", "c61", "Ann Lee", "office=党政办"])
        #expect(words.map(\.quoted) == [false, false, false, true, false])
        #expect(try Self.texts("x\"y z\"w") == ["xy zw"])
        #expect(try Words.split("\"\"").map(\.text) == [""])
        #expect(try Words.split("\"\"").map(\.quoted) == [true])
    }

    @Test("an option's value may be quoted and is still an option; a quoted word is not")
    func options() throws {
        let words = try Words.split("deduct c05 4.4b points=1.5 note=\"材料 迟交\" \"by=x\"")
        #expect(words.map(\.text) == ["deduct", "c05", "4.4b", "points=1.5", "note=材料 迟交", "by=x"])
        #expect(words.map { $0.optionKey.map(String.init) } == [nil, nil, nil, "points", "note", nil])
        #expect(words[4].optionValue == "材料 迟交")
        #expect(try Words.split("=SUM(x)")[0].optionKey == nil)
    }

    @Test("\\\" and \\\\ escape inside quotes; elsewhere a backslash is itself")
    func escapes() throws {
        #expect(try Self.texts(#"note="say \"hi\" \\ ok""#) == [#"note=say "hi" \ ok"#])
        #expect(try Self.texts(#""a\b""#) == [#"a\b"#])
        #expect(try Self.texts(#"a\b"#) == [#"a\b"#])
    }

    @Test("# at the start of a word starts a comment; inside a word or quotes it is text")
    func comments() throws {
        #expect(try Self.texts("show # the whole sheet") == ["show"])
        #expect(try Self.texts("# only a comment") == [])
        #expect(try Self.texts("show#x") == ["show#x"])
        #expect(try Self.texts("note \"#1\" # why") == ["note", "#1"])
    }

    @Test("after a =FORMULA word the rest is formula: #N/A is kept")
    func formulaKeepsHash() throws {
        #expect(try Self.texts("set c01 democratic =IFERROR(1/0, #N/A)") == ["set", "c01", "democratic", "=IFERROR(1/0,", "#N/A)"])
        #expect(try Self.texts("column add x =IF(a, #N/A, 1) # not a comment") ==
                ["column", "add", "x", "=IF(a,", "#N/A,", "1)", "#", "not", "a", "comment"])
        // A quoted "=x" is a value, not a formula: # after it is a comment again.
        #expect(try Self.texts("set c01 note \"=x\" # comment") == ["set", "c01", "note", "=x"])
    }

    @Test("each word knows where it stands in the line, quotes included")
    func ranges() throws {
        let line = "show \"李 艳\" x"
        let words = try Words.split(line)
        #expect(words.map { String(line[$0.range]) } == ["show", "\"李 艳\"", "x"])
    }

    @Test("an unterminated quote is an error at its column, counted in characters")
    func unterminated() {
        #expect(throws: CommandError(.unterminatedQuote(column: 15))) {
            try Words.split("cadre add c61 \"Ann Lee")
        }
        #expect(throws: CommandError(.unterminatedQuote(column: 9))) {
            try Words.split("show 李艳 \"x")
        }
    }

    @Test("quote gives a word split reads back as itself")
    func quoteRoundTrip() throws {
        #expect(Words.quote("李艳") == "李艳")
        #expect(Words.quote("Ann Lee") == "\"Ann Lee\"")
        #expect(Words.quote("") == "\"\"")
        for s in ["Ann Lee", "a\"b\\c", "", "#x", "李 艳", "tab\there"] {
            #expect(try Words.split(Words.quote(s)).map(\.text) == [s])
        }
    }
}

extension String {
    fileprivate var trimmedRight: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
