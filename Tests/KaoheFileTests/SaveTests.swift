import Foundation
import KaoheCore
import Testing
@testable import KaoheFile

/// Saving keeps the file's identity (mode, owner, symlink), respects
/// read-only files, cleans up after a killed save; the lock keeps a second
/// writer out; a file cut short is refused where it ends.
@Suite("Saving keeps the file; the lock; cut files")
struct SaveTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "kaohe-save-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        stat(path, &st)
        return st.st_mode & 0o7777
    }

    func saved(_ path: String) throws {
        let doc = WorkbookDocument(workbook: try sampleWorkbook())
        try doc.save(to: path)
        doc.close()
    }

    // MARK: 6. the file's identity

    @Test("a 0600 workbook stays 0600 and keeps its owner and group")
    func modeAndOwner() throws {
        let path = try folder() + "/w.kaohe"
        try saved(path)
        chmod(path, 0o600)
        let owner: (uid_t, gid_t) = geteuid() == 0 ? (1234, 5678) : (geteuid(), getegid())
        if geteuid() == 0 { chown(path, owner.0, owner.1) }
        let doc = try WorkbookDocument.open(path)
        try doc.workbook.setParam("decimals", .number(1))
        try doc.save()
        doc.close()
        var st = stat()
        stat(path, &st)
        #expect(mode(path) == 0o600)
        #expect(st.st_uid == owner.0 && st.st_gid == owner.1)
        #expect(try WorkbookDocument.open(path, readOnly: true).workbook.param("decimals") == .number(1))
    }

    @Test("a symlinked workbook stays a symlink; the file it points to is what is saved")
    func symlinked() throws {
        let dir = try folder()
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: false)
        try saved(dir + "/real/w.kaohe")
        symlink("real/w.kaohe", dir + "/link.kaohe")
        let doc = try WorkbookDocument.open(dir + "/link.kaohe")
        // The lock and the journal are the real file's, shared by every name of it.
        #expect(FileManager.default.fileExists(atPath: dir + "/real/.w.kaohe.lock"))
        #expect(Journal(for: dir + "/link.kaohe", base: doc.version).path == WorkbookDocument.resolved(dir + "/real/w.kaohe") + ".journal")
        #expect(failure { _ = try WorkbookDocument.open(dir + "/real/w.kaohe") }?.contains("has this workbook open for writing") == true)
        try doc.workbook.setParam("decimals", .number(3))
        try doc.save()
        doc.close()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.kaohe") == "real/w.kaohe")
        #expect(try WorkbookDocument.open(dir + "/real/w.kaohe", readOnly: true).workbook.param("decimals") == .number(3))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/real") == ["w.kaohe"])
    }

    @Test("a read-only (0444) workbook is not overwritten, even as root")
    func readOnlyFile() throws {
        let path = try folder() + "/w.kaohe"
        try saved(path)
        chmod(path, 0o444)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let doc = try WorkbookDocument.open(path)
        try doc.workbook.setParam("decimals", .number(1))
        #expect(failure { try doc.save(force: true) }
            == "\(path): the file is read-only (mode 444): make it writable (chmod u+w) to save over it, or save to another file (save OTHER.kaohe)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a temporary file a killed save left is removed when the workbook is next opened, saying so")
    func leftoverTemporary() throws {
        let dir = try folder()
        try saved(dir + "/w.kaohe")
        try Data("kaohe 2\nsheet half".utf8).write(to: URL(fileURLWithPath: dir + "/.w.kaohe.saving"))
        let doc = try WorkbookDocument.open(dir + "/w.kaohe")
        #expect(doc.notices.map(\.en) == ["removed \(dir)/.w.kaohe.saving, left by a save that was killed before it finished; \(dir)/w.kaohe is as last saved"])
        doc.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["w.kaohe"])
    }

    // MARK: 2. the lock

    @Test("one writer: a second open for writing is refused naming the holder; read-only is not; a save as another open workbook is refused")
    func lock() throws {
        let dir = try folder()
        try saved(dir + "/a.kaohe")
        try saved(dir + "/b.kaohe")
        let a = try WorkbookDocument.open(dir + "/a.kaohe")
        let me = LockHolder.current()
        do {
            _ = try WorkbookDocument.open(dir + "/a.kaohe")
            Issue.record("opened twice for writing")
        } catch {
            #expect(error.locked && error.holder?.pid == getpid() && error.holder?.user == me.user && error.holder?.host == me.host)
            #expect(error.description.hasPrefix("\(dir)/a.kaohe: another kaohe (pid \(getpid()), user \(me.user) on \(me.host), since 20"))
            #expect(error.description.hasSuffix(" UTC) has this workbook open for writing; one writer at a time"))
        }
        #expect(try WorkbookDocument.open(dir + "/a.kaohe", readOnly: true).readOnly)
        let b = try WorkbookDocument.open(dir + "/b.kaohe")
        #expect(failure { try b.save(to: dir + "/a.kaohe", force: true) }?.contains("has this workbook open for writing") == true)
        a.close()
        #expect(!FileManager.default.fileExists(atPath: dir + "/.a.kaohe.lock"))
        try b.save(to: dir + "/a.kaohe", force: true)
        #expect(b.path == dir + "/a.kaohe")
        // Saved as a.kaohe, b's document holds a.kaohe's lock and let go of b.kaohe's.
        #expect(failure { _ = try WorkbookDocument.open(dir + "/a.kaohe") }?.contains("has this workbook open for writing") == true)
        #expect(try WorkbookDocument.open(dir + "/b.kaohe").path == dir + "/b.kaohe")
    }

    @Test("a lock file whose holder died is taken over, naming it")
    func staleLock() throws {
        let dir = try folder()
        try saved(dir + "/w.kaohe")
        try Data("pid=999999 user=li host=office since=2026-03-01 08:00:00 UTC\n".utf8).write(to: URL(fileURLWithPath: dir + "/.w.kaohe.lock"))
        let doc = try WorkbookDocument.open(dir + "/w.kaohe")
        #expect(doc.notices.map(\.en) == ["\(dir)/w.kaohe was left locked by a kaohe that is no longer running (pid 999999, user li on office, since 2026-03-01 08:00:00 UTC): the lock is now this session's"])
        #expect(try String(contentsOfFile: dir + "/.w.kaohe.lock", encoding: .utf8).hasPrefix("pid=\(getpid()) "))
    }

    // MARK: 7. files cut short

    @Test("the demo cut at any line end or at 300 random bytes is refused with FILE:LINE; cut after its end line, it opens")
    func truncated() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Workbooks/demo-2026.kaohe")
        let bytes = [UInt8](try Data(contentsOf: url))
        let end = bytes.count - "end\n".utf8.count
        var cuts = bytes.indices.filter { bytes[$0] == 0x0A && $0 < end - 1 }.map { $0 + 1 }
        var random = SplitMix64(seed: 11)
        cuts += (0..<300).map { _ in random.randint(1, end - 1) }
        var refused = 0
        for cut in cuts {
            // A cut inside a character is not UTF-8: the document reports
            // that (with its place); the reader sees whole text.
            guard let text = String(validating: bytes[..<cut], as: UTF8.self) else { continue }
            do {
                _ = try WorkbookFile.read(text, file: "demo.kaohe")
                Issue.record("cut at byte \(cut) of \(bytes.count) opened")
            } catch {
                #expect(error.problems.allSatisfy { $0.line > 0 }, "cut at \(cut): \(error)")
                refused += 1
            }
        }
        #expect(refused > 400)
        let whole = String(decoding: bytes, as: UTF8.self)
        #expect(try WorkbookFile.read(String(whole.dropLast()), file: "demo.kaohe").sheetNames.count == 7)
        #expect(failure { _ = try WorkbookFile.read(String(whole.prefix(whole.count - 30)), file: "demo.kaohe") }?
            .hasPrefix("demo.kaohe:") == true)
    }

    @Test("a file cut between rows names its last line; text after end is refused where it is")
    func endLine() throws {
        let file = "kaohe 2\nsheet t\ncolumn a\nrow 1\nrow 2\n"
        #expect(failure { _ = try WorkbookFile.read(file, file: "w.kaohe") }
            == "w.kaohe:6: the file ends without its closing 'end' line: it was cut short (an interrupted copy, a full disk?); open a whole copy, or, if the file was written by hand, end it with a line 'end'")
        #expect(failure { _ = try WorkbookFile.read(file + "end\nrow 3\n", file: "w.kaohe") }
            == "w.kaohe:7:1: text after the 'end' line (line 6) that closes the workbook: move it above that line")
        #expect(failure { _ = try WorkbookFile.read(file + "end 3\n", file: "w.kaohe") }
            == "w.kaohe:6:5: the 'end' line closes the workbook and holds nothing else")
        #expect(failure { _ = try WorkbookFile.read(file + "en", file: "w.kaohe") }?
            .hasPrefix("w.kaohe:6:1: unknown line 'en' (did you mean end?)") == true)
    }

    @Test("a file edited by hand opens: a row added, a value changed, a comment and blank lines after end")
    func handEdited() throws {
        var text = WorkbookFile.write(try sampleWorkbook())
        text = text.replacingOccurrences(of: "row \"农办\"\n", with: "row \"农办\"\nrow \"新办\", 7\n")
            .replacingOccurrences(of: "param decimals = 2", with: "param decimals = 1") + "\n# checked by 李娜\n\n"
        let wb = try WorkbookFile.read(text, file: "edited.kaohe")
        #expect(try wb.rowCount(of: "offices") == 3)
        #expect(wb.param("decimals") == .number(1))
        // A version 1 file has no end line and still opens.
        #expect(try WorkbookFile.read("kaohe 1\nsheet t\ncolumn a\nrow 1\n", file: "old.kaohe").rowCount(of: "t") == 1)
    }
}
