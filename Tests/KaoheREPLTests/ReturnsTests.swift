import Foundation
import KaoheCore
import KaoheFile
import Testing

/// Merging departments' copies and the change log, through the real binary.
@Suite("department returns: merge and the change log")
struct ReturnsTests {
    /// Runs commands on a file in `dir` as `user`, expecting success.
    @discardableResult
    func run(_ file: String, _ commands: [String], as user: String, at time: String = "2026-12-02 09:00:00", in dir: URL) throws -> String {
        let r = try Binary.run([file, "--user", user] + commands.flatMap { ["-c", $0] }, in: dir,
                               environment: ["KAOHE_NOW": time, "KAOHE_TODAY": "2026-12-02"])
        #expect(r.status == 0, "\(commands): \(r.stderr)")
        return r.stdout
    }

    func document(_ file: String, in dir: URL) throws -> WorkbookDocument {
        try WorkbookDocument.open(dir.appendingPathComponent(file).path)
    }

    func events(_ doc: WorkbookDocument) throws -> [(no: Double, cadre: String, rule: String, by: String)] {
        let wb = doc.workbook
        return try wb.rows(of: "events").map { r in
            (try wb.value(row: r, column: "no", sheet: "events").number ?? 0, try wb.value(row: r, column: "cadre", sheet: "events").displayText,
             try wb.value(row: r, column: "rule", sheet: "events").displayText, try wb.value(row: r, column: "by", sheet: "events").displayText)
        }
    }

    @Test("two departments in turn: every event once, numbered on without a gap or a duplicate, each entry logged with its author")
    func twoDepartments() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The demo has 52 events and no log yet: the office's first change starts it.
        try run("demo-2026.kaohe", ["set c01 democratic 8", "save"], as: "党政办", in: dir)
        for dept in ["宣传委员", "作风办"] {
            try FileManager.default.copyItem(at: dir.appendingPathComponent("demo-2026.kaohe"), to: dir.appendingPathComponent("\(dept).kaohe"))
        }
        try run("宣传委员.kaohe", ["deduct 李艳 4.2a x2 date=2026-03-05", "deduct 黄磊 4.2c date=2026-03-06", "save"], as: "宣传委员", in: dir)
        try run("作风办.kaohe", ["deduct 张磊 4.1 date=2026-04-01", "revoke 53 note=\"误录\"", "deduct 刘磊 4.1 date=2026-04-02", "save"], as: "作风办", in: dir)
        try run("demo-2026.kaohe", ["deduct 张超 4.7 date=2026-05-01", "save"], as: "党政办", in: dir)

        let first = try run("demo-2026.kaohe", ["merge 宣传委员.kaohe", "save"], as: "党政办", in: dir)
        #expect(first.contains("merged 宣传委员's copy (宣传委员.kaohe): 2 events, 0 cells, 0 conflicts"))
        let second = try run("demo-2026.kaohe", ["merge 作风办.kaohe", "merge 宣传委员.kaohe", "save"], as: "党政办", in: dir)
        #expect(second.contains("merged 作风办's copy (作风办.kaohe): 2 events, 0 cells, 1 other change, 0 conflicts"))
        #expect(second.contains("nothing new in 宣传委员.kaohe since it was last merged or copied"))

