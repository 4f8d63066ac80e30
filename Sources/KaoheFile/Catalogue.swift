import KaoheCore

/// What the file layer says, in both languages: the problems of reading and
/// writing workbooks, CSV and xlsx. The English is each error's `description`.
extension Phrase {
    static func lockedBy(_ holder: String?) -> Phrase {
        Phrase(en: "\(holder.map { "another kaohe (\($0))" } ?? "another kaohe") has this workbook open for writing; one writer at a time",
               zh: "\(holder.map { "另一个 kaohe（\($0)）" } ?? "另一个 kaohe")正以写入方式打开本工作簿；同一时间只能有一处写入")
    }
}
