import Foundation
import Testing

// The real binary at a real (pseudo-)terminal: GNU readline's editing,
// Tab completion, history, Ctrl-C and Ctrl-D, typed through tmux.
//
// Each test starts its own tmux server on a private socket (`tmux -L`), in
// a 100×30 pane, and kills it at the end whatever happens. Tests wait for
// the screen to show what they expect (polling, with a generous limit),
// never for a fixed time. Without tmux every test fails, saying so.
@Suite("the REPL at a terminal (tmux)")
struct TerminalTests {
    /// The prompt on the demo workbook with nothing unsaved.
    static let prompt = "kaohe demo-2026.kaohe> "
    /// The same with unsaved changes.
    static let unsavedPrompt = "kaohe demo-2026.kaohe*> "

    // MARK: Tab completion

    @Test("Tab completes a partial Chinese name to the whole name and a space; Enter shows the card")
    func completesChineseName() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("show 李建")
        t.press("Tab")
        let done = try await t.waitUntil("the line reads `show 李建华 `") { $0.cursorLine == Self.prompt + "show 李建华" }
        // 23 columns of prompt, `show ` 5, 李建华 6 (two each), the space 1.
        #expect(done.cursorX == 35)

        t.press("Enter")
        let card = try await t.waitUntil("the card of 李建华") { $0.all.contains("李建华 (c30)") }
        // The card follows the line as completed, nothing more.
        let typed = try #require(card.all.firstIndex(of: Self.prompt + "show 李建华"))
        #expect(card.all[typed + 1] == "李建华 (c30)")
        #expect(!card.all.joined(separator: "\n").contains("error"))
    }

    @Test("Tab on an ambiguous Chinese prefix adds nothing; a second Tab lists the names, aligned by display width")
    func listsChineseCandidates() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("show 李")
        t.press("Tab")
        t.press("Tab")
        let listed = try await t.waitUntil("the four names starting with 李 listed") { $0.screen.contains("李军    李建华  李艳    李霞") }
        #expect(listed.cursorLine == Self.prompt + "show 李")
        #expect(listed.cursorX == 30)
    }

    @Test("a partial id lists the ids it could be; one more digit and Tab completes it")
    func completesIDs() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("show c0")
        t.press("Tab")
        t.press("Tab")
        let listed = try await t.waitUntil("c01 … c09 listed") { $0.screen.contains("c01  c02  c03  c04  c05  c06  c07  c08  c09") }
        #expect(listed.cursorLine == Self.prompt + "show c0")

        t.type("5")
        t.press("Tab")
        let done = try await t.waitUntil("the line reads `show c05 `") { $0.cursorLine == Self.prompt + "show c05" && $0.cursorX == 32 }
        #expect(done.cursorX == 32)
        t.press("Enter")
        try await t.waitUntil("the card of 张超") { $0.all.contains("张超 (c05)") }
    }

    @Test("command names complete: `sho` → `show`, `sh` lists show and sheets, `cadre a` → `cadre add`")
    func completesCommands() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("sho")
        t.press("Tab")
        try await t.waitUntil("the line reads `show `") { $0.cursorLine == Self.prompt + "show" && $0.cursorX == 28 }

        t.press("C-u")
        t.type("sh")
        t.press("Tab")
        t.press("Tab")
        let listed = try await t.waitUntil("show and sheets listed") { $0.screen.contains("sheets  show") }
        #expect(listed.cursorLine == Self.prompt + "sh")

        t.press("C-u")
        t.type("cadre a")
        t.press("Tab")
        try await t.waitUntil("the line reads `cadre add `") { $0.cursorLine == Self.prompt + "cadre add" && $0.cursorX == 33 }
    }

    @Test("after a cadre, Tab completes a column by key (demo → democratic) and by Chinese label (民主 → 民主评议)")
    func completesColumns() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("set c01 demo")
        t.press("Tab")
        try await t.waitUntil("the line reads `set c01 democratic `") {
            $0.cursorLine == Self.prompt + "set c01 democratic" && $0.cursorX == 42
        }

        t.press("C-u")
        t.type("set 李艳 民主")
        t.press("Tab")
        // 23 + `set ` 4 + 李艳 4 + 1 + 民主评议 8 + 1
        try await t.waitUntil("the line reads `set 李艳 民主评议 `") {
            $0.cursorLine == Self.prompt + "set 李艳 民主评议" && $0.cursorX == 41
        }
    }

    @Test("`office=` completes an office name; then Tab lists the options not given yet")
    func completesOptionValues() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("cadre add c61 王新 office=党")
        t.press("Tab")
        // 23 + `cadre add c61 王新 office=` 26 + 党政办 6 + 1
        try await t.waitUntil("the line reads `cadre add c61 王新 office=党政办 `") {
            $0.cursorLine == Self.prompt + "cadre add c61 王新 office=党政办" && $0.cursorX == 56
        }
        t.press("Tab")
        t.press("Tab")
        try await t.waitUntil("instructor= and staff= listed") { $0.screen.contains("instructor=  staff=") }
    }

    @Test("a name with a blank completes to words the command reads as that one name")
    func completesNameWithBlank() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()
        t.type("cadre add c61 \"Ann Lee\"")
        t.press("Enter")
        try await t.waitUntil("the new cadre") {
            $0.all.contains("added Ann Lee (c61)") && $0.cursorLine == Self.unsavedPrompt.trimmedAtEnd
        }

        t.type("show An")
        t.press("Tab")
        // The name is offered quoted, so that it reads back as one word.
        try await t.waitUntil("Tab to complete `An`") { $0.cursorLine.hasPrefix(Self.unsavedPrompt + "show \"Ann Lee\"") }
        t.press("Enter")
        let after = try await t.waitUntil("a card or an error") {
            $0.all.contains("Ann Lee (c61)") || $0.all.contains { $0.hasPrefix("error:") }
        }
        #expect(after.all.contains("Ann Lee (c61)"), "\(after.screen)")
    }

    @Test("a file name completes after `open`")
    func completesFileNames() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()
        // The pane starts in the workbook's folder, which holds only the workbook.
        t.type("open demo-")
        t.press("Tab")
        try await t.waitUntil("the line reads `open demo-2026.kaohe `") {
            $0.cursorLine == Self.prompt + "open demo-2026.kaohe" && $0.cursorX == 44
        }
    }

    // MARK: History

    @Test("history survives a restart: ~/.kaohe_history is created on the first run; Up brings the command back")
    func historyFileCreatedAndRecalled() async throws {
        let home = try TmuxTerminal.scratchHome()
        let historyFile = home.appendingPathComponent(".kaohe_history").path
        #expect(!FileManager.default.fileExists(atPath: historyFile))

        let first = try TmuxTerminal.start(home: home)
        defer { first.stop() }
        try await first.waitForPrompt()
        first.type("show 张超")
        first.press("Enter")
        try await first.waitUntil("the card of 张超") { $0.all.contains("张超 (c05)") }
        first.type("quit")
        first.press("Enter")
        try await first.waitForExit()

        try #require(FileManager.default.fileExists(atPath: historyFile), "no ~/.kaohe_history after the first session")
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8) == "show 张超\nquit\n")

        let second = try TmuxTerminal.start(home: home, in: first.directory)
        defer { second.stop() }
        try await second.waitForPrompt()
        second.press("Up")
        try await second.waitUntil("Up recalls `quit`") { $0.cursorLine == Self.prompt + "quit" }
        second.press("Up")
        try await second.waitUntil("Up again recalls `show 张超`") { $0.cursorLine == Self.prompt + "show 张超" }
        second.press("Enter")
        try await second.waitUntil("the card of 张超") { $0.all.contains("张超 (c05)") }
    }

    @Test("history across restarts with an existing ~/.kaohe_history: a repeat is kept once; Up and Ctrl-R find it")
    func historyRecalledBySearch() async throws {
        let home = try TmuxTerminal.scratchHome()
        let historyFile = home.appendingPathComponent(".kaohe_history").path
        #expect(FileManager.default.createFile(atPath: historyFile, contents: Data()))

        let first = try TmuxTerminal.start(home: home)
        defer { first.stop() }
        try await first.waitForPrompt()
        for n in 1...2 {
            first.type("show 张超")
            first.press("Enter")
            try await first.waitUntil("card \(n) of 张超") { $0.all.filter { $0 == "张超 (c05)" }.count == n && $0.cursorLine == Self.prompt.trimmedAtEnd }
        }
        first.type("params")
        first.press("Enter")
        try await first.waitUntil("the parameters") { $0.all.contains { $0.hasPrefix("collective_split") } }
        first.type("quit")
        first.press("Enter")
        try await first.waitForExit()
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8) == "show 张超\nparams\nquit\n")

        let second = try TmuxTerminal.start(home: home, in: first.directory)
        defer { second.stop() }
        try await second.waitForPrompt()
        second.press("Up")
        try await second.waitUntil("Up recalls `quit`") { $0.cursorLine == Self.prompt + "quit" }
        second.press("C-u")
        second.press("C-r")
        second.type("张超")
        try await second.waitUntil("Ctrl-R finds `show 张超`") { $0.cursorLine == "(reverse-i-search)`张超': show 张超" }
        second.press("Enter")
        try await second.waitUntil("the card of 张超") { $0.all.contains("张超 (c05)") }
    }

    // MARK: Ctrl-C and Ctrl-D

    @Test("Ctrl-C drops the line being typed, gives a fresh prompt, and the program keeps running")
    func controlCClearsTheLine() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("show 黄磊 garbage")
        try await t.waitUntil("the line typed") { $0.cursorLine == Self.prompt + "show 黄磊 garbage" }
        t.press("C-c")
        let cleared = try await t.waitUntil("a fresh, empty prompt") { $0.cursorLine == Self.prompt.trimmedAtEnd && $0.cursorY > 1 }
        #expect(cleared.cursorX == 23)
        #expect(try !t.exited())

        t.type("show 黄磊")
        t.press("Enter")
        let card = try await t.waitUntil("the card of 黄磊") { $0.all.contains("黄磊 (c02)") }
        // The dropped line never ran.
        #expect(!card.all.contains { $0.contains("error") })
        #expect(try !t.exited())
    }

    @Test("Ctrl-C leaves the interrupted line on screen as typed, prompt included")
    func controlCKeepsTheInterruptedLineVisible() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("show 黄磊 garbage")
        try await t.waitUntil("the line typed") { $0.cursorLine == Self.prompt + "show 黄磊 garbage" }
        t.press("C-c")
        let cleared = try await t.waitUntil("a fresh, empty prompt") { $0.cursorLine == Self.prompt.trimmedAtEnd && $0.cursorY > 1 }
        #expect(cleared.screenLines[cleared.cursorY - 1] == Self.prompt + "show 黄磊 garbage^C")
    }

    @Test("Ctrl-D with an unsaved change asks first: c stays, n quits without saving; the file is unchanged")
    func controlDAsksAboutUnsavedChanges() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        let workbook = t.directory.appendingPathComponent("demo-2026.kaohe")
        let before = try Data(contentsOf: workbook)
        try await t.waitForPrompt()

        t.type("set c01 democratic 8")
        t.press("Enter")
        try await t.waitUntil("the unsaved prompt") { $0.cursorLine == Self.unsavedPrompt.trimmedAtEnd }

        let question = "1 unsaved change to demo-2026.kaohe. Save before quitting? [y/n/c]"
        t.press("C-d")
        try await t.waitUntil("the question") { $0.cursorLine == question }
        t.type("c")
        t.press("Enter")
        try await t.waitUntil("back at the unsaved prompt") { $0.cursorLine == Self.unsavedPrompt.trimmedAtEnd }
        #expect(try !t.exited())

        t.press("C-d")
        try await t.waitUntil("the question again") { $0.cursorLine == question }
        t.type("n")
        t.press("Enter")
        let status = try await t.waitForExit()
        #expect(status == 0)

        #expect(try Data(contentsOf: workbook) == before)
        #expect(!FileManager.default.fileExists(atPath: workbook.path + ".journal"))
    }

    // MARK: UTF-8 editing

    @Test("Chinese text is edited by characters: Backspace removes 艳 whole, Left steps over a whole character")
    func editsChineseByCharacters() async throws {
        let t = try TmuxTerminal.start()
        defer { t.stop() }
        try await t.waitForPrompt()

        t.type("show 李艳")
        t.press("BSpace")
        let erased = try await t.waitUntil("`show 李` after one Backspace") { $0.cursorLine == Self.prompt + "show 李" }
        #expect(erased.cursorX == 30)
        t.type("艳")
        try await t.waitUntil("`show 李艳` again") { $0.cursorLine == Self.prompt + "show 李艳" && $0.cursorX == 32 }
        t.press("Enter")
        try await t.waitUntil("the card of 李艳") { $0.all.contains("李艳 (c01)") }

        // Insert before a Chinese character: `show 艳`, Left, `李`.
        t.type("show 艳")
        t.press("Left")
        try await t.waitUntil("the cursor before 艳") { $0.cursorLine == Self.prompt + "show 艳" && $0.cursorX == 28 }
        t.type("李")
        try await t.waitUntil("`show 李艳` with the cursor after 李") { $0.cursorLine == Self.prompt + "show 李艳" && $0.cursorX == 30 }
        t.press("Enter")
        try await t.waitUntil("a second card of 李艳") { $0.all.filter { $0 == "李艳 (c01)" }.count == 2 }
    }
}

