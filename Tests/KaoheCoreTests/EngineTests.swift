import Testing
@testable import KaoheCore

/// A small assessment sheet: scores, an average for non-instructors, a total,
/// a rank and a bonus share, as the town template shapes them.
func smallTown() throws -> Workbook {
    let wb = try sheet([
        "name": [t("张伟"), t("李娜"), t("王芳"), t("刘洋")],
        "instructor": [b(true), b(true), b(false), b(false)],
        "raw": [n(12), n(14), empty, empty],
        "rules": [n(10), n(8), n(9.5), n(10)],
    ], params: ["pool": n(3000)])
    try wb.addColumn("rural", formula: "=IF(instructor, raw, ROUND(AVERAGEIF(t[instructor], TRUE, t[raw]), 2))", to: "t")
    try wb.addColumn("total", formula: "=rural+rules", to: "t")
    try wb.addColumn("rank", formula: "=RANK(total, t[total])", to: "t")
    try wb.addColumn("bonus", formula: "=ROUND(pool*COUNT(t[total])*total/SUM(t[total]), 2)", to: "t")
    return wb
}

@Suite("Recalculation")
struct EngineTests {
    @Test("computed columns follow their inputs")
    func basics() throws {
        let wb = try smallTown()
        // Non-instructors get the instructors' average: (12 + 14) / 2 = 13.
        #expect(try wb.column("rural") == [n(12), n(14), n(13), n(13)])
        // totals 22, 22, 22.5, 23 → ranks 3, 3, 2, 1 (ties share)
        #expect(try wb.column("total") == [n(22), n(22), n(22.5), n(23)])
        #expect(try wb.column("rank") == [n(3), n(3), n(2), n(1)])
        // bonus = 3000 × 4 × total / 89.5: 22 → 2949.72, 22.5 → 3016.76, 23 → 3083.80
        #expect(try wb.column("bonus") == [n(2949.72), n(2949.72), n(3016.76), n(3083.80)])
    }

    @Test("an edit reports what moved in its row")
    func changeReport() throws {
        let wb = try smallTown()
        _ = try wb.column("bonus")
        let r = try wb.set(n(6), row: wb.row(1), column: "rules", sheet: "t")
        // 张伟: rules 10 → 6, total 22 → 18, rank 3 → 4, bonus 2949.72 → 3000×4×18/85.5 = 2526.32
        let moved = r.changes.map { "\($0.column) \($0.old) → \($0.new)" }
        #expect(moved == ["rules 10 → 6", "total 22 → 18", "rank 3 → 4", "bonus 2949.72 → 2526.32"])
        #expect(r.invalidated.contains("t.rank"))
        #expect(try wb.column("rank") == [n(4), n(3), n(2), n(1)])
    }

    @Test("an instructor's raw score moves every non-instructor's share")
    func averageMoves() throws {
        let wb = try smallTown()
        _ = try wb.column("total")
        try wb.set(n(15), row: wb.row(1), column: "raw", sheet: "t")
        // (15 + 14) / 2 = 14.5
        #expect(try wb.column("rural") == [n(15), n(14), n(14.5), n(14.5)])
        #expect(try wb.column("total") == [n(25), n(22), n(24), n(24.5)])
        #expect(try wb.column("rank") == [n(1), n(4), n(3), n(2)])
    }

    @Test("undo and redo restore every value")
    func undoRedo() throws {
        let wb = try smallTown()
        let before = try wb.column("bonus")
        try wb.set(n(0), row: wb.row(3), column: "rules", sheet: "t")
        let after = try wb.column("bonus")
        #expect(after != before)
        try wb.undo()
        #expect(try wb.column("bonus") == before)
        try wb.redo()
        #expect(try wb.column("bonus") == after)
        try wb.undo()
        #expect(throws: WorkbookError.self) { try wb.redo(); try wb.redo() }
    }