        let doc = try document("demo-2026.kaohe", in: dir)
        let all = try events(doc)
        // 52 of the demo, then ours (53), 宣传委员's two (54, 55), 作风办's two (56, 57).
        #expect(all.map(\.no) == (1...57).map(Double.init))
        let added = all.suffix(5).map { "\($0.no) \($0.cadre) \($0.rule) \($0.by)" }
        #expect(added == ["53.0 c05 4.7 党政办", "54.0 c01 4.2a 宣传委员", "55.0 c02 4.2c 宣传委员", "56.0 c03 4.1 作风办", "57.0 c04 4.1 作风办"])
        // 作风办's `revoke 53` was of its own first event, which is 56 here.
        let revoked = try doc.workbook.rows(of: "events").filter { try doc.workbook.value(row: $0, column: "revoked", sheet: "events") == .bool(true) }
            .map { try doc.workbook.value(row: $0, column: "no", sheet: "events").displayText }
        #expect(revoked.contains("56") && !revoked.contains("53"))
        let log = try #require(doc.log)
        let authors = log.entries.filter { $0.command.hasPrefix("deduct") || $0.command.hasPrefix("revoke") }.map { "\($0.user): \($0.command)" }
        #expect(authors == [
            "党政办: deduct 张超 4.7 date=2026-05-01", "宣传委员: deduct 李艳 4.2a x2 date=2026-03-05", "宣传委员: deduct 黄磊 4.2c date=2026-03-06",
            "作风办: deduct 张磊 4.1 date=2026-04-01", "作风办: revoke 56 note=\"误录\"", "作风办: deduct 刘磊 4.1 date=2026-04-02",
        ])
    }

    @Test("a copy of another workbook is refused, and nothing changes")
    func unrelated() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in ["a.kaohe", "b.kaohe"] { _ = try Binary.run(["new", f, "--year", "2026"], in: dir) }
        let before = try Data(contentsOf: dir.appendingPathComponent("a.kaohe"))
        let r = try Binary.run(["a.kaohe", "-c", "merge b.kaohe", "-c", "save"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("-c:1: merge: b.kaohe is not a copy of this workbook: its change log belongs to workbook"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("a.kaohe")) == before)
    }

    @Test("a killed session's changes come back into the log as they were made: the same time and author")
    func killedSessionKeepsItsLog() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Binary.run(["new", "t.kaohe", "--year", "2026"], in: dir)
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["t.kaohe", "--user", "综治办"]
        process.currentDirectoryURL = dir
        process.environment = ProcessInfo.processInfo.environment.merging(["KAOHE_NOW": "2026-03-05 14:02:11", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]) { _, b in b }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("office add 综治办 rank=2\ncadre add c01 \"欧阳 明\" office=综治办\n".utf8))
        let journal = dir.appendingPathComponent("t.kaohe.journal").path
        let deadline = Date().addingTimeInterval(20)
        while ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").components(separatedBy: "# logged ").count < 3, Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let r = try Binary.run(["t.kaohe", "--recover", "--user", "别人", "-c", "save"], in: dir, environment: ["KAOHE_NOW": "2026-12-31 23:59:59"])
        #expect(r.status == 0, "\(r.stderr)")
        let log = try #require(try document("t.kaohe", in: dir).log)
        #expect(log.entries.map { "\($0.time) \($0.user) \($0.command)" } == [
            "2026-03-05 14:02:11 综治办 office add 综治办 rank=2",
            "2026-03-05 14:02:11 综治办 cadre add c01 \"欧阳 明\" office=综治办",
        ])
    }

    @Test("the log round-trips through the file byte for byte, and year next starts it empty")
    func logRoundTrip() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Binary.run(["new", "t.kaohe", "--year", "2026"], in: dir)
        try run("t.kaohe", ["office add 党政办", "cadre add c01 \"李\\\"艳\" office=党政办", "set c01 democratic 9", "param bottom_n 1", "save"], as: "党 政\\办", in: dir)
        let text = try String(contentsOf: dir.appendingPathComponent("t.kaohe"), encoding: .utf8)
        let (wb, scenarios, log, _) = try WorkbookFile.document(text, file: "t.kaohe")
        #expect(WorkbookFile.write(wb, scenarios: scenarios, log: log) == text)
        #expect(log?.entries.count == 4)
        let param = try #require(log?.entries.last)
        #expect(param.cell?.column == "bottom_n" && param.old == .number(3) && param.new == .number(1) && param.user == "党 政\\办")
        try run("t.kaohe", ["year next t2027.kaohe"], as: "党政办", in: dir)
        let next = try #require(try document("t2027.kaohe", in: dir).log)
        #expect(next.entries.isEmpty && next.workbook != log?.workbook)
    }

    @Test("a copy of a file without a log yet that imported a return: its rows arrive, numbered on, once; its later revoke follows them")
    func mergeImported() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The demo has no log: both copies get the same identity from the file at their first change.
        try FileManager.default.copyItem(at: dir.appendingPathComponent("demo-2026.kaohe"), to: dir.appendingPathComponent("宣传委员.kaohe"))
        try "日期,姓名,条款\n2026-03-05,李艳,4.2a\n2026-03-06,黄磊,4.2c\n".write(to: dir.appendingPathComponent("return.csv"), atomically: true, encoding: .utf8)
        try run("宣传委员.kaohe", ["import events return.csv", "revoke 54 note=\"重复\"", "save"], as: "宣传委员", in: dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("return.csv"))
        try run("demo-2026.kaohe", ["deduct 张超 4.7 date=2026-05-01", "save"], as: "党政办", in: dir)
        let out = try run("demo-2026.kaohe", ["merge 宣传委员.kaohe", "merge 宣传委员.kaohe", "save"], as: "党政办", in: dir)
        #expect(out.contains("merged 宣传委员's copy (宣传委员.kaohe): 2 events, 0 cells, 1 other change, 0 conflicts"), "\(out)")
        #expect(out.contains("nothing new in 宣传委员.kaohe since it was last merged or copied"))
        let doc = try document("demo-2026.kaohe", in: dir)
        let added = try events(doc).suffix(3).map { "\($0.no) \($0.cadre) \($0.rule) \($0.by)" }
        #expect(added == ["53.0 c05 4.7 党政办", "54.0 c01 4.2a 宣传委员", "55.0 c02 4.2c 宣传委员"])
        let revoked = try doc.workbook.rows(of: "events").filter { try doc.workbook.value(row: $0, column: "revoked", sheet: "events") == .bool(true) }
            .map { try doc.workbook.value(row: $0, column: "no", sheet: "events").displayText }
        #expect(revoked.contains("55") && !revoked.contains("54"))
        let entry = try #require(doc.log?.entries.first { $0.command.hasPrefix("import") })
        #expect(entry.user == "宣传委员" && entry.command == "import events return.csv" && entry.made == ["events 54", "events 55"])
    }

    @Test("a file without a log that changed without kaohe's log is refused with what happened")
    func mergeUnloggedChange() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: dir.appendingPathComponent("demo-2026.kaohe"), encoding: .utf8)
        try text.replacingOccurrences(of: "param bottom_n = 3", with: "param bottom_n = 2")
            .write(to: dir.appendingPathComponent("old.kaohe"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["demo-2026.kaohe", "-c", "merge old.kaohe"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("merge: old.kaohe has no change log and is not this file as it was: it was made, or changed, by a kaohe older than the change log"), "\(r.stderr)")
    }
}
