import KaoheCore

/// libFuzzer harness for the formula parser: any text either parses, and
/// then prints to a formula that parses back to the same print, or is
/// refused with a column inside the text (or just after it). Anything else
/// (a crash, a stack overflow, a column out of range) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let printed = try Parser.parse(source).description
        do {
            let again = try Parser.parse("=" + printed).description
            if again != printed { fatalError("printed \(printed), which reads back as \(again)") }
        } catch {
            fatalError("printed \(printed), which does not parse: \(error)")
        }
    } catch {
        if error.column < 1 || error.column > source.count + 1 {
            fatalError("column \(error.column) outside a formula of \(source.count) characters: \(error.message)")
        }
    }
    return 0
}
