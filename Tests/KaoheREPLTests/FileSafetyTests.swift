import Foundation
import KaoheFile
import Testing

/// Issue 11 through the real binary: the journal bound to its file version,
/// one writer per workbook, torn and failed journal lines, replay of changes
/// only, and the messages for files that are not what they should be.
@Suite("the workbook is never lost or clobbered")
struct FileSafetyTests {
    /// The events of a workbook whose note is `note`.
    func events(_ note: String, in dir: URL, file: String = "demo-2026.kaohe") throws -> Int {
        let run = try Binary.run([file, "--read-only", "-c", "export csv ev.csv sheet=events force"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("ev.csv"), encoding: .utf8)
        return csv.split(separator: "\r\n").filter { $0.hasSuffix(",\(note),FALSE,,TRUE,deduct,-1.00") }.count
    }

    func exists(_ name: String, in dir: URL) -> Bool { FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path) }

    // MARK: 1. the journal is bound to its file version

    @Test("killed between renaming the saved file into place and removing the journal: nothing is replayed twice")
    func killAfterRename() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let killed = try Binary.run(["demo-2026.kaohe", "-c", "deduct c05 4.3b x1 note=once", "-c", "save"], in: dir,
                                    environment: ["KAOHE_CRASH_AT": "save.renamed"])
        #expect(killed.status == CrashPoint.status)
        #expect(exists("demo-2026.kaohe.journal", in: dir), "the kill left the journal behind")
        let recovered = try Binary.run(["demo-2026.kaohe", "--recover", "-c", "save"], in: dir)
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.stdout.contains("holds 1 unsaved change but was started on another version of demo-2026.kaohe than the one on disk"))
        #expect(recovered.stdout.contains("not replayed; kept as"))
        #expect(try events("once", in: dir) == 1)
    }

    // MARK: 2. one writer per workbook

    @Test("a second kaohe on a workbook in use is told who has it, may look read-only, and leaves the journal alone")
    func secondOpen() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = Process()
        first.executableURL = Binary.url
        first.arguments = ["demo-2026.kaohe"]
        first.currentDirectoryURL = dir
        let input = Pipe()
        first.standardInput = input
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        input.fileHandleForWriting.write(Data("deduct c05 4.3b x1 note=live\n".utf8))
        let journal = dir.appendingPathComponent("demo-2026.kaohe.journal")
        let deadline = Date().addingTimeInterval(20)
        while (try? String(contentsOf: journal, encoding: .utf8))?.contains("note=live") != true, Date() < deadline { usleep(20_000) }
        let journalBefore = try Data(contentsOf: journal)

        for arguments in [["-c", "show limit 1"], ["--recover", "-c", "save"]] {
            let second = try Binary.run(["demo-2026.kaohe"] + arguments, in: dir)
            #expect(second.status == 1)
            #expect(second.stderr.contains("another kaohe (pid \(first.processIdentifier), user "), "\(second.stderr)")
            #expect(second.stderr.contains("has this workbook open for writing; one writer at a time; to look at it without changing it: kaohe demo-2026.kaohe --read-only"))
        }
        let look = try Binary.run(["demo-2026.kaohe", "--read-only", "-c", "show c05"], in: dir)
        #expect(look.status == 0 && look.stdout.contains("is open read-only"), "\(look.stderr)")
        let change = try Binary.run(["demo-2026.kaohe", "--read-only", "-c", "deduct c06 4.3b x1"], in: dir)
        #expect(change.stderr == "-c:1: deduct: this workbook is open read-only, so it cannot change; save a copy to change that (save OTHER.kaohe)\n")
        #expect(try Data(contentsOf: journal) == journalBefore, "the live session's journal is untouched")

        input.fileHandleForWriting.write(Data("save\n".utf8))
        try input.fileHandleForWriting.close()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(try events("live", in: dir) == 1)
        #expect(!exists(".demo-2026.kaohe.lock", in: dir), "a clean end lets go of the lock")
    }

    @Test("a lock left by a killed kaohe is taken over, saying whose it was")
    func staleLock() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let killed = try Binary.run(["demo-2026.kaohe", "-c", "deduct c05 4.3b x1 note=stale"], in: dir, environment: ["KAOHE_CRASH_AT": "journal.synced"])
        #expect(killed.status == CrashPoint.status)
        #expect(exists(".demo-2026.kaohe.lock", in: dir))
        let next = try Binary.run(["demo-2026.kaohe", "--recover", "-c", "save"], in: dir)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("demo-2026.kaohe was left locked by a kaohe that is no longer running (pid "))
        #expect(try events("stale", in: dir) == 1)
    }

    @Test("a reader that leaves after one line (`| head -1`): the later commands still run, the save among them, and no lock is left")
    func readerLeavesEarly() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let process = Process()
        process.executableURL = Binary.url
        // Enough output to fill the pipe after the reader is gone.
        process.arguments = ["demo-2026.kaohe"] + Array(repeating: ["-c", "show cadres"], count: 20).flatMap { $0 }
            + ["-c", "deduct c05 4.3b x1 note=afterpipe", "-c", "save"]
        process.currentDirectoryURL = dir
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read the first line, then close the read end, as `head -1` does.
        var first = Data()
        while !first.contains(UInt8(ascii: "\n")), let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty { first.append(byte) }
        try output.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("id"))
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "status \(process.terminationStatus)")
        #expect(!exists(".demo-2026.kaohe.lock", in: dir))
        #expect(try events("afterpipe", in: dir) == 1)
    }

    @Test("two batch runs saving at once: each either saves its change or is refused; no saved change is lost")
    func twoWriters() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        var saved: [String] = []
        var refused = 0
        for round in 0..<20 {
            let runs = ["a\(round)", "b\(round)"].map { note in
                let p = Process()
                p.executableURL = Binary.url
                p.arguments = ["demo-2026.kaohe", "-c", "deduct c05 4.3b x1 note=\(note)", "-c", "save"]
                p.currentDirectoryURL = dir
                let out = Pipe(), err = Pipe()
                p.standardOutput = out
                p.standardError = err
                return (note, p, out, err)
            }
            for r in runs { try r.1.run() }
            for (note, p, out, err) in runs {
                let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                if p.terminationStatus == 0 {
                    #expect(stdout.contains("saved demo-2026.kaohe"))
                    saved.append(note)
                } else {
                    #expect(stderr.contains("has this workbook open for writing"), "\(stderr)")
                    refused += 1
                }
            }
        }
        let csv = try Binary.run(["demo-2026.kaohe", "-c", "export csv ev.csv sheet=events"], in: dir)
        #expect(csv.status == 0)
        let text = try String(contentsOf: dir.appendingPathComponent("ev.csv"), encoding: .utf8)
        for note in saved { #expect(text.components(separatedBy: ",\(note),").count == 2, "\(note) was saved and is lost") }
        #expect(saved.count + refused == 40)
        print("two writers: \(saved.count) of 40 runs saved, \(refused) refused by the lock, 0 saved changes lost")
    }

    // MARK: 3. torn and failed journal lines

    @Test("a journal whose last line was cut inside a Chinese character: the line is dropped, everything before it replayed")
    func tornTail() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let killed = try Binary.run(["demo-2026.kaohe", "-c", "deduct c05 4.3b x1 note=whole"], in: dir, environment: ["KAOHE_CRASH_AT": "journal.synced"])
        #expect(killed.status == CrashPoint.status)
        let journal = dir.appendingPathComponent("demo-2026.kaohe.journal")
        var bytes = try Data(contentsOf: journal)
        // "迟" is E8 BF 9F: keep two of its three bytes.
        bytes += Data("deduct c06 4.3b x1 note=迟".utf8).dropLast()
        try bytes.write(to: journal)
        let recovered = try Binary.run(["demo-2026.kaohe", "--recover", "-c", "save"], in: dir)
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.stdout.contains("demo-2026.kaohe.journal:4: the last line was cut short by the crash (its command never finished): dropped"))
        #expect(recovered.stdout.contains("recovered 1 unsaved change"))
        #expect(try events("whole", in: dir) == 1)
    }

    @Test("a journal that cannot grow (a file size limit, as a full disk): the change fails, the journal keeps only whole lines")
    func failedAppend() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = (10..<60).map { "deduct c05 4.3b x1 note=n\($0)" }.joined(separator: "\n") + "\n"
        try script.write(to: dir.appendingPathComponent("many.txt"), atomically: true, encoding: .utf8)
        // bash counts `ulimit -f` in 1,024-byte blocks; the crash step
        // keeps the journal as the failed append left it (a batch run's
        // end would remove it).
        let limited = try bash("ulimit -f 1; KAOHE_CRASH_AT=journal.cut-back exec \"$0\" demo-2026.kaohe -f many.txt", in: dir)
        #expect(limited.status == CrashPoint.status)
        let acknowledged = limited.stdout.split(separator: "\n").filter { $0.hasPrefix("event ") }.count
        #expect(acknowledged > 5 && acknowledged < 50, "\(limited.stdout)")
        let journal = try String(contentsOf: dir.appendingPathComponent("demo-2026.kaohe.journal"), encoding: .utf8)
        #expect(journal.hasSuffix("\n"))
        #expect(journal.split(separator: "\n").filter { $0.hasPrefix("deduct ") }.count == acknowledged)
        let recovered = try Binary.run(["demo-2026.kaohe", "--recover", "-c", "save"], in: dir)
        #expect(recovered.stdout.contains("recovered \(acknowledged) unsaved changes"), "\(recovered.stdout)\(recovered.stderr)")
        #expect(try events("n\(10 + acknowledged - 1)", in: dir) == 1)
        #expect(try events("n\(10 + acknowledged)", in: dir) == 0)

        let failed = try bash("ulimit -f 1; exec \"$0\" demo-2026.kaohe -f many.txt", in: dir)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("cannot write the journal of unsaved changes: File too large; the change was not made"), "\(failed.stderr)")
    }

    @Test("a change is acknowledged only once its journal line is on disk")
    func acknowledgedAfterSync() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        for step in ["journal.half", "journal.written", "journal.synced"] {
            let run = try Binary.run(["demo-2026.kaohe", "-c", "deduct c05 4.3b x1 note=ack"], in: dir, environment: ["KAOHE_CRASH_AT": step])
            #expect(run.status == CrashPoint.status)
            #expect(run.stdout.isEmpty, "\(step): acknowledged before its line was on disk: \(run.stdout)")
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("demo-2026.kaohe.journal"))
        }
    }

    // MARK: 4. replay runs only changes

    @Test("a journal holding save and export lines: recovery writes no file, replays the changes around them")
    func replayOnlyChanges() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let version = try WorkbookDocument.open(dir.appendingPathComponent("demo-2026.kaohe").path, readOnly: true).version
        let journal = """
            # kaohe journal
            base \(version)
            deduct c05 4.3b x1 note=before date=2026-03-01
            save \(dir.path)/elsewhere.kaohe
            export csv stolen.csv
            deduct c06 4.3b x1 note=after date=2026-03-02

            """
        try journal.write(to: dir.appendingPathComponent("demo-2026.kaohe.journal"), atomically: true, encoding: .utf8)
        let recovered = try Binary.run(["demo-2026.kaohe", "--recover", "-c", "save"], in: dir)
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.stdout.contains("demo-2026.kaohe.journal:4: 'save \(dir.path)/elsewhere.kaohe' does not change the workbook: not replayed"))
        #expect(recovered.stdout.contains("demo-2026.kaohe.journal:5: 'export csv stolen.csv' does not change the workbook: not replayed"))
        #expect(recovered.stdout.contains("recovered 2 unsaved changes"))
        #expect(!exists("elsewhere.kaohe", in: dir) && !exists("stolen.csv", in: dir))
        #expect(try events("before", in: dir) == 1 && events("after", in: dir) == 1)
    }

    // MARK: 9. deep formulas

    @Test("20,000 parentheses and a 100 KB sum: check, open, column add, set and show where answer with the column; no crash")
    func deepFormulas() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let parens = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        let sum = Array(repeating: "1", count: 50_000).joined(separator: "+")
        try "kaohe 2\nsheet t\ncolumn a\ncolumn b =\(parens)\nend\n".write(to: dir.appendingPathComponent("deep.kaohe"), atomically: true, encoding: .utf8)
        // `column b =` is 10 characters: the 200th '(' is column 10 + 200 = 210.
        let message = "the formula nests deeper than 200 levels here"
        for arguments in [["check", "deep.kaohe"], ["deep.kaohe", "-c", "show limit 1"]] {
            let run = try Binary.run(arguments, in: dir)
            #expect(run.status == 1)
            #expect(run.stderr.contains("deep.kaohe:4:210: \(message)"), "\(run.stderr.prefix(300))")
        }
        for (command, column) in [("column add z =\(parens)", 201), ("set c01 democratic =\(sum)", 401), ("show where \(sum)>0", 401)] {
            let run = try Binary.run(["demo-2026.kaohe", "-c", command], in: dir)
            #expect(run.status == 1)
            #expect(run.stderr.hasPrefix("-c:1: col \(column): \(message)"), "\(command.prefix(30)): \(run.stderr.prefix(300))")
        }
    }

    // MARK: 10. messages

    @Test("a folder, a script that is not UTF-8, a missing script: each named with where and why")
    func messages() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.kaohe"), withIntermediateDirectories: false)
        let folder = try Binary.run(["folder.kaohe", "-c", "show limit 1"], in: dir)
        #expect(folder.stderr == "kaohe: folder.kaohe: is a folder, not a file\n")
        let check = try Binary.run(["check", "folder.kaohe"], in: dir)
        #expect(check.stderr == "folder.kaohe: is a folder, not a file\n")
        // Line 2 is "show 张" in GB18030: 张 is D5 C5, not UTF-8, at column 6.
        try (Data("show limit 1\nshow ".utf8) + Data([0xD5, 0xC5]) + Data("\n".utf8)).write(to: dir.appendingPathComponent("gbk.txt"))
        let script = try Binary.run(["demo-2026.kaohe", "-f", "gbk.txt"], in: dir)
        #expect(script.stderr == "kaohe: gbk.txt:2:6: not UTF-8 text: a script is UTF-8 (was it saved by another program in another encoding?)\n")
        let missing = try Binary.run(["demo-2026.kaohe", "-f", "none.txt"], in: dir)
        #expect(missing.stderr == "kaohe: none.txt: no such file\n")
        let export = try Binary.run(["demo-2026.kaohe", "-c", "export csv folder.kaohe"], in: dir)
        #expect(export.stderr == "-c:1: export: folder.kaohe is a folder: give a file name, such as folder.kaohe/demo-2026.kaohe\n")
    }

    @Test("terminal control sequences in imported names are shown escaped, not sent to the terminal")
    func controlCharacters() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        // ESC [2J clears the screen; ESC ]0;…BEL retitles the window.
        try Data("id,name\nc99,\"x\u{1B}[2J\u{1B}]0;pwn\u{07}\"\n".utf8).write(to: dir.appendingPathComponent("r.csv"))
        let run = try Binary.run(["demo-2026.kaohe", "-c", "import cadres r.csv", "-c", "show c99", "-c", "set c99 democratic 5"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{07}"))
        #expect(run.stdout.contains("x\\x1B[2J\\x1B]0;pwn\\x07 (c99): democratic (empty) → 5.00"))
    }

    /// Runs a bash command line in `dir` (`$0` is the kaohe binary).
    func bash(_ command: String, in dir: URL) throws -> Binary.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", command, Binary.url.path]
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return Binary.Result(stdout: stdout, stderr: stderr, status: p.terminationStatus)
    }
}
