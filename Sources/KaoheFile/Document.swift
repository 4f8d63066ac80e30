import Foundation
import KaoheCore

/// A workbook and the file it lives in: opening never writes; saving is
/// atomic and refuses to overwrite a file that changed on disk since it was
/// opened (or last saved), unless forced.
public final class WorkbookDocument {
    public private(set) var path: String?
    public let workbook: Workbook
    /// The what-if scenarios saved with the workbook.
    public var scenarios: [ScenarioRecord] = []
    /// Who changed what, when; nil for a file written before the log existed
    /// (it gets one at its next change).
    public var log: ChangeLog?
    /// What the file held when opened or last saved, to notice other writers.
    private var fingerprint: Fingerprint?

    struct Fingerprint: Equatable {
        let size: Int
        let hash: UInt64

        init(_ data: Data) {
            size = data.count
            // FNV-1a: enough to notice a change, no cryptography needed.
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in data { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = h
        }
    }

    /// A new, unsaved workbook: a new identity in its change log.
    public init(workbook: Workbook = Workbook()) {
        self.workbook = workbook
        log = ChangeLog()
    }

    /// Opens a workbook file; every problem is reported as `FILE:LINE:COL`.
    public static func open(_ path: String) throws(FileError) -> WorkbookDocument {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw FileError(file: path, FileManager.default.fileExists(atPath: path)
                ? "cannot read the file: \(error.localizedDescription)"
                : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileError(FileProblem(file: path, line: Self.firstBadLine(data), "not UTF-8 text: a workbook file is UTF-8 (was it saved by another program in another encoding?)"))
        }
        let (wb, scenarios, log) = try WorkbookFile.document(text, file: path)
        let doc = WorkbookDocument(workbook: wb)
        doc.scenarios = scenarios
        doc.log = log
        doc.path = path
        doc.fingerprint = Fingerprint(data)
        return doc
    }

    /// Saves to `path` (default: where it was opened). Writes a temporary file
    /// beside the target, flushes it to disk and renames it over the target,
    /// so a crash mid-save leaves the old file whole.
    public func save(to target: String? = nil, force: Bool = false) throws(FileError) {
        guard let target = target ?? path else { throw FileError(file: "(new workbook)", "no file name: save FILE") }
        if !force, let path, Self.samePath(target, path), let fingerprint {
            let onDisk = try? Data(contentsOf: URL(fileURLWithPath: target))
            if let onDisk, Fingerprint(onDisk) != fingerprint {
                throw FileError(file: target, "the file changed on disk since it was opened (another program or another kaohe saved it): save --force to overwrite those changes, or save to another file")
            }
        }
        let data = Data(WorkbookFile.write(workbook, scenarios: scenarios, log: log).utf8)
        try Self.atomicWrite(data, to: target)
        path = target
        fingerprint = Fingerprint(data)
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath() == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Writes `data` to a temporary file in the target's folder, fsyncs it,
    /// renames it over the target and fsyncs the folder.
    static func atomicWrite(_ data: Data, to target: String) throws(FileError) {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let temp = folder + "/." + url.lastPathComponent + ".saving-\(getpid())"
        let fd = Foundation.open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileError(file: target, "cannot write in \(folder): \(String(cString: strerror(errno)))") }
        var ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        let writeError = String(cString: strerror(errno))
        close(fd)
        guard ok, rename(temp, target) == 0 else {
            unlink(temp)
            throw FileError(file: target, "could not save: \(writeError); the old file is unchanged")
        }
        let dir = Foundation.open(folder, O_RDONLY)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }

    /// The line of the first byte sequence that is not UTF-8, for the message.
    static func firstBadLine(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for (i, byte) in zip(data.indices, data) where byte == 0x0A {
            if String(data: data[start..<i], encoding: .utf8) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }
}
