/// The syntax tree the parser builds. Names are not resolved here: `actor` may be a field, a
/// binding or a collection until the checker decides.
indirect enum Expr: Sendable {
    case literal(Value, SourceSpan)
    case name(String, SourceSpan)
    case parameter(String, SourceSpan)
    /// `x.y`: a field of a row or record, or navigation through a reference.
    case member(Expr, String, SourceSpan)
    /// `x[i]`
    case index(Expr, Expr, SourceSpan)
    case negate(Expr, SourceSpan)
    case not(Expr, SourceSpan)
    case binary(BinaryOperator, Expr, Expr, SourceSpan)
    /// `a and b and c`, `a or b or c`: two or more operands of one logical operator, kept flat
    /// so that a chain of any length is checked and run without recursion.
    case logical(BinaryOperator, [Expr], SourceSpan)
    /// `a + b - c * …`: three or more operands of one precedence level, left to right (two stay
    /// a `binary`), kept flat for the same reason.
    case arithmetic(Expr, [ArithmeticLink], SourceSpan)
    /// `x in (a, b)` or `x in someArray`, optionally `not in`.
    case inList(Expr, [Expr], negated: Bool, SourceSpan)
    case inArray(Expr, Expr, negated: Bool, SourceSpan)
    /// `f(a, b)` or the method form `a:f(b)`; the second span is the function's name.
    case call(String, [Expr], SourceSpan, nameSpan: SourceSpan)
    case array([Expr], SourceSpan)
    /// `collection where condition`
    case filter(Expr, Expr, SourceSpan)
    /// `query | pipe`
    case pipe(Expr, Pipe, SourceSpan)
    case sequence(SequenceQuery)
    case join(JoinQuery)
    /// `descendant of [query]`, `child of [query]`, `event of [query]` inside a `where`.
    case lineage(LineageKind, Expr, SourceSpan)

    var span: SourceSpan {
        switch self {
        case .literal(_, let s), .name(_, let s), .parameter(_, let s), .member(_, _, let s), .index(_, _, let s),
             .negate(_, let s), .not(_, let s), .binary(_, _, _, let s), .logical(_, _, let s), .arithmetic(_, _, let s),
             .inList(_, _, _, let s),
             .inArray(_, _, _, let s), .call(_, _, let s, _), .array(_, let s), .filter(_, _, let s),
             .pipe(_, _, let s), .lineage(_, _, let s):
            return s
        case .sequence(let q): return q.span
        case .join(let q): return q.span
        }
    }
}

/// One step of an arithmetic chain: the operator and the operand after it.
struct ArithmeticLink: Sendable {
    let op: BinaryOperator
    let operand: Expr
}

package enum BinaryOperator: String, Sendable {
    case and, or
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
}

enum LineageKind: String, Sendable { case descendant, child, event }

/// One stage of a pipeline.
enum Pipe: Sendable {
    case head(Expr?, SourceSpan)
    case tail(Expr?, SourceSpan)
    case sort([SortKey], SourceSpan)
    case unique([Expr], SourceSpan)
    case uniqueCount([Expr], SourceSpan)
    case count([Expr], SourceSpan)
    case filter(Expr, SourceSpan)
    case select([SelectItem], SourceSpan)
    case summarize([SelectItem], by: [SelectItem], SourceSpan)
    case bars(Expr?, SourceSpan)

    var span: SourceSpan {
        switch self {
        case .head(_, let s), .tail(_, let s), .sort(_, let s), .unique(_, let s), .uniqueCount(_, let s),
             .count(_, let s), .filter(_, let s), .select(_, let s), .summarize(_, _, let s), .bars(_, let s):
            return s
        }
    }
}

struct SortKey: Sendable {
    var expr: Expr
    var descending: Bool
}

/// `name = expr` or `expr as name` or a bare expression (named after its text).
struct SelectItem: Sendable {
    var name: String
    var expr: Expr
}

/// `sequence [by keys] [with maxspan=N unit] [stage]... [until [stage]]`
struct SequenceQuery: Sendable {
    var by: [Expr]
    var maxspan: Duration?
    var stages: [Stage]
    var until: Stage?
    var span: SourceSpan

    /// A time limit, kept in the unit it was written in.
    struct Duration: Sendable {
        var amount: Double
        var unit: String
        var span: SourceSpan
    }
}

/// `join [by keys] [stage]... [until [stage]]`
struct JoinQuery: Sendable {
    var by: [Expr]
    var stages: [Stage]
    var until: Stage?
    var span: SourceSpan
}

/// `[query] [by keys] [fork]`
struct Stage: Sendable {
    var query: Expr
    var by: [Expr]
    var fork: Bool
    var span: SourceSpan
}

/// A statement of a script.
enum Statement: Sendable {
    /// `let name = expr`, or `let name(a, b) = expr` for a function.
    case binding(name: String, parameters: [String]?, Expr, SourceSpan, nameSpan: SourceSpan)
    case expression(Expr)

    var span: SourceSpan {
        switch self {
        case .binding(_, _, _, let s, _): return s
        case .expression(let e): return e.span
        }
    }
}
