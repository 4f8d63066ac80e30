import Foundation
import KaoheCore
import KaoheFile

/// `kaohe-bench --town N E PATH`: writes a workbook of the real town
/// template with N cadres, E events and two years of history, for timing the
/// REPL itself (`bench.py` pipes edits through `kaohe PATH`) and the exports.
enum TownBench {
    static func write(cadres n: Int, events e: Int, to path: String) throws {
        try WorkbookDocument(workbook: make(cadres: n, events: e)).save(to: path, force: true)
    }

    static func make(cadres n: Int, events e: Int) throws -> Workbook {
        var rng = SplitMix64(seed: 11)
        let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
        let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚")
        let offices = ["党政办", "经济发展办", "农业农村办", "城建办", "社会事务办", "综治办", "计生办", "财政所", "武装部"]
        guard let wb = try Templates.make("town", year: 2026) else { fail("the town template does not load") }
        try wb.appendRows(to: "offices", columns: ["name", "line_rank"],
                          rows: offices.enumerated().map { [.text($1), $0 == 8 ? .empty : .number(Double($0 % 6 + 1))] })
        let ids = (0..<n).map { String(format: "c%06d", $0 + 1) }
        try wb.appendRows(to: "cadres", columns: ["id", "name", "office", "instructor", "staff", "rural_raw", "petition_raw", "democratic"],
                          rows: ids.enumerated().map { i, id in
                              let instructor = rng.randint(0, 99) < 40
                              return [
                                  .text(id), .text(String(surnames[rng.randint(0, surnames.count - 1)]) + String(given[rng.randint(0, given.count - 1)])),
                                  .text(offices[rng.randint(0, offices.count - 1)]), .bool(instructor), i % 40 == 0 ? .text("temp") : .empty,
                                  instructor ? .number(Double(rng.randint(80, 150)) / 10) : .empty,
                                  instructor ? .number(Double(rng.randint(280, 400)) / 10) : .empty,
                                  .number(Double(rng.randint(60, 100)) / 10),
                              ]
                          })
        let rules: [(String, Double)] = [("4.1", -2), ("4.2a", -1), ("4.2l", 0), ("4.3b", -1), ("4.4a", -0.5), ("4.6a", -1), ("4.6c", 2), ("4.7", -2)]
        try wb.appendRows(to: "events", columns: ["no", "cadre", "rule", "times", "points", "date", "by", "revoked"],
                          rows: (0..<e).map { i in
                              let (code, points) = rules[rng.randint(0, rules.count - 1)]
                              return [.number(Double(i + 1)), .text(ids[rng.randint(0, n - 1)]), .text(code), .number(1), .number(points),
                                      .text(String(format: "2026-%02d-%02d", rng.randint(1, 12), rng.randint(1, 28))), .text("党政办"),
                                      .bool(i % 50 == 0)]
                          })
        try wb.appendRows(to: "history", columns: ["cadre", "year", "rank", "bottom"],
                          rows: ids.prefix(n / 10).flatMap { id in
                              [2024, 2025].map { [.text(id), .number(Double($0)), .number(Double(rng.randint(1, n))), .bool(rng.randint(0, 99) < 2)] }
                          })
        return wb
    }

    /// `kaohe-bench --town-compute PATH`: opens a town workbook and computes
    /// every cell once (what the first `rank` or `export` pays), then a full
    /// recompute from nothing; medians of 3 fresh opens (`KAOHE_BENCH_RUNS`
    /// sets how many: 1 under callgrind).
    static func compute(_ path: String, columnPasses: Bool = true) throws {
        let clock = ContinuousClock()
        var opens: [Double] = [], firsts: [Double] = [], fulls: [Double] = []
        let runs = Int(ProcessInfo.processInfo.environment["KAOHE_BENCH_RUNS"] ?? "") ?? 3
        for _ in 0..<runs {
            var wb: Workbook!
            opens.append(milliseconds(try clock.measure { wb = try WorkbookDocument.open(path).workbook }))
            wb.columnPasses = columnPasses
            firsts.append(milliseconds(clock.measure { readAll(wb) }))
            fulls.append(milliseconds(clock.measure { wb.recalculateAll() }))
        }
        let rss = peakRSSMegabytes()
        print("town \(path)\(columnPasses ? "" : " (cell by cell)"): open \(median(opens)) ms, first full computation \(median(firsts)) ms, full recompute \(median(fulls)) ms, peak RSS \(rss) MB")
        print("RESULT {\"engine\": \"kaohe-town\(columnPasses ? "" : "-cells")\", \"open_ms\": \(median(opens)), \"first_ms\": \(median(firsts)), \"full_ms\": \(median(fulls)), \"rss_mb\": \(rss)}")
    }

    /// `kaohe-bench --town-open PATH`: one open, nothing computed: the open
    /// alone, for a profile (`valgrind --tool=callgrind`) and its peak RSS.
    static func open(_ path: String) throws {
        let clock = ContinuousClock()
        var doc: WorkbookDocument!
        let ms = milliseconds(try clock.measure { doc = try WorkbookDocument.open(path, readOnly: true) })
        let rss = peakRSSMegabytes()
        print("town \(path): open \(ms) ms, \(try doc.workbook.rowCount(of: "cadres")) cadres, peak RSS \(rss) MB")
        print("RESULT {\"engine\": \"kaohe-town-open\", \"open_ms\": \(ms), \"rss_mb\": \(rss)}")
    }

    private static func readAll(_ wb: Workbook) {
        for sheet in wb.sheetNames {
            guard let rows = try? wb.rows(of: sheet), let columns = try? wb.columns(of: sheet) else { continue }
            for c in columns where c.formula != nil {
                guard let ref = try? wb.columnRef(c.key, sheet: sheet) else { continue }
                for row in rows { _ = wb.value(CellRef(ref, row)) }
            }
        }
    }
}
