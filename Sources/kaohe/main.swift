import ArgumentParser
import Foundation
import KaoheCore

/// The command line. The REPL, `new`, `-c` and `-f` arrive with their issues;
/// for now the tool reports its version and what it will do.
struct Kaohe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kaohe",
        abstract: "考核: the town cadre assessment workbook.",
        discussion: """
            kaohe keeps a year's assessment as a spreadsheet-style workbook: cadres \
            are rows, score categories are columns, and totals, ranks and bonuses \
            are formulas that recompute incrementally.

            This build carries the calculation engine; the interactive REPL, \
            workbook files and CSV export are under way.
            """,
        version: KaoheVersion.string
    )

    @Argument(help: "A workbook file (.kaohe).")
    var file: String?

    func run() throws {
        var err = StandardError()
        print("kaohe \(KaoheVersion.string): the REPL is not built yet; see `kaohe --help`.", to: &err)
        throw ExitCode(2)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

Kaohe.main()
