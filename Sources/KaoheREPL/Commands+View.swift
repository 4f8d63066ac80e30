import KaoheCore

extension CommandTable {
    static let viewing: [CommandSpec] = [
        CommandSpec(
            name: "show", group: .view,
            usage: "show [SHEET] [where EXPR] [sort COL [desc]] [cols A,B,..] [limit N]   or   show CADRE",
            // EXPR: a formula, or conditions joined by and, or, not; "李*" matches as Excel's criteria do.
            summary: "a sheet as a table (default: cadres), or one cadre's card with events and awards",
            example: "show where office=\"党政办\" sort total desc cols name,total,rank limit 5\nshow where name=\"李*\" and not bottom cols=id,name,total\nshow 张伟",
            arguments: [Arg(name: "SHEET or CADRE", kind: .sheet, optional: true)], variadic: true
        ) { s, inv throws(CommandError) in try s.show(inv) },
        CommandSpec(
            name: "expanded", aliases: ["\\x"], group: .view, usage: "expanded [on|off|auto]",
            summary: "tables wider than the screen: in column sets with id and name (auto), as records (on), or cut (off); alone: on or back",
            example: "expanded on\n→ expanded display is on: each row is shown as a record\n\\x",
            arguments: [Arg(name: "on|off|auto", kind: .words(Table.Expanded.allCases.map(\.rawValue)), optional: true)]
        ) { s, inv throws(CommandError) in
            guard let word = inv[0] else {
                s.expanded = s.expanded == .on ? .auto : .on
                return s.say(Phrase.expandedNow(s.expanded).text(s.lang))
            }
            guard let mode = Table.Expanded(rawValue: word.lowercased()) else { throw CommandError(.expandedUnknown(word)) }
            s.expanded = mode
            s.say(Phrase.expandedNow(mode).text(s.lang))
        },
        CommandSpec(
            name: "columns", group: .view, usage: "columns [SHEET]",
            summary: "a sheet's columns: key, label, and formula, or input with what it accepts",
            example: "columns\ncolumns events", arguments: [Arg(name: "SHEET", kind: .sheet, optional: true)]
        ) { s, inv throws(CommandError) in try s.listColumns(inv[0] ?? Session.cadres) },
        CommandSpec(
            name: "params", group: .view, usage: "params",
            summary: "the parameters and their values", example: "params"
        ) { s, _ throws(CommandError) in s.listParams() },
        CommandSpec(
            name: "sheets", group: .view, usage: "sheets",
            summary: "the workbook's sheets and their sizes", example: "sheets"
        ) { s, _ throws(CommandError) in s.listSheets() },
    ]
}

