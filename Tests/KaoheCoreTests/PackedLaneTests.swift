@testable import KaoheCore
import Testing

/// Packed lanes (`Lane.packed`) against the cell path: inputs of every kind
/// a packed lane holds (numbers, booleans, blanks, errors, `""`) mixed with
/// text that turns a lane into `Value`s, under operators, comparisons,
/// ROUND, IF, IFERROR, MAX, MIN and RANK, bit for bit.
@Suite("Packed lanes = cell by cell")
struct PackedLaneTests {
    static let formulas = [
        "=a+b", "=a-b", "=a*b", "=a/b", "=a^b", "=-a", "=a%", "=a=b", "=a<>b", "=a<b", "=a>=b", "=a&b",
        "=ROUND(a/3, 2)", "=ROUND(a, b)", "=ROUNDDOWN(a*1.5, 0)", "=ROUNDUP(a, d)", "=IF(a>b, a, b)", "=IF(c, a, \"\")",
        "=IF(a, b, t)", "=IF(c, t, a)", "=IFERROR(a/b, t)", "=IFERROR(a/b, -1)", "=IFERROR(a, b)", "=MAX(0, 10-a)",
        "=MIN(a, b, 3)", "=MAX(a, c)", "=RANK(a, s[a])", "=RANK(b, s[b], 1)", "=a+b-a", "=0.1*a+0.2*a-0.3*a", "=a-a",
        "=IF(c, a+b, a-b)+1", "=(a>0)+(b>0)", "=a&\"\"", "=ROUND(IF(c, a, b), 1)",
        "=OR(a>1, c)", "=AND(a, b)", "=OR(c, t, a)", "=AND(a>=0, b<>0, c)", "=OR(a, 0)", "=AND(t, TRUE)", "=OR(d, b)", "=RANK(a, s[a], c)", "=NOT(c)", "=NOT(a)", "=NOT(a>b)", "=a*1E307*b", "=a*1E307+b*1E308-1E308",
        // Aggregates built over packed columns, against the build row by row.
        "=SUM(s[a])+a", "=AVERAGEIF(s[c], TRUE, s[a])", "=COUNTIF(s[c], FALSE)", "=MAX(s[b])", "=MIN(s[d])", "=SUMIF(s[d], \">0\", s[a])",
        "=COUNTIFS(s[c], TRUE, s[d], 2)", "=AVERAGE(s[b])", "=COUNTA(s[a])", "=COUNT(s[c])", "=SUMIFS(s[b], s[d], d)", "=RANK(d, s[d])",
        // Decimals with binary artefacts (f60): RANK ties them on the values
        // shown, the exact sum adds them whole; a divisor 0 or blank.
        "=a*0.1+d*0.7+0.2", "=RANK(f60, s[f60])", "=RANK(f60, s[f60], 1)", "=SUM(s[f60])", "=AVERAGEIF(s[c], TRUE, s[f60])",
        "=a/d", "=d/a", "=1E308/(a+0.5)/1E-10", "=RANK(ROUND(a, -1), s[a])", "=RANK(d, s[d], 1)",
        "=-0.3*a+0.1*a+0.2*a", "=c-(d*0.1+d*0.2)*(10/3)",
        // -0 kept bit for bit, booleans, blanks and text divided, 0/0.
        "=(0-a)*0", "=(0-a)*0+(0-b)*0", "=MAX((0-a)*0, b)", "=c/a", "=a/t", "=b/(a-a)", "=(a-a)/(b-b)",
        // An order that reads the row, over ties.
        "=RANK(d, s[d], c)", "=RANK(d, s[d], d>0)",
    ]

    /// Inputs drawn so that each kind turns up often, and rows where a whole
    /// lane stays numbers.
    static func value(_ rng: inout SplitMix64, text: Bool) -> Value {
        switch rng.randint(0, 19) {
        case 0: return .empty
        case 1: return .bool(rng.randint(0, 1) == 1)
        case 2: return .error([CellError.div0, .value, .na][rng.randint(0, 2)])
        case 3: return .text("")
        case 4: return text ? .text(["x", "3", "TRUE", "甲"][rng.randint(0, 3)]) : .number(0)
        case 5: return .number(0)
        default: return .number(Double(rng.randint(-400, 400)) / 8)
        }
    }

    static func sheet(seed: UInt64, rows n: Int, text: Bool, passThreshold: Int) throws -> Workbook {
        var rng = SplitMix64(seed: seed)
        let wb = Workbook()
        wb.passThreshold = passThreshold
        try wb.addSheet("s")
        for key in ["a", "b", "c", "d", "t"] { try wb.addColumn(key, to: "s") }
        let rows: [[Value]] = (0..<n).map { _ in
            [value(&rng, text: text), value(&rng, text: text), rng.randint(0, 9) < 8 ? .bool(rng.randint(0, 1) == 1) : value(&rng, text: text),
             .number(Double(rng.randint(-2, 3))), .text(["甲", "x", ""][rng.randint(0, 2)])]
        }
        try wb.appendRows(to: "s", columns: ["a", "b", "c", "d", "t"], rows: rows)
        for (i, f) in formulas.enumerated() { try wb.addColumn("f\(i)", formula: f, to: "s") }
        return wb
    }

    static func everything(_ wb: Workbook) throws -> [[Value]] {
        let rows = try wb.rows(of: "s")
        return try formulas.indices.map { i in
            let ref = try wb.columnRef("f\(i)", sheet: "s")
            return rows.map { wb.value(CellRef(ref, $0)) }
        }
    }

    @Test("mixed kinds, all-number sheets and sheets with text: the pass agrees with the cell path", arguments: [false, true])
    func againstCellPath(text: Bool) throws {
        for seed in UInt64(1)...12 {
            let passed = try Self.everything(Self.sheet(seed: seed, rows: 300, text: text, passThreshold: 1))
            let cells = try Self.everything(Self.sheet(seed: seed, rows: 300, text: text, passThreshold: .max))
            for (i, f) in Self.formulas.enumerated() {
                let diffs = zip(passed[i], cells[i]).enumerated().filter { !$0.element.0.isIdentical(to: $0.element.1) }
                #expect(diffs.isEmpty, "\(f) seed \(seed): row \(diffs.first?.offset ?? -1): pass \(diffs.first.map { "\($0.element.0)" } ?? "") cell \(diffs.first.map { "\($0.element.1)" } ?? "")")
            }
        }
    }

    @Test("a sheet of numbers only stays packed from read to cache, and a & turns the lane into text")
    func packedAndText() throws {
        let wb = Workbook()
        wb.passThreshold = 1
        try wb.addSheet("s")
        try wb.addColumn("a", to: "s")
        try wb.appendRows(to: "s", columns: ["a"], rows: (0..<100).map { [.number(Double($0) / 4)] })
        try wb.addColumn("p", formula: "=ROUND(a*1.1, 1)+1", to: "s")
        try wb.addColumn("q", formula: "=p&\"分\"", to: "s")
        let rows = try wb.rows(of: "s")
        let p = try wb.columnRef("p", sheet: "s"), q = try wb.columnRef("q", sheet: "s")
        // 7/4 × 1.1 = 1.925 → 1.9, + 1 = 2.9.
        #expect(wb.value(CellRef(p, rows[7])) == .number(2.9))
        #expect(wb.value(CellRef(q, rows[7])) == .text("2.9分"))
        #expect(wb.value(CellRef(q, rows[0])) == .text("1分"))
    }
}
