/// Parses formula text into an ``Expr``.
///
/// Grammar (Excel's precedence, loosest first):
///
///     formula    = ["="] expr
///     expr       = concat { ("=" | "<>" | "<" | "<=" | ">" | ">=") concat }
///     concat     = additive { "&" additive }
///     additive   = term { ("+" | "-") term }
///     term       = power { ("*" | "/") power }
///     power      = unary { "^" unary }
///     unary      = ("-" | "+") unary | postfix
///     postfix    = primary { "%" }
///     primary    = NUMBER | STRING | TRUE | FALSE | ERROR
///                | NAME "(" [ expr { "," expr } ] ")"      function call
///                | NAME "[" NAME "]"                       whole column of a sheet
///                | NAME                                    column of this row, or parameter
///                | "(" expr ")"
///
/// As in Excel, negation binds tighter than `^` (`-2^2` is 4) and every
/// binary operator is left-associative (`2^3^2` is 64).
///
/// A tree deeper than ``maxDepth`` is refused at the token that goes past
/// it: everything after the parser (compiler, evaluator, printer, even
/// freeing the tree) walks it recursively, and a 20,000-deep one would
/// overflow the stack.
public struct Parser {
    /// The deepest expression tree accepted: each operator of a chain
    /// (`a+b+c`), each parenthesis, call and sign is a level. Excel allows
    /// 64 levels of nested functions; no assessment formula comes near this.
    public static let maxDepth = 200

    public static func parse(_ source: String) throws(FormulaError) -> Expr {
        var parser = Parser(tokens: try Lexer.tokenize(source), sourceLength: source.count)
        guard parser.peek.kind != .end else {
            throw FormulaError(.formulaEmpty, column: max(1, source.count))
        }
        let (expr, _) = try parser.expression()
        let next = parser.peek
        if next.kind != .end {
            if next.kind == .rightParen {
                throw FormulaError(.formulaUnopened, at: next.range)
            }
            throw FormulaError(.formulaAfterComplete(next.describePhrase), at: next.range)
        }
        return expr
    }

    private var tokens: [Token]
    private var index = 0
    /// How many parentheses, calls and signs the parser is inside now.
    private var depth = 0
    private let sourceLength: Int

    private init(tokens: [Token], sourceLength: Int) {
        self.tokens = tokens
        self.sourceLength = sourceLength
    }

    private var peek: Token { tokens[index] }
    private mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private static func binaryOp(_ t: Token) -> BinaryOp? {
        guard t.kind == .op else { return nil }
        return BinaryOp(rawValue: t.text)
    }

    /// An expression and the depth of its tree.
    private typealias Parsed = (expr: Expr, depth: Int)

    /// The depth of a node over children as deep as `depth`, refused past
    /// ``maxDepth`` at `token`.
    private func level(_ depth: Int, at token: Token) throws(FormulaError) -> Int {
        guard depth < Self.maxDepth else {
            throw FormulaError(.formulaTooDeep(Self.maxDepth), at: token.range)
        }
        return depth + 1
    }

    /// Precedence climbing over the binary operators.
    private mutating func expression(minPrecedence: Int = 1) throws(FormulaError) -> Parsed {
        var (lhs, depth) = try unary()
        while let op = Self.binaryOp(peek), op.precedence >= minPrecedence {
            let opToken = advance()
            let rhs = try operand(after: opToken, minPrecedence: op.precedence + 1)
            depth = try level(max(depth, rhs.depth), at: opToken)
            lhs = Expr(.binary(op, lhs, rhs.expr), lhs.range.lowerBound..<rhs.expr.range.upperBound)
        }
        return (lhs, depth)
    }

    private mutating func operand(after opToken: Token, minPrecedence: Int) throws(FormulaError) -> Parsed {
        if peek.startsOperand {
            return try expression(minPrecedence: minPrecedence)
        }
        throw FormulaError(.formulaExpectedAfter(opToken.text), at: opToken.range)
    }

