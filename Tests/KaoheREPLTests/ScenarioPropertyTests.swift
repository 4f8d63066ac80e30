import Foundation
import KaoheCore
import KaoheFile
import KaoheREPL
import Testing

/// The property of issue 13: whatever was done on the way (base changes,
/// scenarios made over scenarios, switching, undo and redo in each), the
/// scenario in use shows the figures of a workbook built from scratch — the
/// base written to text and read back, with the stored changes of the
/// scenario and its ancestors replayed in a fresh session.
///
/// The base to compare with is kept by a second session that runs exactly
/// the commands given while the first one was on the base.
@Suite("scenarios: random sequences against a workbook built from scratch")
struct ScenarioPropertyTests {
    /// 200 sequences in the default run; KAOHE_SCENARIO_PROPERTY_COUNT runs more.
    static let count = Int(ProcessInfo.processInfo.environment["KAOHE_SCENARIO_PROPERTY_COUNT"] ?? "") ?? 200
    static let seed: UInt64 = 0x5CE7_A210_0013_2026
    static let steps = 10

    /// The figures compared, for every cadre.
    static let columns = ["total", "rank", "bottom", "status", "bonus", "payout"]

    /// A small town: three offices, two instructors, a temporary cadre, events and an award.
    static let setup = [
        "office add 党政办 rank=1", "office add 经发办 rank=3", "office add 综治办 rank=4",
        "cadre add c01 甲 office=党政办 instructor=yes", "cadre add c02 乙 office=党政办",
        "cadre add c03 丙 office=经发办", "cadre add c04 丁 office=经发办 instructor=yes",
        "cadre add c05 戊 office=综治办", "cadre add c06 己 office=综治办", "cadre add c07 庚 office=综治办 staff=temp",
        "set c01 rural_raw 14", "set c04 rural_raw 12", "set c01 petition_raw 38", "set c04 petition_raw 35",
        "set c01 democratic 9", "set c02 democratic 8", "set c03 democratic 7.5", "set c04 democratic 9",
        "set c05 democratic 6", "set c06 democratic 8.5", "set c07 democratic 7",
        "deduct c02 4.3b x2 date=2026-03-01", "credit c03 4.6c date=2026-06-01", "deduct c06 4.2a x3 date=2026-04-01",
        "award c01 district individual \"优秀\" evidence=\"区委〔2026〕1号\"",
    ]

    /// The setup's base as text: every sequence starts from it.
    static let start: String = {
        let session = Session(document: WorkbookDocument(workbook: try! Templates.make("town", year: 2026)!), output: { _ in })
        for line in setup { try! session.execute(line) }
        return WorkbookFile.write(session.document.workbook)
    }()

    static func session(from text: String) -> Session {
        let workbook = try! WorkbookFile.read(text, file: "base.kaohe")
        return Session(document: WorkbookDocument(workbook: workbook), output: { _ in })
    }

    /// Each cadre's figures, by id.
    static func figures(_ wb: Workbook) -> [String: [Value]] {
        var out: [String: [Value]] = [:]
        for row in (try? wb.rows(of: "cadres")) ?? [] {
            let id = (try? wb.value(row: row, column: "id", sheet: "cadres"))?.displayText ?? "?"
            out[id] = columns.map { (try? wb.value(row: row, column: $0, sheet: "cadres")) ?? .empty }
        }
        return out
    }

    /// The first difference between two sets of figures, or nil.
    static func difference(_ got: [String: [Value]], _ want: [String: [Value]]) -> String? {
        guard Set(got.keys) == Set(want.keys) else {
            return "cadres \(got.keys.sorted()) in the session, \(want.keys.sorted()) from scratch"
        }
        for id in got.keys.sorted() {
            for (k, key) in columns.enumerated() where got[id]![k] != want[id]![k] {
                return "\(id) \(key): \(got[id]![k].displayText) in the session, \(want[id]![k].displayText) from scratch"
            }
        }
        return nil
    }

    /// The base read back from its text with a scenario chain's changes
    /// replayed in a fresh session. A change that no longer applies over the
    /// base is skipped, as entering the scenario does. Reading a workbook is
    /// the slow part of a step, so when the next chain only adds changes to
    /// the last one, the same session replays just the added ones.
    /// The figures found so far are kept too, by base and changes, for all sequences.
    struct Scratch {
        var text = ""
        var changes: [String] = []
        var session: Session?
        var known: [[String]: [String: [Value]]] = [:]

        mutating func figures(_ text: String, _ changes: [String]) -> [String: [Value]] {
            if let figures = known[[text] + changes] { return figures }
            if session == nil || text != self.text || !changes.starts(with: self.changes) {
                (self.text, self.changes, session) = (text, [], ScenarioPropertyTests.session(from: text))
            }
            for change in changes.dropFirst(self.changes.count) { try? session!.execute(change) }
            self.changes = changes
            let figures = ScenarioPropertyTests.figures(session!.document.workbook)
            known[[text] + changes] = figures
            return figures
        }
    }

