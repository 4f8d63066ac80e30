/// Resolves a parsed formula against a sheet: names to columns and
/// parameters, whole-column aggregates to shared incremental ones, function
/// names to the function table. Strict mode (a formula being entered) throws
/// for anything unknown; otherwise (rebuilding after a column was removed, or
/// loading a file) an unresolved name becomes `#REF!`. Unknown functions and
/// wrong argument counts are refused in either mode.
struct Compiler {
    let workbook: Workbook
    let sheet: Int
    /// Whether names must resolve.
    let strict: Bool
    let table: AggregateTable
    var extraKey: String?
    /// False for a one-off evaluation (`show where`): whole-column functions
    /// are then plain calls, and the workbook's aggregates are left alone.
    var incremental = true

    init(workbook: Workbook, sheet: Int, strict: Bool, table: AggregateTable, extraKey: String? = nil) {
        self.workbook = workbook
        self.sheet = sheet
        self.strict = strict
        self.table = table
        self.extraKey = extraKey
    }

    mutating func compile(_ e: Expr, arrayContext: Bool, deps: inout Dependencies) throws(FormulaError) -> Node {
        switch e.kind {
        case .number(let x): return .literal(.number(x))
        case .text(let t): return .literal(.text(t))
        case .bool(let b): return .literal(.bool(b))
        case .error(let err): return .literal(.error(err))
        case .name(let n): return try name(n, e, deps: &deps)
        case .columnRef(let sheetName, let columnName):
            let ref = try columnRef(sheetName, columnName, e)
            guard let ref else { return .broken(.ref) }
            guard arrayContext else {
                if strict {
                    throw FormulaError(.formulaWholeColumn(sheetName, columnName), at: e.range)
                }
                return .broken(.value)
            }
            deps.whole.insert(ref)
            return .range(ref)
        case .unary(let op, let inner):
            return .unary(op, try compile(inner, arrayContext: arrayContext, deps: &deps))
        case .binary(let op, let a, let b):
            let l = try compile(a, arrayContext: arrayContext, deps: &deps)
            let r = try compile(b, arrayContext: arrayContext, deps: &deps)
            // A sum stays a sum: its cancellation to 0 depends on being the
            // formula's last step (`Workbook.evalFormula`).
            if op != .add, op != .subtract, case .literal(let x) = l, case .literal(let y) = r { return .literal(Ops.binary(op, x, y)) }
            return .binary(op, l, r)
        case .call(let fname, let args):
            return try call(fname, args, e, deps: &deps)
        }
    }

    private func name(_ n: String, _ e: Expr, deps: inout Dependencies) throws(FormulaError) -> Node {
        let sh = workbook.sheets[sheet]
        if let c = sh.column(named: n) {
            deps.sameRow.insert(c)
            return .cell(c)
        }
        if n == extraKey { return .literal(.empty) }
        if let p = workbook.paramIndex[n], workbook.paramLive[p] {
            deps.params.insert(p)
            return .param(p)
        }
        guard strict else { return .broken(.ref) }
        var candidates = sh.liveColumns.map { sh.columns[$0].key }
        candidates += workbook.parameters.map(\.name)
        if let extraKey { candidates.append(extraKey) }
        let upper = n.uppercased()
        if FunctionSpec.index[upper] != nil {
            throw FormulaError(.formulaCallIt(upper), at: e.range)
        }
        throw FormulaError(.formulaUnknownName(n, sheet: sh.name, hint: .didYouMean(nearest(n, in: candidates)), isSheet: workbook.sheetIndex[n] != nil), at: e.range)
    }

    private func columnRef(_ sheetName: String, _ columnName: String, _ e: Expr) throws(FormulaError) -> ColumnRef? {
        guard let s = workbook.sheetIndex[sheetName], !workbook.sheets[s].removed else {
            guard strict else { return nil }
            throw FormulaError(.formulaUnknownSheet(sheetName, hint: .didYouMean(nearest(sheetName, in: workbook.sheetNames))), at: e.range)
        }
        let sh = workbook.sheets[s]
        if let c = sh.column(named: columnName) { return ColumnRef(sheet: s, column: c) }
        guard strict else { return nil }
        if s == sheet, columnName == extraKey {
            throw FormulaError(.formulaSelfAggregate(sheetName, columnName), at: e.range)
        }
        throw FormulaError(.formulaNoColumn(sheetName, columnName, hint: .didYouMean(nearest(columnName, in: sh.liveColumns.map { sh.columns[$0].key }))), at: e.range)
    }

    private mutating func call(_ fname: String, _ args: [Expr], _ e: Expr, deps: inout Dependencies) throws(FormulaError) -> Node {
        guard let f = FunctionSpec.index[fname] else {
            throw FormulaError(.formulaUnknownFunction(fname, hint: .didYouMean(nearest(fname, in: FunctionSpec.table.map(\.name)))), at: e.range.lowerBound..<(e.range.lowerBound + fname.count))
        }
        let spec = FunctionSpec.table[f]
        guard spec.arity.contains(args.count) else {
            throw FormulaError(.formulaArity(spec.name, takes: spec.arityText, given: args.count, usage: spec.usage), at: e.range)
        }
        if let check = spec.check, let problem = check(args.count) {
            throw FormulaError(.formulaCheck(spec.name, problem, usage: spec.usage), at: e.range)
        }
        if let node = try aggregate(f, args, deps: &deps) { return node }
        return try plainCall(f, args, deps: &deps)
    }