    @Test("a failed transaction leaves the workbook as it was")
    func rollback() throws {
        let wb = try smallTown()
        let before = try wb.column("total")
        #expect(throws: WorkbookError.self) {
            try wb.transaction { () throws(WorkbookError) in
                try wb.set(n(1), row: wb.row(1), column: "rules", sheet: "t")
                try wb.set(n(1), row: wb.row(2), column: "nope", sheet: "t")
            }
        }
        #expect(try wb.column("total") == before)
        #expect(!wb.canRedo)
    }

    @Test("a cell overrides its column's formula until cleared")
    func overrides() throws {
        let wb = try smallTown()
        let row = try wb.row(3)
        try wb.set(n(15), row: row, column: "rural", sheet: "t")
        #expect(try wb.value(row: row, column: "total", sheet: "t") == n(24.5))
        try wb.setFormula("=raw+rules*0+11", row: row, column: "rural", sheet: "t")
        #expect(try wb.value(row: row, column: "rural", sheet: "t") == n(11))
        #expect(try wb.formula(row: row, column: "rural", sheet: "t")?.isOverride == true)
        try wb.clear(row: row, column: "rural", sheet: "t")
        #expect(try wb.value(row: row, column: "rural", sheet: "t") == n(13))
        try wb.undo()
        #expect(try wb.value(row: row, column: "rural", sheet: "t") == n(11))
    }

    @Test("parameters feed formulas")
    func parameters() throws {
        let wb = try smallTown()
        #expect(try wb.value(row: wb.row(4), column: "bonus", sheet: "t") == n(3083.8))
        let r = try wb.setParam("pool", n(1000))
        #expect(r.invalidated.contains("t.bonus"))
        // 1000 × 4 × 23 / 89.5 = 1027.93
        #expect(try wb.value(row: wb.row(4), column: "bonus", sheet: "t") == n(1027.93))
    }

    @Test("rows come and go, aggregates follow")
    func rows() throws {
        let wb = try smallTown()
        _ = try wb.column("bonus")
        let (row, _) = try wb.addRow(to: "t", ["name": t("陈静"), "instructor": b(true), "raw": n(10), "rules": n(10)])
        // instructors 12, 14, 10 → average 12; totals 22, 22, 21.5, 22, 20
        #expect(try wb.column("rural") == [n(12), n(14), n(12), n(12), n(10)])
        #expect(try wb.column("rank") == [n(1), n(1), n(4), n(1), n(5)])
        try wb.removeRow(wb.row(4), sheet: "t")
        #expect(try wb.column("rank") == [n(1), n(1), n(3), n(4)])
        try wb.undo()
        try wb.undo()
        #expect(try wb.column("rank") == [n(3), n(3), n(2), n(1)])
        #expect(throws: WorkbookError.self) { try wb.value(row: row, column: "rank", sheet: "t") }
    }

    @Test("a row added while computing it builds an aggregate is counted once")
    func rowBuildsAggregate() throws {
        // count reads COUNTIF only where x ≤ 5, so averaging it over row 1
        // builds the grouped AVERAGEIF but leaves the COUNTIF unbuilt.
        let wb = try sheet(["g": [t("a")], "x": [n(10)]])
        try wb.addColumn("count", formula: "=IF(x>5, 0, COUNTIF(t[x], \">0\"))", to: "t")
        try wb.addColumn("mean", formula: "=AVERAGEIF(t[g], g, t[count])", to: "t")
        #expect(try wb.column("mean") == [n(0)])
        // Adding the row feeds the AVERAGEIF its count, whose computing
        // builds the COUNTIF over both rows: that build already holds the row.
        try wb.addRow(to: "t", ["g": t("a"), "x": n(1)])
        #expect(try wb.column("count") == [n(0), n(2)])
        #expect(try wb.column("mean") == [n(1), n(1)])
    }

    @Test("a removed column shows #REF! until it returns")
    func removedColumn() throws {
        let wb = try smallTown()
        try wb.removeColumn("rules", sheet: "t")
        #expect(try wb.column("total").allSatisfy { $0 == err(.ref) })
        try wb.undo()
        #expect(try wb.column("total") == [n(22), n(22), n(22.5), n(23)])
    }

    @Test("a circular reference is reported with its path and shows #CYCLE!")
    func cycles() throws {
        let wb = try smallTown()
        let r = try wb.setFormula("=bonus/100", column: "rules", sheet: "t")
        // rules reads bonus, which reads total, which reads rules.
        #expect(r.cycle == ["t.rules", "t.bonus", "t.total", "t.rules"])
        #expect(try wb.column("rules").allSatisfy { $0 == err(.cycle) })
        #expect(try wb.column("rank").allSatisfy { $0 == err(.cycle) })
        #expect(wb.cyclicColumns.sorted() == ["t.bonus", "t.rules", "t.total"])
        // Undo breaks the cycle again.
        try wb.undo()
        #expect(wb.cyclicColumns.isEmpty)
        #expect(try wb.column("total") == [n(22), n(22), n(22.5), n(23)])
    }

    @Test("a column that reads itself is a cycle")
    func selfCycle() throws {
        let wb = try sheet(["a": [n(1)]])
        let r = try wb.addColumn("c", formula: "=a+1", to: "t")
        #expect(r.cycle.isEmpty)
        let r2 = try wb.setFormula("=c+1", column: "c", sheet: "t")
        #expect(r2.cycle == ["t.c", "t.c"])
        #expect(try wb.column("c") == [err(.cycle)])
    }

    @Test("a formula cell that closes a loop evaluates to #CYCLE!")
    func cellCycle() throws {
        let wb = try smallTown()
        let r = try wb.setFormula("=total", row: wb.row(1), column: "rules", sheet: "t")
        #expect(r.cycle == ["t.rules", "t.total", "t.rules"])
        #expect(try wb.value(row: wb.row(1), column: "total", sheet: "t") == err(.cycle))
        #expect(try wb.value(row: wb.row(2), column: "total", sheet: "t") == n(22))
    }

    @Test("a loop through a whole column, broken by another formula cell: every cell of the loop computes again")
    func cycleBroken() throws {
        let wb = try smallTown()
        // rules#1 → rank#1 → RANK over t[total] → total#1 → rules#1.
        try wb.setFormula("=rank", row: wb.row(1), column: "rules", sheet: "t")
        #expect(try wb.column("rank").allSatisfy { $0 == err(.cycle) })
        // rank#1 no longer reads the totals: rules#1 = 5, total#1 = 17.
        try wb.setFormula("=5", row: wb.row(1), column: "rank", sheet: "t")
        // totals 17, 22, 22.5, 23 → ranks of rows 2…4: 3, 2, 1.
        #expect(try wb.column("total") == [n(17), n(22), n(22.5), n(23)])
        #expect(try wb.column("rank") == [n(5), n(3), n(2), n(1)])
    }

    @Test(
        "a formula cell reading a column whose other rows rank its own column: no #CYCLE!, cell by cell or by passes",
        arguments: [0, Int.max]
    )
    func formulaCellReadsRankers(passThreshold: Int) throws {
        let wb = try sheet(["a": [n(1), n(2), n(3)]])
        // 0 passes a column at its first stale read, as a column read stale
        // 32 times in one epoch would be passed.
        wb.passThreshold = passThreshold
        try wb.addColumn("c1", formula: "=a", to: "t")
        try wb.addColumn("c2", formula: "=RANK(c1, t[c1])", to: "t")
        // c1#3 → c2#3 = 10 reads no c1: no loop, though c2's other rows rank every c1.
        try wb.setFormula("=10", row: wb.row(3), column: "c2", sheet: "t")
        try wb.setFormula("=c2", row: wb.row(3), column: "c1", sheet: "t")
        // c1 = 1, 2, 10; ranks (largest first) of rows 1 and 2: 1 is 3rd, 2 is 2nd.
        #expect(try wb.column("c1") == [n(1), n(2), n(10)])
        #expect(try wb.column("c2") == [n(3), n(2), n(10)])
    }

    @Test("errors flow as values")
    func errorsFlow() throws {
        let wb = try smallTown()
        try wb.set(t("abc"), row: wb.row(2), column: "rules", sheet: "t")
        #expect(try wb.value(row: wb.row(2), column: "total", sheet: "t") == err(.value))
        // SUM over the totals meets the error: every bonus shows it; RANK too.
        #expect(try wb.column("bonus").allSatisfy { $0 == err(.value) })
        try wb.undo()
        #expect(try wb.value(row: wb.row(2), column: "bonus", sheet: "t") == n(2949.72))
    }

    @Test("changing a column formula recomputes it and its readers")
    func formulaChange() throws {
        let wb = try smallTown()
        _ = try wb.column("rank")
        try wb.setFormula("=rural+rules*2", column: "total", sheet: "t")
        #expect(try wb.column("total") == [n(32), n(30), n(32), n(33)])
        #expect(try wb.column("rank") == [n(2), n(4), n(2), n(1)])
    }

    @Test("a formula column turned into input keeps its values")
    func freeze() throws {
        let wb = try smallTown()
        try wb.setFormula(nil, column: "total", sheet: "t")
        try wb.set(n(0), row: wb.row(1), column: "rules", sheet: "t")
        #expect(try wb.column("total") == [n(22), n(22), n(22.5), n(23)])
        try wb.undo()
        try wb.undo()
        try wb.set(n(0), row: wb.row(1), column: "rules", sheet: "t")
        #expect(try wb.value(row: wb.row(1), column: "total", sheet: "t") == n(12))
    }

    @Test("entries are checked before anything changes")
    func refusals() throws {
        let wb = try smallTown()
        #expect(throws: WorkbookError.unknownColumn("totl", sheet: "t", suggestion: "total")) {
            try wb.value(row: wb.row(1), column: "totl", sheet: "t")
        }
        #expect(throws: WorkbookError.self) { try wb.addColumn("x", formula: "=1+", to: "t") }
        #expect(throws: WorkbookError.duplicateColumn("total", sheet: "t")) { try wb.addColumn("total", to: "t") }
        #expect(throws: WorkbookError.self) { try wb.addColumn("bad name", to: "t") }
        #expect(try wb.columns(of: "t").map(\.key) == ["name", "instructor", "raw", "rules", "rural", "total", "rank", "bonus"])
    }

    @Test("whole-column formulas with row-dependent criteria")
    func rowCriteria() throws {
        let wb = try sheet(["office": [t("A"), t("B"), t("A"), t("C")], "score": [n(1), n(2), n(3), n(4)]])
        try wb.addColumn("same", formula: "=COUNTIF(t[office], office)", to: "t")
        try wb.addColumn("officeSum", formula: "=SUMIFS(t[score], t[office], office)", to: "t")
        #expect(try wb.column("same") == [n(2), n(1), n(2), n(1)])
        #expect(try wb.column("officeSum") == [n(4), n(2), n(4), n(4)])
        try wb.set(t("A"), row: wb.row(4), column: "office", sheet: "t")
        #expect(try wb.column("same") == [n(3), n(1), n(3), n(3)])
        #expect(try wb.column("officeSum") == [n(8), n(2), n(8), n(8)])
    }

    @Test("two sheets: a lookup into another sheet")
    func crossSheet() throws {
        let wb = try sheet(["office": [t("党政办"), t("农办")]])
        try wb.addSheet("offices")
        try wb.addColumn("name", to: "offices")
        try wb.addColumn("line_rank", to: "offices")
        try wb.appendRows(to: "offices", columns: ["name", "line_rank"], rows: [[t("农办"), n(2)], [t("党政办"), n(5)]])
        try wb.addColumn("line", formula: "=25+(3-XLOOKUP(office, offices[name], offices[line_rank]))*1", to: "t")
        #expect(try wb.column("line") == [n(23), n(26)])
        try wb.set(n(1), row: wb.row(2, sheet: "offices"), column: "line_rank", sheet: "offices")
        #expect(try wb.column("line") == [n(27), n(26)])
    }
}

