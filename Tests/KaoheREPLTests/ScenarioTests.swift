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

    // MARK: the file

    @Test("save inside a scenario writes the base and the scenario blocks; reopened and saved again, byte-identical")
    func roundTrip() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try Binary.run(["demo-2026.kaohe", "-c", "scenario new 降级", "-c", "office set 综治办 rank 4",
                                   "-c", "scenario new \"再 少\"", "-c", "param bottom_n 2",
                                   "-c", "deduct c05 4.3b x2 note=\"迟到, 早退\"", "-c", "save a.kaohe"],
                                  in: dir, environment: ["KAOHE_TODAY": "2026-12-01"])
        #expect(made.status == 0, "\(made.stderr)")
        let a = try String(contentsOf: dir.appendingPathComponent("a.kaohe"), encoding: .utf8)
        // The base is saved, not the scenario in use: the sheets are the demo's.
        let demo = try String(contentsOf: dir.appendingPathComponent("demo-2026.kaohe"), encoding: .utf8)
        // Right after the sheets (the change log follows); the defaulted date is
        // written into the change, so a later replay means the same.
        // (The demo's own `end` line closes the file after them.)
        #expect(a.hasPrefix(String(demo.dropLast("\nend\n".count)) + """

            scenario "降级"
              change "office set 综治办 rank 4"

            scenario "再 少" parent "降级"
              change "param bottom_n 2"
              change "deduct c05 4.3b x2 note=\\"迟到, 早退\\" date=2026-12-01 # made \\"events 53\\""

            """), "a.kaohe: \(a.suffix(1500))")
        let again = try Binary.run(["a.kaohe", "-c", "scenario list", "-c", "save b.kaohe"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("再 少"))
        let b = try Data(contentsOf: dir.appendingPathComponent("b.kaohe"))
        #expect(b == Data(a.utf8), "open and save again is not byte-identical")
    }

    // MARK: event numbers

    /// A scenario keeps its changes as commands, and `revoke N` names an
    /// event by its number. A base event recorded after the scenario was made
    /// takes the number the scenario's own event had, so on the next use the
    /// scenario revokes the base's event and keeps its own live. The same
    /// holds for `award evidence N`, `award revoke N` and `event set N`.
    @Test("a scenario's revoke of its own event still means that event after the base records one")
    func revokeOwnEventAfterBaseEvent() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        // demo: c01 rules 10 + 2 (4.6c) − 1 (4.2c) = 11, c02 rules 10; the demo has 52 events
        let r = try Binary.run(["demo-2026.kaohe", "-c", "scenario new 撤销", "-c", "deduct c01 4.1", "-c", "revoke 53",
                                "-c", "scenario use base", "-c", "deduct c02 4.1", "-c", "scenario use 撤销",
                                "-c", "export csv s.csv cols=id,rules"], in: dir, environment: ["KAOHE_TODAY": "2026-12-01"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = WorkedCaseTests.parseCSV(try String(contentsOf: dir.appendingPathComponent("s.csv"), encoding: .utf8))
        // In the scenario: c01's own deduction revoked (11), the base's deduction of c02 live (10 − 2 = 8).
        #expect(rows.first { $0.first == "c01" } == ["c01", "11.00"])
        #expect(rows.first { $0.first == "c02" } == ["c02", "8.00"])
    }

    // MARK: the journal

    /// Changes in the base, in a scenario and in one nested on it; the session ends inside the nested one.
    static let killed = [
        "set c02 democratic 9", "scenario new 试算", "set c01 democratic 9.5", "deduct c05 4.3b x2",
        "scenario new 嵌套", "param bottom_n 2", "office set 综治办 rank 4",
    ]

    @Test("a session killed with SIGKILL inside a scenario: --recover brings back the scenario in use, its changes and its figures")
    func killedInsideScenario() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("demo-2026.kaohe.journal").path
        let today = ["KAOHE_TODAY": "2026-12-01"]
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["demo-2026.kaohe"]
        process.currentDirectoryURL = dir
        process.environment = ProcessInfo.processInfo.environment.merging(today.merging(["LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]) { a, _ in a }) { _, new in new }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for line in Self.killed { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }
        // Every command (scenario new too) is in the journal before it returns.
        let deadline = Date().addingTimeInterval(20)
        while journalLines(journal) < Self.killed.count, Date() < deadline { usleep(20_000) }
        #expect(journalLines(journal) == Self.killed.count)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let look = ["-c", "scenario list", "-c", "export csv nested.csv", "-c", "scenario use 试算", "-c", "export csv outer.csv",
                    "-c", "scenario use base", "-c", "export csv base.csv"]
        let recovered = try Binary.run(["demo-2026.kaohe", "--recover"] + look, in: dir, environment: today)
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.stdout.contains("recovered \(Self.killed.count) unsaved changes"))
        // The nested scenario is the one in use, each holding its own changes.
        let list = WorkedCaseTests.lines(recovered.stdout)
        #expect(list.contains { $0.hasPrefix("*  嵌套 ") && $0.contains(" 试算 ") && $0.contains(" 2 ") }, "\(recovered.stdout)")
        #expect(list.contains { $0.hasPrefix("   试算 ") && $0.contains(" base ") && $0.contains(" 2 ") }, "\(recovered.stdout)")

        // The same commands in a session that was never killed give the same figures, file by file.
        let clean = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: clean) }
        let reference = try Binary.run(["demo-2026.kaohe"] + Self.killed.flatMap { ["-c", $0] } + look, in: clean, environment: today)
        #expect(reference.status == 0, "\(reference.stderr)")
        for file in ["nested.csv", "outer.csv", "base.csv"] {
            let got = try Data(contentsOf: dir.appendingPathComponent(file))
            #expect(got == (try Data(contentsOf: clean.appendingPathComponent(file))), "\(file) after recovery")
        }
        // And by hand: c01 democratic 7.5 → 9.5 and c05 rules 8 − 2 × 1 = 6 in the scenarios only; c02 9 everywhere.
        let figures = try ["nested.csv", "outer.csv", "base.csv"].map { file in
            let rows = WorkedCaseTests.parseCSV(try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8))
            let header = rows[0]
            func cell(_ id: String, _ key: String) -> String { rows.first { $0.first == id }.map { $0[header.firstIndex(of: key)!] } ?? "" }
            return [cell("c01", "democratic"), cell("c05", "rules"), cell("c02", "democratic"), cell("c06", "line")]
        }
        // 综治办 rank 3 → 4: line 25 → 24 for c06 (郭娜) in the nested scenario only
        #expect(figures == [["9.50", "6.00", "9.00", "24.00"], ["9.50", "6.00", "9.00", "25.00"], ["7.50", "8.00", "9.00", "25.00"]])
    }

    func journalLines(_ path: String) -> Int {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("base ") }.count
    }
}
