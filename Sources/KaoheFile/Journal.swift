import Foundation

/// The sidecar journal: every command that changed the workbook since it
/// was last saved, one per line, flushed to disk before the command returns.
///
/// A clean exit (a save, or the end of a run without one) removes it, so a
/// journal found on open means a process died with unsaved changes; replaying
/// its commands on the saved file brings them back.
public final class Journal {
    public let path: String
    private var fd: Int32 = -1

    static let header = "# kaohe journal: changes not yet saved, one command per line. kaohe replays them when it opens the workbook again."

    /// The journal of a workbook file (`FILE.journal`), or for a new
    /// workbook not yet saved, `~/.kaohe_untitled.journal`.
    public init(for workbook: String?) {
        if let workbook {
            path = workbook + ".journal"
        } else {
            path = (ProcessInfo.processInfo.environment["HOME"] ?? ".") + "/.kaohe_untitled.journal"
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The commands of a journal left behind, with their line numbers, or
    /// nil when there is none.
    public func pending() throws(FileError) -> [(number: Int, text: String)]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw FileError(file: path, "cannot read the journal of unsaved changes; move it away to open the workbook without them")
        }
        // A line cut short by the crash has no newline: it never returned, so
        // it was never reported as done.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()
        return lines.enumerated().filter { !$0.element.hasPrefix("#") && !$0.element.isEmpty }.map { ($0.offset + 1, $0.element) }
    }

    /// Appends a command and flushes it to disk.
    public func append(_ line: String) throws(FileError) {
        if fd < 0 {
            let fresh = !FileManager.default.fileExists(atPath: path)
            fd = Foundation.open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            guard fd >= 0 else {
                throw FileError(file: path, "cannot write the journal of unsaved changes: \(String(cString: strerror(errno))); the change was not made")
            }
            if fresh { try write(Self.header + "\n") }
        }
        try write(line + "\n")
        guard fdatasync(fd) == 0 else {
            throw FileError(file: path, "cannot flush the journal to disk: \(String(cString: strerror(errno)))")
        }
    }

    private func write(_ text: String) throws(FileError) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress!, $0.count) }
            guard n > 0 else { throw FileError(file: path, "cannot write the journal: \(String(cString: strerror(errno)))") }
            offset += n
        }
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

    /// Moves a journal the user chose not to replay out of the way, keeping
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
