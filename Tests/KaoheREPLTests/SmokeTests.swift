import Foundation
import Testing

@Suite("the binary")
struct SmokeTests {
    @Test("batch: the first failing command stops the run with SCRIPT:LINE on stderr")
    func firstFailureStops() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        let r = try Binary.run(["demo-2026.kaohe", "-c", "show limit 1", "-c", "shwo", "-c", "show limit 2"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "-c:2: unknown command 'shwo' (did you mean show?); type help for the list\n")
        #expect(r.stdout.contains("1 row (of 60)"))
        #expect(!r.stdout.contains("2 rows"))
    }

    @Test("kaohe check lists every value the commands would refuse, FILE:LINE each, exit 1; the file still opens with the same warnings")
    func check() throws {
        let dir = try Binary.scratch()
        let text = """
            kaohe 1

            sheet offices
            column name "办" text
            row "党政办"

            sheet cadres
            column id "编号" text
            column name "姓名" text
            column office "所在办" one of offices[name]
            column democratic "民主评议" number 0..10
            row "c01", "张伟", "党政办", 9
            row "c02", "李娜", "党正办", 12
            row "c01", "王芳"

            """
        try text.write(to: dir.appendingPathComponent("w.kaohe"), atomically: true, encoding: .utf8)
        let problems = """
            w.kaohe:13: 所在办 (office) takes one of offices[name], not '党正办' (did you mean 党政办?)
            w.kaohe:13: 民主评议 (democratic) takes a number from 0 to 10, not 12
            w.kaohe:14: the id c01 is also cadre 张伟 (cadres row 1): ids must be unique

            """
        let r = try Binary.run(["check", "w.kaohe"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout == problems + "offices: 1 rows, 1 columns\ncadres: 3 rows, 4 columns\n")
        #expect(r.stderr == "3 problems: the file opens; fix them with the commands, then save\n")
        let opened = try Binary.run(["w.kaohe", "-c", "set 李娜 democratic 10", "-c", "set 李娜 office 党政办", "-c", "set 王芳 id c03", "-c", "save"], in: dir)
        #expect(opened.status == 0)
        #expect(opened.stdout.hasPrefix(problems.split(separator: "\n").map { "warning: \($0)\n" }.joined() + "3 problems in the file: the commands can fix them, then save\n"))
        let fixed = try Binary.run(["check", "w.kaohe"], in: dir)
        #expect(fixed.status == 0)
        #expect(fixed.stdout == "offices: 1 rows, 1 columns\ncadres: 3 rows, 4 columns\n")
    }
}