@Suite("Documentation")
struct DocumentationTests {
    @Test("the README's example does what it says")
    func readmeExample() throws {
        let wb = Workbook()
        try wb.addSheet("cadres")
        try wb.addColumn("rules", to: "cadres")
        try wb.addColumn("total", formula: "=rules+90", to: "cadres")
        try wb.addColumn("rank", formula: "=RANK(total, cadres[total])", to: "cadres")
        let (zhang, _) = try wb.addRow(to: "cadres", ["rules": .number(10)])
        try wb.addRow(to: "cadres", ["rules": .number(9.5)])
        let report = try wb.set(.number(8), row: zhang, column: "rules", sheet: "cadres")
        #expect(report.changes.map { "\($0.column) \($0.old) → \($0.new)" } == ["rules 10 → 8", "total 100 → 98", "rank 1 → 2"])
    }
}

@Suite("Grouped aggregates")
struct GroupedTests {
    @Test("criteria read from the row compile to one grouped aggregate, not a scan per row")
    func compilesGrouped() throws {
        let wb = try sheet(["office": [t("A"), t("B"), t("a")], "score": [n(1), n(2), n(3)]])
        try wb.addColumn("peers", formula: "=COUNTIF(t[office], office)", to: "t")
        try wb.addColumn("officeTotal", formula: "=SUMIFS(t[score], t[office], office)", to: "t")
        let peers = wb.column(try wb.columnRef("peers", sheet: "t"))
        guard case .grouped = peers.program else { Issue.record("not grouped: \(String(describing: peers.program))"); return }
        #expect(wb.aggregates.filter(\.isGrouped).count == 2)
        // Text criteria are case-insensitive, as in Excel: "A" and "a" are one office.
        #expect(try wb.column("peers") == [n(2), n(1), n(2)])
        #expect(try wb.column("officeTotal") == [n(4), n(2), n(4)])
    }

