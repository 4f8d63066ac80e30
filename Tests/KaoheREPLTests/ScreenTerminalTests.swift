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

    @Test("Tab after revoke lists the live events with their cadre and rule (18 is revoked: not offered); after award evidence, the awards with recipient and content")
    func completesLiveNumbersWithNotes() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("revoke 1")
        t.press("Tab")
        t.press("Tab")
        let listed = try await t.waitUntil("events 1 and 10–19 listed with notes") { $0.all.contains("19  李艳 (c01) 4.6c, 2026-02-19") }
        let start = try #require(listed.all.firstIndex(of: TerminalTests.prompt + "revoke 1"))
        #expect(Array(listed.all[(start + 1)...].prefix(11)) == [
            "1   张超 (c05) 4.1, 2026-01-04",
            "10  黄军 (c45) 4.3c, 2026-11-27",
            "11  张磊 (c03) 4.4a ×2, 2026-07-02",
            "12  冯杰 (c36) 4.4b, 2026-03-14",
            "13  杨建华 (c50) 4.5, 2026-09-11",
            "14  梁勇 (c15) 4.6a ×3, 2026-10-28",
            "15  朱刚 (c29) 4.6l ×4, 2026-03-05",
            "16  梁国庆 (c52) 4.6d, 2026-05-10",
            "17  赵娟 (c58) 4.7, 2026-11-03",
            "19  李艳 (c01) 4.6c, 2026-02-19",
            TerminalTests.prompt + "revoke 1",
        ])
        // The line is as typed; one more digit and Tab completes the number.
        t.type("9")
        t.press("Tab")
        try await t.waitUntil("the line reads `revoke 19 `") { $0.cursorLine == TerminalTests.prompt + "revoke 19" && $0.cursorX == 33 }

        t.press("C-u")
        t.type("award evidence ")
        t.press("Tab")
        t.press("Tab")
        let awards = try await t.waitUntil("the awards listed with notes") { $0.all.contains("6  武装部 national collective 全国民兵工作先进单位 (paid)") }
        #expect(awards.all.contains("5  胡平 (c24) district individual 优秀共产党员 (pending)"))
        #expect(awards.all.contains("1  综治办 district key 社会治安综合治理先进集体 (superseded)"))
    }
}