    private mutating func unary() throws(FormulaError) -> Parsed {
        if peek.kind == .op, peek.text == "-" || peek.text == "+" {
            let opToken = advance()
            guard peek.startsOperand else {
                throw FormulaError(.formulaExpectedAfter(opToken.text), at: opToken.range)
            }
            // Counted on the way down: a long run of signs must not recurse without bound.
            depth += 1
            defer { depth -= 1 }
            _ = try level(depth, at: opToken)
            let inner = try unary()
            let op: UnaryOp = opToken.text == "-" ? .negate : .plus
            return (Expr(.unary(op, inner.expr), opToken.range.lowerBound..<inner.expr.range.upperBound), try level(inner.depth, at: opToken))
        }
        var (e, d) = try primary()
        while peek.kind == .op, peek.text == "%" {
            let t = advance()
            d = try level(d, at: t)
            e = Expr(.unary(.percent, e), e.range.lowerBound..<t.range.upperBound)
        }
        return (e, d)
    }

    private mutating func primary() throws(FormulaError) -> Parsed {
        let t = advance()
        switch t.kind {
        case .number:
            guard let x = Num.parse(t.text) else { throw FormulaError(.formulaNotNumber(t.text), at: t.range) }
            return (Expr(.number(x), t.range), 1)
        case .string:
            return (Expr(.text(t.text), t.range), 1)
        case .error:
            guard let e = CellError(text: t.text) else {
                throw FormulaError(.formulaUnknownError(t.text, known: CellError.allCases.map(\.rawValue).joined(separator: " ")), at: t.range)
            }
            return (Expr(.error(e), t.range), 1)
        case .name:
            return try nameExpression(t)
        case .leftParen:
            guard peek.startsOperand else {
                if peek.kind == .rightParen { throw FormulaError(.formulaEmptyParens, at: t.range.lowerBound..<peek.range.upperBound) }
                throw FormulaError(.formulaExpectedAfterParen, at: t.range)
            }
            depth += 1
            defer { depth -= 1 }
            _ = try level(depth, at: t)
            let inner = try expression()
            guard peek.kind == .rightParen else {
                throw FormulaError(.formulaUnclosedParen, at: peek.kind == .end ? t.range : peek.range)
            }
            let close = advance()
            return (Expr(inner.expr.kind, t.range.lowerBound..<close.range.upperBound), inner.depth)
        case .end:
            throw FormulaError(.formulaEndsEarly, column: max(1, sourceLength))
        case .rightParen:
            throw FormulaError(.formulaUnexpectedClose, at: t.range)
        case .comma:
            throw FormulaError(.formulaUnexpectedComma, at: t.range)
        case .op, .leftBracket, .rightBracket:
            throw FormulaError(.formulaUnexpected(t.text), at: t.range)
        }
    }

    private mutating func nameExpression(_ t: Token) throws(FormulaError) -> Parsed {
        let upper = t.text.uppercased()
        if peek.kind == .leftParen {
            let open = advance()
            depth += 1
            defer { depth -= 1 }
            _ = try level(depth, at: open)
            var args: [Expr] = []
            var deepest = 0
            if peek.kind != .rightParen {
                while true {
                    guard peek.startsOperand else {
                        let after = tokens[index - 1]
                        if peek.kind == .end {
                            throw FormulaError(.formulaUnclosedCall(upper), at: open.range)
                        }
                        throw FormulaError(.formulaExpectedArgument(after.text), at: after.range)
                    }
                    let arg = try expression()
                    args.append(arg.expr)
                    deepest = max(deepest, arg.depth)
                    if peek.kind == .comma { _ = advance(); continue }
                    break
                }
            }
            guard peek.kind == .rightParen else {
                if peek.kind == .end {
                    throw FormulaError(.formulaUnclosedCall(upper), at: open.range)
                }
                throw FormulaError(.formulaExpectedCommaOrClose(upper, found: peek.describePhrase), at: peek.range)
            }
            let close = advance()
            return (Expr(.call(upper, args), t.range.lowerBound..<close.range.upperBound), try level(deepest, at: open))
        }
        if peek.kind == .leftBracket {
            let open = advance()
            guard peek.kind == .name else {
                throw FormulaError(.formulaExpectedColumnName(t.text), at: peek.kind == .end ? open.range : peek.range)
            }
            let column = advance()
            guard peek.kind == .rightBracket else {
                throw FormulaError(.formulaUnclosedBracket(t.text), at: peek.kind == .end ? open.range : peek.range)
            }
            let close = advance()
            return (Expr(.columnRef(sheet: t.text, column: column.text), t.range.lowerBound..<close.range.upperBound), 1)
        }
        if upper == "TRUE" { return (Expr(.bool(true), t.range), 1) }
        if upper == "FALSE" { return (Expr(.bool(false), t.range), 1) }
        return (Expr(.name(t.text), t.range), 1)
    }
}

