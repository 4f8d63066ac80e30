import ArgumentParser
import Foundation
import KaoheCore
import KaoheFile

/// The command line. The REPL, `-c` and `-f` arrive with their issue; for
/// now kaohe creates workbooks from a template and checks them.
struct Kaohe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kaohe",
        abstract: "考核: the town cadre assessment workbook.",
        discussion: """
            kaohe keeps a year's assessment as a spreadsheet-style workbook: cadres \
            are rows, score categories are columns, and totals, ranks and bonuses \
            are formulas that recompute incrementally.

            This build carries the calculation engine and the workbook file; the \
            interactive REPL is under way.
            """,
        version: KaoheVersion.string,
        subcommands: [New.self, Check.self]
    )

    func run() throws {
        var err = StandardError()
        print("kaohe \(KaoheVersion.string): the REPL is not built yet. Try `kaohe check FILE` or `kaohe new FILE`; see `kaohe --help`.", to: &err)
        throw ExitCode(2)
    }
}

/// `kaohe new FILE [--template town|demo] [--year Y]`
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a workbook from a template.",
        discussion: "town: the town's assessment scheme, empty. demo: the scheme filled with a realistic town, to try kaohe out.")

    @Argument(help: "The workbook file to create.")
    var file: String

    @Option(help: "\(Templates.names.joined(separator: " or ")).")
    var template = "town"

    @Option(help: "The assessment year (default: this year).")
    var year = Calendar.current.component(.year, from: Date())

    @Flag(help: "Overwrite FILE if it exists.")
    var force = false

    func run() throws {
        var err = StandardError()
        guard force || !FileManager.default.fileExists(atPath: file) else {
            print("kaohe new: \(file) already exists; choose another name, or add --force to overwrite it", to: &err)
            throw ExitCode(1)
        }
        guard let workbook = try Templates.make(template, year: year) else {
            let hint = nearest(template, in: Templates.names).map { "did you mean \($0)? " } ?? ""
            print("kaohe new: no template '\(template)' (\(hint)templates: \(Templates.names.joined(separator: ", ")))", to: &err)
            throw ExitCode(1)
        }
        do {
            try WorkbookDocument(workbook: workbook).save(to: file, force: true)
        } catch {
            print("kaohe new: \(error)", to: &err)
            throw ExitCode(1)
        }
        print("created \(file) from the \(template) template (year \(year))")
    }
}

/// `kaohe check FILE`: opens a workbook and reports problems or a summary.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open a workbook and report its problems, or a summary.")

    @Argument(help: "The workbook file.")
    var file: String

    func run() throws {
        var err = StandardError()
        do {
            let wb = try WorkbookDocument.open(file).workbook
            for sheet in wb.sheetNames {
                print("\(sheet): \(try wb.rowCount(of: sheet)) rows, \(try wb.columns(of: sheet).count) columns")
            }
            if !wb.cyclicColumns.isEmpty { print("circular references: \(wb.cyclicColumns.joined(separator: ", "))") }
        } catch let error as FileError {
            print(error.description, to: &err)
            throw ExitCode(1)
        }
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

Kaohe.main()