    @Test("a criterion that is not a plain equality falls back to the row-by-row call")
    func fallback() throws {
        let wb = try sheet(["k": [t(">1"), t("x*"), n(2)], "v": [n(1), n(2), n(3)]])
        try wb.addColumn("c", formula: "=COUNTIF(t[v], k)", to: "t")
        // ">1" counts 2 and 3; "x*" matches no number; 2 counts the single 2.
        #expect(try wb.column("c") == [n(2), n(0), n(1)])
        // v = 5, 2, 3: ">1" counts all three.
        try wb.set(n(5), row: wb.row(1), column: "v", sheet: "t")
        #expect(try wb.column("c") == [n(3), n(0), n(1)])
        // v = 5, 2, 0: ">1" counts 5 and 2.
        try wb.set(n(0), row: wb.row(3), column: "v", sheet: "t")
        #expect(try wb.column("c") == [n(2), n(0), n(1)])
    }

    @Test("a row no group holds still moves the readers that fall back (issue 10's reproducer)")
    func fallbackSeesUngroupedRows() throws {
        // c1's key k is blank: no group holds it, yet "<>q" matches it.
        let wb = try sheet(["k": [empty, t("x")], "v": [n(3), n(5)], "crit": [t("q"), t("q")]])
        try wb.addColumn("f1", formula: "=SUMIF(t[k], \"<>\"&crit, t[v])", to: "t")
        // Both keys differ from "q": 3 + 5 = 8.
        #expect(try wb.column("f1") == [n(8), n(8)])
        try wb.set(n(10), row: wb.row(1), column: "v", sheet: "t")
        // 10 + 5 = 15.
        #expect(try wb.column("f1") == [n(15), n(15)])
        // A row added with a blank key counts too: 10 + 5 + 1 = 16.
        try wb.addRow(to: "t", ["v": n(1), "crit": t("q")])
        #expect(try wb.column("f1") == [n(16), n(16), n(16)])
    }

