extension FunctionSpec {
    static let logicalFunctions: [FunctionSpec] = [
        FunctionSpec("IF", 2...3, lazy: .from(1), usage: "IF(condition, value_if_true, [value_if_false])  e.g. IF(instructor, rural_raw, 0)") { args in
            switch Ops.coerceBool(args.value(0)) {
            case .failure(let e): return .error(e)
            case .success(true): return args.value(1)
            case .success(false): return args.count > 2 ? args.value(2) : .bool(false)
            }
        },
        FunctionSpec("IFS", 2...254, lazy: .from(1), usage: "IFS(condition1, value1, [condition2, value2], ...)",
                     check: { $0 % 2 == 0 ? nil : "conditions and values come in pairs" }) { args in
            for i in stride(from: 0, to: args.count, by: 2) {
                switch Ops.coerceBool(args.value(i)) {
                case .failure(let e): return .error(e)
                case .success(true): return args.value(i + 1)
                case .success(false): continue
                }
            }
            return .error(.na)
        },
        FunctionSpec("IFERROR", 2...2, lazy: .from(1), usage: "IFERROR(value, value_if_error)  e.g. IFERROR(a/b, 0)") { args in
            let v = args.value(0)
            if case .error = v { return args.value(1) }
            return v
        },
        logical("AND", "AND(logical1, [logical2], ...)", identity: true) { $0 && $1 },
        logical("OR", "OR(logical1, [logical2], ...)", identity: false) { $0 || $1 },
        FunctionSpec("NOT", 1...1, usage: "NOT(logical)") { args in
            switch Ops.coerceBool(args.value(0)) {
            case .success(let b): .bool(!b)
            case .failure(let e): .error(e)
            }
        },
    ]

    /// AND and OR: references and arrays give their booleans and numbers
    /// (text is skipped); a direct text argument must read TRUE or FALSE.
    private static func logical(_ name: String, _ usage: String, identity: Bool,
                                _ combine: @escaping @Sendable (Bool, Bool) -> Bool) -> FunctionSpec {
        FunctionSpec(name, 1...255, arrays: .all, usage: usage) { args in
            var result = identity
            var seen = false
            for i in 0..<args.count {
                let o = args.operand(i)
                if case .scalar(let v) = o, !args.isReference(i) {
                    switch Ops.coerceBool(v) {
                    case .success(let b): result = combine(result, b); seen = true
                    case .failure(let e): return .error(e)
                    }
                    continue
                }
                for v in args.elements(o) {
                    switch v {
                    case .bool(let b): result = combine(result, b); seen = true
                    case .number(let x): result = combine(result, x != 0); seen = true
                    case .error(let e): return .error(e)
                    default: break
                    }
                }
            }
            return seen ? .bool(result) : .error(.value)
        }
    }
}
