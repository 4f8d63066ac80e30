/// A parsed formula expression. Every node keeps the character range of the
/// source it came from, so errors and `explain` can point at it.
public struct Expr: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        case number(Double)
        case text(String)
        case bool(Bool)
        case error(CellError)
        /// A bare name: this row's column (by key or label) or a parameter.
        case name(String)
        /// `sheet[column]`: the whole column, as an Excel structured reference.
        case columnRef(sheet: String, column: String)
        case unary(UnaryOp, Expr)
        case binary(BinaryOp, Expr, Expr)
        case call(String, [Expr])
    }

    public let kind: Kind
    /// Character offsets (0-based, in the formula text including any `=`).
    public let range: Range<Int>

    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

public enum UnaryOp: String, Sendable {
    case negate = "-"
    case plus = "+"
    case percent = "%"
}

public enum BinaryOp: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case concat = "&"
    case equal = "=", notEqual = "<>", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

    /// Binding strength, as Excel: comparison < & < + - < * / < ^.
    var precedence: Int {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: 1
        case .concat: 2
        case .add, .subtract: 3
        case .multiply, .divide: 4
        case .power: 5
        }
    }
}

extension Expr: CustomStringConvertible {
    /// The canonical text of the expression (without the leading `=`): upper-case
    /// function names, minimal parentheses, numbers as Excel shows them.
    public var description: String { printed(parentPrecedence: 0) }

    private func printed(parentPrecedence: Int) -> String {
        switch kind {
        case .number(let x): return Num.general(x)
        case .text(let s): return Value.text(s).description
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e.rawValue
        case .name(let n): return n
        case .columnRef(let s, let c): return "\(s)[\(c)]"
        case .unary(.percent, let e): return e.printed(parentPrecedence: 7) + "%"
        case .unary(let op, let e): return op.rawValue + e.printed(parentPrecedence: 6)
        case .binary(let op, let l, let r):
            let p = op.precedence
            // Left-associative: the right operand needs brackets at equal strength.
            let text = l.printed(parentPrecedence: p) + op.rawValue + r.printed(parentPrecedence: p + 1)
            return p < parentPrecedence ? "(" + text + ")" : text
        case .call(let name, let args):
            return name + "(" + args.map { $0.printed(parentPrecedence: 0) }.joined(separator: ",") + ")"
        }
    }
}
