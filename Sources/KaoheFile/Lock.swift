import Foundation

/// Who holds a workbook's lock, as its lock file says.
public struct LockHolder: Sendable, Equatable, CustomStringConvertible {
    public let pid: Int32
    public let user: String
    public let host: String
    /// When that kaohe took the lock, `2026-12-02 14:05:09 UTC`.
    public let since: String

    public var description: String { "pid \(pid), user \(user) on \(host), since \(since)" }

    static func current() -> LockHolder {
        var name = [UInt8](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        let host = String(decoding: name.prefix { $0 != 0 }, as: UTF8.self)
        let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return LockHolder(pid: getpid(), user: user, host: host, since: format.string(from: Date()))
    }

    /// The lock file's one line: `pid=… user=… host=… since=…`.
    var line: String { "pid=\(pid) user=\(user) host=\(host) since=\(since)\n" }

    init(pid: Int32, user: String, host: String, since: String) {
        self.pid = pid
        self.user = user
        self.host = host
        self.since = since
    }

    init?(line: String) {
        var fields: [String: String] = [:]
        var key: String?
        // `since` holds blanks: a word without `=` continues the field before it.
        for word in line.split(whereSeparator: \.isWhitespace) {
            if let eq = word.firstIndex(of: "="), ["pid", "user", "host", "since"].contains(String(word[..<eq])) {
                key = String(word[..<eq])
                fields[key!] = String(word[word.index(after: eq)...])
            } else if let key {
                fields[key]! += " " + word
            }
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }) else { return nil }
        self.init(pid: pid, user: fields["user"] ?? "?", host: fields["host"] ?? "?", since: fields["since"] ?? "?")
    }
}

/// One writer per workbook: `.FILE.lock` beside the workbook, held with
/// `flock` for as long as the session runs and naming its holder. The
/// kernel lets go of a `flock` when its process dies however it dies, so a
/// lock file whose lock nobody holds is stale: the next kaohe takes it over
/// and says whose it was.
public final class WorkbookLock {
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { release() }

    /// What trying to take a workbook's lock came to.
    public enum Outcome {
        /// Taken; `staleFrom` names a holder that died without letting go.
        case taken(WorkbookLock, staleFrom: LockHolder?)
        /// Another live kaohe holds it.
        case held(by: LockHolder?)
    }

    /// The lock file of a workbook, `.FILE.lock` beside it (hidden, so it
    /// stays out of file-name completion), beside the real file when FILE
    /// is a symlink, so two names of one file share a lock.
    public static func path(for workbook: String) -> String {
        let url = URL(fileURLWithPath: WorkbookDocument.resolved(workbook))
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".lock"
    }

    /// Takes the lock of `workbook`, or says who holds it.
    public static func take(_ workbook: String) throws(FileError) -> Outcome {
        let path = path(for: workbook)
        while true {
            let fd = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw FileError(file: workbook, .lockUncreatable(path, String(cString: strerror(errno))))
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                // The holder writes its name just after taking the lock: give it a moment.
                var holder: LockHolder?
                for _ in 0..<50 {
                    holder = LockHolder(line: read(fd))
                    if holder != nil { break }
                    usleep(2_000)
                }
                close(fd)
                return .held(by: holder)
            }
            // A holder that let go unlinks the file first: a lock on an
            // unlinked file keeps nobody out, so start again on the new one.
            var mine = stat(), named = stat()
            guard fstat(fd, &mine) == 0, stat(path, &named) == 0, mine.st_ino == named.st_ino, mine.st_dev == named.st_dev else {
                close(fd)
                continue
            }
            let stale = LockHolder(line: read(fd))
            let line = Array(LockHolder.current().line.utf8)
            guard ftruncate(fd, 0) == 0, pwrite(fd, line, line.count, 0) == line.count else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw FileError(file: workbook, .lockUnwritable(path, reason))
            }
            fsync(fd)
            return .taken(WorkbookLock(path: path, fd: fd), staleFrom: stale)
        }
    }

    /// Lets go: the file first, so that no one takes a lock on a name that is going away.
    public func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    private static func read(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
    }
}