// MARK: - Driving tmux

/// Starts a program and waits for it, with a clean slate: no signal blocked
/// or ignored, and no file open but standard input (/dev/null), output and
/// error (a file).
///
/// Foundation's `Process` will not do here. Its child inherits the signal
/// mask of the test's worker thread (SIGINT, SIGTERM, SIGCHLD … blocked),
/// which the tmux server it starts would pass on (no Ctrl-C, no kill-server),
/// and a socket it watches to learn that the child ended, which the tmux
/// server would keep open, so that the wait never ends.
enum Spawn {
    static func run(_ arguments: [String], environment: [String], output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Every other descriptor closed (closing one that is not open is
        // no error for posix_spawn); this covers the ones other tests open
        // meanwhile, up to a bound far above what the test process uses.
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in 3...max(1023, (open.max() ?? 0) + 256) {
            posix_spawn_file_actions_addclose(&actions, fd)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw TerminalFailure(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw TerminalFailure(description: "waitpid: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// What went wrong at the terminal, with what the screen showed.
struct TerminalFailure: Error, CustomStringConvertible {
    let description: String
}

/// One tmux server on a private socket, running kaohe in one pane.
final class TmuxTerminal: Sendable {
    static let width = 100
    static let height = 30
    /// How long to wait for the screen before failing: generous, for a
    /// loaded CI machine; a passing test waits only as long as it must.
    static let patience: Duration = .seconds(20)

    let socket: String
    /// The folder holding the workbook copy; the pane starts there.
    let directory: URL
    let home: URL

    private init(socket: String, directory: URL, home: URL) {
        self.socket = socket
        self.directory = directory
        self.home = home
    }

    /// An empty folder to serve as HOME.
    static func scratchHome() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("kaohe-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    /// Starts kaohe on a copy of the demo workbook (or the one in `directory`)
    /// in a fresh tmux server. Fails clearly when tmux cannot start.
    static func start(home: URL? = nil, in directory: URL? = nil, width: Int = TmuxTerminal.width) throws -> TmuxTerminal {
        let binary = Binary.url.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TerminalFailure(description: "no kaohe binary at \(binary): build it first (swift build)")
        }
        let dir = try directory ?? Binary.scratch(copying: "demo-2026.kaohe")
        let home = try home ?? scratchHome()
        let t = TmuxTerminal(socket: "kaohe-test-\(UUID().uuidString)", directory: dir, home: home)
        // The shell says how kaohe ended: tmux 3.3 sometimes never reaps a
        // pane's process, so its #{pane_dead_status} cannot be relied on.
        // The shell ignores Ctrl-C (a trap, which kaohe does not inherit).
        let command = "trap : INT; env LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME=\(quote(home.path)) PAGER=cat \(quote(binary)) demo-2026.kaohe; "
            + "echo \"\(exitMark)$?]\""
        let result: (status: Int32, output: String)
        do {
            // Keep the pane after the program ends, to read its last screen.
            result = try t.tmux(["-u", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-c", dir.path, command,
                                 ";", "set-option", "remain-on-exit", "on"])
        } catch {
            t.stop()
            throw TerminalFailure(description: "cannot run tmux (\(error)); the terminal tests need it: make setup installs it")
        }
        guard result.status == 0 else {
            t.stop()
            throw TerminalFailure(description: "tmux could not start a session (exit \(result.status)): \(result.output.trimmedAtEnd)\nthe terminal tests need tmux: make setup installs it")
        }
        return t
    }

    /// What the shell prints when kaohe ends, before its status and `]`.
    static let exitMark = "[kaohe ended with status "

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs one tmux command against this server; output and errors together.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> (status: Int32, output: String) {
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        env["TMUX_PANE"] = nil
        env["LANG"] = "C.UTF-8"
        env["SHELL"] = "/bin/sh"
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kaohe-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let status = try Spawn.run(["tmux", "-f", "/dev/null", "-L", socket] + arguments,
                                   environment: env.map { "\($0.key)=\($0.value)" }, output: out)
        return (status, String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self))
    }

    /// Kills the server and everything in it, and removes what the test left:
    /// the socket (tmux 3.3 keeps it), the workbook's folder and HOME.
    func stop() {
        let socketPath = (try? tmux(["display-message", "-p", "#{socket_path}"]))?.output.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try? tmux(["kill-server"])
        if let socketPath, socketPath.hasSuffix("/" + socket) { try? FileManager.default.removeItem(atPath: socketPath) }
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.removeItem(at: home)
    }

    /// Types text literally (no key names).
    func type(_ text: String) {
        _ = try? tmux(["send-keys", "-l", text])
    }

    /// Presses one key by tmux's name for it: Tab, Enter, BSpace, Up, Left, C-c, C-d, C-r, C-u.
    func press(_ key: String) {
        _ = try? tmux(["send-keys", key])
    }

    /// What the pane shows now.
    struct Snapshot {
        /// The visible screen, one string per row (trailing blanks trimmed by tmux).
        var screenLines: [String]
        /// Everything since the start, scrolled-off lines included.
        var all: [String]
        var cursorX: Int
        var cursorY: Int
        var screen: String { screenLines.joined(separator: "\n") }
        var cursorLine: String { cursorY < screenLines.count ? screenLines[cursorY] : "" }
    }

    func snapshot() throws -> Snapshot {
        let full = try tmux(["capture-pane", "-p", "-S", "-"])
        guard full.status == 0 else { throw TerminalFailure(description: "tmux capture-pane failed: \(full.output)") }
        var lines = full.output.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let cursor = try tmux(["display-message", "-p", "#{cursor_x} #{cursor_y}"]).output
            .split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return Snapshot(screenLines: Array(lines.suffix(Self.height)), all: lines,
                        cursorX: cursor.first ?? -1, cursorY: cursor.count > 1 ? cursor[1] : -1)
    }

    /// Waits until the pane shows what `condition` looks for; fails with the screen when it never does.
    @discardableResult
    func waitUntil(_ what: String, _ condition: (Snapshot) -> Bool) async throws -> Snapshot {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.patience
        var last = try snapshot()
        while !condition(last) {
            guard clock.now < deadline else {
                throw TerminalFailure(description: """
                    waited \(Self.patience) for \(what); the screen (cursor at column \(last.cursorX), row \(last.cursorY)):
                    \(last.screenLines.map { "|" + $0 }.joined(separator: "\n").trimmedAtEnd)
                    """)
            }
            try await Task.sleep(for: .milliseconds(40))
            last = try snapshot()
        }
        return last
    }

    /// Waits for the first empty prompt.
    func waitForPrompt() async throws {
        try await waitUntil("the first prompt") { $0.cursorLine == TerminalTests.prompt.trimmedAtEnd && $0.cursorX == 23 }
    }

    /// Whether kaohe has ended.
    func exited() throws -> Bool {
        try snapshot().all.contains { $0.hasPrefix(Self.exitMark) }
    }

    /// Waits for kaohe to end; returns its exit status.
    @discardableResult
    func waitForExit() async throws -> Int {
        let ended = try await waitUntil("the program to end") { $0.all.contains { $0.hasPrefix(Self.exitMark) } }
        let line = ended.all.first { $0.hasPrefix(Self.exitMark) } ?? ""
        return Int(line.dropFirst(Self.exitMark.count).dropLast()) ?? -1
    }
}

extension String {
    fileprivate var trimmedAtEnd: String {
        var s = self
        while s.last == " " || s.last == "\n" { s.removeLast() }
        return s
    }
}