    @Test("an event moves its cadre's row at once, not every cadre's")
    func movedGroupRecomputesItsRows() throws {
        let wb = Workbook()
        try wb.addSheet("cadres")
        try wb.addColumn("id", to: "cadres")
        try wb.appendRows(to: "cadres", columns: ["id"], rows: (1...32).map { [t("c\($0)")] })
        try wb.addSheet("events")
        try wb.addColumn("cadre", to: "events")
        try wb.addColumn("points", to: "events")
        try wb.appendRows(to: "events", columns: ["cadre", "points"], rows: [[t("c1"), n(-1)], [t("C2"), n(-2)]])
        try wb.addColumn("rules", formula: "=10+SUMIFS(events[points], events[cadre], id)", to: "cadres")
        #expect(try wb.column("rules", sheet: "cadres").prefix(3) == [n(9), n(8), n(10)])
        let epoch = try wb.column(wb.columnRef("rules", sheet: "cadres")).epoch
        let (_, report) = try wb.addRow(to: "events", ["cadre": t("c1"), "points": n(-3)])
        // c1: 10 − 1 − 3 = 6, recomputed with the event; the column was not made stale.
        #expect(!report.invalidated.contains("cadres.rules"))
        #expect(try wb.column(wb.columnRef("rules", sheet: "cadres")).epoch == epoch)
        #expect(try wb.column("rules", sheet: "cadres").prefix(3) == [n(6), n(8), n(10)])
        // Moving an event to another cadre moves both rows: c1 10 − 1 = 9, c3 10 − 3 = 7.
        try wb.set(t("c3"), row: wb.row(3, sheet: "events"), column: "cadre", sheet: "events")
        #expect(try wb.column("rules", sheet: "cadres").prefix(3) == [n(9), n(8), n(7)])
        try wb.undo()
        #expect(try wb.column("rules", sheet: "cadres").prefix(3) == [n(6), n(8), n(10)])
    }

