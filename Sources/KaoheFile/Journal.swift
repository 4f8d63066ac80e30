import Foundation

/// The sidecar journal: every command that changed the workbook since it
/// was last saved, one per line, flushed to disk before the command returns.
///
///     # kaohe journal: changes not yet saved, one command per line. …
///     base 48213:9f3c2a01d4e5b677
///     set c01 democratic 9.5
///
/// The `base` line binds it to the version of the file its changes were made
/// to (`WorkbookDocument.version`): once a save has replaced that version,
/// the journal no longer applies and is never replayed, even if the process
/// died between renaming the new file into place and removing the journal.
/// A clean exit (a save, or the end of a run without one) removes it, so a
/// journal found on open means a process died with unsaved changes.
public final class Journal {
    public let path: String
    /// The file version this journal's changes apply to.
    public let base: String
    private var fd: Int32 = -1
    /// An untitled session's hold on its journal (see `untitled(base:)`).
    private var lock: WorkbookLock?

    static let header = "# kaohe journal: changes not yet saved, one command per line. kaohe replays them when it opens the workbook again."

    /// The journal of a workbook file (`FILE.journal`, beside the real file
    /// when FILE is a symlink), or for a new workbook not yet saved, the
    /// untitled journal `untitled(base:)` picks.
    public convenience init(for workbook: String?, base: String) {
        guard let workbook else {
            let (path, lock) = Self.untitledSlot()
            self.init(path: path, base: base, lock: lock)
            return
        }
        self.init(path: WorkbookDocument.resolved(workbook) + ".journal", base: base, lock: nil)
    }

    private init(path: String, base: String, lock: WorkbookLock?) {
        self.path = path
        self.base = base
        self.lock = lock
    }

    /// How many untitled sessions can run at once, each with its own journal.
    static let untitledSlots = 64

    /// The untitled journal of this session: `~/.kaohe_untitled.journal`,
    /// or `~/.kaohe_untitled-2.journal` and on while another live kaohe
    /// holds the lower ones (each is locked, as a workbook is, for as long
    /// as its session runs). A free one that a dead session left changes in
    /// comes first, so that they are offered back. Without a lock (a home
    /// folder that cannot hold one) it is the first name, as before.
    static func untitledSlot() -> (String, WorkbookLock?) {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "."
        let name = { (slot: Int) in home + (slot == 1 ? "/.kaohe_untitled.journal" : "/.kaohe_untitled-\(slot).journal") }
        var free: (String, WorkbookLock)?
        for slot in 1...untitledSlots {
            let path = name(slot)
            let left = FileManager.default.fileExists(atPath: path)
            guard left || free == nil, case .taken(let lock, _)? = try? WorkbookLock.take(path) else { continue }
            if left { return (path, lock) }
            free = (path, lock)
        }
        return free ?? (name(1), nil)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// A journal left behind: what it holds.
    public struct Pending: Sendable {
        /// The file version it was started on; nil for a journal without a
        /// `base` line (written by a kaohe before journals had one).
        public let base: String?
        public let lines: [(number: Int, text: String)]
        /// The number of a last line cut short by the crash (no newline):
        /// its command never returned, so it was never acknowledged.
        public let tornLine: Int?
        /// The bytes up to the end of the last whole line.
        public let intactSize: Int
    }

    /// What a journal left behind holds, or nil when there is none.
    public func pending() throws(FileError) -> Pending? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(file: path, .journalUnreadable)
        }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        // Only a line with its newline was written whole.
        let tail = lines.removeLast()
        let torn = tail.isEmpty ? nil : lines.count + 1
        var base: String?
        var commands: [(number: Int, text: String)] = []
        for (i, bytes) in lines.enumerated() {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let (_, column) = WorkbookDocument.firstBadByte(Data(bytes))
                throw FileError(FileProblem(file: path, line: i + 1, column: column, .journalNotUTF8))
            }
            if text.isEmpty || text.hasPrefix("#") { continue }
            if commands.isEmpty, base == nil, text.hasPrefix("base ") {
                base = String(text.dropFirst(5))
                continue
            }
            commands.append((i + 1, text))
        }
        return Pending(base: base, lines: commands, tornLine: torn, intactSize: data.count - tail.count)
    }

    /// Appends a command and flushes it to disk. If any of it cannot be
    /// written, the journal is cut back to what it was.
    public func append(_ line: String) throws(FileError) {
        guard !line.contains(where: \.isNewline) else {
            throw FileError(file: path, .journalMultiline)
        }
        var text = line + "\n"
        if fd < 0 {
            let fresh = !FileManager.default.fileExists(atPath: path)
            fd = Foundation.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw FileError(file: path, .journalUnwritable(String(cString: strerror(errno))))
            }
            if fresh {
                text = Self.header + "\nbase \(base)\n" + text
                syncFolder()
            }
            CrashPoint.reach("journal.opened")
        }
        let start = lseek(fd, 0, SEEK_END)
        let written = WorkbookDocument.writeAll(fd, Data(text.utf8), halfway: { CrashPoint.reach("journal.half") })
        CrashPoint.reach("journal.written")
        guard written, fdatasync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            // A partial line would glue the next command onto it.
            if start >= 0 { ftruncate(fd, start) }
            fdatasync(fd)
            CrashPoint.reach("journal.cut-back")
            throw FileError(file: path, .journalUnwritable(reason))
        }
        CrashPoint.reach("journal.synced")
    }

    /// A new file's name is on disk only once its folder is flushed.
    private func syncFolder() {
        let dir = Foundation.open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY)
        guard dir >= 0 else { return }
        fsync(dir)
        close(dir)
    }

    /// The journal's size on disk now, to cut it back to later.
    public var size: Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Cuts the journal back to an earlier size: what a batch run added is
    /// dropped, what it recovered stays until saved.
    public func truncate(to size: Int) {
        if fd >= 0 { close(fd) }
        fd = -1
        Foundation.truncate(path, off_t(size))
    }

    /// Forgets the journal: the changes are saved, or deliberately dropped.
    public func remove() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(path)
    }

    /// Moves a journal that is not to be replayed out of the way, keeping
    /// it; returns where it went.
    public func setAside() -> String {
        if fd >= 0 { close(fd) }
        fd = -1
        let stamp = Int(Date().timeIntervalSince1970)
        let target = path + ".declined-\(stamp)"
        rename(path, target)
        return target
    }
}
