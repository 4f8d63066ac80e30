import Foundation
import KaoheCore

/// A workbook and the file it lives in. Opening never writes the workbook;
/// opening for writing takes its lock (one writer per workbook); saving is
/// atomic, keeps the file's mode and owner, writes through a symlink, and
/// refuses to overwrite a file that changed on disk since it was opened (or
/// last saved), unless forced.
public final class WorkbookDocument {
    public private(set) var path: String?
    public let workbook: Workbook
    /// The what-if scenarios saved with the workbook.
    public var scenarios: [ScenarioRecord] = []
    /// Who changed what, when; nil for a file written before the log existed
    /// (it gets one at its next change).
    public var log: ChangeLog?
    /// What the file holds that the commands would refuse (`Checks`), at its
    /// line: the file opens, so the office can fix it.
    public private(set) var warnings: [FileProblem] = []
    /// What the file held when opened or last saved, to notice other writers.
    private var fingerprint: Fingerprint?
    /// Held while this document may write its file; nil when read-only or new.
    private var lock: WorkbookLock?
    /// Opened without the lock: looking only, until saved under another name.
    public private(set) var readOnly = false
    /// What opening found and set right, to tell the user (a stale lock
    /// taken over, a killed save's temporary file removed).
    public private(set) var notices: [Phrase] = []

    struct Fingerprint: Equatable {
        let size: Int
        let hash: UInt64

        init(_ data: Data) {
            size = data.count
            // FNV-1a: enough to notice a change, no cryptography needed.
            // Over the raw bytes: `Data`'s own iterator costs ~60
            // instructions a byte, a sixth of opening a large workbook.
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            data.withUnsafeBytes { raw in
                for byte in raw { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
            hash = h
        }

        var text: String { "\(size):" + String(hash, radix: 16) }
    }

    /// A new, unsaved workbook: a new identity in its change log.
    public init(workbook: Workbook = Workbook()) {
        self.workbook = workbook
        log = ChangeLog()
    }

    /// The version of the file this document holds, `SIZE:HASH`, or `new`
    /// before its first save: a journal records it, so its changes are
    /// replayed only on the version they were made to.
    public var version: String { fingerprint?.text ?? "new" }

    /// Opens a workbook file; every problem is reported as `FILE:LINE:COL`.
    /// For writing (the default) it takes the workbook's lock first: if
    /// another kaohe holds it, the error's `lockedBy` says who.
    public static func open(_ path: String, readOnly: Bool = false) throws(FileError) -> WorkbookDocument {
        var lock: WorkbookLock?
        var notices: [Phrase] = []
        if !readOnly {
            try checkReadable(path)
            switch try WorkbookLock.take(path) {
            case .held(let holder):
                throw FileError(file: path, lockedBy: holder)
            case .taken(let taken, let stale):
                lock = taken
                if let stale {
                    notices.append(.staleLockTaken(path, holder: "\(stale)"))
                }
                let temp = temporaryPath(for: resolved(path))
                if unlink(temp) == 0 {
                    notices.append(.removedTemp(temp, path: path))
                }
            }
        }
        // The bytes are read once, parsed where they lie, and let go once
        // parsed: a workbook is held once while it is read, and not while
        // built. Meanwhile another core checks them as UTF-8 and takes their
        // fingerprint (a fifth of the open of a large file, done one after
        // the other). The parser is safe on any bytes, and a file that is
        // not UTF-8 is refused as such whatever the parse made of it.
        var data = try readBytes(path)
        let checked = Concurrent { [data] in
            (notUTF8: data.withUnsafeBytes(isUTF8) ? nil : notUTF8(data, path, what: "a workbook file"), fingerprint: Fingerprint(data))
        }
        let parsed = Result { () throws(FileError) in try WorkbookFile.document(utf8: &data, file: path) }
        if let refused = checked.value.notUTF8 { throw refused }
        let loaded = try parsed.get()
        let fingerprint = checked.value.fingerprint
        let doc = WorkbookDocument(workbook: loaded.workbook)
        doc.scenarios = loaded.scenarios
        doc.log = loaded.log
        doc.warnings = loaded.warnings
        doc.path = path
        doc.fingerprint = fingerprint
        doc.lock = lock
        doc.readOnly = readOnly
        doc.notices = notices
        return doc
    }

    /// A UTF-8 text file (a workbook, a script): its bytes and text, or why
    /// not, with the line and column of the first byte that is not UTF-8.
    public static func readUTF8(_ path: String, what: String) throws(FileError) -> (data: Data, text: String) {
        let data = try readUTF8Bytes(path, what: what)
        return (data, String(decoding: data, as: UTF8.self))
    }

    /// A file's bytes, or why not, as `readUTF8`: refused unless UTF-8.
    static func readUTF8Bytes(_ path: String, what: String) throws(FileError) -> Data {
        let data = try readBytes(path)
        guard data.withUnsafeBytes(isUTF8) else { throw notUTF8(data, path, what: what) }
        return data
    }

    /// A file's bytes, unchecked, or why they cannot be read.
    static func readBytes(_ path: String) throws(FileError) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            try checkReadable(path)
            throw FileError(file: path, .cannotReadFile(error.localizedDescription))
        }
    }