extension Session {
    /// Parses `[SHEET] [where EXPR] [sort COL [desc]] [cols A,B] [limit N]`,
    /// or a cadre's name for the card.
    func show(_ inv: Invocation) throws(CommandError) {
        // All the words: a condition may hold a word starting with `=`
        // (`total = 60`), where the positional words end; `cols=A,B`, as
        // export writes it, is `cols A,B`.
        let words = try Words.split(inv.line).dropFirst(inv.spec.words.count).flatMap { w in
            guard !w.quoted, w.text.hasPrefix("cols=") else { return [w] }
            return [Word(text: "cols", range: w.range, quoted: false), Word(text: String(w.text.dropFirst(5)), range: w.range, quoted: false)]
        }
        var i = 0
        var sheet = Self.cadres
        let keywords: Set<String> = ["where", "sort", "cols", "limit"]
        if let first = words.first, !keywords.contains(first.text) || first.quoted {
            if workbook.sheetNames.contains(first.text) {
                sheet = first.text
                i = 1
            } else {
                guard words.count == 1 else {
                    throw CommandError(.showNoSheet(first.text, hint: didYouMean(first.text, in: workbook.sheetNames), usage: inv.spec.usage))
                }
                return try card(cadre(first.text))
            }
        }
        var filter: String?
        var sort: (column: String, descending: Bool)?
        var columns: [String]?
        var limit: Int?
        while i < words.count {
            let word = words[i].text
            i += 1
            func next(_ what: Phrase) throws(CommandError) -> Word {
                guard i < words.count else { throw CommandError(.showNeeds(word, what, usage: inv.spec.usage)) }
                i += 1
                return words[i - 1]
            }
            switch word {
            case "where":
                let start = i
                while i < words.count, !(keywords.contains(words[i].text) && !words[i].quoted) { i += 1 }
                guard i > start else { throw CommandError(.showWhereNeedsCondition) }
                filter = String(inv.line[words[start].range.lowerBound..<words[i - 1].range.upperBound])
            case "sort":
                let key = try column(try next(.showAColumn).text, sheet: sheet).key
                let descending = i < words.count && ["desc", "asc"].contains(words[i].text) ? words[i].text == "desc" : false
                if i < words.count, ["desc", "asc"].contains(words[i].text) { i += 1 }
                sort = (key, descending)
            case "cols":
                var keys: [String] = []
                for name in try next(.showColumnNames).text.split(separator: ",") {
                    keys.append(try column(String(name), sheet: sheet).key)
                }
                columns = keys
            case "limit":
                let n = try next(.showANumber).text
                guard let v = Int(n), v >= 0 else { throw CommandError(.showLimitNotWhole(n)) }
                limit = v
            default:
                throw CommandError(.showUnexpected(word, hint: didYouMean(word, in: keywords), usage: inv.spec.usage))
            }
        }
        let keys = columns ?? watchedColumns(sheet)
        var rows = try engine { () throws(WorkbookError) in try workbook.rows(of: sheet) }
        let total = rows.count
        if let filter {
            let names = Set(((try? workbook.columns(of: sheet)) ?? []).map(\.key) + workbook.parameters.map(\.name))
            var parser = Filter(names: names) { [self] name in try? column(name, sheet: sheet).key }
            let text = "=" + (try parser.formula(filter.hasPrefix("=") ? String(filter.dropFirst()) : filter))
            let verdicts = try engine { () throws(WorkbookError) in try workbook.evaluate(text, sheet: sheet, rows: rows) }
            rows = zip(rows, verdicts).filter { if case .bool(true) = $0.1 { true } else { $0.1.number.map { $0 != 0 } ?? false } }.map(\.0)
        }
        if let sort {
            let keyed = rows.map { ($0, value(sheet, $0, sort.column)) }
            rows = keyed.sorted { a, b in
                // Empty cells last either way, as a spreadsheet sorts.
                if a.1.isEmpty || b.1.isEmpty { return !a.1.isEmpty && b.1.isEmpty }
                let (x, y) = sort.descending ? (b.1, a.1) : (a.1, b.1)
                return Self.sortsBefore(x, y)
            }.map(\.0)
        }
        let matched = rows.count
        if let limit { rows = Array(rows.prefix(limit)) }
        var table = sheetTable(sheet, rows: rows, columns: keys)
        table.footer = [Phrase.rowsShown(rows.count, matched: matched, total: total).text(lang)]
        present(table)
    }

