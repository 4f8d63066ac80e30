import KaoheCore
import KaoheFile

/// libFuzzer harness for the `.kaohe` reader: any text either opens, and
/// then writes a file that reads back to the same bytes (the canonical
/// writer), or is refused with every problem at a line of the file.
/// Anything else (a crash, a problem without its line) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    do {
        let written = WorkbookFile.write(try WorkbookFile.read(text, file: "fuzz.kaohe"))
        do {
            let again = WorkbookFile.write(try WorkbookFile.read(written, file: "written.kaohe"))
            if again != written { fatalError("the canonical file changes when read and written again:\n\(written)\n---\n\(again)") }
        } catch {
            fatalError("kaohe wrote a file it does not read back: \(error)\n\(written)")
        }
    } catch {
        for p in error.problems where p.line < 1 || p.line > lines {
            fatalError("a problem at line \(p.line) of a \(lines)-line file: \(p)")
        }
    }
    return 0
}
