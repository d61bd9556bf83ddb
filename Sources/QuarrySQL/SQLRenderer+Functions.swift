import Quarry

/// Built-in functions with a faithful SQL twin. Each renders only for the argument kinds whose
/// result SQL gives exactly as Quarry does (text folded unless case counts; positions from 0;
/// Python's slices; null for a null argument); the rest are refused, naming the function.
/// Regular expressions (`match`, `matchLite`), `cidrMatch` and `number` have no twin that
/// agrees on every input, so they are refused too.
extension SQLRenderer {
    /// EQL's arithmetic functions, as the operator each is.
    static let mathFunctions: [String: BinaryOperator] = [
        "add": .add, "subtract": .subtract, "multiply": .multiply, "divide": .divide, "modulo": .modulo,
    ]

    mutating func call(_ name: String, _ arguments: [BoundExpr], _ e: BoundExpr, _ q: String,
                       _ fields: [Field]) throws(SQLRefusal) -> String {
        let lower = name.lowercased()
        let kinds = arguments.map { kind(of: $0) }
        func refuse(_ why: String = "it has no SQL twin yet") -> SQLRefusal { SQLRefusal("the function \(name)", why, at: e.span) }
        func text(_ i: Int) throws(SQLRefusal) -> String {
            guard kinds[i] == .text || kinds[i] == .json else { throw refuse("its argument \(written(arguments[i])) is not text") }
            return try expression(arguments[i], as: .text, q, fields)
        }
        func folded(_ sql: String) -> String { foldsCase ? "lower(\(sql))" : sql }

        if let op = Self.mathFunctions[lower], arguments.count == 2 {
            return try arithmetic(arguments[0], [(op, arguments[1])], q, fields)
        }
        switch lower {
        case "length" where arguments.count == 1:
            if let count = try backReferenceCount(arguments[0], q, fields) { return count }
            switch kinds[0] {
            case .text: return dialect.characterLength(try expression(arguments[0], q, fields))
            case .json: return try jsonLength(arguments[0], q, fields)
            case .number, .bool: return "CAST(NULL AS \(dialect.integerType))"
            case _ where isAbsentField(arguments[0]): return "CAST(NULL AS \(dialect.integerType))"
            default: throw refuse("its argument has no single SQL type")
            }
        case "year" where arguments.count == 1 && kinds[0] == .date, "month" where arguments.count == 1 && kinds[0] == .date,
             "day" where arguments.count == 1 && kinds[0] == .date, "decade" where arguments.count == 1 && kinds[0] == .date:
            return try calendarPart(lower, of: arguments[0], q, fields)
        case "startswith" where arguments.count == 2:
            let (a, b) = (try text(0), try text(1))
            return dialect.startsWith(folded(a), folded(b))
        case "endswith" where arguments.count == 2:
            let (a, b) = (try text(0), try text(1))
            return "(right(\(folded(a)), \(dialect.characterLength(b))) = \(folded(b)))"
        case "stringcontains" where arguments.count == 2:
            let (a, b) = (try text(0), try text(1))
            return "(\(b) = '' OR \(dialect.position(folded(b), in: folded(a))) > 0)"
        case "indexof" where arguments.count == 2 || arguments.count == 3:
            return try indexOf(try text(0), try text(1), arguments.count == 3 ? arguments[2] : nil, refuse)
        case "substring" where arguments.count >= 1 && arguments.count <= 3:
            return try substring(try text(0), Array(arguments.dropFirst()), refuse)
        case "between" where arguments.count >= 3:
            var greedy = false
            if arguments.count > 3 {
                guard arguments[3].isRunConstant else { throw refuse("its greedy flag is not fixed before the query runs") }
                greedy = try constantValue(arguments[3]).isTrue
            }
            return between(try text(0), try text(1), try text(2), greedy: greedy)
        case "wildcard" where arguments.count >= 2:
            let subject = try text(0)
            var tests: [String] = []
            for pattern in arguments.dropFirst() {
                guard pattern.isRunConstant else { throw refuse("its patterns are not fixed before the query runs") }
                guard case .string(let p) = try constantValue(pattern) else { continue }
                let like = bind(.string(Self.likePattern(p)))
                tests.append(foldsCase ? dialect.likeIgnoringCase(subject, like) : dialect.like(subject, like))
            }
            return "(CASE WHEN \(subject) IS NULL THEN NULL ELSE \(tests.isEmpty ? "FALSE" : "(" + tests.joined(separator: " OR ") + ")") END)"
        case "concat" where !arguments.isEmpty, "string" where arguments.count == 1:
            var parts: [String] = []
            for (i, argument) in arguments.enumerated() { parts.append(try asText(argument, kinds[i], q, fields, refuse)) }
            return "(" + parts.joined(separator: " || ") + ")"
        case "arraycontains" where arguments.count >= 2:
            return try arrayContains(arguments, e, q, fields)
        case "if" where arguments.count == 3:
            // A null condition takes the else branch, in Quarry as in CASE.
            let (a, b) = (arguments[1], arguments[2])
            try requireOneType([a, b], refuse)
            return "(CASE WHEN \(try condition(arguments[0], q, fields)) THEN \(try expression(a, q, fields)) ELSE \(try expression(b, q, fields)) END)"
        case "coalesce" where !arguments.isEmpty:
            try requireOneType(arguments, refuse)
            var parts: [String] = []
            for argument in arguments { parts.append(try expression(argument, q, fields)) }
            return "COALESCE(\(parts.joined(separator: ", ")))"
        case "match", "matchlite":
            throw refuse("a regular expression means one thing to Quarry's matcher and another to each engine's; it runs in memory")
        case "cidrmatch":
            throw refuse("engines read addresses and ranges more loosely than Quarry does; it runs in memory")
        default:
            throw refuse()
        }
    }

