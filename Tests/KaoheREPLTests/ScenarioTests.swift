import Foundation
import Testing

/// What-if scenarios (issue 13) through the real binary: a worked town with
/// hand-computed figures for the base and two scenarios, and a session killed
/// inside a scenario.
@Suite("scenarios: worked figures and the journal")
struct ScenarioTests {
    // MARK: case 4 — Tests/WorkedCases/case4-scenarios.txt

    /// The base as case4-scenarios.txt computes it by hand: Σ 555, bonus =
    /// ROUND(18000 × total / 555, 2), four bottom (the 93 tie at the edge),
    /// a05's democratic corrected to 8 after 降级 was made.
    static let base: [[String]] = [
        // id     line     rural    petition  rules    dem     total    rank  bottom   status         bonus      award     payout
        ["a01", "27.00", "14.00", "38.00", "10.00", "9.00", "98.00", "1", "FALSE", "ok", "3178.38", "200.00", "3378.38"],
        ["a02", "27.00", "13.00", "37.00", "8.00", "8.00", "93.00", "3", "TRUE", "admonish", "3016.22", "0.00", "3016.22"],
        ["a03", "25.00", "12.00", "36.00", "8.00", "9.00", "90.00", "5", "TRUE", "admonish-6m", "2918.92", "0.00", "2918.92"],
        ["a04", "25.00", "13.00", "37.00", "9.50", "8.50", "93.00", "3", "TRUE", "admonish", "3016.22", "0.00", "3016.22"],
        ["a05", "24.00", "13.00", "37.00", "12.00", "8.00", "94.00", "2", "FALSE", "ok", "3048.65", "0.00", "3048.65"],
        ["a06", "24.00", "13.00", "37.00", "5.00", "8.00", "87.00", "6", "TRUE", "unqualified", "2821.62", "0.00", "2821.62"],
    ]

    /// 降级: 党政办 at rank 3 (a01, a02 line 25), event 5 revoked (a06 rules
    /// 10), and the base's later correction of a05; Σ 556.
    static let jiangji: [[String]] = [
        ["a01", "25.00", "14.00", "38.00", "10.00", "9.00", "96.00", "1", "FALSE", "ok", "3107.91", "200.00", "3307.91"],
        ["a02", "25.00", "13.00", "37.00", "8.00", "8.00", "91.00", "5", "TRUE", "admonish", "2946.04", "0.00", "2946.04"],
        ["a03", "25.00", "12.00", "36.00", "8.00", "9.00", "90.00", "6", "TRUE", "admonish-6m", "2913.67", "0.00", "2913.67"],
        ["a04", "25.00", "13.00", "37.00", "9.50", "8.50", "93.00", "3", "FALSE", "ok", "3010.79", "0.00", "3010.79"],
        ["a05", "24.00", "13.00", "37.00", "12.00", "8.00", "94.00", "2", "FALSE", "ok", "3043.17", "0.00", "3043.17"],
        ["a06", "24.00", "13.00", "37.00", "10.00", "8.00", "92.00", "4", "TRUE", "unqualified", "2978.42", "0.00", "2978.42"],
    ]

    /// 末位二 over 降级: bottom_n 2, a04 rules 8.5 (total 92, tied with a06 at
    /// 3), a03's award of 500; Σ 555 again.
    static let mowei: [[String]] = [
        ["a01", "25.00", "14.00", "38.00", "10.00", "9.00", "96.00", "1", "FALSE", "ok", "3113.51", "200.00", "3313.51"],
        ["a02", "25.00", "13.00", "37.00", "8.00", "8.00", "91.00", "5", "TRUE", "admonish", "2951.35", "0.00", "2951.35"],
        ["a03", "25.00", "12.00", "36.00", "8.00", "9.00", "90.00", "6", "TRUE", "admonish-6m", "2918.92", "500.00", "3418.92"],
        ["a04", "25.00", "13.00", "37.00", "8.50", "8.50", "92.00", "3", "FALSE", "ok", "2983.78", "0.00", "2983.78"],
        ["a05", "24.00", "13.00", "37.00", "12.00", "8.00", "94.00", "2", "FALSE", "ok", "3048.65", "0.00", "3048.65"],
        ["a06", "24.00", "13.00", "37.00", "10.00", "8.00", "92.00", "3", "FALSE", "ok", "2983.78", "0.00", "2983.78"],
    ]

    @Test("case 4: 南山镇 2026, the base and two scenarios, one nested, each exported with its own figures")
    func case4Scenarios() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let created = try Binary.run(["new", "t.kaohe", "--year", "2026"], in: dir)
        #expect(created.status == 0, "kaohe new: \(created.stderr)")
        let script = Binary.root.appendingPathComponent("Tests/WorkedCases/case4-scenarios.txt").path
        let r = try Binary.run(["t.kaohe", "-f", script], in: dir, environment: ["KAOHE_TODAY": "2026-12-01"])
        for (file, expected) in [("base.csv", Self.base), ("jiangji.csv", Self.jiangji), ("mowei.csv", Self.mowei)] {
            let data = (try? Data(contentsOf: dir.appendingPathComponent(file))) ?? Data()
            let run = WorkedCaseTests.Run(stdout: r.stdout, stderr: r.stderr, status: r.status,
                                          csv: WorkedCaseTests.parseCSV(String(decoding: data, as: UTF8.self)))
            WorkedCaseTests.check(run, against: expected)
        }
        // 降级 holds its own two changes, 末位二 its own three (not 降级's).
        let list = WorkedCaseTests.lines(r.stdout)
        #expect(list.contains { $0.contains("降级") && $0.contains(" base ") && $0.contains(" 2 ") }, "scenario list: \(r.stdout)")
        #expect(list.contains { $0.contains("末位二") && $0.contains(" 降级 ") && $0.contains(" 3 ") }, "scenario list: \(r.stdout)")
    }
}
