/// A worksheet function described as data: its name, arity, which arguments
/// take whole columns or arrays, whether it can be kept as an incremental
/// aggregate, and its body. One table drives compilation, arity errors,
/// help and completion.
struct FunctionSpec: Sendable {
    /// How a call maps onto an incremental ``Aggregate`` when its ranges are
    /// whole columns and its criteria do not depend on the row.
    enum AggregatePattern: Sendable {
        /// SUM(range), AVERAGE(range), …: one whole column.
        case plain
        /// SUMIF(range, criterion, [value_range]), AVERAGEIF.
        case ifRangeCriterionValue
        /// COUNTIF(range, criterion), COUNTIFS(range1, criterion1, …).
        case countIf
        /// SUMIFS(value_range, range1, criterion1, …), AVERAGEIFS, MAXIFS, MINIFS.
        case ifsValueFirst
        /// RANK(number, range, [order]).
        case rank
    }

    /// A set of argument positions.
    enum ArgumentSet: Sendable {
        case none
        case all
        case only(Set<Int>)
        /// From this position on.
        case from(Int)

        func contains(_ i: Int) -> Bool {
            switch self {
            case .none: false
            case .all: true
            case .only(let set): set.contains(i)
            case .from(let first): i >= first
            }
        }
    }

    let name: String
    let arity: ClosedRange<Int>
    let arrays: ArgumentSet
    /// Arguments the body evaluates only when it needs them (IF's branches,
    /// IFERROR's fallback, XLOOKUP's if_not_found): a column pass leaves
    /// them to the body rather than evaluating them for every row. The
    /// others may be evaluated beforehand even where the body would stop at
    /// an earlier error: evaluation has no effect but its value.
    let lazy: ArgumentSet
    var aggregate: AggregatePattern?
    var aggregateKind: Aggregate.Kind?
    let usage: String
    var check: (@Sendable (Int) -> String?)?
    let evaluate: @Sendable (inout Args) -> Value

    init(
        _ name: String, _ arity: ClosedRange<Int>, arrays: ArgumentSet = .none, lazy: ArgumentSet = .none, usage: String,
        aggregate: AggregatePattern? = nil, kind: Aggregate.Kind? = nil,
        check: (@Sendable (Int) -> String?)? = nil,
        _ evaluate: @escaping @Sendable (inout Args) -> Value
    ) {
        self.name = name
        self.arity = arity
        self.arrays = arrays
        self.lazy = lazy
        self.usage = usage
        self.aggregate = aggregate
        self.aggregateKind = kind
        self.check = check
        self.evaluate = evaluate
    }

    func takesArray(_ i: Int) -> Bool { arrays.contains(i) }

    func isLazy(_ i: Int) -> Bool { lazy.contains(i) }

    var arityText: String {
        if arity.lowerBound == arity.upperBound { return "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" }
        if arity.upperBound >= 255 { return "at least \(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }

    static let table: [FunctionSpec] = mathFunctions + statisticalFunctions + logicalFunctions + lookupFunctions

    static let aliases = ["RANK.EQ": "RANK"]

    /// Upper-case name (and alias) to table index.
    static let index: [String: Int] = {
        var map: [String: Int] = [:]
        for (i, f) in table.enumerated() { map[f.name] = i }
        for (alias, target) in aliases { map[alias] = map[target] }
        return map
    }()
}

/// A call's arguments evaluated over the rows of a column pass, argument by
/// argument, each as its lane gives it (one value for every row, or one
/// per row, packed or not: nothing copied out per row); nil for an argument
/// the body evaluates itself (a lazy one, or a range).
final class PassArguments {
    let lanes: [Lane?]

    init(lanes: [Lane?]) { self.lanes = lanes }
}

/// A function call's arguments, evaluated on demand: IF evaluates only the
/// branch it takes, and IFERROR only its fallback when needed.
struct Args {
    unowned(unsafe) let workbook: Workbook
    let nodes: [Node]
    let sheet: Int
    let row: Int32
    /// In a column pass, the arguments already evaluated over the pass's
    /// rows (see `PassArguments`), and this row's place among them.
    unowned(unsafe) let passed: PassArguments?
    let lane: Int

    init(workbook: Workbook, nodes: [Node], sheet: Int, row: Int32, passed: PassArguments? = nil, lane: Int = 0) {
        self.workbook = workbook
        self.nodes = nodes
        self.sheet = sheet
        self.row = row
        self.passed = passed
        self.lane = lane
    }

    var count: Int { nodes.count }

    func value(_ i: Int) -> Value {
        if let passed, let l = passed.lanes[i] { return l[lane] }
        return workbook.eval(nodes[i], sheet, row)
    }

    func operand(_ i: Int) -> Operand {
        if let passed, let l = passed.lanes[i] { return .scalar(l[lane]) }
        return workbook.operand(nodes[i], sheet, row)
    }

    /// A reference (a column of this row or a whole column), where Excel
    /// ignores text and booleans that a directly typed value would convert.
    func isReference(_ i: Int) -> Bool {
        switch nodes[i] {
        case .cell, .range: true
        default: false
        }
    }

    func number(_ i: Int) -> Result<Double, CellError> {
        let v = value(i)
        if case .error(let e) = v { return .failure(e) }
        guard let x = Ops.coerceNumber(v) else { return .failure(.value) }
        return .success(x)
    }

    /// An integer argument, truncated toward zero as Excel does.
    func integer(_ i: Int) -> Result<Int, CellError> {
        number(i).flatMap { x in
            guard x.magnitude < 1e9 else { return .failure(.num) }
            return .success(Int(x.rounded(.towardZero)))
        }
    }

    func elements(_ o: Operand) -> [Value] { workbook.elements(o) }
    func count(_ o: Operand) -> Int { workbook.count(o) }
    func element(_ o: Operand, _ i: Int) -> Value { workbook.element(o, i) }

    /// Visits the numbers of every argument the way SUM does: direct values
    /// convert (`"3"`, TRUE), references and arrays give only their numbers;
    /// the first error stops the walk and is returned.
    func forEachNumber(_ body: (Double) -> Void) -> CellError? {
        for i in 0..<count {
            let o = operand(i)
            switch o {
            case .scalar(let v):
                if case .error(let e) = v { return e }
                if isReference(i) {
                    if case .number(let x) = v { body(x) }
                } else {
                    guard let x = Ops.coerceNumber(v) else { return .value }
                    body(x)
                }
            case .range, .array:
                for v in elements(o) {
                    switch v {
                    case .number(let x): body(x)
                    case .error(let e): return e
                    default: break
                    }
                }
            }
        }
        return nil
    }
}
