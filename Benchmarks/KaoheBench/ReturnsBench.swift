import Foundation
import KaoheCore
import KaoheFile

/// Department returns at scale (issue 14), for `returns_bench.py`.
///
/// `kaohe-bench --copy BASE OUT E C`: a department's copy of BASE that
/// recorded E events and changed C cells since it was copied: the rows and
/// cells in its sheets and one change-log entry each, as kaohe logs typed
/// `deduct` and `set` commands (written here directly: typing 11,000
/// commands through the REPL would take minutes of setup).
///
/// `kaohe-bench --log N E L`: the town of N cadres and E events saved and
/// opened with a change log of L entries, and without one (the comparator),
/// medians of 5.
enum ReturnsBench {
    static let rules: [(code: String, points: Double)] = [("4.1", -2), ("4.2a", -1), ("4.2c", -1), ("4.3a", -1), ("4.3b", -1), ("4.4a", -0.5)]

    static func copy(from base: String, to out: String, events e: Int, cells c: Int) throws {
        let doc = try WorkbookDocument.open(base, readOnly: true)
        let wb = doc.workbook
        var log = doc.log ?? ChangeLog()
        let cadres = try wb.rows(of: "cadres")
        let ids = try cadres.map { try wb.value(row: $0, column: "id", sheet: "cadres").displayText }
        var rng = SplitMix64(seed: 23)
        let first = Int(try wb.maximum(column: "no", sheet: "events").number ?? 0) + 1
        var rows: [[Value]] = []
        for i in 0..<e {
            let rule = rules[rng.randint(0, rules.count - 1)]
            let id = ids[rng.randint(0, ids.count - 1)]
            let times = rng.randint(1, 3)
            let date = String(format: "2026-%02d-%02d", rng.randint(1, 12), rng.randint(1, 28))
            rows.append([.number(Double(first + i)), .text(id), .text(rule.code), .number(Double(times)), .number(rule.points),
                         .text(date), .text("宣传委员"), .bool(false)])
            var entry = LogEntry(id: ChangeLog.newID("e"), time: "2026-12-01 10:00:00", user: "宣传委员",
                                 command: "deduct \(id) \(rule.code)\(times > 1 ? " x\(times)" : "") date=\(date) by=宣传委员")
            entry.cadres = [id]
            entry.made = ["events \(first + i)"]
            log.entries.append(entry)
        }
        try wb.appendRows(to: "events", columns: ["no", "cadre", "rule", "times", "points", "date", "by", "revoked"], rows: rows)
        for _ in 0..<c {
            let k = rng.randint(0, ids.count - 1)
            let old = try wb.value(row: cadres[k], column: "democratic", sheet: "cadres")
            let new = Value.number(Double(rng.randint(60, 100)) / 10)
            try wb.set(new, row: cadres[k], column: "democratic", sheet: "cadres")
            var entry = LogEntry(id: ChangeLog.newID("e"), time: "2026-12-01 11:00:00", user: "宣传委员",
                                 command: "set \(ids[k]) democratic \(new.displayText)")
            entry.cadres = [ids[k]]
            entry.cell = LogCell(sheet: "cadres", key: ids[k], column: "democratic")
            (entry.old, entry.new) = (old, new)
            log.entries.append(entry)
        }
        let copy = WorkbookDocument(workbook: wb)
        copy.log = log
        try copy.save(to: out, force: true)
    }

    /// A log as a year of typing leaves it: three deductions to one cell change.
    static func log(_ count: Int, cadres n: Int) -> ChangeLog {
        var rng = SplitMix64(seed: 31)
        var log = ChangeLog()
        log.entries.reserveCapacity(count)
        for i in 0..<count {
            let id = String(format: "c%06d", rng.randint(1, n))
            let time = String(format: "2026-%02d-%02d %02d:%02d:00", rng.randint(1, 12), rng.randint(1, 28), rng.randint(8, 17), rng.randint(0, 59))
            if i % 4 == 3 {
                var e = LogEntry(id: ChangeLog.newID("e"), time: time, user: "党政办", command: "set \(id) democratic 8.5")
                e.cadres = [id]
                e.cell = LogCell(sheet: "cadres", key: id, column: "democratic")
                (e.old, e.new) = (.number(9), .number(8.5))
                e.effect = "democratic 9.00 → 8.50, total 88.00 → 87.50, rank 412 → 498"
                log.entries.append(e)
            } else {
                let rule = rules[rng.randint(0, rules.count - 1)]
                var e = LogEntry(id: ChangeLog.newID("e"), time: time, user: "宣传委员",
                                 command: "deduct \(id) \(rule.code) date=\(time.prefix(10))")
                e.cadres = [id]
                e.made = ["events \(200_000 + i)"]
                e.effect = "rules 10.00 → 9.00, total 88.00 → 87.00, rank 412 → 530"
                log.entries.append(e)
            }
        }
        return log
    }

    static func logFile(cadres n: Int, events e: Int, entries l: Int) throws {
        let wb = try TownBench.make(cadres: n, events: e)
        let path = NSTemporaryDirectory() + "kaohe-log-bench-\(getpid()).kaohe"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ContinuousClock()
        var results: [String: (save: Double, open: Double, size: Double, saveCPU: Double, openCPU: Double)] = [:]
        for (name, log) in [("without", ChangeLog()), ("with", Self.log(l, cadres: n))] {
            var saves: [Double] = [], opens: [Double] = [], saveCPU: [Double] = [], openCPU: [Double] = []
            var opened = WorkbookDocument(workbook: wb)
            opened.log = log
            for _ in 0..<5 {
                // A read-only document cannot save over its file: a fresh one holds what was read.
                let doc = WorkbookDocument(workbook: opened.workbook)
                doc.log = opened.log
                var cpu = ExportBench.cpuMilliseconds()
                saves.append(milliseconds(try clock.measure { try doc.save(to: path, force: true) }))
                saveCPU.append(ExportBench.cpuMilliseconds() - cpu)
                cpu = ExportBench.cpuMilliseconds()
                opens.append(milliseconds(try clock.measure { opened = try WorkbookDocument.open(path, readOnly: true) }))
                openCPU.append(ExportBench.cpuMilliseconds() - cpu)
            }
            let doc = opened
            guard doc.log?.entries.count == log.entries.count else { fail("the log did not come back: \(doc.log?.entries.count ?? 0) entries") }
            let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576
            results[name] = (median(saves), median(opens), size, median(saveCPU), median(openCPU))
        }
        let w = results["with"]!, o = results["without"]!
        print("log n=\(n) events=\(e): with \(l) log entries save \(w.save) ms (CPU \(w.saveCPU)), open \(w.open) ms (CPU \(w.openCPU)), \(String(format: "%.1f", w.size)) MB; "
            + "without a log save \(o.save) ms (CPU \(o.saveCPU)), open \(o.open) ms (CPU \(o.openCPU)), \(String(format: "%.1f", o.size)) MB (medians of 5)")
        print("RESULT {\"engine\": \"kaohe-log\", \"entries\": \(l), \"save_ms\": \(w.save), \"open_ms\": \(w.open), \"size_mb\": \(w.size), "
            + "\"save_cpu_ms\": \(w.saveCPU), \"open_cpu_ms\": \(w.openCPU), \"bare_save_cpu_ms\": \(o.saveCPU), \"bare_open_cpu_ms\": \(o.openCPU), "
            + "\"bare_save_ms\": \(o.save), \"bare_open_ms\": \(o.open), \"bare_size_mb\": \(o.size)}")
    }
}
