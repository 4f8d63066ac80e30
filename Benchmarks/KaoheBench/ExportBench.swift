import Foundation
import KaoheCore
import KaoheFile

/// `kaohe-bench --export N E`: `export xlsx` of the town template with N
/// cadres and E events (computed first, as after any command that reads the
/// figures), and `export html` of the 60-cadre demo town: the bytes made and
/// written to a file, as the REPL does. Peak RSS is the whole process's,
/// workbook included; the workbook's own is printed beside it.
enum ExportBench {
    /// This process's CPU time: on a machine shared with other work, what the export itself costs.
    static func cpuMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
    }

    static func run(cadres n: Int, events e: Int) throws {
        let clock = ContinuousClock()
        let wb = try TownBench.make(cadres: n, events: e)
        let compute = milliseconds(clock.measure { wb.recalculateAll() })
        let before = peakRSSMegabytes()
        let path = NSTemporaryDirectory() + "kaohe-export-bench-\(getpid())"
        defer {
            try? FileManager.default.removeItem(atPath: path + ".xlsx")
            try? FileManager.default.removeItem(atPath: path + ".html")
        }
        var xlsx: [Double] = [], cpu: [Double] = []
        for _ in 0..<3 {
            let start = cpuMilliseconds()
            xlsx.append(milliseconds(try clock.measure { try XLSX.export(wb).write(to: URL(fileURLWithPath: path + ".xlsx")) }))
            cpu.append(cpuMilliseconds() - start)
        }
        let rss = peakRSSMegabytes()
        let size = Double((try FileManager.default.attributesOfItem(atPath: path + ".xlsx")[.size] as? Int) ?? 0) / 1_048_576

        let demo = try Templates.demo(year: 2026)
        demo.recalculateAll()
        var html: [Double] = []
        for _ in 0..<21 {
            html.append(milliseconds(try clock.measure { try HTMLReport.page(demo).write(to: URL(fileURLWithPath: path + ".html")) }))
        }
        print("export n=\(n) events=\(e): compute \(Int(compute)) ms; xlsx \(median(xlsx)) ms (median of 3; CPU \(median(cpu)) ms), \(String(format: "%.1f", size)) MB, "
            + "peak RSS \(rss) MB (workbook alone \(before) MB); html of the demo \(median(html)) ms (median of 21)")
        print("RESULT {\"engine\": \"kaohe-export\", \"n\": \(n), \"xlsx_ms\": \(median(xlsx)), \"xlsx_cpu_ms\": \(median(cpu)), \"rss_mb\": \(rss), \"workbook_rss_mb\": \(before), "
            + "\"size_mb\": \(size), \"html_ms\": \(median(html))}")
    }
}
