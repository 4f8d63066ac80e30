import KaoheCore

/// The assessment-sheet benchmark workload: the same data, draw for draw, as
/// `Benchmarks/anchors/workload.py`, so kaohe and the anchors compute one sheet.
struct Workload {
    static let offices = [
        "Aomori", "Akita", "Iwate", "Miyagi", "Yamagata", "Fukushima", "Niigata", "Nagano",
        "Gunma", "Tochigi", "Ibaraki", "Saitama", "Chiba", "Tokyo", "Kanagawa", "Shizuoka",
        "Aichi", "Gifu", "Mie", "Shiga",
    ]
    static let editID = 500

    let n: Int
    var office: [String] = []
    var instructor: [Bool] = []
    var lineRank: [Int] = []
    var ruralRaw: [Int?] = []
    var petitionRaw: [Int?] = []
    var deductions: [Int] = []
    var democratic: [Int] = []

    init(n: Int, seed: UInt64 = 20_240_601) {
        self.n = n
        var rng = SplitMix64(seed: seed)
        var ranks = Array(1...10) + Array(1...10)
        for i in stride(from: ranks.count - 1, to: 0, by: -1) {
            ranks.swapAt(i, rng.randint(0, i))
        }
        for _ in 0..<n {
            let o = rng.randint(0, 19)
            let instr = rng.randint(0, 99) < 40
            let rural = rng.randint(0, 15)
            let petition = rng.randint(0, 40)
            let k = rng.randint(0, 3)
            let penalties = (0..<3).map { _ in rng.randint(1, 4) }
            let dem = rng.randint(0, 10)
            office.append(Self.offices[o])
            instructor.append(instr)
            lineRank.append(ranks[o])
            ruralRaw.append(instr ? rural : nil)
            petitionRaw.append(instr ? petition : nil)
            deductions.append(penalties.prefix(k).reduce(0, +))
            democratic.append(dem)
        }
    }

    static let inputColumns = ["id", "office", "instructor", "line_rank", "rural_raw", "petition_raw", "deductions", "democratic"]

    /// The sheet's formulas in kaohe's language, in column order.
    func formulas() -> [(String, String)] {
        [
            ("line", "=25+(3-line_rank)*1"),
            ("rural", "=IF(instructor,rural_raw,AVERAGEIF(cadres[instructor],TRUE,cadres[rural_raw]))"),
            ("petition", "=IF(instructor,petition_raw,AVERAGEIF(cadres[instructor],TRUE,cadres[petition_raw]))"),
            ("rules", "=MAX(0,10-deductions)"),
            ("total", "=line+rural+petition+rules+democratic"),
            ("rank", "=RANK(total,cadres[total])"),
            ("bonus", "=3000*\(n)*total/SUM(cadres[total])"),
        ]
    }

    func rows() -> [[Value]] {
        (0..<n).map { i in
            [
                .number(Double(i + 1)), .text(office[i]), .bool(instructor[i]), .number(Double(lineRank[i])),
                ruralRaw[i].map { .number(Double($0)) } ?? .empty,
                petitionRaw[i].map { .number(Double($0)) } ?? .empty,
                .number(Double(deductions[i])), .number(Double(democratic[i])),
            ]
        }
    }

    /// Builds the sheet in a fresh workbook.
    func build() throws -> Workbook {
        let wb = Workbook()
        try wb.addSheet("cadres")
        for key in ["id", "office", "instructor", "line_rank", "line", "rural_raw", "rural", "petition_raw",
                    "petition", "deductions", "rules", "democratic", "total", "rank", "bonus"] {
            try wb.addColumn(key, to: "cadres")
        }
        try wb.appendRows(to: "cadres", columns: Self.inputColumns, rows: rows())
        for (key, formula) in formulas() { try wb.setFormula(formula, column: key, sheet: "cadres") }
        return wb
    }
}

