/// Bound expressions as `explain` prints them: the forms the planner knows in one spelling
/// (`==`, `and`), anything else as it is written in the source.
struct ExprText {
    let source: [UInt8]

    func render(_ e: BoundExpr) -> String {
        switch e.form {
        case .field(let name), .reference(let name), .fieldByName(let name), .backReferences(let name, _, _, _): return name
        case .constant(let value): return value.literal
        case .runConstant(let label): return label
        case .compare(let op, let left, let right): return "\(operand(left)) \(op.rawValue) \(operand(right))"
        case .matches(let text, let pattern, let negated):
            return "\(operand(text)) \(negated ? "!=" : "==") \(Value.string(pattern).literal)"
        case .isNull(let operand, let negated): return "\(self.operand(operand)) \(negated ? "!=" : "==") null"
        case .logical(let op, let parts):
            return parts.map { part in
                if case .logical(let inner, _) = part.form, inner != op { return "(\(render(part)))" }
                return render(part)
            }.joined(separator: " \(op.rawValue) ")
        case .not(let inner): return "not " + operand(inner)
        case .negate(let inner): return "-" + operand(inner)
        case .arithmetic(let first, let rest):
            return ([operand(first)] + rest.map { "\($0.0.rawValue) \(operand($0.1))" }).joined(separator: " ")
        case .call(let name, let arguments): return "\(name)(\(arguments.map(render).joined(separator: ", ")))"
        case .inList(let needle, let items, let negated):
            return "\(operand(needle)) \(negated ? "not in" : "in") (\(items.map(render).joined(separator: ", ")))"
        case .inArray(let needle, let array, let negated): return "\(operand(needle)) \(negated ? "not in" : "in") \(operand(array))"
        case .member(let base, _, let field): return "\(operand(base)).\(field)"
        case .element(let name): return name
        case .item(let base, let index): return "\(operand(base))[\(render(index))]"
        case .part(let base, let name): return "\(operand(base)).\(name)"
        case .other, .query, .lineage, .quantifier: return written(e)
        }
    }

    /// A part of a larger expression: in parentheses when it is itself made of parts.
    private func operand(_ e: BoundExpr) -> String {
        switch e.form {
        case .logical, .compare, .matches, .isNull, .inList, .inArray, .not, .arithmetic: return "(\(render(e)))"
        default: return render(e)
        }
    }

    func written(_ e: BoundExpr) -> String {
        guard let span = e.span, span.start < span.end, span.end <= source.count else { return "…" }
        return String(decoding: source[span.start..<span.end], as: UTF8.self)
    }
}
