import Foundation
import Testing

/// At a terminal, a workbook another kaohe is writing: kaohe says who has
/// it and asks whether to open it read-only.
@Suite("a locked workbook at a terminal (tmux)")
struct LockTerminalTests {
    @Test("y opens it read-only: the prompt comes, a change is refused, the writer's journal is untouched")
    func offersReadOnly() async throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        let writer = Process()
        writer.executableURL = Binary.url
        writer.arguments = ["demo-2026.kaohe"]
        writer.currentDirectoryURL = dir
        let input = Pipe()
        writer.standardInput = input
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        defer {
            try? input.fileHandleForWriting.close()
            writer.waitUntilExit()
        }
        let lock = dir.appendingPathComponent(".demo-2026.kaohe.lock").path
        let deadline = Date().addingTimeInterval(20)
        while (try? String(contentsOfFile: lock, encoding: .utf8))?.hasPrefix("pid=\(writer.processIdentifier) ") != true, Date() < deadline {
            usleep(20_000)
        }

        let t = try TmuxTerminal.start(in: dir)
        defer { t.stop() }
        try await t.waitUntil("the question") { $0.cursorLine.hasSuffix("Open it read-only (look and export, no changes)? [Y/n]") }
        // Long lines wrap at the pane's 100 columns: read the screen as one text.
        let screen = try await t.waitUntil("who has it") { $0.screenLines.joined().contains("another kaohe (pid \(writer.processIdentifier), user ") }
        #expect(screen.screenLines.joined().contains("open for writing; one writer at a time."))
        t.type("y")
        t.press("Enter")
        try await t.waitForPrompt()
        t.type("set c01 democratic 9")
        t.press("Enter")
        try await t.waitUntil("the refusal") {
            $0.screenLines.joined().contains("error: set: this workbook is open read-only, so it cannot change; save a copy to change that (save OTHER.kaohe)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("demo-2026.kaohe.journal").path))
    }
}
