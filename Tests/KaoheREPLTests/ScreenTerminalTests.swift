import Foundation
import KaoheCore
import Testing

// Tables that fit the terminal, and completion with descriptions, typed
// through tmux as `TerminalTests` does (its `TmuxTerminal`).
@Suite("tables that fit, at a terminal (tmux)")
struct ScreenTerminalTests {
    @Test("at 80 columns the cadres table comes in column sets with id and name on the left of each, no line wrapped; a wider window is measured again")
    func wideTableAt80Columns() async throws {
        let t = try TmuxTerminal.start(width: 80)
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("show limit 3")
        t.press("Enter")
        let shown = try await t.waitUntil("the three sets and the count") { $0.all.contains("3 rows (of 60)") }
        let lines = shown.all
        let start = try #require(lines.firstIndex(of: TerminalTests.prompt + "show limit 3"))
        // Exactly what a clerk sees: nothing runs past column 80, so nothing wraps.
        #expect(Array(lines[(start + 1)...].prefix(20)) == [
            "columns 1–8 of 19",
            "id   name  office      instructor  staff     line  rural_raw  rural",
            "───  ────  ──────────  ──────────  ───────  ─────  ─────────  ─────",
            "c01  李艳  党政办      TRUE        regular  26.00      11.50  11.50",
            "c02  黄磊  经济发展办  TRUE        regular  23.00      10.50  10.50",
            "c03  张磊  农业农村办  TRUE        regular  25.00      10.50  10.50",
            "",
            "columns 9–15 of 19, with id, name",
            "id   name  petition_raw  petition  rules  democratic  total  rank  bottom",
            "───  ────  ────────────  ────────  ─────  ──────────  ─────  ────  ──────",
            "c01  李艳         31.50     31.50  11.00        7.50  87.50    46  FALSE",
            "c02  黄磊         38.00     38.00  10.00        9.50  91.00    17  FALSE",
            "c03  张磊         32.00     32.00   9.00        7.50  84.00    55  TRUE",
            "",
            "columns 16–19 of 19, with id, name",
            "id   name  status      bonus  award_money   payout",
            "───  ────  ────────  ───────  ───────────  ───────",
            "c01  李艳  ok        2923.47         0.00  2923.47",
            "c02  黄磊  ok        3040.41         0.00  3040.41",
            "c03  张磊  admonish  2806.53         0.00  2806.53",
        ])
        #expect(lines.allSatisfy { $0.displayWidth <= 80 })

        // The window made wider between two commands: the next table uses it.
        try t.tmux(["resize-window", "-x", "200", "-y", "\(TmuxTerminal.height)"])
        t.press("C-l")
        t.type("show limit 1")
        t.press("Enter")
        let wide = try await t.waitUntil("one table, all 19 columns side by side") { $0.all.contains("1 row (of 60)") }
        #expect(wide.all.contains { $0.hasPrefix("c01  李艳  党政办  TRUE") && $0.hasSuffix("2923.47         0.00  2923.47") })
        #expect(!wide.screen.contains("columns 1–"))
    }

    @Test("\\x turns wide tables into records at a terminal, and back")
    func expandedToggle() async throws {
        let t = try TmuxTerminal.start(width: 80)
        defer { t.stop() }
        try await t.waitForPrompt()
        t.type("\\x")
        t.press("Enter")
        try await t.waitUntil("expanded on") { $0.all.contains("expanded display is on: each row is shown as a record") }
        t.type("show limit 1")
        t.press("Enter")
        let shown = try await t.waitUntil("one record") { $0.all.contains("1 row (of 60)") }
        let start = try #require(shown.all.firstIndex(of: TerminalTests.prompt + "show limit 1"))
        #expect(Array(shown.all[(start + 1)...].prefix(4)) == ["─[ record 1 ]────────", "id            c01", "name          李艳", "office        党政办"])
        t.type("\\x")
        t.press("Enter")
        try await t.waitUntil("expanded auto") { $0.all.contains { $0.hasPrefix("expanded display is auto") } }
    }
}