    /// The refusal of bytes that are not UTF-8, at the first bad byte.
    static func notUTF8(_ data: Data, _ path: String, what: String) -> FileError {
        let (line, column) = Self.firstBadByte(data)
        return FileError(FileProblem(file: path, line: line, column: column, .notUTF8(what)))
    }

    /// Whether the bytes are well-formed UTF-8 (the Unicode standard's
    /// table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF).
    /// Eight ASCII bytes are passed at a time: the standard library's
    /// check took 9 instructions a byte, a sixth of opening a large file.
    static func isUTF8(_ raw: UnsafeRawBufferPointer) -> Bool {
        let n = raw.count
        var i = 0
        while i < n {
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = raw[i]
            if b < 0x80 { i += 1; continue }
            func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < n && raw[i + k] >= lo && raw[i + k] <= hi }
            switch b {
            case 0xC2...0xDF: guard cont(1) else { return false }; i += 2
            case 0xE0: guard cont(1, 0xA0), cont(2) else { return false }; i += 3
            case 0xE1...0xEC, 0xEE...0xEF: guard cont(1), cont(2) else { return false }; i += 3
            case 0xED: guard cont(1, 0x80, 0x9F), cont(2) else { return false }; i += 3
            case 0xF0: guard cont(1, 0x90), cont(2), cont(3) else { return false }; i += 4
            case 0xF1...0xF3: guard cont(1), cont(2), cont(3) else { return false }; i += 4
            case 0xF4: guard cont(1, 0x80, 0x8F), cont(2), cont(3) else { return false }; i += 4
            default: return false
            }
        }
        return true
    }

    /// Refuses what cannot be opened as a file, naming why.
    static func checkReadable(_ path: String) throws(FileError) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw FileError(file: path, errno == ENOENT ? .noSuchFile : .cannotOpen(String(cString: strerror(errno))))
        }
        if st.st_mode & S_IFMT == S_IFDIR { throw FileError(file: path, .isAFolderNotAFile) }
        if access(path, R_OK) != 0 { throw FileError(file: path, .cannotReadFile(String(cString: strerror(errno)))) }
    }

    /// Lets go of the workbook: its lock is released for the next kaohe.
    public func close() {
        lock?.release()
        lock = nil
    }

    /// Saves to `path` (default: where it was opened). Writes a temporary file
    /// beside the target, flushes it to disk and renames it over the target,
    /// so a crash mid-save leaves the old file whole. Another file (or this
    /// one, when its lock was let go) is locked first, and becomes this
    /// document's file.
    public func save(to target: String? = nil, force: Bool = false) throws(FileError) {
        guard let target = target ?? path else { throw FileError(file: "(new workbook)", .noFileName) }
        let same = path.map { Self.samePath(target, $0) } ?? false
        var newLock: WorkbookLock?
        if same {
            guard !readOnly else {
                throw FileError(file: target, .openedReadOnly)
            }
            if !force, let fingerprint {
                let onDisk = try? Data(contentsOf: URL(fileURLWithPath: target))
                if let onDisk, Fingerprint(onDisk) != fingerprint {
                    throw FileError(file: target, .changedOnDisk)
                }
            }
        }
        if !same || lock == nil {
            switch try WorkbookLock.take(target) {
            case .held(let holder): throw FileError(file: target, lockedBy: holder)
            case .taken(let taken, _): newLock = taken
            }
        }
        let data = Data(WorkbookFile.write(workbook, scenarios: scenarios, log: log).utf8)
        try Self.atomicWrite(data, to: target)
        if let newLock {
            lock?.release()
            lock = newLock
            readOnly = false
        }
        path = target
        fingerprint = Fingerprint(data)
    }

    static func samePath(_ a: String, _ b: String) -> Bool { resolved(a) == resolved(b) }

    /// The file a path names: symlinks followed, `.` and `..` gone. A path
    /// that does not exist yet resolves through its folder.
    public static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The temporary file a save of `target` writes before renaming it into
    /// place. One name per workbook: only the lock's holder saves.
    static func temporaryPath(for target: String) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".saving"
    }

    /// Writes `data` to a temporary file in the target's folder, fsyncs it,
    /// renames it over the target and fsyncs the folder. A symlink is
    /// written through (its target is replaced); an existing file keeps its
    /// mode and owner; a read-only file is refused.
    public static func atomicWrite(_ data: Data, to path: String) throws(FileError) {
        let target = resolved(path)
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var old = stat()
        let exists = stat(target, &old) == 0
        if exists {
            if old.st_mode & S_IFMT == S_IFDIR { throw FileError(file: path, .saveToAFolder) }
            if old.st_mode & 0o222 == 0 || access(target, W_OK) != 0 {
                throw FileError(file: path, .fileReadOnly(mode: String(old.st_mode & 0o777, radix: 8)))
            }
        }
        let temp = temporaryPath(for: target)
        let fd = Foundation.open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw FileError(file: path, .cannotWriteIn(folder, String(cString: strerror(errno)))) }
        CrashPoint.reach("save.temp-created")
        var ok = writeAll(fd, data, halfway: { CrashPoint.reach("save.temp-half") })
        if ok, exists {
            // Owner first: fchown may clear set-id bits that fchmod then restores.
            // Only root may give a file away: for others the owner is already themselves.
            _ = fchown(fd, old.st_uid, old.st_gid)
            ok = fchmod(fd, old.st_mode & 0o7777) == 0
        }
        ok = ok && fsync(fd) == 0
        let writeError = String(cString: strerror(errno))
        Foundation.close(fd)
        CrashPoint.reach("save.temp-synced")
        guard ok, rename(temp, target) == 0 else {
            unlink(temp)
            throw FileError(file: path, .couldNotSave(writeError))
        }
        CrashPoint.reach("save.renamed")
        let dir = Foundation.open(folder, O_RDONLY)
        if dir >= 0 {
            fsync(dir)
            Foundation.close(dir)
        }
        CrashPoint.reach("save.dir-synced")
    }

    /// Writes all of `data` to `fd`, calling `halfway` between its two halves
    /// (a crash test's step); false on the first failed write.
    static func writeAll(_ fd: Int32, _ data: Data, halfway: () -> Void = {}) -> Bool {
        data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            var announced = false
            while offset < buffer.count {
                let chunk = announced ? buffer.count - offset : max(1, buffer.count / 2) - offset
                let n = Foundation.write(fd, buffer.baseAddress! + offset, chunk)
                if n <= 0 { return false }
                offset += n
                if !announced, offset >= buffer.count / 2 {
                    announced = true
                    halfway()
                }
            }
            return true
        }
    }

    /// Where the first byte sequence that is not UTF-8 is: its line, and
    /// the character column it starts at.
    static func firstBadByte(_ data: Data) -> (line: Int, column: Int) {
        let bytes = [UInt8](data)
        var line = 1
        var start = 0
        var i = 0
        while i <= bytes.count {
            guard i == bytes.count || bytes[i] == 0x0A else {
                i += 1
                continue
            }
            let slice = bytes[start..<i]
            if String(validating: slice, as: UTF8.self) == nil {
                // The longest valid prefix ends where the bad sequence starts.
                var good = slice.startIndex
                var decoder = UTF8()
                var iterator = slice.makeIterator()
                while case .scalarValue(let s) = decoder.decode(&iterator) { good += UTF8.width(s) }
                return (line, String(decoding: bytes[start..<good], as: UTF8.self).count + 1)
            }
            line += 1
            start = i + 1
            i += 1
        }
        return (line, 0)
    }
}
