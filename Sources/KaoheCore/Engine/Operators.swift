#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Excel's operator semantics on values: coercions, error propagation and the
/// ordering of mixed types (numbers < text < booleans).
enum Ops {
    /// A value as a number where Excel would convert it: empty is 0, booleans
    /// 1 and 0, numeric text its number. Nil for text that is not a number.
    @inline(__always)
    static func coerceNumber(_ v: Value) -> Double? {
        switch v {
        case .number(let x): x
        case .empty: 0
        case .bool(let b): b ? 1 : 0
        case .text(let s): Num.parseLenient(s)
        case .error: nil
        }
    }

    /// A value as a condition: non-zero numbers are TRUE, `"TRUE"`/`"FALSE"` text
    /// converts, other text is `#VALUE!`.
    static func coerceBool(_ v: Value) -> Result<Bool, CellError> {
        switch v {
        case .bool(let b): .success(b)
        case .number(let x): .success(x != 0)
        case .empty: .success(false)
        case .text(let s):
            switch s.uppercased() {
            case "TRUE": .success(true)
            case "FALSE": .success(false)
            default: .failure(.value)
            }
        case .error(let e): .failure(e)
        }
    }

    static func unary(_ op: UnaryOp, _ v: Value) -> Value {
        if case .error = v { return v }
        switch op {
        case .plus: return v
        case .negate:
            guard let x = coerceNumber(v) else { return .error(.value) }
            return .number(x == 0 ? 0 : -x)
        case .percent:
            guard let x = coerceNumber(v) else { return .error(.value) }
            return .number(x / 100)
        }
    }

    @inline(__always)
    static func binary(_ op: BinaryOp, _ a: Value, _ b: Value) -> Value {
        if case .number(let x) = a, case .number(let y) = b, op.precedence >= 3 {
            return arithmetic(op, x, y)
        }
        if case .error = a { return a }
        if case .error = b { return b }
        switch op {
        case .add, .subtract, .multiply, .divide, .power:
            guard let x = coerceNumber(a), let y = coerceNumber(b) else { return .error(.value) }
            return arithmetic(op, x, y)
        case .concat:
            return .text(a.displayText + b.displayText)
        case .equal: return .bool(compare(a, b) == 0)
        case .notEqual: return .bool(compare(a, b) != 0)
        case .less: return .bool(compare(a, b) < 0)
        case .lessEqual: return .bool(compare(a, b) <= 0)
        case .greater: return .bool(compare(a, b) > 0)
        case .greaterEqual: return .bool(compare(a, b) >= 0)
        }
    }

    /// A formula's final `+` or `-` (`v`, of operands `a` and `b`): a number
    /// that cancels to within the operands' last digits is 0, as Excel shows
    /// `=0.1+0.2-0.3`.
    static func cancelled(_ v: Value, _ a: Value, _ b: Value) -> Value {
        guard case .number(let z) = v, let x = coerceNumber(a), let y = coerceNumber(b) else { return v }
        return .number(cancelled(z, x, y))
    }

    /// `z`, the sum or difference of `x` and `y`, or 0 when it cancels to
    /// within their last digits (no branch: a NaN compares false and stays;
    /// -0 stays too).
    @inline(__always)
    static func cancelled(_ z: Double, _ x: Double, _ y: Double) -> Double {
        z != 0 && z.magnitude <= Swift.max(x.magnitude, y.magnitude) * 0x1p-49 ? 0 : z
    }

    @inline(__always)
    static func arithmetic(_ op: BinaryOp, _ x: Double, _ y: Double) -> Value {
        let z: Double
        switch op {
        case .add: z = x + y
        case .subtract: z = x - y
        case .multiply: z = x * y
        case .divide:
            if y == 0 { return .error(.div0) }
            z = x / y
        case .power:
            if x == 0 && y == 0 { return .error(.num) }
            if x == 0 && y < 0 { return .error(.div0) }
            if x < 0 && y != y.rounded() { return .error(.num) }
            z = pow(x, y)
        default: return .error(.value)
        }
        guard z.isFinite else { return .error(.num) }
        return .number(z)
    }

    /// Excel's ordering: numbers (empty as 0) < text (case-insensitive) < booleans.
    static func compare(_ a: Value, _ b: Value) -> Int {
        func rank(_ v: Value, other: Value) -> Int {
            switch v {
            case .number: return 0
            case .text: return 1
            case .bool: return 2
            case .error: return 3
            case .empty:
                switch other {
                case .text: return 1
                case .bool: return 2
                default: return 0
                }
            }
        }
        let ra = rank(a, other: b), rb = rank(b, other: a)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch ra {
        case 0:
            // Numbers compare as shown to 15 significant digits, as in Excel:
            // 0.1+0.2 = 0.3 is TRUE.
            let x = Num.canonical(coerceNumber(a) ?? 0), y = Num.canonical(coerceNumber(b) ?? 0)
            return x < y ? -1 : (x > y ? 1 : 0)
        case 1:
            // The same text is equal whatever its case folds to.
            if case .text(let x) = a, case .text(let y) = b, sameBytes(x, y) { return 0 }
            let x = a.displayText.caseFolded, y = b.displayText.caseFolded
            return x < y ? -1 : (x > y ? 1 : 0)
        case 2:
            let x = (try? coerceBool(a).get()) ?? false, y = (try? coerceBool(b).get()) ?? false
            return x == y ? 0 : (x ? 1 : -1)
        default:
            return 0
        }
    }
}
