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
}