/// The consistency figures every engine reports for one state of the sheet.
struct Checks: Equatable, CustomStringConvertible {
    var sumTotal: Double
    var sumBonus: Double
    var total500: Double
    var rank500: Double
    var bonus500: Double
    var ruralAverage: Double
    var rankOnes: Int
    var maxRank: Double

    var description: String {
        "sum_total \(Num.general(sumTotal)), sum_bonus \(Num.general(sumBonus)), total_500 \(Num.general(total500)), "
            + "rank_500 \(Num.general(rank500)), bonus_500 \(Num.general(bonus500)), rural_avg \(Num.general(ruralAverage)), "
            + "n_rank1 \(rankOnes), max_rank \(Num.general(maxRank))"
    }

    var json: String {
        "{\"sum_total\": \(sumTotal), \"sum_bonus\": \(sumBonus), \"total_500\": \(total500), \"rank_500\": \(rank500), "
            + "\"bonus_500\": \(bonus500), \"rural_avg\": \(ruralAverage), \"n_rank1\": \(rankOnes), \"max_rank\": \(maxRank)}"
    }

    /// Reads the figures from a workbook (this computes every stale cell).
    init(reading wb: Workbook, workload: Workload) throws {
        let rows = try wb.rows(of: "cadres")
        func column(_ key: String) throws -> [Double] {
            let ref = try wb.columnRef(key, sheet: "cadres")
            return rows.map { wb.value(CellRef(ref, $0)).number ?? .nan }
        }
        let total = try column("total"), rank = try column("rank"), bonus = try column("bonus"), rural = try column("rural")
        self.init(total: total, rank: rank, bonus: bonus, rural: rural, workload: workload)
    }

    init(total: [Double], rank: [Double], bonus: [Double], rural: [Double], workload: Workload) {
        var st = ExactSum(), sb = ExactSum()
        total.forEach { st.add($0) }
        bonus.forEach { sb.add($0) }
        let e = Workload.editID - 1
        let firstNon = workload.instructor.firstIndex(of: false) ?? 0
        sumTotal = st.value
        sumBonus = sb.value
        total500 = total[e]
        rank500 = rank[e]
        bonus500 = bonus[e]
        ruralAverage = rural[firstNon]
        rankOnes = rank.filter { $0 == 1 }.count
        maxRank = rank.max() ?? 0
    }

    /// The same figures from plain loops, no engine: the reference the
    /// engine's incremental results must match exactly. Arithmetic is plain
    /// doubles in the formulas' order; sums are exact (as the engine's SUM);
    /// RANK compares totals as shown to 15 digits.
    static func reference(_ w: Workload) -> Checks {
        func average(_ raw: [Int?]) -> Double {
            let xs = zip(raw, w.instructor).compactMap { $1 ? $0 : nil }
            return Double(xs.reduce(0, +)) / Double(xs.count)
        }
        let avgR = average(w.ruralRaw), avgP = average(w.petitionRaw)
        var total: [Double] = [], rural: [Double] = []
        for i in 0..<w.n {
            let line = Double(25 + (3 - w.lineRank[i]))
            let r = w.instructor[i] ? Double(w.ruralRaw[i]!) : avgR
            let p = w.instructor[i] ? Double(w.petitionRaw[i]!) : avgP
            let rules = Double(max(0, 10 - w.deductions[i]))
            total.append(line + r + p + rules + Double(w.democratic[i]))
            rural.append(r)
        }
        let sorted = total.map(Num.canonical).sorted()
        let rank = total.map(Num.canonical).map { t -> Double in
            // 1 + how many are strictly greater.
            var lo = 0, hi = sorted.count
            while lo < hi { let m = (lo + hi) / 2; if sorted[m] <= t { lo = m + 1 } else { hi = m } }
            return Double(sorted.count - lo + 1)
        }
        var sum = ExactSum()
        total.forEach { sum.add($0) }
        let bonus = total.map { 3000 * Double(w.n) * $0 / sum.value }
        return Checks(total: total, rank: rank, bonus: bonus, rural: rural, workload: w)
    }
}
