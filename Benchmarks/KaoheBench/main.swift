#if canImport(Glibc)
import Glibc
#endif
import KaoheCore

/// kaohe-bench N [--reps R]: builds the workload sheet of N cadres, times a
/// full recompute and single edits, checks every figure against a plain
/// reference, and prints one `RESULT {json}` line for Benchmarks/run.sh.
/// Each size runs in its own process so peak RSS is the size's own.

func milliseconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) * 1000 + Double(atto) / 1e15
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func fail(_ message: String) -> Never {
    let text = "kaohe-bench: \(message)\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(1)
}

// As the kaohe binary does, first thing.
Memory.keepFreedPages()
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--town" {
    guard arguments.count == 4, let n = Int(arguments[1]), let e = Int(arguments[2]) else {
        fail("usage: kaohe-bench --town CADRES EVENTS PATH")
    }
    do { try TownBench.write(cadres: n, events: e, to: arguments[3]) } catch { fail("\(error)") }
    exit(0)
}
if arguments.first == "--town-compute" {
    guard arguments.count == 2 || (arguments.count == 3 && arguments[2] == "--cell-by-cell") else {
        fail("usage: kaohe-bench --town-compute PATH [--cell-by-cell]")
    }
    do { try TownBench.compute(arguments[1], columnPasses: arguments.count == 2) } catch { fail("\(error)") }
    exit(0)
}
if arguments.first == "--town-open" {
    guard arguments.count == 2 else { fail("usage: kaohe-bench --town-open PATH") }
    do { try TownBench.open(arguments[1]) } catch { fail("\(error)") }
    exit(0)
}
if arguments.first == "--export" {
    guard arguments.count == 3, let n = Int(arguments[1]), let e = Int(arguments[2]) else {
        fail("usage: kaohe-bench --export CADRES EVENTS")
    }
    do { try ExportBench.run(cadres: n, events: e) } catch { fail("\(error)") }
    exit(0)
}
if arguments.first == "--copy" {
    guard arguments.count == 5, let e = Int(arguments[3]), let c = Int(arguments[4]) else {
        fail("usage: kaohe-bench --copy BASE OUT EVENTS CELLS")
    }
    do { try ReturnsBench.copy(from: arguments[1], to: arguments[2], events: e, cells: c) } catch { fail("\(error)") }
    exit(0)
}
if arguments.first == "--log" {
    guard arguments.count == 4, let n = Int(arguments[1]), let e = Int(arguments[2]), let l = Int(arguments[3]) else {
        fail("usage: kaohe-bench --log CADRES EVENTS ENTRIES")
    }
    do { try ReturnsBench.logFile(cadres: n, events: e, entries: l) } catch { fail("\(error)") }
    exit(0)
}
if arguments.first == "--file" {
    guard arguments.count == 3, let n = Int(arguments[1]), let e = Int(arguments[2]) else {
        fail("usage: kaohe-bench --file CADRES EVENTS")
    }
    do { try FileBench.run(cadres: n, events: e) } catch { fail("\(error)") }
    exit(0)
}
var reps = 41
if let i = arguments.firstIndex(of: "--reps"), i + 1 < arguments.count, let r = Int(arguments[i + 1]) {
    reps = r
    arguments.removeSubrange(i...(i + 1))
}
guard let n = arguments.first.flatMap(Int.init), n >= Workload.editID else {
    fail("usage: kaohe-bench N [--reps R]   (N ≥ \(Workload.editID))")
}

let clock = ContinuousClock()
var workload = Workload(n: n)

do {
    var wb: Workbook!
    let build = milliseconds(try clock.measure { wb = try workload.build() })

    // Full recompute: drop every cached value and compute all cells; the
    // median of as many runs as the anchors make (21; the first also
    // builds the aggregates).
    var fulls: [Double] = []
    for _ in 0..<21 {
        fulls.append(milliseconds(clock.measure { wb.recalculateAll() }))
    }
    if getenv("KAOHE_FULLS") != nil { print(fulls.map { String(format: "%.3f", $0) }.joined(separator: " ")) }
    let base = try Checks(reading: wb, workload: workload)
    let expectedBase = Checks.reference(workload)
    guard base == expectedBase else { fail("base figures differ:\n  kaohe     \(base)\n  reference \(expectedBase)") }

    // One input edit, then read that row's total, rank and bonus.
    let deductions = try wb.columnRef("deductions", sheet: "cadres")
    let refs = try ["total", "rank", "bonus"].map { try wb.columnRef($0, sheet: "cadres") }
    let row = try wb.rows(of: "cadres")[Workload.editID - 1]
    let original = workload.deductions[Workload.editID - 1]
    var edits: [Double] = []
    var sink = 0.0
    for k in 0..<reps {
        let v = (original + 1 + k) % 13
        let t = try clock.measure {
            try wb.set(.number(Double(v)), at: CellRef(deductions, row))
            for ref in refs { sink += wb.value(CellRef(ref, row)).number ?? 0 }
        }
        edits.append(milliseconds(t))
    }

    // An instructor's raw score moves the average: every non-instructor's
    // total, so this edit is O(n) by nature (once, not O(n²)).
    let ruralRaw = try wb.columnRef("rural_raw", sheet: "cadres")
    let instructorRow = try wb.rows(of: "cadres")[workload.instructor.firstIndex(of: true)!]
    var averageEdits: [Double] = []
    for k in 0..<5 {
        let t = try clock.measure {
            try wb.set(.number(Double(k % 16)), at: CellRef(ruralRaw, instructorRow))
            for ref in refs { sink += wb.value(CellRef(ref, row)).number ?? 0 }
        }
        averageEdits.append(milliseconds(t))
    }
    let i0 = workload.instructor.firstIndex(of: true)!
    try wb.set(.number(Double(workload.ruralRaw[i0]!)), at: CellRef(ruralRaw, instructorRow))

    // The edited state (person 500's deductions = 12) against the reference.
    try wb.set(.number(12), at: CellRef(deductions, row))
    workload.deductions[Workload.editID - 1] = 12
    let edited = try Checks(reading: wb, workload: workload)
    let expectedEdited = Checks.reference(workload)
    guard edited == expectedEdited else { fail("edited figures differ:\n  kaohe     \(edited)\n  reference \(expectedEdited)") }
    wb.recalculateAll()
    guard try Checks(reading: wb, workload: workload) == edited else { fail("incremental state differs from a full recompute") }

    let rss = peakRSSMegabytes()
    let e = median(edits), a = median(averageEdits), f = median(fulls)
    print("kaohe n=\(n): build \(build) ms, full \(f) ms, edit \(e) ms (median of \(reps)), average-moving edit \(a) ms, peak RSS \(rss) MB [\(sink > 0 ? "ok" : "?")]")
    print("  base:   \(base)")
    print("  edited: \(edited)")
    print("RESULT {\"engine\": \"kaohe\", \"n\": \(n), \"build_ms\": \(build), \"full_ms\": \(f), \"edit_ms\": \(e), \"reps\": \(reps), \"avg_edit_ms\": \(a), \"rss_mb\": \(rss), \"checks\": \(base.json)}")
} catch {
    fail("\(error)")
}
