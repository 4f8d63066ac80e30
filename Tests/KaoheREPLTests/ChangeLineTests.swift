import Foundation
import Testing

/// The change line's two ways of finding who else moved agree: comparing
/// every cadre's outcome (a town up to 10,000 cadres) and reading only the
/// cadres that can have moved (`sayNarrow`, larger towns), forced here on
/// the demo town with `KAOHE_COMPARED_CADRES=0`.
@Suite("Change lines: every move shown")
struct ChangeLineTests {
    /// Single-cadre changes that move one total, at random cadres (an
    /// instructor's raw score moves every other cadre's average: there only
    /// reading everyone can say who moved).
    static func commands(seed: UInt64, count: Int) -> [String] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let ids = (1...60).map { String(format: "c%02d", $0) }
        return (0..<count).map { _ in
            let id = ids[next(ids.count)]
            switch next(5) {
            case 0: return "set \(id) democratic \(Double(next(101)) / 10)"
            case 1: return "deduct \(id) 4.2a x\(1 + next(3)) date=2026-03-0\(1 + next(9))"
            case 2: return "deduct \(id) 4.1 date=2026-04-0\(1 + next(9))"
            case 3: return "deduct \(id) 4.3b date=2026-05-0\(1 + next(9))"
            default: return "set \(id) democratic \(Double(next(101)) / 10)"
            }
        }
    }

    /// The lines both ways print: the money lines differ by design (counted
    /// when every cadre is read, "recomputed for every cadre" otherwise).
    static func comparable(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter {
            !$0.hasPrefix("recomputed for every cadre") && !($0.contains(" more cadre") && $0.hasSuffix(" moved"))
        }
    }

    @Test("reading only who can move says what reading everyone says", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func narrowEqualsFull(seed: UInt64) throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The first change names a temporary cadre (no one's rank moves):
        // on a large sheet it builds the index the later ones read.
        let script = (["set c55 democratic 5"] + Self.commands(seed: seed, count: 60)).joined(separator: "\n") + "\n"
        let env = ["KAOHE_NOW": "2026-12-02 09:30:00", "KAOHE_USER": "党政办", "LANG": "C.UTF-8"]
        let full = try Binary.run(["demo-2026.kaohe"], stdin: script, in: dir, environment: env)
        var narrowEnv = env
        narrowEnv["KAOHE_COMPARED_CADRES"] = "0"
        let narrow = try Binary.run(["demo-2026.kaohe"], stdin: script, in: dir, environment: narrowEnv)
        #expect(full.status == 0, "\(full.stderr)")
        #expect(narrow.status == 0, "\(narrow.stderr)")
        #expect(full.stdout.contains("rank also moved"))
        let (a, b) = (Self.comparable(full.stdout), Self.comparable(narrow.stdout))
        let same = a == b
        #expect(same, "first difference: \(zip(a, b).first { $0 != $1 }.map { "\($0.0)\n  vs\n\($0.1)" } ?? "length \(a.count) vs \(b.count)")")
    }

    @Test("a cadre who leaves or enters the ranking moves everyone below: the narrow line does not pretend to know who")
    func leavingTheRanking() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["KAOHE_NOW": "2026-12-02 09:30:00", "KAOHE_USER": "党政办", "LANG": "C.UTF-8", "KAOHE_COMPARED_CADRES": "0"]
        let run = try Binary.run(["demo-2026.kaohe"], stdin: "set c55 democratic 5\nset c01 staff temp\nset c01 staff regular\n", in: dir, environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        // After each staff change: no partial "rank also moved", but every rank recomputed.
        let afterStaff = lines.indices.filter { lines[$0].contains("staff ") }.map { lines[$0 + 1] }
        #expect(afterStaff.count == 2)
        #expect(afterStaff.allSatisfy { $0.hasPrefix("recomputed for every cadre: rank") }, "\(afterStaff)")
    }
}
