import KaoheCore

/// What the commands of files, outputs, history and the scheme's entry say
/// when they refuse.
extension Phrase {
    static func unsavedRefuse(_ n: Int) -> Phrase {
        Phrase(en: "\(n) unsaved change\(n == 1 ? "" : "s"): save first, or save to another file",
               zh: "有 \(n) 处修改未保存：请先保存，或另存为其他文件")
    }

    static func notAFileName(_ command: String, _ path: String, usage: String) -> Phrase {
        Phrase(en: "\(command): '\(path)' is not a file name: options here are bare words, not --options (\(usage)); a file whose name starts with '-' can be written as ./\(path)",
               zh: "\(command)：“\(path)”不是文件名：此处的选项直接写词，不带 --（\(usage)）；以“-”开头的文件名可写作 ./\(path)")
    }

    static func isAFolder(_ command: String, _ path: String, example: String) -> Phrase {
        Phrase(en: "\(command): \(path) is a folder: give a file name, such as \(path)/\(example)",
               zh: "\(command)：\(path) 是文件夹：请给出文件名，如 \(path)/\(example)")
    }

    static func isTheOpenWorkbook(_ command: String, _ path: String) -> Phrase {
        Phrase(en: "\(command): \(path) is the open workbook: writing there would replace it; choose another name",
               zh: "\(command)：\(path) 是当前打开的工作簿：写入会替换它；请换一个文件名")
    }

    static func fileExists(_ command: String, _ path: String, line: String) -> Phrase {
        Phrase(en: "\(command): \(path) already exists: to replace it, \(line) force; or choose another name",
               zh: "\(command)：\(path) 已存在：如要替换，请用 \(line) force；或换一个文件名")
    }

    static func noEncoding(_ command: String, _ enc: String) -> Phrase {
        Phrase(en: "\(command): no encoding '\(enc)': use utf8 or gb18030", zh: "\(command)：没有编码“\(enc)”：请用 utf8 或 gb18030")
    }

    static func formNeedsDepartment(_ path: String) -> Phrase {
        Phrase(en: "export form: name the department: export form \(path) for=宣传委员",
               zh: "export form：请指明部门：export form \(path) for=宣传委员")
    }

    static func noExportFormat(_ format: String, usage: String) -> Phrase {
        Phrase(en: "export: no format '\(format)': use csv, xlsx or html", zh: "export：没有格式“\(format)”：请用 csv、xlsx 或 html") + .usage(usage)
    }

    static func scoresNeedColumn(_ path: String) -> Phrase {
        Phrase(en: "import scores: name the column the scores go to: import scores \(path) rural_raw",
               zh: "import scores：请指明得分导入到哪一列：import scores \(path) rural_raw")
    }

    static func noImportKind(_ kind: String, usage: String) -> Phrase {
        Phrase(en: "import: cadres, events or scores, not '\(kind)'", zh: "import：应为 cadres、events 或 scores，不能是“\(kind)”") + .usage(usage)
    }

    static func cannotRead(_ path: String, exists: Bool) -> Phrase {
        exists ? Phrase(en: "\(path): cannot read the file", zh: "\(path)：无法读取该文件")
            : Phrase(en: "\(path): no such file", zh: "\(path)：没有这个文件")
    }

    static func summaryNeedsColumns(_ needed: [String]) -> Phrase {
        Phrase(en: "summary needs the town template's cadres columns (\(needed.joined(separator: ", ")))",
               zh: "summary 需要镇考核模板中干部表的各列（\(needed.joined(separator: "、"))）")
    }

    static func htmlHasEverySection(_ option: String) -> Phrase {
        Phrase(en: "export html: the report has every section; \(option)= is for csv and xlsx",
               zh: "export html：报告包含全部内容；\(option)= 只用于 csv 和 xlsx")
    }

    static func csvOnly(_ format: String, _ given: String) -> Phrase {
        Phrase(en: "export \(format): \(given) is for csv; an .\(format) file is always UTF-8",
               zh: "export \(format)：\(given) 只用于 csv；.\(format) 文件总是 UTF-8 编码")
    }

    static let noBonusColumns = Phrase(en: "this workbook has no bonus columns (share, bonus): it needs the town template's scheme",
                                       zh: "本工作簿没有考核奖各列（share、bonus）：需要按镇考核模板建立")

    static let awardQuoteContent = Phrase(en: "award: quote the content if it has blanks: \"...\"", zh: "award：事由含空格时请加引号：\"...\"")

    static let evidenceQuote = Phrase(en: "award evidence: quote the text if it has blanks: \"...\"", zh: "award evidence：文字含空格时请加引号：\"...\"")

    static func occurrencesTyped(_ verb: String, _ typed: String) -> Phrase {
        Phrase(en: "\(verb): occurrences are a whole number from 1, written xN (e.g. x3), not '\(typed)'",
               zh: "\(verb)：次数为不小于 1 的整数，写作 xN（如 x3），不能写“\(typed)”")
    }

    static let yearNextNoYear = Phrase(en: "year next: the workbook has no year parameter", zh: "year next：本工作簿没有 year（考核年度）参数")

    // MARK: Opening

    static func lockedReadOnlyHint(_ error: Phrase, hint: String) -> Phrase {
        error + Phrase(en: "; to look at it without changing it: \(hint)", zh: "；如只需查看、不作修改：\(hint)")
    }

    static let templateDoesNotLoad = Phrase(en: "the town template does not load", zh: "镇考核模板无法载入")

    static func journalRefused(_ described: String, journal: String, count: Int, last: String) -> Phrase {
        Phrase(en: "\(described). Run again with --recover to replay them, or move the journal away to open the saved file without them.",
               zh: "\(journal) 中有 \(count) 处未保存的修改，来自一次未正常结束的会话（最后一处：\(last)）。请加 --recover 重新运行以重放这些修改，或将日志文件移走后打开已保存的文件（不含这些修改）。")
    }

    static func journalReplayFailed(_ place: String, _ inner: Phrase) -> Phrase {
        Phrase(verbatim: "\(place): ") + inner
            + Phrase(en: " — the journal is kept; move it away to open the saved file", zh: "——日志文件已保留；将其移走即可打开已保存的文件")
    }
}
