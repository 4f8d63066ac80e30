import Foundation
import KaoheFile
import Testing
@testable import KaoheREPL

/// Rosters that hold together on every path, and refusals that leave no
/// trace: one session on a copy of the demo town, in process.
@Suite("Rosters, in process")
final class RosterTests {
    let directory: URL
    let session: Session
    let printed = Printed()

    final class Printed: @unchecked Sendable {
        var lines: [String] = []
    }

    init() throws {
        directory = try Binary.scratch(copying: "demo-2026.kaohe")
        let printed = self.printed
        session = try Session.open(directory.appendingPathComponent("demo-2026.kaohe").path, recovery: .replay, output: { printed.lines.append($0) })
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// What a command printed.
    func run(_ line: String) throws -> [String] {
        printed.lines = []
        try session.execute(line)
        return printed.lines
    }

    /// The message a command is refused with; the workbook file as saved is
    /// the same before and after, and so is the number of unsaved changes.
    func refused(_ line: String) -> String? {
        let before = WorkbookFile.write(session.workbook), unsaved = session.unsaved
        defer {
            #expect(WorkbookFile.write(session.workbook) == before, "\(line) changed the workbook")
            #expect(session.unsaved == unsaved)
        }
        do { try session.execute(line); return nil } catch { return error.message }
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a refused import leaves no trace: the roster answers as before (it answered `no row #60 in sheet cadres`)")
    func refusedImportLeavesNoGhost() throws {
        let csv = try write("dup.csv", "id,name\nc61,新人\nc01,重号\n")
        #expect(refused("import cadres \(csv)") == "\(csv):3: the id c01 is already in cadres: each id is unique")
        #expect(refused("show c61") == "no cadre 'c61' (did you mean 李艳 (c01) or 陈春梅 (c11) or 马军 (c21)?)")
        #expect(try run("show cols id,name limit 1 sort id") == ["id   name\n───  ────\nc01  李艳\n1 row (of 60)"])
    }

    @Test("a change the journal cannot keep is taken back, and the roster with it")
    func journalFailureLeavesNoGhost() throws {
        try FileManager.default.createDirectory(atPath: session.journal!.path, withIntermediateDirectories: false)
        #expect(refused("cadre add c61 王小明")?.hasPrefix("\(session.journal!.path): cannot write the journal") == true)
        try FileManager.default.removeItem(atPath: session.journal!.path)
        #expect(refused("set 王小明 democratic 9") == "no cadre '王小明'")
        #expect(try run("cadre add c61 王小明").first == "added 王小明 (c61)")
    }

    @Test("an id change carries the cadre's award and history along, one undo step; events too")
    func idChangeCarries() throws {
        // 陈春梅 (c11): the province award 4 and two years of history.
        #expect(try run("set c11 id c99").prefix(2) == ["陈春梅 (c99): id c11 → c99; 1 award, 2 history rows follow", "陈春梅 (c99): id c11 → c99"])
        #expect(try run("show awards where no=4 cols no,recipient,paid") == ["no  recipient    paid\n──  ─────────  ──────\n 4  c99        800.00\n1 row (of 1 matching, 6)"])
        #expect(try run("history c99").joined().contains("2025  陈春梅 (c99)    11  FALSE\n2 results"))
        _ = try run("undo")
        #expect(try run("show awards where no=4 cols no,recipient") == ["no  recipient\n──  ─────────\n 4  c11\n1 row (of 1 matching, 6)"])
        // 李艳 (c01) has event 35 (4.2c) and the 4.6c credit of event 19: rules 11 either way.
        let events = try run("events c01")
        #expect(try run("set c01 id c70").first == "李艳 (c70): id c01 → c70; 2 events, 2 history rows follow")
        #expect(try run("events c70").dropFirst(2) == events.dropFirst(2))
        #expect(try run("show c70").contains { $0.contains("rules         11.00") })
    }

    @Test("ids and names are required and ids unique, on every command", arguments: [
        ("set c11 id c01", "set: the id c01 is taken by 李艳 (c01); ids are unique"),
        ("set c11 id \"\"", "a cadre's id cannot be empty (陈春梅 (c11) keeps c11)"),
        ("set c11 name \"\"", "a cadre's name cannot be empty: every cadre needs one"),
        ("clear c11 id", "a cadre's id cannot be empty (陈春梅 (c11) keeps c11)"),
        ("clear c11 name", "a cadre's name cannot be empty: every cadre needs one"),
        ("cadre add c01 某某", "cadre add: the id c01 is taken by 李艳 (c01)"),
        ("cadre add \"\" 某某", "cadre add: a cadre needs an id and a name; usage: cadre add ID NAME [office=O] [instructor=yes] [staff=temp]"),
        ("set c11 office 党政", "所在办 (office) takes one of offices[name], not '党政' (did you mean 党政办?)"),
        ("set c11 democratic 12", "民主评议 (democratic) takes a number from 0 to 10, not 12"),
        ("set c05 democratic 九", "民主评议 (democratic) takes a number from 0 to 10, not '九'"),
        ("set c03 petition_raw 45", "信访稳定工作原始分 (petition_raw) takes a number from 0 to 40, not 45"),
        ("set c03 rural_raw -1", "农村指导员工作原始分 (rural_raw) takes a number from 0 to 15, not -1"),
        ("set c03 staff tmp", "人员类别 (staff) takes regular or temp, not 'tmp' (did you mean temp?)"),
        ("param decimals -400", "param decimals takes a whole number from 0 to 6, not '-400'"),
        ("param fen_rounding largest", "param fen_rounding takes half_up or largest_remainder, not 'largest'"),
    ])
    func refusals(_ line: String, _ message: String) {
        #expect(refused(line) == message)
    }

    /// 87.50 + 1 = 88.50; the bonus 171000 × 88.5 / (Σ + 1), Σ = 171000 × 87.5 / 2923.47.
    @Test("full-width digits from a Chinese input method are the number they show")
    func fullWidth() throws {
        #expect(try run("set c01 democratic ８．５").first == "李艳 (c01): democratic 7.50 → 8.50, total 87.50 → 88.50, rank 46 → 35, bonus 2923.47 → 2956.30, payout 2923.47 → 2956.30")
        #expect(try run("set c01 democratic ７，５").first?.hasPrefix("李艳 (c01): democratic 8.50 → 7.50") == true)
    }

    @Test("a second cadre of an existing name is accepted, with a note")
    func namesakes() throws {
        #expect(try run("cadre add c61 黄磊").prefix(2) == ["added 黄磊 (c61)", "note: 黄磊 (c61), 黄磊 (c02) share a name: name them by id"])
        #expect(try run("set c03 name 黄磊").first == "note: 黄磊 (c03), 黄磊 (c02), 黄磊 (c61) share a name: name them by id")
    }
}