    /// Values that SQL must give one type (`if`'s branches, `coalesce`'s arguments): of one kind
    /// that has a single column, numbers all whole or all not (a whole number would come back
    /// fractional), nulls aside.
    private func requireOneType(_ values: [BoundExpr], _ refuse: (String) -> SQLRefusal) throws(SQLRefusal) {
        let typed = values.filter { if case .constant(let v) = $0.form, v.isNull { return false } else { return true } }
        // A reference is its row in memory, its key in SQL.
        if typed.contains(where: { if case .row = $0.type { return true } else { return false } }) {
            throw refuse("a reference is a row in Quarry and its key in SQL")
        }
        let kinds = Set(typed.map { kind(of: $0) })
        guard kinds.count <= 1 else { throw refuse("its values are of different kinds") }
        if let only = kinds.first, ![.text, .number, .bool].contains(only) { throw refuse("its values have no single SQL type") }
        guard Set(typed.map(integral)).count <= 1 else { throw refuse("it mixes whole and fractional numbers") }
    }

    /// A value as `string()` writes it: text as it is, a whole number in digits, a truth value
    /// as `true`/`false`. Fractional numbers are refused: engines print them differently.
    private mutating func asText(_ e: BoundExpr, _ kind: Kind, _ q: String, _ fields: [Field],
                                 _ refuse: (String) -> SQLRefusal) throws(SQLRefusal) -> String {
        let value = try expression(e, q, fields)
        switch kind {
        case .text: return value
        case .number where integral(e): return "CAST(\(value) AS \(dialect.textType))"
        case .bool: return "(CASE WHEN \(value) THEN 'true' WHEN NOT \(value) THEN 'false' END)"
        default: throw refuse("\(written(e)) would print differently in SQL")
        }
    }

    /// `indexOf(s, part[, start])`: where part first occurs at or after start (negative: from
    /// the end), counted from 0; null when it does not, or when start is past the end.
    private mutating func indexOf(_ s: String, _ part: String, _ startArgument: BoundExpr?,
                                  _ refuse: (String) -> SQLRefusal) throws(SQLRefusal) -> String {
        var start = 0
        if let startArgument {
            guard startArgument.isRunConstant else { throw refuse("its start is not fixed before the query runs") }
            switch try constantValue(startArgument) {
            case .int(let n): start = n
            case .null: start = 0
            default: return "CAST(NULL AS \(dialect.integerType))"
            }
        }
        let n = dialect.characterLength(s)
        let from = start < 0 ? "GREATEST(0, \(n) - \(bind(.int(-start))))" : bind(.int(start))
        let (hay, needle) = (foldsCase ? "lower(\(s))" : s, foldsCase ? "lower(\(part))" : part)
        let found = "NULLIF(\(dialect.position(needle, in: dialect.substring(hay, from: "\(from) + 1"))), 0) + \(from) - 1"
        return "(CASE WHEN \(s) IS NULL OR \(part) IS NULL OR \(from) > \(n) THEN NULL WHEN \(part) = '' THEN \(from) ELSE \(found) END)"
    }

    /// `substring(s, start[, end])` with Python's slice bounds: negatives count from the end,
    /// everything clamps, and a start past the end gives "".
    private mutating func substring(_ s: String, _ bounds: [BoundExpr], _ refuse: (String) -> SQLRefusal) throws(SQLRefusal) -> String {
        var values: [Int?] = []
        for bound in bounds {
            guard bound.isRunConstant else { throw refuse("its bounds are not fixed before the query runs") }
            if case .int(let n) = try constantValue(bound) { values.append(n) } else { values.append(nil) }
        }
        let n = dialect.characterLength(s)
        func clamp(_ i: Int?, _ otherwise: String) -> String {
            guard let i else { return otherwise }
            return i < 0 ? "GREATEST(0, \(n) - \(bind(.int(-i))))" : "LEAST(\(bind(.int(i))), \(n))"
        }
        let a = clamp(values.first ?? nil, "0"), b = clamp(values.count > 1 ? values[1] : nil, n)
        return "(CASE WHEN \(s) IS NULL THEN NULL WHEN \(a) < \(b) THEN \(dialect.substring(s, from: "\(a) + 1", count: "\(b) - (\(a))")) ELSE '' END)"
    }

    /// `between(s, left, right[, greedy])`: the text after the first `left`, up to the first
    /// `right` after it (greedy: the last); null when either is missing.
    private func between(_ s: String, _ left: String, _ right: String, greedy: Bool) -> String {
        let fold = { (x: String) in foldsCase ? "lower(\(x))" : x }
        let length = dialect.characterLength
        let first = dialect.position(fold(left), in: fold(s))
        let start = "(\(first) - 1 + \(length(left)))"
        let rest = dialect.substring(fold(s), from: "\(start) + 1")
        // Where `right` begins in the rest, from 1; 0 when it is not there.
        let at: String
        if greedy {
            let fromEnd = dialect.position("reverse(\(fold(right)))", in: "reverse(\(rest))")
            at = "(CASE WHEN \(fromEnd) = 0 THEN 0 ELSE \(length(rest)) - \(fromEnd) - \(length(right)) + 2 END)"
        } else {
            at = dialect.position(fold(right), in: rest)
        }
        return "(CASE WHEN \(s) IS NULL OR \(left) IS NULL OR \(right) IS NULL OR \(first) = 0 OR \(at) = 0 THEN NULL ELSE \(dialect.substring(s, from: "\(start) + 1", count: "\(at) - 1")) END)"
    }
}
