import KaoheCore
import Testing
@testable import KaoheFile

/// `fen_rounding`: half_up rounds each share; largest_remainder pays the
/// amount to the fen, the fen left over to the largest remainders, ties by
/// rank then id. Every figure worked by hand.
@Suite("fen_rounding")
struct FenRoundingTests {
    /// Three instructors of 综治办 (line rank 3: line 25), rules 10, rural 10,
    /// petition 25: totals 75 (c1), 75 (c2), 76 (c3) with democratic 5, 5, 6.
    /// Pool 3000 × 3 = 9000; award 1: 1000 to 综治办, a district collective.
    func town(_ rounding: String) throws -> Workbook {
        let wb = try WorkbookFile.read(Templates.town(year: 2026), file: "town")
        try wb.setParam("fen_rounding", .text(rounding))
        try wb.appendRows(to: "offices", columns: ["name", "line_rank"], rows: [[.text("综治办"), .number(3)]])
        try wb.appendRows(to: "cadres", columns: ["id", "name", "office", "instructor", "rural_raw", "petition_raw", "democratic"], rows: [
            [.text("c1"), .text("张伟"), .text("综治办"), .bool(true), .number(10), .number(25), .number(5)],
            [.text("c2"), .text("李娜"), .text("综治办"), .bool(true), .number(10), .number(25), .number(5)],
            [.text("c3"), .text("王芳"), .text("综治办"), .bool(true), .number(10), .number(25), .number(6)],
        ])
        try wb.appendRows(to: "awards", columns: ["no", "recipient", "level", "kind", "content", "evidence"], rows: [
            [.number(1), .text("综治办"), .text("district"), .text("collective"), .text("平安建设"), .text("区委〔2026〕3号")],
        ])
        return wb
    }

    /// A column's numbers as shown (to 15 significant digits, as `Value ==` compares).
    func column(_ wb: Workbook, _ key: String) throws -> [Double] {
        let ref = try wb.columnRef(key, sheet: "cadres")
        return try wb.rows(of: "cadres").map { Num.canonical(wb.value(CellRef(ref, $0)).number ?? .nan) }
    }

    func sum(_ xs: [Double]) -> Double { Num.round(xs.reduce(0, +), 2) }

    @Test("half_up: 9000 × 75/226 = 2986.7257 → 2986.73 twice, 9000 × 76/226 = 3026.5487 → 3026.55: 0.01 over the pool; 1000/3 → 333.33 × 3 = 999.99")
    func halfUp() throws {
        let wb = try town("half_up")
        #expect(try column(wb, "total") == [75, 75, 76])
        #expect(try column(wb, "bonus") == [2986.73, 2986.73, 3026.55])
        #expect(sum(try column(wb, "bonus")) == 9000.01)
        #expect(try column(wb, "award_money") == [333.33, 333.33, 333.33])
    }

    // Bonus in fen: floors 298672, 298672, 302654 = 899998, 2 fen left; the
    // remainders .8673 (c3) and .5664 (c1 and c2, tied at rank 2: c1 by id)
    // get one each. Award: 33333 fen each, 1 left, to c3 (rank 1).
    @Test("largest_remainder: the pool and the award paid to the fen, the fen left over by remainder, then rank, then id")
    func largestRemainder() throws {
        let wb = try town("largest_remainder")
        #expect(try column(wb, "bonus") == [2986.73, 2986.72, 3026.55])
        #expect(sum(try column(wb, "bonus")) == 9000)
        #expect(try column(wb, "award_money") == [333.33, 333.33, 333.34])
        #expect(sum(try column(wb, "award_money")) == 1000)
    }

    @Test("equal totals tie on rank too: the id decides; temporary staff share the award, after the regulars")
    func ties() throws {
        let wb = try town("largest_remainder")
        let rows = try wb.rows(of: "cadres")
        // All three 75: 3000 each exactly, nothing left over. The award: c1, then c2, then c3.
        try wb.set(.number(5), row: rows[2], column: "democratic", sheet: "cadres")
        #expect(try column(wb, "bonus") == [3000, 3000, 3000])
        try wb.addRow(to: "awards", ["no": .number(2), "recipient": .text("综治办"), "level": .text("city"), "kind": .text("collective"),
                                     "content": .text("综治先进"), "evidence": .text("市委〔2026〕9号")])
        // 1000 + 1500 = 2500 among 3: 83333 fen each, 1 left; 1500: 50000 each.
        #expect(try column(wb, "award_money") == [833.34, 833.33, 833.33])
        // A temporary cadre joins: 1000/4 = 250, 1500/4 = 375, nothing left over.
        try wb.addRow(to: "cadres", ["id": .text("c0"), "name": .text("赵六"), "office": .text("综治办"), "staff": .text("temp"), "democratic": .number(9)])
        #expect(try column(wb, "award_money") == [625, 625, 625, 625])
        #expect(try column(wb, "bonus") == [3000, 3000, 3000, 0])
    }
}