struct Token {
    enum Kind { case number, string, name, error, op, leftParen, rightParen, leftBracket, rightBracket, comma, end }
    let kind: Kind
    let text: String
    let range: Range<Int>

    var startsOperand: Bool {
        switch kind {
        case .number, .string, .name, .error, .leftParen: true
        case .op: text == "-" || text == "+"
        default: false
        }
    }

    var describe: String {
        switch kind {
        case .end: "the end of the formula"
        case .string: "the text \"\(text)\""
        default: "'\(text)'"
        }
    }
}

enum Lexer {
    static func isMark(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    static func tokenize(_ source: String) throws(FormulaError) -> [Token] {
        let chars = Array(source)
        var tokens: [Token] = []
        var i = 0
        if chars.first == "=" { i = 1 }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{3000}" { i += 1; continue }
            if c.isASCII && c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
                while i < chars.count, chars[i].isASCII && chars[i].isNumber || chars[i] == "." { i += 1 }
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    var j = i + 1
                    if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                    if j < chars.count, chars[j].isASCII && chars[j].isNumber {
                        i = j
                        while i < chars.count, chars[i].isASCII && chars[i].isNumber { i += 1 }
                    }
                }
                tokens.append(Token(kind: .number, text: String(chars[start..<i]), range: start..<i))
                continue
            }
            if c == "\"" || c == "“" || c == "”" {
                var text = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "\"" || chars[i] == "”" || chars[i] == "“" {
                        if chars[i] == "\"", i + 1 < chars.count, chars[i + 1] == "\"" { text.append("\""); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    text.append(chars[i])
                    i += 1
                }
                guard closed else { throw FormulaError(.formulaUnterminatedText(start + 1), column: start + 1) }
                tokens.append(Token(kind: .string, text: text, range: start..<i))
                continue
            }
            if c == "#" {
                // The longest error name that starts here, in any case: `#N/A/2`
                // is #N/A divided by 2, as the printer writes it.
                let known = CellError.allCases.map(\.rawValue).filter { name in
                    name.count <= chars.count - i && String(chars[i..<i + name.count]).uppercased() == name
                }.max { $0.count < $1.count }
                if let known {
                    i += known.count
                    tokens.append(Token(kind: .error, text: String(chars[start..<i]), range: start..<i))
                    continue
                }
                i += 1
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || "/!?".contains(chars[i]) { i += 1 }
                tokens.append(Token(kind: .error, text: String(chars[start..<i]), range: start..<i))
                continue
            }
            // A name starts with a letter, not a combining mark: printed
            // after '=' or an operator, a mark would join that character.
            if c.isLetter && !Self.isMark(c.unicodeScalars.first!) || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
                tokens.append(Token(kind: .name, text: String(chars[start..<i]), range: start..<i))
                continue
            }
            let kind: Token.Kind
            var length = 1
            switch c {
            case "(", "（": kind = .leftParen
            case ")", "）": kind = .rightParen
            case "[": kind = .leftBracket
            case "]": kind = .rightBracket
            case ",", "，": kind = .comma
            case "+", "-", "*", "/", "^", "&", "%", "=": kind = .op
            case "<":
                kind = .op
                if i + 1 < chars.count, chars[i + 1] == ">" || chars[i + 1] == "=" { length = 2 }
            case ">":
                kind = .op
                if i + 1 < chars.count, chars[i + 1] == "=" { length = 2 }
            default:
                throw FormulaError(.formulaUnexpectedCharacter(c), column: start + 1)
            }
            i += length
            var text = String(chars[start..<i])
            if kind == .leftParen { text = "(" } else if kind == .rightParen { text = ")" } else if kind == .comma { text = "," }
            tokens.append(Token(kind: kind, text: text, range: start..<i))
        }
        tokens.append(Token(kind: .end, text: "", range: chars.count..<chars.count))
        return tokens
    }
}