    @Test("numeric text and numbers share a group, as a number criterion matches both")
    func numericText() throws {
        let wb = try sheet(["k": [n(7), t("7"), t(" 7 "), b(true), t("TRUE")]])
        try wb.addColumn("c", formula: "=COUNTIF(t[k], k)", to: "t")
        #expect(try wb.column("c") == [n(3), n(3), n(3), n(1), n(1)])
    }
}

@Suite("Rows by value and the largest number")
struct ColumnIndexTests {
    @Test("rows(where:equals:) finds rows as Excel's = compares, in sheet order, through edits and undo")
    func rowsWhere() throws {
        let wb = try sheet(["id": [t("c1"), t("C2"), n(3), t("c1"), t("3")]])
        func find(_ v: Value) throws -> [Int] {
            let order = try wb.rows(of: "t")
            return try wb.rows(where: "id", equals: v, sheet: "t").map { order.firstIndex(of: $0)! + 1 }
        }
        // Text case-insensitively; the text "3" is not the number 3.
        #expect(try find(t("C1")) == [1, 4])
        #expect(try find(t("c2")) == [2])
        #expect(try find(n(3)) == [3])
        #expect(try find(n(0.1 + 0.2 + 2.7)) == [3])  // 3.0000000000000004 shows as 3
        #expect(try find(t("3")) == [5])
        try wb.set(t("c2"), row: wb.row(1), column: "id", sheet: "t")
        #expect(try find(t("c1")) == [4])
        #expect(try find(t("c2")) == [1, 2])
        try wb.removeRow(wb.row(2), sheet: "t")
        #expect(try find(t("c2")) == [1])
        try wb.addRow(to: "t", ["id": t("c1")])
        #expect(try find(t("c1")) == [3, 5])
        try wb.undo()  // the row added
        try wb.undo()  // the row removed comes back second
        try wb.undo()  // row 1 is c1 again
        #expect(try find(t("c1")) == [1, 4])
        #expect(try find(t("c2")) == [2])
        try wb.redo()
        #expect(try find(t("c2")) == [1, 2])
    }

