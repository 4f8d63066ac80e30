import Foundation
import Testing

/// `whatif` and `scenario diff` on a town large enough that an office's
/// rank moves more cadres' ranks than the diff lists: every cadre whose
/// total, bottom or status moves is listed, of those whose rank alone moves
/// the largest moves (`rankOnlyShown`, 50), and the rest are counted;
/// `all` lists every one, and the lines listed without it are among them.
@Suite("scenario diff at scale")
struct DiffScaleTests {
    static let offices = ["党政办", "经济发展办", "农业农村办", "城建办", "社会事务办", "综治办", "计生办", "财政所", "武装部"]

    /// 240 more cadres over the demo's 60, spread over the offices, with
    /// democratic scores that give many different totals.
    static func roster() -> String {
        var lines = ["id,name,office,instructor,staff,democratic"]
        for i in 1...240 {
            lines.append("x\(i),干部\(i),\(offices[i % offices.count]),FALSE,regular,\(Double(i % 97) / 10)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The cadre lines of a diff (two-space indent), without the counted ones.
    static func listed(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  ") && !$0.hasPrefix("  …") }
    }

    @Test("an office's rank at 300 cadres: movers of total listed, the 50 largest rank moves listed, the rest counted; all lists each")
    func officeRank() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.roster().write(to: dir.appendingPathComponent("more.csv"), atomically: true, encoding: .utf8)
        let env = ["KAOHE_NOW": "2026-12-02 09:30:00", "KAOHE_USER": "党政办", "LANG": "C.UTF-8"]
        let script = "import cadres more.csv\nwhatif office set 综治办 rank 9\nwhatif all office set 综治办 rank 9\n"
        let run = try Binary.run(["demo-2026.kaohe"], stdin: script, in: dir, environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let parts = run.stdout.components(separatedBy: "base → what if office set 综治办 rank 9:")
        try #require(parts.count == 3, "\(run.stdout)")
        let (short, long) = (parts[1], parts[2])
        let (shortLines, longLines) = (Self.listed(short), Self.listed(long))
        let rankOnly = { (line: String) in
            !line.contains(" total ") && !line.contains(" bottom ") && !line.contains(" status ") && (line.contains(" ↑") || line.contains(" ↓"))
        }
        // Every line of the short list is in the long one, and so is every
        // total mover; the short list holds just 50 whose rank alone moves.
        #expect(Set(shortLines).isSubset(of: Set(longLines)))
        #expect(longLines.filter { $0.contains(" total ") } == shortLines.filter { $0.contains(" total ") })
        #expect(shortLines.filter(rankOnly).count == 50)
        let more = longLines.filter(rankOnly).count - 50
        #expect(more > 0)
        #expect(short.contains("… and \(more) more whose rank moves by less and whose total does not (add all to list them)"))
        // The ones listed are the largest moves: none left out moves more.
        func shift(_ line: String) -> Int {
            let arrow = line.range(of: " ↑") ?? line.range(of: " ↓")!
            return Int(line[arrow.upperBound...].prefix { $0.isNumber })!
        }
        let smallestShown = shortLines.filter(rankOnly).map(shift).min()!
        let leftOut = Set(longLines.filter(rankOnly)).subtracting(shortLines)
        #expect(leftOut.allSatisfy { shift($0) <= smallestShown })
        // Both count the same cadres as moved.
        let footer = { (text: String) in text.split(separator: "\n").first { $0.hasSuffix("cadres moved") || $0.contains("cadres moved;") } }
        #expect(footer(short) != nil && footer(short) == footer(long))
    }

    @Test("a value that shows as nothing still moves: a temporary cadre made regular lists its rank, bottom and status")
    func movesFromNothing() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Binary.run(["demo-2026.kaohe"], stdin: "whatif set c55 staff regular\n", in: dir, environment: ["LANG": "C.UTF-8"])
        #expect(run.status == 0, "\(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("(c55)") }, "\(run.stdout)")
        // 唐刚 (c55) rank  → 6, bottom  → FALSE, status  → ok, bonus 0.00 → 3117.78, payout 0.00 → 3117.78
        #expect(line.contains("rank  → 6") && line.contains("bottom  → FALSE") && line.contains("status  → ok"), "\(line)")
    }
}