    /// A random sequence of commands: changes, undo, redo, scenarios made
    /// (over the one in use) and switched to.
    static func sequence(seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var ids = (1...7).map { String(format: "c%02d", $0) }
        var scenarios: [String] = []
        func pick<T>(_ xs: [T]) -> T { xs[rng.randint(0, xs.count - 1)] }

        func change() -> String {
            let id = pick(ids)
            switch rng.randint(0, 8) {
            case 0: return "set \(id) democratic \(Double(rng.randint(0, 20)) / 2)"
            case 1: return "set \(pick(["c01", "c04"])) rural_raw \(rng.randint(0, 15))"
            case 2: return "deduct \(id) \(pick(["4.1", "4.3b", "4.2a x2", "4.4a x3"])) date=2026-0\(rng.randint(1, 9))-1\(rng.randint(0, 9))"
            case 3: return "revoke \(rng.randint(1, 8))"
            case 4: return "office set \(pick(["党政办", "经发办", "综治办"])) rank \(rng.randint(1, 6))"
            case 5: return "param bottom_n \(rng.randint(0, 4))"
            case 6:
                let new = "c\(rng.randint(20, 24))"
                if !ids.contains(new) { ids.append(new) }
                return "cadre add \(new) 新\(new.dropFirst()) office=\(pick(["党政办", "经发办", "综治办"]))"
            case 7: return "cadre remove \(id)"
            default: return "set \(id) democratic \(Double(rng.randint(10, 20)) / 2)"
            }
        }

        return (0..<steps).map { _ in
            switch rng.randint(0, 99) {
            case 0..<40: return change()
            case 40..<60: return "undo"
            case 60..<70: return "redo"
            case 70..<85:
                scenarios.append("S\(scenarios.count + 1)")
                return "scenario new \(scenarios.last!)"
            default: return "scenario use \(pick(scenarios + ["base"]))"
            }
        }
    }

    /// Runs the commands, checking the figures after each; returns what went
    /// wrong, with the steps that led there.
    static func play(_ lines: [String], scratch: inout Scratch) -> String? {
        let main = session(from: start), shadow = session(from: start)
        var log: [String] = []
        for line in lines {
            let onBase = main.currentScenario == nil
            var ok = true
            do { try main.execute(line) } catch { ok = false }
            log.append("\(main.currentScenario.map { "[\($0)] " } ?? "")\(line)\(ok ? "" : "  (refused)")")
            if onBase, !line.hasPrefix("scenario") {
                var shadowOK = true
                do { try shadow.execute(line) } catch { shadowOK = false }
                if ok != shadowOK {
                    return "\(line): \(ok ? "ran" : "refused") on the session's base, \(shadowOK ? "ran" : "refused") on a plain workbook\n" + log.joined(separator: "\n")
                }
            }

            let want: [String: [Value]]
            if let current = main.currentScenario {
                let base = WorkbookFile.write(shadow.document.workbook)
                let records = main.document.scenarios
                var changes: [String] = []
                var next: String? = current
                while let n = next, let record = records.first(where: { $0.name == n }) {
                    changes.insert(contentsOf: record.changes, at: 0)
                    next = record.parent
                }
                want = scratch.figures(base, changes)
            } else {
                want = figures(shadow.document.workbook)
            }
            if let problem = difference(figures(main.document.workbook), want) {
                return "after the last step, in \(main.currentScenario ?? "base"): \(problem)\n" + log.joined(separator: "\n")
            }
        }
        return nil
    }

    /// Sequences that found bugs, kept so that they stay fixed.
    static let found: [[String]] = [
        // A scenario made inside another undid (and redid) its parent's changes.
        ["scenario new S1", "set c03 democratic 10", "scenario new S2", "undo", "redo"],
        ["scenario new S1", "set c03 democratic 10", "undo", "scenario new S2", "redo"],
    ]

    @Test("found sequences", arguments: found)
    func foundSequence(_ lines: [String]) {
        var scratch = Scratch()
        if let problem = Self.play(lines, scratch: &scratch) { Issue.record(Comment(rawValue: problem)) }
    }

    /// The sequences run in chunks, which Swift Testing may run side by side.
    static let chunks = Array(stride(from: 0, to: count, by: 50))

    @Test("the scenario in use equals its base plus its stored changes, after every step", arguments: chunks)
    func scenarioEqualsScratch(_ first: Int) {
        var scratch = Scratch()
        for i in first..<min(first + 50, Self.count) {
            let seed = Self.seed &+ UInt64(i)
            if let problem = Self.play(Self.sequence(seed: seed), scratch: &scratch) {
                Issue.record("seed \(String(seed, radix: 16)) (sequence \(i)): \(problem)")
                return
            }
        }
    }
}
