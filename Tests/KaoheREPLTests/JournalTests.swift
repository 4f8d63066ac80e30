import Foundation
import Testing

@Suite("no lost changes")
struct JournalTests {
    /// The changes a killed session made, each checked after recovery.
    static let edits: [(command: String, column: String, id: String, expected: String)] = [
        ("set c01 democratic 9.5", "democratic", "c01", "9.50"),
        ("set 黄磊 rural_raw 14", "rural_raw", "c02", "14.00"),
        ("deduct c05 4.3b x2 note=\"迟到, 早退\"", "rules", "c05", "6.00"),  // 8 − 2 × 1
        ("cadre add c61 欧阳小明 office=党政办 instructor=是", "name", "c61", "欧阳小明"),
        ("set c61 democratic 8", "democratic", "c61", "8.00"),
        ("set c03 name \"张三丰\"", "name", "c03", "张三丰"),
    ]

    @Test("a session killed with SIGKILL after N changes: reopened with --recover, all N are there")
    func killedSessionRecovers() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        let journal = dir.appendingPathComponent("demo-2026.kaohe.journal").path
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["demo-2026.kaohe"]
        process.currentDirectoryURL = dir
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for edit in Self.edits {
            input.fileHandleForWriting.write(Data((edit.command + "\n").utf8))
        }
        // Every change is in the journal before its command returns: wait
        // until all N are, then kill without warning.
        let deadline = Date().addingTimeInterval(20)
        while journalLines(journal) < Self.edits.count, Date() < deadline { usleep(20_000) }
        #expect(journalLines(journal) == Self.edits.count)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // Batch without --recover refuses rather than drop the changes.
        let refused = try Binary.run(["demo-2026.kaohe", "-c", "show limit 1"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("holds \(Self.edits.count) unsaved changes"))
        #expect(refused.stderr.contains("--recover"))

        let recovered = try Binary.run(["demo-2026.kaohe", "--recover", "-c", "export csv out.csv", "-c", "save"], in: dir)
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.stdout.contains("recovered \(Self.edits.count) unsaved changes"))
        let csv = try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        for edit in Self.edits {
            let row = try #require(rows.first { $0.first == edit.id }, "no row for \(edit.id)")
            #expect(row[header.firstIndex(of: edit.column)!] == edit.expected, "\(edit.command)")
        }
        #expect(!FileManager.default.fileExists(atPath: journal), "a save removes the journal")
        try? FileManager.default.removeItem(at: dir)
    }

    @Test("a batch run drops its unsaved changes and its journal; a saved run keeps them")
    func batchEnd() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        let before = try Data(contentsOf: dir.appendingPathComponent("demo-2026.kaohe"))
        let run = try Binary.run(["demo-2026.kaohe"], stdin: "set c01 democratic 1\n", in: dir)
        #expect(run.status == 0)
        #expect(try Data(contentsOf: dir.appendingPathComponent("demo-2026.kaohe")) == before)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("demo-2026.kaohe.journal").path))
        try? FileManager.default.removeItem(at: dir)
    }

    @Test("two untitled sessions at once keep their own journals; the one killed is offered back, the other's is not touched")
    func untitledSessions() throws {
        let home = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: home) }
        let first = home.appendingPathComponent(".kaohe_untitled.journal").path
        let second = home.appendingPathComponent(".kaohe_untitled-2.journal").path
        func start() throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = Binary.url
            process.currentDirectoryURL = home
            process.environment = ["HOME": home.path, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (process, input)
        }
        func wait(_ path: String, lines: Int) {
            let deadline = Date().addingTimeInterval(20)
            while journalLines(path) < lines, Date() < deadline { usleep(20_000) }
        }
        let (a, aIn) = try start()
        aIn.fileHandleForWriting.write(Data("cadre add a1 甲\n".utf8))
        wait(first, lines: 1)
        let (b, bIn) = try start()
        bIn.fileHandleForWriting.write(Data("cadre add b1 乙\nset b1 democratic 7\n".utf8))
        wait(second, lines: 2)
        // Each session wrote only its own journal.
        #expect(journalLines(first) == 1)
        #expect(journalLines(second) == 2)
        // By command: a change's logged id is random hex, and may hold "b1".
        #expect(try String(contentsOfFile: second, encoding: .utf8).contains("cadre add b1") && !String(contentsOfFile: first, encoding: .utf8).contains("add b1"))
        kill(a.processIdentifier, SIGKILL)
        a.waitUntilExit()
        // The next untitled session finds the killed one's changes, not the live one's.
        let recovered = try Binary.run(["--recover", "-c", "show a1"], in: home, environment: ["HOME": home.path, "LANG": "C.UTF-8"])
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.stdout.contains("recovered 1 unsaved change from \(first)"), "\(recovered.stdout)")
        #expect(recovered.stdout.contains("甲"))
        #expect(journalLines(second) == 2, "the live session's journal is its own")
        bIn.fileHandleForWriting.closeFile()
        b.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: second), "a clean end drops its journal")
    }

    func journalLines(_ path: String) -> Int {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("base ") }.count
    }
}