    @Test("rows(where:equals:) on a computed column follows what it reads")
    func rowsWhereComputed() throws {
        let wb = try sheet(["score": [n(1), n(5), n(7)]])
        try wb.addColumn("band", formula: "=IF(score>=5, \"high\", \"low\")", to: "t")
        try wb.addColumn("share", formula: "=ROUND(score/SUM(t[score]), 2)", to: "t")
        #expect(try wb.rows(where: "band", equals: t("HIGH"), sheet: "t") == [wb.row(2), wb.row(3)])
        // Shares 1/13, 5/13, 7/13 → 0.08, 0.38, 0.54.
        #expect(try wb.rows(where: "share", equals: n(0.38), sheet: "t") == [wb.row(2)])
        try wb.set(n(2), row: wb.row(3), column: "score", sheet: "t")
        #expect(try wb.rows(where: "band", equals: t("high"), sheet: "t") == [wb.row(2)])
        // The sum moved to 8: shares 0.13, 0.63, 0.25.
        #expect(try wb.rows(where: "share", equals: n(0.63), sheet: "t") == [wb.row(2)])
        #expect(try wb.rows(where: "share", equals: n(0.38), sheet: "t") == [])
    }

    @Test("maximum follows edits, rows and undo; errors as MAX reports them")
    func maximum() throws {
        let wb = try sheet(["no": [n(3), t("9"), n(7)]])
        // The text "9" is skipped, as MAX over a range skips text.
        #expect(try wb.maximum(column: "no", sheet: "t") == n(7))
        try wb.addRow(to: "t", ["no": n(8)])
        #expect(try wb.maximum(column: "no", sheet: "t") == n(8))
        try wb.set(n(1), row: wb.row(4), column: "no", sheet: "t")
        #expect(try wb.maximum(column: "no", sheet: "t") == n(7))
        try wb.undo()
        try wb.undo()
        #expect(try wb.maximum(column: "no", sheet: "t") == n(7))
        try wb.redo()
        #expect(try wb.maximum(column: "no", sheet: "t") == n(8))
        try wb.set(err(.na), row: wb.row(2), column: "no", sheet: "t")
        #expect(try wb.maximum(column: "no", sheet: "t") == err(.na))
        let none = try sheet(["no": [t("x")]])
        #expect(try none.maximum(column: "no", sheet: "t") == n(0))
    }
}

@Suite("Bulk edits")
struct BulkEditTests {
    @Test("clearColumn empties an input column and drops a computed column's own cells, as one undo step")
    func clearColumn() throws {
        let wb = try sheet(["a": [n(1), n(2), n(4)]])
        try wb.addColumn("d", formula: "=a*2", to: "t")
        try wb.addColumn("share", formula: "=d/SUM(t[d])", to: "t")
        try wb.set(n(10), row: wb.row(2), column: "d", sheet: "t")
        try wb.setFormula("=a+100", row: wb.row(3), column: "d", sheet: "t")
        // d = 2, 10, 104; the sum 116.
        #expect(try wb.column("d") == [n(2), n(10), n(104)])
        try wb.clearColumn("d", sheet: "t")
        // Back to the formula: 2, 4, 8; shares 2/14, 4/14, 8/14.
        #expect(try wb.column("d") == [n(2), n(4), n(8)])
        #expect(try wb.column("share") == [n(2.0 / 14), n(4.0 / 14), n(8.0 / 14)])
        let report = try wb.clearColumn("a", sheet: "t")
        #expect(report.invalidated.contains("t.a"))
        #expect(try wb.column("a") == [empty, empty, empty])
        // Empty a: d = 0 everywhere, so each share is 0/0.
        #expect(try wb.column("share") == [err(.div0), err(.div0), err(.div0)])
        try wb.undo()
        #expect(try wb.column("a") == [n(1), n(2), n(4)])
        try wb.undo()
        #expect(try wb.column("d") == [n(2), n(10), n(104)])
        try wb.redo()
        #expect(try wb.column("d") == [n(2), n(4), n(8)])
    }

