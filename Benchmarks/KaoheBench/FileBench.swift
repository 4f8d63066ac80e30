import Foundation
import KaoheCore
import KaoheFile

/// `kaohe-bench --file N E`: a workbook of N cadres and E events shaped like
/// the town template (the `rules` column sums each cadre's live events with a
/// grouped SUMIFS), saved and opened again.
enum FileBench {
    static func run(cadres n: Int, events e: Int) throws {
        var rng = SplitMix64(seed: 7)
        let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
        let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚")
        let offices = ["党政办", "经济办", "农业办", "城建办", "社会事务办", "综治办", "计生办", "财政所"]
        let wb = Workbook()
        try wb.setParam("decimals", .number(2))
        try wb.setParam("rules_base", .number(10))
        try wb.addSheet("cadres")
        for (key, label) in [("id", "编号"), ("name", "姓名"), ("office", "所在办"), ("instructor", "农村指导员"),
                             ("staff", "人员类别"), ("rural_raw", "农村指导员工作原始分"), ("petition_raw", "信访稳定工作原始分"),
                             ("democratic", "民主评议")] {
            try wb.addColumn(key, label: label, to: "cadres")
        }
        let cadreRows: [[Value]] = (0..<n).map { i in
            let instructor = rng.randint(0, 99) < 40
            return [
                .text(String(format: "c%06d", i + 1)),
                .text(String(surnames[rng.randint(0, surnames.count - 1)]) + String(given[rng.randint(0, given.count - 1)])),
                .text(offices[rng.randint(0, offices.count - 1)]), .bool(instructor), .text(i % 40 == 0 ? "temp" : "regular"),
                instructor ? .number(Double(rng.randint(0, 150)) / 10) : .empty,
                instructor ? .number(Double(rng.randint(0, 400)) / 10) : .empty,
                .number(Double(rng.randint(60, 100)) / 10),
            ]
        }
        try wb.appendRows(to: "cadres", columns: ["id", "name", "office", "instructor", "staff", "rural_raw", "petition_raw", "democratic"], rows: cadreRows)
        try wb.addSheet("events")
        for key in ["no", "cadre", "rule", "times", "points", "date", "by", "note", "live"] { try wb.addColumn(key, to: "events") }
        let rules: [(String, Double)] = [("4.1", -2), ("4.2a", -1), ("4.3b", -1), ("4.4a", -0.5), ("4.6c", 2), ("4.7", -2)]
        let eventRows: [[Value]] = (0..<e).map { i in
            let (code, points) = rules[rng.randint(0, rules.count - 1)]
            return [
                .number(Double(i + 1)), .text(String(format: "c%06d", rng.randint(1, n))), .text(code), .number(1), .number(points),
                .text(String(format: "2026-%02d-%02d", rng.randint(1, 12), rng.randint(1, 28))), .text("党政办"),
                i % 5 == 0 ? .text("值班缺席, 已核实") : .empty, .bool(i % 50 != 0),
            ]
        }
        try wb.appendRows(to: "events", columns: ["no", "cadre", "rule", "times", "points", "date", "by", "note", "live"], rows: eventRows)
        try wb.addColumn("rules", label: "机关制度", formula: "=MAX(0, rules_base+SUMIFS(events[points], events[cadre], id, events[live], TRUE))", to: "cadres")
        try wb.addColumn("rural", label: "农村指导员工作",
                         formula: "=ROUND(IF(instructor, rural_raw, AVERAGEIF(cadres[instructor], TRUE, cadres[rural_raw])), decimals)", to: "cadres")
        try wb.addColumn("total", label: "总分", formula: "=ROUND(rural+petition_raw+rules+democratic, decimals)", to: "cadres")
        try wb.addColumn("rank", label: "名次", formula: "=IF(staff=\"temp\", \"\", RANK(total, cadres[total]))", to: "cadres")

        let path = NSTemporaryDirectory() + "kaohe-file-bench-\(getpid()).kaohe"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ContinuousClock()
        var saves: [Double] = [], opens: [Double] = []
        var size = 0
        var reopened: Workbook?
        for _ in 0..<5 {
            let doc = WorkbookDocument(workbook: reopened ?? wb)
            saves.append(milliseconds(try clock.measure { try doc.save(to: path, force: true) }))
            opens.append(milliseconds(try clock.measure { reopened = try WorkbookDocument.open(path, readOnly: true).workbook }))
            size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        guard let reopened else { return }
        let full = milliseconds(clock.measure { reopened.recalculateAll() })
        let row = try reopened.rows(of: "cadres")[0]
        let total = try reopened.value(row: row, column: "total", sheet: "cadres")
        print("file n=\(n) events=\(e): save \(median(saves)) ms, open \(median(opens)) ms (medians of 5), size \(String(format: "%.1f", Double(size) / 1_048_576)) MB, then full recompute \(full) ms (c000001 total \(total))")
        print("RESULT {\"engine\": \"kaohe-file\", \"n\": \(n), \"events\": \(e), \"save_ms\": \(median(saves)), \"open_ms\": \(median(opens)), \"size_mb\": \(Double(size) / 1_048_576), \"full_ms\": \(full)}")
    }
}
