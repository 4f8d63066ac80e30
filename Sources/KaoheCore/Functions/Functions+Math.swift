extension FunctionSpec {
    static let mathFunctions: [FunctionSpec] = [
        FunctionSpec("SUM", 1...255, arrays: .all, usage: "SUM(number1, [number2], ...)  e.g. SUM(cadres[total])",
                     aggregate: .plain, kind: .sum) { args in
            var sum = ExactSum()
            if let e = args.forEachNumber({ sum.add($0) }) { return .error(e) }
            return .number(sum.value)
        },
        rounding("ROUND", .halfAway, "ROUND(number, digits)  e.g. ROUND(93.456, 2) = 93.46"),
        rounding("ROUNDUP", .up, "ROUNDUP(number, digits)  e.g. ROUNDUP(3.141, 2) = 3.15"),
        rounding("ROUNDDOWN", .down, "ROUNDDOWN(number, digits)  e.g. ROUNDDOWN(3.149, 2) = 3.14"),
        FunctionSpec("ABS", 1...1, usage: "ABS(number)") { args in
            switch args.number(0) {
            case .success(let x): .number(x.magnitude)
            case .failure(let e): .error(e)
            }
        },
        FunctionSpec("SUMPRODUCT", 1...255, arrays: .all,
                     usage: "SUMPRODUCT(array1, [array2], ...)  e.g. SUMPRODUCT((cadres[office]=\"党政办\")*cadres[total])") { args in
            let operands = (0..<args.count).map { args.operand($0) }
            let n = args.count(operands[0])
            guard operands.allSatisfy({ args.count($0) == n }) else { return .error(.value) }
            var sum = ExactSum()
            for i in 0..<n {
                var product = 1.0
                for o in operands {
                    switch args.element(o, i) {
                    case .number(let x): product *= x
                    case .error(let e): return .error(e)
                    default: product = 0
                    }
                }
                sum.add(product)
            }
            return .number(sum.value)
        },
    ]

    private static func rounding(_ name: String, _ mode: Num.Rounding, _ usage: String) -> FunctionSpec {
        FunctionSpec(name, 2...2, usage: usage) { args in rounded(args.value(0), args.value(1), mode) }
    }

    /// ROUND, ROUNDUP and ROUNDDOWN of two argument values (also a column
    /// pass's, `Workbook.roundLane`): the first error wins; digits are
    /// truncated toward zero.
    static func rounded(_ number: Value, _ digits: Value, _ mode: Num.Rounding) -> Value {
        if case .error = number { return number }
        guard let x = Ops.coerceNumber(number) else { return .error(.value) }
        if case .error = digits { return digits }
        guard let d = Ops.coerceNumber(digits) else { return .error(.value) }
        guard d.magnitude < 1e9 else { return .error(.num) }
        return .number(Num.round(x, Int(d.rounded(.towardZero)), mode))
    }
}
