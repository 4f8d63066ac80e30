import KaoheCore

/// Messages of the screen: tables that fit, `expanded`, `show`'s filters and
/// columns, the shortcuts to quit, exports named wrongly.
extension Phrase {
    // MARK: Tables wider than the screen

    /// Above each column set: `columns 8–13 of 19, with id, name`.
    static func tableColumns(_ first: Int, _ last: Int, of total: Int, fixed: [String], repeated: Bool) -> Phrase {
        let span = first == last ? "\(first)" : "\(first)–\(last)"
        let with = repeated && !fixed.isEmpty
        return Phrase(en: "column\(first == last ? "" : "s") \(span) of \(total)" + (with ? ", with \(fixed.joined(separator: ", "))" : ""),
                      zh: "第 \(span) 列，共 \(total) 列" + (with ? "，左边仍是 \(fixed.joined(separator: "、"))" : ""))
    }

    /// The rule above a record: `record 3`.
    static func tableRecord(_ n: Int) -> Phrase {
        Phrase(en: "record \(n)", zh: "第 \(n) 条")
    }

    /// What `expanded` (`\x`) set.
    static func expandedNow(_ mode: Table.Expanded) -> Phrase {
        switch mode {
        case .on: Phrase(en: "expanded display is on: each row is shown as a record", zh: "扩展显示已打开：每行按记录显示")
        case .off: Phrase(en: "expanded display is off: a wide table is shown in column sets, a column too wide is cut",
                          zh: "扩展显示已关闭：宽表分列组显示，过宽的列截断")
        case .auto: Phrase(en: "expanded display is auto: a wide table is shown in column sets, as records when a set cannot fit",
                           zh: "扩展显示为自动：宽表分列组显示，放不下时按记录显示")
        }
    }

    static func expandedUnknown(_ word: String) -> Phrase {
        Phrase(en: "expanded: on, off or auto, not '\(word)'", zh: "expanded：应为 on、off 或 auto，而不是“\(word)”")
    }

    // MARK: show

    /// `show where office=党政办`: a bare word is a name, text needs quotes.
    static func showBareWord(_ word: String, quoted: String) -> Phrase {
        Phrase(en: "show where: '\(word)' is not a column or a parameter; text is quoted: \(quoted)",
               zh: "show where：“\(word)”不是列名也不是参数；文字要加引号：\(quoted)")
    }

    static func showConditionMissing(after word: String?) -> Phrase {
        if let word {
            let example = word == "not" ? "where not bottom" : "where total<60 \(word) bottom"
            return Phrase(en: "show where: a condition is missing after \(word), e.g. \(example)",
                          zh: "show where：\(word) 后缺少条件，例如 \(example)")
        }
        return Phrase(en: "show where: a condition is missing, e.g. where total<60", zh: "show where：缺少条件，例如 where total<60")
    }

    static func showUnbalanced(_ text: String) -> Phrase {
        Phrase(en: "show where: a parenthesis is not closed or not opened in \(text)", zh: "show where：括号不成对：\(text)")
    }

    // MARK: export

    /// `export x.csv`: the format word is missing.
    static func exportFormatMissing(_ format: String, line: String) -> Phrase {
        Phrase(en: "export: the format (\(format)) is missing before the file name: \(line)",
               zh: "export：文件名前缺少格式（\(format)）：\(line)")
    }

    /// `encoding=gbk` and a character GBK lacks.
    static func exportOutsideGBK(_ character: String, line: Int, fixed: String) -> Phrase {
        Phrase(en: "export: \(character) (line \(line) of the file) is not in GBK; GB18030 holds it, and Excel and WPS read that too: \(fixed)",
               zh: "export：\(character)（文件第 \(line) 行）不在 GBK 中；GB18030 可以写入，Excel 和 WPS 也能读：\(fixed)")
    }

    // MARK: Starting

    /// `kaohe missing.kaohe`: no such file, and how to make one.
    public static func noWorkbook(_ path: String) -> Phrase {
        Phrase(en: "\(path): no such file; to create a workbook there: kaohe new \(path)",
               zh: "\(path)：没有这个文件；要在此新建工作簿：kaohe new \(path)")
    }
}
