import Foundation
/// The small parts of the package: the shared string table, the style
/// sheet, the workbook and the relationships between parts.
extension XLSXWriter {
    /// Every text of the workbook once, referred to by index (Excel's own
    /// layout). A sheet of 100,000 cadres asks for millions of indices, so
    /// the texts are found by their UTF-8 bytes in a table of their own: a
    /// hash of the bytes a word at a time, and the bytes compared, where a
    /// `[String: Int]` hashes every character through Unicode normalisation.
    /// Two texts are one string when their bytes are the same.
    struct SharedStrings {
        /// Open addressing, a power of two long: the hash's high half and
        /// 1 + the string's index, 0 for a free slot, so that most probes
        /// that miss are told apart without reading the string.
        private var slots = [UInt64](repeating: 0, count: 1024)
        /// Each string's hash, for rebuilding the slots as they grow.
        private var hashes: [UInt64] = []
        /// Every string's bytes one after another; string i ends at `ends[i]`.
        private var utf8: [UInt8] = []
        private var ends: [Int] = []
        private var ordered: [String] = []
        private var references = 0

        /// How `index` answers. A sheet's rows are written twice
        /// (`WorksheetXML`): the first time the indices are recorded, and
        /// the second time, asked for the same texts in the same order,
        /// they are handed out again without looking for the texts or
        /// counting them twice.
        enum Mode { case normal, recording, replaying }
        var mode = Mode.normal
        private var recorded: [Int32] = []
        private var replayed = 0

        /// Recording from now, for at most `n` texts (reserved, so the record is never copied as it grows).
        mutating func record(atMost n: Int) {
            recorded = []
            recorded.reserveCapacity(n)
            replayed = 0
            mode = .recording
        }

        mutating func index(_ s: String) -> Int {
            if mode == .replaying {
                replayed += 1
                return Int(recorded[replayed - 1])
            }
            let i = find(s)
            if mode == .recording { recorded.append(Int32(i)) }
            return i
        }

        private mutating func find(_ s: String) -> Int {
            references += 1
            var bytes = s
            return bytes.withUTF8 { key in
                let hash = Self.hash(key), tag = hash & 0xFFFF_FFFF_0000_0000
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 {
                    let entry = slots[slot], i = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if entry & 0xFFFF_FFFF_0000_0000 == tag, same(i, key) { return i }
                    slot = (slot + 1) & mask
                }
                let i = ordered.count
                slots[slot] = tag | UInt64(i + 1)
                hashes.append(hash)
                utf8.append(contentsOf: key)
                ends.append(utf8.count)
                ordered.append(s)
                if 2 * ordered.count > slots.count { grow() }
                return i
            }
        }

        private func same(_ i: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
            let start = i == 0 ? 0 : ends[i - 1]
            guard ends[i] - start == key.count else { return false }
            return utf8.withUnsafeBufferPointer { stored in
                key.isEmpty || memcmp(stored.baseAddress! + start, key.baseAddress!, key.count) == 0
            }
        }

        private mutating func grow() {
            slots = [UInt64](repeating: 0, count: 2 * slots.count)
            let mask = slots.count - 1
            for (i, hash) in hashes.enumerated() {
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(i + 1)
            }
        }

