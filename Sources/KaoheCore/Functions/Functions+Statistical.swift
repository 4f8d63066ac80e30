extension FunctionSpec {
    static let statisticalFunctions: [FunctionSpec] = [
        FunctionSpec("AVERAGE", 1...255, arrays: .all, usage: "AVERAGE(number1, [number2], ...)",
                     aggregate: .plain, kind: .average) { args in
            var sum = ExactSum()
            var n = 0
            if let e = args.forEachNumber({ sum.add($0); n += 1 }) { return .error(e) }
            return n == 0 ? .error(.div0) : .number(sum.value / Double(n))
        },
        FunctionSpec("MIN", 1...255, arrays: .all, usage: "MIN(number1, [number2], ...)", aggregate: .plain, kind: .min) { args in
            var m: Double?
            if let e = args.forEachNumber({ m = Swift.min(m ?? $0, $0) }) { return .error(e) }
            return .number(m ?? 0)
        },
        FunctionSpec("MAX", 1...255, arrays: .all, usage: "MAX(number1, [number2], ...)  e.g. MAX(0, 10-deductions)",
                     aggregate: .plain, kind: .max) { args in
            var m: Double?
            if let e = args.forEachNumber({ m = Swift.max(m ?? $0, $0) }) { return .error(e) }
            return .number(m ?? 0)
        },
        FunctionSpec("COUNT", 1...255, arrays: .all, usage: "COUNT(value1, [value2], ...): how many numbers",
                     aggregate: .plain, kind: .count) { args in
            var n = 0
            for i in 0..<args.count {
                let o = args.operand(i)
                if case .scalar(let v) = o, !args.isReference(i) {
                    if case .error = v { continue }
                    if Ops.coerceNumber(v) != nil, !v.isEmpty { n += 1 }
                    continue
                }
                for v in args.elements(o) { if case .number = v { n += 1 } }
            }
            return .number(Double(n))
        },
        FunctionSpec("COUNTA", 1...255, arrays: .all, usage: "COUNTA(value1, [value2], ...): how many non-empty",
                     aggregate: .plain, kind: .counta) { args in
            var n = 0
            for i in 0..<args.count {
                let o = args.operand(i)
                if case .scalar = o, !args.isReference(i) { n += 1; continue }
                for v in args.elements(o) where !v.isEmpty { n += 1 }
            }
            return .number(Double(n))
        },
        conditional("SUMIF", .sumifs, .ifRangeCriterionValue, 2...3,
                    "SUMIF(range, criterion, [sum_range])  e.g. SUMIF(events[cadre], \"c01\", events[points])"),
        conditional("SUMIFS", .sumifs, .ifsValueFirst, 3...255,
                    "SUMIFS(sum_range, range1, criterion1, ...)  e.g. SUMIFS(events[points], events[cadre], id, events[live], TRUE)"),
        conditional("AVERAGEIF", .averageifs, .ifRangeCriterionValue, 2...3,
                    "AVERAGEIF(range, criterion, [average_range])  e.g. AVERAGEIF(cadres[instructor], TRUE, cadres[rural_raw])"),
        conditional("AVERAGEIFS", .averageifs, .ifsValueFirst, 3...255, "AVERAGEIFS(average_range, range1, criterion1, ...)"),
        conditional("COUNTIF", .countifs, .countIf, 2...2, "COUNTIF(range, criterion)  e.g. COUNTIF(cadres[total], \">=90\")"),
        conditional("COUNTIFS", .countifs, .countIf, 2...255, "COUNTIFS(range1, criterion1, [range2, criterion2], ...)"),
        conditional("MAXIFS", .maxifs, .ifsValueFirst, 3...255, "MAXIFS(max_range, range1, criterion1, ...)"),
        conditional("MINIFS", .minifs, .ifsValueFirst, 3...255, "MINIFS(min_range, range1, criterion1, ...)"),
        FunctionSpec("RANK", 2...3, arrays: .only([1]),
                     usage: "RANK(number, range, [order])  e.g. RANK(total, cadres[total]): 1 = highest, ties share",
                     aggregate: .rank, kind: .rank) { args in
            let x: Double
            switch args.number(0) {
            case .success(let v): x = v
            case .failure(let e): return .error(e)
            }
            var descending = true
            if args.count > 2 {
                switch args.number(2) {
                case .success(let o): descending = o == 0
                case .failure(let e): return .error(e)
                }
            }
            var before = 0
            var found = false
            for v in args.elements(args.operand(1)) {
                guard case .number(let y) = v else {
                    if case .error(let e) = v { return .error(e) }
                    continue
                }
                let (cy, cx) = (Num.canonical(y), Num.canonical(x))
                if cy == cx { found = true } else if descending ? cy > cx : cy < cx { before += 1 }
            }
            return found ? .number(Double(before + 1)) : .error(.na)
        },
    ]

    /// The *IF(S) functions. Whole-column calls with fixed criteria compile to
    /// incremental aggregates; any other call (criteria that vary by row, say)
    /// runs through the same ``Aggregate`` accumulation over its ranges, so
    /// both paths agree to the bit.
    private static func conditional(
        _ name: String, _ kind: Aggregate.Kind, _ pattern: AggregatePattern, _ arity: ClosedRange<Int>, _ usage: String
    ) -> FunctionSpec {
        let criterionArgs: Set<Int>
        let check: (@Sendable (Int) -> String?)?
        switch pattern {
        case .countIf:
            criterionArgs = Set(stride(from: 1, to: 255, by: 2))
            check = { $0 % 2 == 0 ? nil : "ranges and criteria come in pairs" }
        case .ifsValueFirst:
            criterionArgs = Set(stride(from: 2, to: 255, by: 2))
            check = { $0 % 2 == 1 ? nil : "after the first range, ranges and criteria come in pairs" }
        default:
            criterionArgs = [1]
            check = nil
        }
        let arrayArgs = Set(0..<255).subtracting(criterionArgs)
        return FunctionSpec(name, arity, arrays: .only(arrayArgs), usage: usage, aggregate: pattern, kind: kind, check: check) { args in
            // Operand 0 is the value range (absent for COUNTIF(S)); then one per criterion.
            var ranges: [Operand] = []
            var criteria: [Criterion] = []
            var valueRange: Operand?
            switch pattern {
            case .countIf:
                for i in stride(from: 0, to: args.count, by: 2) {
                    let c = args.value(i + 1)
                    if case .error = c { return c }
                    ranges.append(args.operand(i))
                    criteria.append(args.workbook.criterion(c))
                }
            case .ifsValueFirst:
                valueRange = args.operand(0)
                for i in stride(from: 1, to: args.count, by: 2) {
                    let c = args.value(i + 1)
                    if case .error = c { return c }
                    ranges.append(args.operand(i))
                    criteria.append(args.workbook.criterion(c))
                }
            default:
                let c = args.value(1)
                if case .error = c { return c }
                ranges.append(args.operand(0))
                criteria.append(args.workbook.criterion(c))
                valueRange = args.count > 2 ? args.operand(2) : ranges[0]
            }
            let columns = (valueRange.map { [$0] } ?? []) + ranges
            let n = args.count(columns[0])
            guard columns.allSatisfy({ args.count($0) == n }) else { return .error(.value) }
            let offset = valueRange == nil ? 0 : 1
            let acc = Aggregate(
                kind: kind, signature: "", sheet: -1, valueColumn: valueRange == nil ? nil : 0,
                criteria: ranges.indices.map { ($0 + offset, Node.literal(.empty)) }, params: [], codes: args.workbook.groupCodes)
            acc.reset(criteria: criteria)
            for i in 0..<n {
                acc.apply(acc.contribution { args.element(columns[$0], i) }, sign: 1)
            }
            return acc.result {
                for i in 0..<n {
                    if case .error(let e)? = acc.contribution({ args.element(columns[$0], i) })?.value { return e }
                }
                return .value
            }
        }
    }
}
