import Foundation
import KaoheCore
import KaoheFile
import Testing

/// Kills kaohe at every step of a save and of a journal append, and at
/// random moments, then recovers: no acknowledged change is lost, none is
/// applied twice, and the workbook always opens.
///
/// `KAOHE_KILLS=N` sets the number of random kills (default 10; `make crash`
/// runs 1,000); `KAOHE_KILL_SEED` replays one run of them.
@Suite("crashes at every step", .serialized)
struct CrashTests {
    /// Five deductions, each on its own cadre and with its own note, and two
    /// saves: a deduction adds an event row, so one applied twice shows.
    static let script = [
        "deduct c05 4.3b x1 note=k1", "deduct c06 4.3b x1 note=k2", "save",
        "deduct c07 4.3b x1 note=k3", "deduct c08 4.3b x1 note=k4", "save",
        "deduct c09 4.3b x1 note=k5",
    ]
    /// The note of each cadre's deduction: an `event N: NAME (cXX) …` line acknowledges it.
    static let notes = ["c05": "k1", "c06": "k2", "c07": "k3", "c08": "k4", "c09": "k5"]

    @Test("killed at each step of a save and of a journal append, every time the step is reached")
    func everyStep() throws {
        var kills = 0
        for step in CrashPoint.steps {
            for n in 1... {
                let dir = try Binary.scratch(copying: "demo-2026.kaohe")
                defer { try? FileManager.default.removeItem(at: dir) }
                let run = try Binary.run(["demo-2026.kaohe"], stdin: Self.script.joined(separator: "\n") + "\n", in: dir,
                                         environment: ["KAOHE_CRASH_AT": "\(step):\(n)"])
                if run.status == 0 {
                    #expect(n > 1, "\(step) is never reached")
                    break
                }
                #expect(run.status == CrashPoint.status, "\(step):\(n): \(run.stderr)")
                try Self.check(acknowledged: run.stdout, in: dir, case: "\(step):\(n)")
                kills += 1
            }
        }
        // Reached: journal.opened 3 times (k1, and after each save), the
        // other three append steps 5 times, the five save steps twice:
        // 3 + 3 × 5 + 5 × 2 = 28.
        #expect(kills == 28)
    }

    @Test("killed with SIGKILL at random moments")
    func randomKills() throws {
        let count = Int(ProcessInfo.processInfo.environment["KAOHE_KILLS"] ?? "") ?? 10
        let seed = UInt64(ProcessInfo.processInfo.environment["KAOHE_KILL_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        var random = SplitMix64(seed: seed)
        var killed = 0
        var acknowledged = 0
        for i in 0..<count {
            let dir = try Binary.scratch(copying: "demo-2026.kaohe")
            defer { try? FileManager.default.removeItem(at: dir) }
            let process = Process()
            process.executableURL = Binary.url
            process.arguments = ["demo-2026.kaohe"]
            process.currentDirectoryURL = dir
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Standard input stays open, as a person's session would: the run
            // waits after its last command rather than end (and drop, as a
            // batch run's end does, what it did not save).
            input.fileHandleForWriting.write(Data((Self.script.joined(separator: "\n") + "\n").utf8))
            // The commands take about 0.15 s in a debug build: kill somewhere in them, or after.
            usleep(UInt32(random.next() % 200_000))
            kill(process.processIdentifier, SIGKILL)
            try input.fileHandleForWriting.close()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            acknowledged += printed.split(separator: "\n").filter { $0.hasPrefix("event ") }.count
            try Self.check(acknowledged: printed, in: dir, case: "seed \(seed), kill \(i)")
        }
        #expect(killed == count)
        print("random kills: \(killed) of \(count) runs killed (seed \(seed)), \(acknowledged) acknowledged changes, every one recovered once")
    }

    /// Reopens with --recover and compares the events with what was acknowledged.
    static func check(acknowledged stdout: String, in dir: URL, case name: String) throws {
        let recovered = try Binary.run(["demo-2026.kaohe", "--recover", "-c", "export csv ev.csv sheet=events"], in: dir)
        #expect(recovered.status == 0, "\(name): the workbook does not open after the kill: \(recovered.stderr)")
        guard recovered.status == 0 else { return }
        let csv = try String(contentsOf: dir.appendingPathComponent("ev.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let note = try #require(rows.first?.firstIndex(of: "note"))
        let acked = Set(stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("event "), let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")") else { return nil }
            return notes[String(line[line.index(after: open)..<close])]
        })
        for k in notes.values.sorted() {
            let n = rows.filter { $0.count > note && $0[note] == k }.count
            #expect(n <= 1, "\(name): \(k) applied \(n) times")
            if acked.contains(k) { #expect(n == 1, "\(name): \(k) was acknowledged and is lost") }
        }
    }
}