    private mutating func plainCall(_ f: Int, _ args: [Expr], deps: inout Dependencies) throws(FormulaError) -> Node {
        let spec = FunctionSpec.table[f]
        var nodes: [Node] = []
        for (i, a) in args.enumerated() {
            nodes.append(try compile(a, arrayContext: spec.takesArray(i), deps: &deps))
        }
        return .call(f, nodes)
    }

    // MARK: Incremental aggregates

    /// Recognises an aggregate over whole columns of one sheet and interns it;
    /// nil when the call is evaluated plainly. Criteria that do not depend on
    /// the row filter its rows; criteria that read only this row's columns
    /// (and parameters) make it grouped by those criteria columns.
    private mutating func aggregate(_ f: Int, _ args: [Expr], deps: inout Dependencies) throws(FormulaError) -> Node? {
        let spec = FunctionSpec.table[f]
        guard incremental, let pattern = spec.aggregate else { return nil }
        func whole(_ e: Expr) throws(FormulaError) -> ColumnRef? {
            guard case .columnRef(let sn, let cn) = e.kind else { return nil }
            return try columnRef(sn, cn, e)
        }
        if pattern == .rank {
            guard let ref = try whole(args[1]) else { return nil }
            var orderDeps = Dependencies()
            let order = try args.count > 2 ? compile(args[2], arrayContext: false, deps: &orderDeps) : nil
            // An order may read the row (`RANK(total, cadres[total], flag)`):
            // the sorted values are the same, only the question differs.
            guard orderDeps.whole.isEmpty, orderDeps.aggregates.isEmpty else { return nil }
            let x = try compile(args[0], arrayContext: false, deps: &deps)
            deps.formUnion(orderDeps)
            let a = table.intern(.rank, sheet: ref.sheet, valueColumn: ref.column, criteria: [], params: [])
            deps.aggregates.insert(a)
            return .rank(a, x, order)
        }
        // (value column argument, [(criteria column argument, criterion argument)])
        let valueArg: Expr?
        var pairs: [(Expr, Expr)] = []
        switch pattern {
        case .plain:
            guard args.count == 1 else { return nil }
            valueArg = args[0]
        case .ifRangeCriterionValue:  // SUMIF(range, criterion, [sum_range]), AVERAGEIF
            valueArg = args.count > 2 ? args[2] : args[0]
            pairs = [(args[0], args[1])]
        case .countIf:
            valueArg = nil
            pairs = stride(from: 0, to: args.count - 1, by: 2).map { (args[$0], args[$0 + 1]) }
        case .ifsValueFirst:  // SUMIFS(sum_range, range1, criterion1, ...)
            valueArg = args[0]
            pairs = stride(from: 1, to: args.count - 1, by: 2).map { (args[$0], args[$0 + 1]) }
        case .rank:
            return nil
        }
        var aggSheet: Int?
        var valueColumn: Int?
        if let valueArg {
            guard let r = try whole(valueArg) else { return nil }
            aggSheet = r.sheet
            valueColumn = r.column
        }
        var criteria: [(column: Int, node: Node)] = []
        var keyColumns: [Int] = []
        var keyNodes: [Node] = []
        var keyDeps = Dependencies()
        var params = Set<Int>()
        for (rangeArg, criterionArg) in pairs {
            guard let r = try whole(rangeArg) else { return nil }
            if aggSheet == nil { aggSheet = r.sheet } else if aggSheet != r.sheet { return nil }
            var d = Dependencies()
            let node = try compile(criterionArg, arrayContext: false, deps: &d)
            guard d.whole.isEmpty, d.aggregates.isEmpty else { return nil }
            if d.sameRow.isEmpty {
                params.formUnion(d.params)
                criteria.append((r.column, node))
            } else {
                keyDeps.formUnion(d)
                keyColumns.append(r.column)
                keyNodes.append(node)
            }
        }
        guard let aggSheet, let kind = spec.aggregateKind else { return nil }
        let a = table.intern(kind, sheet: aggSheet, valueColumn: valueColumn, criteria: criteria, keyColumns: keyColumns, params: params)
        deps.aggregates.insert(a)
        deps.params.formUnion(params)
        guard !keyColumns.isEmpty else { return .aggregate(a) }
        deps.formUnion(keyDeps)
        // The plain call answers rows whose criterion is not a plain equality;
        // the aggregate's invalidation already covers what it reads.
        var fallbackDeps = Dependencies()
        let fallback = try plainCall(f, args, deps: &fallbackDeps)
        return .grouped(a, keyNodes, fallback: fallback)
    }
}