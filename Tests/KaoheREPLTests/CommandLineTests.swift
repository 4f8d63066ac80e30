import Foundation
import Testing

/// The command line's small surprises, through the real binary: a workbook
/// that is not there, `-f` and `-c` together, the other words for quit.
@Suite("the command line: kaohe new suggested, -f and -c in order, exit and .quit")
struct CommandLineTests {
    @Test("kaohe missing.kaohe says there is no such file and how to create it, in English and in Chinese; nothing is created")
    func missingWorkbook() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for arguments in [["missing.kaohe"], ["missing.kaohe", "-c", "show"]] {
            let r = try Binary.run(arguments, in: dir, environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
            #expect(r.status == 1)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr == "kaohe: missing.kaohe: no such file; to create a workbook there: kaohe new missing.kaohe\n")
        }
        let zh = try Binary.run(["missing.kaohe"], in: dir, environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(zh.stderr == "kaohe: missing.kaohe：没有这个文件；要在此新建工作簿：kaohe new missing.kaohe\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// What one command prints on its own.
    static func printed(_ command: String, in dir: URL) throws -> String {
        try Binary.run(["demo-2026.kaohe", "-c", command], in: dir).stdout
    }

    static let a = "show offices cols=name limit 1", b = "show offices cols=name limit 2", c = "show cols=id limit 1", d = "sheets"

    @Test("-f and -c run in the order given, as psql runs them; an error names its own source and line")
    func scriptsAndCommandsInOrder() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b, c, d) = (try Self.printed(Self.a, in: dir), try Self.printed(Self.b, in: dir), try Self.printed(Self.c, in: dir), try Self.printed(Self.d, in: dir))
        try "\(Self.b)\n".write(to: dir.appendingPathComponent("one.txt"), atomically: true, encoding: .utf8)
        try "\(Self.d)\nnosuch\n\(Self.a)\n".write(to: dir.appendingPathComponent("two.txt"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["demo-2026.kaohe", "-c", Self.a, "-f", "one.txt", "-c", Self.c, "-f", "two.txt", "-c", Self.a], in: dir)
        #expect(r.stdout == a + b + c + d)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("two.txt:2: unknown command 'nosuch'"), "\(r.stderr)")

        let fine = try Binary.run(["demo-2026.kaohe", "-f", "one.txt", "-c", Self.d, "-f", "one.txt"], in: dir)
        #expect(fine.stdout == b + d + b)
        #expect(fine.status == 0 && fine.stderr.isEmpty)

        let bad = try Binary.run(["demo-2026.kaohe", "-c", Self.a, "-c", "nosuch"], in: dir)
        #expect(bad.stderr.hasPrefix("-c:2: unknown command 'nosuch'"))
    }

    @Test("exit, \\q and .quit end a run as quit does: what follows does not run")
    func otherQuits() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        for word in ["quit", "exit", "\\q", ".quit"] {
            let r = try Binary.run(["demo-2026.kaohe"], stdin: "\(Self.a)\n\(word)\n\(Self.b)\n", in: dir)
            #expect(r.stdout == (try Self.printed(Self.a, in: dir)), "\(word)")
            #expect(r.status == 0 && r.stderr.isEmpty, "\(word)")
        }
    }
}
