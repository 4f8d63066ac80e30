extension FunctionSpec {
    static let lookupFunctions: [FunctionSpec] = [
        FunctionSpec("MATCH", 2...3, arrays: .only([1]),
                     usage: "MATCH(value, range, [match_type])  e.g. MATCH(\"张伟\", cadres[name], 0); 1: largest ≤ value (ascending), -1: smallest ≥ value (descending)") { args in
            let x = lookupValue(args.value(0))
            if case .error = x { return x }
            var type = 1
            if args.count > 2 {
                switch args.integer(2) {
                case .success(let t): type = t < 0 ? -1 : (t > 0 ? 1 : 0)
                case .failure(let e): return .error(e)
                }
            }
            let range = args.operand(1)
            let n = args.count(range)
            if type == 0 {
                if case .range(let ref) = range, !hasWildcards(x) {
                    return args.workbook.exactPosition(ref, x, last: false).map { .number(Double($0 + 1)) } ?? .error(.na)
                }
                for i in 0..<n where lookupEqual(x, args.element(range, i), wildcards: true) {
                    return .number(Double(i + 1))
                }
                return .error(.na)
            }
            // Approximate match over sorted data, as Excel's binary search finds it.
            var found: Int?
            for i in 0..<n {
                let v = args.element(range, i)
                guard sameKind(x, v) else { continue }
                let c = Ops.compare(v, x)
                if type == 1 ? c <= 0 : c >= 0 { found = i } else { break }
            }
            return found.map { .number(Double($0 + 1)) } ?? .error(.na)
        },
        FunctionSpec("INDEX", 2...3, arrays: .only([0]), usage: "INDEX(range, row, [column])  e.g. INDEX(cadres[name], 1)") { args in
            let range = args.operand(0)
            let row: Int
            switch args.integer(1) {
            case .success(let r): row = r
            case .failure(let e): return .error(e)
            }
            if args.count > 2 {
                switch args.integer(2) {
                case .success(let c) where c == 1 || c == 0: break
                case .success: return .error(.ref)
                case .failure(let e): return .error(e)
                }
            }
            let n = args.count(range)
            if row == 0 && n == 1 { return args.element(range, 0) }
            guard row >= 1, row <= n else { return row < 0 ? .error(.value) : .error(.ref) }
            return args.element(range, row - 1)
        },
        FunctionSpec("XLOOKUP", 3...6, arrays: .only([1, 2]), lazy: .only([3]),
                     usage: "XLOOKUP(value, lookup_range, return_range, [if_not_found], [match_mode], [search_mode])  e.g. XLOOKUP(office, offices[name], offices[line_rank])") { args in
            let x = lookupValue(args.value(0))
            if case .error = x { return x }
            let lookup = args.operand(1), result = args.operand(2)
            let n = args.count(lookup)
            guard args.count(result) == n else { return .error(.value) }
            var mode = 0, search = 1
            if args.count > 4 {
                switch args.integer(4) {
                case .success(let m) where (-1...2).contains(m): mode = m
                case .success: return .error(.value)
                case .failure(let e): return .error(e)
                }
            }
            if args.count > 5 {
                switch args.integer(5) {
                case .success(let m) where [1, -1, 2, -2].contains(m): search = m > 0 ? 1 : -1
                case .success: return .error(.value)
                case .failure(let e): return .error(e)
                }
            }
            if mode == 0 || mode == 2, case .range(let ref) = lookup, !(mode == 2 && hasWildcards(x)) {
                guard let i = args.workbook.exactPosition(ref, x, last: search == -1) else {
                    return args.count > 3 ? args.value(3) : .error(.na)
                }
                return args.element(result, i)
            }
            let indices = search == 1 ? Array(0..<n) : Array((0..<n).reversed())
            var best: Int?
            for i in indices {
                let v = args.element(lookup, i)
                if lookupEqual(x, v, wildcards: mode == 2) { best = i; break }
                guard mode == -1 || mode == 1, sameKind(x, v) else { continue }
                let c = Ops.compare(v, x)
                if mode == -1, c < 0, best.map({ Ops.compare(v, args.element(lookup, $0)) > 0 }) ?? true { best = i }
                if mode == 1, c > 0, best.map({ Ops.compare(v, args.element(lookup, $0)) < 0 }) ?? true { best = i }
            }
            if let best { return args.element(result, best) }
            return args.count > 3 ? args.value(3) : .error(.na)
        },
    ]

    /// A blank lookup value looks for 0, as Excel reads a blank cell in a
    /// number's place.
    static func lookupValue(_ v: Value) -> Value { v.isEmpty ? .number(0) : v }

    /// Exact lookup equality: same kind, text case-insensitive (with Excel
    /// wildcards when asked). A blank cell matches nothing.
    static func lookupEqual(_ x: Value, _ v: Value, wildcards: Bool) -> Bool {
        switch (x, v) {
        case (.number(let a), .number(let b)): return Num.canonical(a) == Num.canonical(b)
        case (.bool(let a), .bool(let b)): return a == b
        case (.text(let a), .text(let b)):
            if wildcards, hasWildcards(x) {
                return Criterion.wildcardMatch(b.lowercased(), a.lowercased())
            }
            return caseInsensitiveEqual(a, b)
        default: return false
        }
    }

    /// `a.lowercased() == b.lowercased()` without building two strings when
    /// both are ASCII: lookups compare every row, and codes and ids are ASCII.
    static func caseInsensitiveEqual(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        var x = a, y = b
        let fast: Bool? = x.withUTF8 { p in
            y.withUTF8 { q in
                guard p.allSatisfy({ $0 < 0x80 }), q.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard p.count == q.count else { return false }
                for i in 0..<p.count where p[i] | 0x20 != q[i] | 0x20 || (p[i] != q[i] && !(p[i] | 0x20 >= 0x61 && p[i] | 0x20 <= 0x7A)) {
                    return false
                }
                return true
            }
        }
        return fast ?? (a.lowercased() == b.lowercased())
    }

    /// Whether exact matching may read `x` as a pattern (`*`, `?`, `~`).
    static func hasWildcards(_ x: Value) -> Bool {
        guard case .text(let s) = x else { return false }
        return s.contains { $0 == "*" || $0 == "?" || $0 == "~" }
    }

    static func sameKind(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number, .number), (.text, .text), (.bool, .bool): true
        default: false
        }
    }
}