    @Test("removeRows takes many rows out as one step, and undo puts each back where it was")
    func removeRows() throws {
        let wb = try sheet(["a": [n(1), n(2), n(3), n(4), n(5)]])
        try wb.addColumn("total", formula: "=SUM(t[a])", to: "t")
        try wb.removeRows([wb.row(4), wb.row(1), wb.row(2)], sheet: "t")
        // 3 + 5 = 8.
        #expect(try wb.column("a") == [n(3), n(5)])
        #expect(try wb.column("total") == [n(8), n(8)])
        try wb.undo()
        #expect(try wb.column("a") == [n(1), n(2), n(3), n(4), n(5)])
        #expect(try wb.column("total") == Array(repeating: n(15), count: 5))
    }

    @Test("structural edits inside deferringStructure build the structure once, at the end, to the same values")
    func deferredStructure() throws {
        func build(_ wb: Workbook) throws {
            try wb.setParam("pool", n(3000))
            try wb.addSheet("t")
            for key in ["name", "instructor", "raw", "rules", "total", "rank", "bonus", "office"] { try wb.addColumn(key, to: "t") }
            try wb.appendRows(to: "t", columns: ["name", "instructor", "raw", "rules", "office"], rows: [
                [t("张伟"), b(true), n(12), n(10), t("a")], [t("李娜"), b(true), n(14), n(8), t("b")],
                [t("王芳"), b(false), empty, n(9.5), t("a")], [t("刘洋"), b(false), empty, n(10), t("a")],
            ])
            try wb.setFormula("=IF(instructor, raw, ROUND(AVERAGEIF(t[instructor], TRUE, t[raw]), 2))+rules", column: "total", sheet: "t")
            try wb.setFormula("=RANK(total, t[total])", column: "rank", sheet: "t")
            try wb.setFormula("=ROUND(pool*total/SUMIFS(t[total], t[office], office), 2)", column: "bonus", sheet: "t")
            // A value cell and a formula cell in formula columns, set before any structure exists.
            try wb.set(n(30), row: wb.row(2), column: "total", sheet: "t")
            try wb.setFormula("=rank*2", row: wb.row(3), column: "rank", sheet: "t")
        }
        let plain = Workbook(), deferred = Workbook()
        try build(plain)
        try deferred.deferringStructure { try deferred.deferringStructure { try build(deferred) } }
        for key in ["total", "rank", "bonus"] { #expect(try deferred.column(key) == plain.column(key), "\(key)") }
        #expect(try deferred.override(row: deferred.row(2), column: "total", sheet: "t") == .value(n(30)))
        #expect(try deferred.column("rank")[2] == err(.cycle))
        // Incremental from there on, as after any build.
        for wb in [plain, deferred] {
            try wb.set(n(2), row: wb.row(1), column: "rules", sheet: "t")
            try wb.set(t("b"), row: wb.row(4), column: "office", sheet: "t")
        }
        for key in ["total", "rank", "bonus"] { #expect(try deferred.column(key) == plain.column(key), "\(key)") }
        let incremental = try ["total", "rank", "bonus"].map { try deferred.column($0) }
        deferred.recalculateAll()
        #expect(try ["total", "rank", "bonus"].map { try deferred.column($0) } == incremental)
        // The deferred edits undo as any others.
        while deferred.canUndo { try deferred.undo() }
        #expect(deferred.sheetNames.isEmpty)
    }

    @Test("columns(of:reading:) follows the structure: aggregates and ranges over the sheet, then columns of the row that read those")
    func columnsReading() throws {
        let wb = try sheet(["id": [t("a"), t("b")], "x": [n(1), n(2)]])
        try wb.addSheet("e")
        try wb.addColumn("who", to: "e")
        try wb.addColumn("pts", to: "e")
        try wb.addColumn("sum", formula: "=SUMIFS(e[pts], e[who], id)", to: "t")
        try wb.addColumn("both", formula: "=x+sum", to: "t")
        try wb.addColumn("alone", formula: "=x*2 & \"e[pts]\"", to: "t")
        try wb.addColumn("peek", formula: "=COUNTA(e[who])", to: "t")
        #expect(try wb.columns(of: "t", reading: "e") == ["sum", "both", "peek"])
    }
}
