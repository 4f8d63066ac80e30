import KaoheCore

/// One worksheet of an .xlsx as kaohe writes it: a title row across the
/// columns, a header row (bold, frozen, repeated on every printed page),
/// the values column by column, and a totals row under the columns that
/// have one. Printed A4 landscape, fitted to the page width.
public struct XLSXSheet: Sendable {
    /// How a column's numbers are shown: as `NumberFormat` shows them.
    public enum Format: Sendable, Hashable {
        /// Excel's General: counts, ranks, years, as they are.
        case general
        /// Exactly this many decimal places: money (2), scores (`decimals`).
        case fixed(Int)

        init(places: Int?) { self = places.map(Format.fixed) ?? .general }

        /// The value written for a number: the figure the screen shows.
        func shown(_ x: Double) -> Double {
            if case .fixed(let p) = self { return Num.round(x, p) }
            return x
        }
    }

    public struct Column: Sendable {
        public var header: String
        public var format: Format
        public var values: [Value]
        /// A SUM of the column in the totals row.
        public var total: Bool

        public init(header: String, format: Format, values: [Value], total: Bool = false) {
            self.header = header
            self.format = format
            self.values = values
            self.total = total
        }

        /// What a SUM of the column comes to in Excel: the shown figures
        /// added exactly, or the first error among them. `#CYCLE!` is
        /// written as text, which SUM passes over.
        public var sum: Value {
            var sum = ExactSum()
            for v in values {
                switch v {
                case .number(let x): sum.add(format.shown(x))
                case .error(let e) where e != .cycle: return v
                default: break
                }
            }
            return .number(format.shown(sum.value))
        }
    }

    /// The tab's name (Excel allows 31 characters, none of `[]:*?/\`).
    public var name: String
    public var title: String
    public var columns: [Column]
    /// The first cell of the totals row.
    public static let totalsLabel = "合计"

    public init(name: String, title: String, columns: [Column]) {
        self.name = name
        self.title = title
        self.columns = columns
    }

    public var rowCount: Int { columns.first?.values.count ?? 0 }
    var hasTotals: Bool { columns.contains(where: \.total) }

    /// The sheet's rows in Excel's numbering: 1 the title, 2 the header, then the values.
    static let headerRow = 2
}