        /// Eight bytes at a time, each word multiplied in and its high bits folded down.
        static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
            let k: UInt64 = 0x9E37_79B9_7F4A_7C15
            var h = UInt64(key.count) &* k
            let raw = UnsafeRawBufferPointer(key)
            var i = 0
            while i + 8 <= key.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
                h ^= h >> 29
                i += 8
            }
            var tail: UInt64 = 0
            while i < key.count {
                tail = tail << 8 | UInt64(key[i])
                i += 1
            }
            h = (h ^ tail) &* k
            return h ^ h >> 32
        }

        func xml() -> [UInt8] {
            var x = XMLWriter(capacity: 32 * ordered.count + 256)
            x.raw("<sst xmlns=\"\(main)\" count=\"\(references)\" uniqueCount=\"\(ordered.count)\">")
            for s in ordered {
                let keepBlanks = s.first?.isWhitespace == true || s.last?.isWhitespace == true
                x.raw(keepBlanks ? "<si><t xml:space=\"preserve\">" : "<si><t>")
                x.text(s)
                x.raw("</t></si>")
            }
            x.raw("</sst>")
            return x.bytes
        }
    }

    /// The cell styles: the fixed ones first, then one plain and one bold
    /// style per number format in use, made as the sheets ask for them.
    struct Styles {
        static let title = 1, header = 2, totalLabel = 3
        private var formats: [XLSXSheet.Format] = []

        /// The style of a number in `format`; 0 (the default) for General.
        mutating func index(_ format: XLSXSheet.Format, bold: Bool) -> Int {
            if format == .general, !bold { return 0 }
            let i = formats.firstIndex(of: format) ?? { formats.append(format); return formats.count - 1 }()
            return 4 + 2 * i + (bold ? 1 : 0)
        }

        /// Excel's built-in `0` and `0.00`, or a format of our own from 164 on.
        func numberFormatID(_ format: XLSXSheet.Format) -> Int {
            switch format {
            case .general: 0
            case .fixed(0): 1
            case .fixed(2): 2
            case .fixed(let p): 164 + p
            }
        }

        func xml() -> [UInt8] {
            var x = XMLWriter()
            x.raw("<styleSheet xmlns=\"\(main)\">")
            let custom = formats.compactMap { f -> (Int, Int)? in
                if case .fixed(let p) = f, numberFormatID(f) >= 164 { return (numberFormatID(f), p) }
                return nil
            }
            if !custom.isEmpty {
                x.raw("<numFmts count=\"\(custom.count)\">")
                for (id, p) in custom { x.raw("<numFmt numFmtId=\"\(id)\" formatCode=\"0.\(String(repeating: "0", count: p))\"/>") }
                x.raw("</numFmts>")
            }
            // 宋体 with the GB2312 charset: what Excel and WPS on Chinese Windows default to.
            let font = "<name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>"
            x.raw("<fonts count=\"3\"><font><sz val=\"11\"/>\(font)<font><b/><sz val=\"11\"/>\(font)<font><b/><sz val=\"16\"/>\(font)</fonts>")
            x.raw("<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
            x.raw("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7E6E6\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>")
            x.raw("<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>")
            x.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
            x.raw("<cellXfs count=\"\(4 + 2 * formats.count)\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>")
            x.raw("<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>")
            x.raw("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>")
            x.raw("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>")
            for f in formats {
                for font in [0, 1] {
                    x.raw("<xf numFmtId=\"\(numberFormatID(f))\" fontId=\"\(font)\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"\(font == 1 ? " applyFont=\"1\"" : "")/>")
                }
            }
            x.raw("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>")
            return x.bytes
        }
    }

    static func contentTypes(_ sheets: Int) -> [UInt8] {
        let ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var x = XMLWriter()
        x.raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        x.raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        x.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        x.raw("<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(ml).sheet.main+xml\"/>")
        for i in 0..<sheets {
            x.raw("<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"\(ml).worksheet+xml\"/>")
        }
        x.raw("<Override PartName=\"/xl/styles.xml\" ContentType=\"\(ml).styles+xml\"/>")
        x.raw("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(ml).sharedStrings+xml\"/>")
        x.raw("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>")
        return x.bytes
    }

    static func packageRelationships() -> [UInt8] {
        var x = XMLWriter()
        x.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        x.raw("<Relationship Id=\"rId1\" Type=\"\(officeRelationships)/officeDocument\" Target=\"xl/workbook.xml\"/>")
        x.raw("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>")
        x.raw("</Relationships>")
        return x.bytes
    }

    static func coreProperties(_ title: String) -> [UInt8] {
        var x = XMLWriter()
        x.raw("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>")
        x.text(title)
        x.raw("</dc:title><dc:creator>kaohe</dc:creator></cp:coreProperties>")
        return x.bytes
    }

    /// The sheets, and each one's header rows as its print titles.
    static func workbook(_ sheets: [String]) -> [UInt8] {
        var x = XMLWriter()
        x.raw("<workbook xmlns=\"\(main)\" xmlns:r=\"\(officeRelationships)\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>")
        for (i, name) in sheets.enumerated() {
            x.raw("<sheet name=\"")
            x.text(name)
            x.raw("\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>")
        }
        x.raw("</sheets><definedNames>")
        for (i, name) in sheets.enumerated() {
            x.raw("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">")
            x.text("'" + name.replacingOccurrences(of: "'", with: "''") + "'!$1:$\(XLSXSheet.headerRow)")
            x.raw("</definedName>")
        }
        x.raw("</definedNames></workbook>")
        return x.bytes
    }

    static func workbookRelationships(_ sheets: Int) -> [UInt8] {
        var x = XMLWriter()
        x.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for i in 0..<sheets {
            x.raw("<Relationship Id=\"rId\(i + 1)\" Type=\"\(officeRelationships)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>")
        }
        x.raw("<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(officeRelationships)/styles\" Target=\"styles.xml\"/>")
        x.raw("<Relationship Id=\"rId\(sheets + 2)\" Type=\"\(officeRelationships)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")
        return x.bytes
    }
}