    /// Spreadsheet order: numbers, then text, then booleans; empty cells last.
    static func sortsBefore(_ a: Value, _ b: Value) -> Bool {
        func rank(_ v: Value) -> Int {
            switch v {
            case .number: 0
            case .text: 1
            case .bool: 2
            case .error: 3
            case .empty: 4
            }
        }
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.text(let x), .text(let y)): return x < y
        case (.bool(let x), .bool(let y)): return !x && y
        default: return rank(a) < rank(b)
        }
    }

    /// One cadre: every column with its label, then events and awards.
    func card(_ row: RowID) throws(CommandError) {
        let columns = try engine { () throws(WorkbookError) in try workbook.columns(of: Self.cadres) }
        var lines = [cadreLabel(row)]
        let width = columns.map { $0.key.displayWidth }.max() ?? 0
        let labelWidth = columns.map { $0.label.displayWidth }.max() ?? 0
        for c in columns {
            let v = try engine { () throws(WorkbookError) in try workbook.value(row: row, column: c.key, sheet: Self.cadres) }
            let overridden = (try? workbook.override(row: row, column: c.key, sheet: Self.cadres)) != nil && c.formula != nil
            let c1 = cells([v], sheet: Self.cadres, column: c.key)[0]
            let shownValue = color ? Table.paint(c1.text, c1.style) : c1.text
            let label = c.label.isEmpty ? "" : "  " + Table.pad(c.label, labelWidth, right: false)
            lines.append(label + "  " + Table.pad(c.key, width, right: false) + "  " + shownValue + (overridden ? "  (entered over the formula)" : ""))
        }
        say(lines.joined(separator: "\n"))
        let id = value(Self.cadres, row, "id")
        let office = value(Self.cadres, row, "office")
        // Through the engine's value index, as `events CADRE` finds them:
        // O(rows found), not a scan of every event and award.
        if workbook.sheetNames.contains("events") {
            let rows = town.events(of: id)
            if !rows.isEmpty {
                say(.cardEvents)
                present(sheetTable("events", rows: rows, columns: ["no", "rule", "times", "points", "date", "by", "note", "revoked"]))
            }
        }
        if workbook.sheetNames.contains("awards") {
            let mine = town.rows("awards", where: "recipient", is: id.displayText)
            let rows = office.isEmpty || office == id ? mine : (mine + town.rows("awards", where: "recipient", is: office.displayText)).sorted()
            if !rows.isEmpty {
                say(.cardAwards)
                present(sheetTable("awards", rows: rows, columns: ["no", "recipient", "level", "kind", "content", "status", "share"]))
            }
        }
    }

    /// The columns that say whose row it is: kept on the left of every column set.
    static let identifying: Set<String> = ["id", "name"]

    /// Some rows and columns of a sheet as a table (columns that exist).
    func sheetTable(_ sheet: String, rows: [RowID], columns: [String]) -> Table {
        let existing = Set(((try? workbook.columns(of: sheet)) ?? []).map(\.key))
        let keys = columns.filter(existing.contains)
        var table = Table(headers: keys, columns: keys.map { key in
            cells(rows.map { value(sheet, $0, key) }, sheet: sheet, column: key)
        })
        table.sheet = sheet
        // A cadre's id and name stay on the left when the table is paged sideways.
        table.fixed = max(1, keys.prefix { Self.identifying.contains($0) }.count)
        return table
    }

    func listColumns(_ sheet: String) throws(CommandError) {
        let columns = try engine { () throws(WorkbookError) in try workbook.columns(of: sheet) }
        var table = Table(headers: ["key", "label", "formula"])
        for c in columns {
            let input = workbook.rule(column: c.key, sheet: sheet).map { "(input: \($0))" } ?? "(input)"
            table.add([Table.Cell(text: c.key), Table.Cell(text: c.label), Table.Cell(text: c.formula ?? input)])
        }
        table.maxWidth = max(40, screen.width - 40)
        table.footer = [Phrase.columnsFooter(columns.count, sheet: sheet).text(lang)]
        present(table)
    }

    func listParams() {
        var table = Table(headers: ["parameter", "value"])
        for (name, value) in workbook.parameters { table.add([Table.Cell(text: name), cell(value)]) }
        present(table)
    }

    func listSheets() {
        var table = Table(headers: ["sheet", "rows", "columns"])
        for name in workbook.sheetNames {
            let rows = (try? workbook.rowCount(of: name)) ?? 0
            let cols = (try? workbook.columns(of: name).count) ?? 0
            table.add([Table.Cell(text: name), Table.Cell(text: "\(rows)", rightAligned: true), Table.Cell(text: "\(cols)", rightAligned: true)])
        }
        present(table)
    }
}
