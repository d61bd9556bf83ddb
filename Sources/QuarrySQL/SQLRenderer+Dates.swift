import Quarry

/// Dates as SQL: a date is an interval, stored as its first and last second since 1970 and its
/// precision; comparisons are decided when the whole interval decides them, null otherwise.
extension SQLRenderer {
    /// A date as SQL: a field's three columns, or a value whose parts are bound only where
    /// they are read (a placeholder nothing reads has no type), each once.
    struct DateParts {
        var columns: [String]?
        var value: QuarryDate?
        var bound: [Int: String] = [:]
    }

    /// Part `i` of a date: 0 its first second, 1 its last, 2 its precision.
    mutating func part(_ i: Int, of parts: inout DateParts) -> String {
        if let columns = parts.columns { return columns[i] }
        guard let date = parts.value else { return "NULL" }
        if let placeholder = parts.bound[i] { return placeholder }
        let placeholder = bind(i == 0 ? .int(date.firstSecond) : i == 1 ? .int(date.lastSecond) : .string(date.precision.rawValue))
        parts.bound[i] = placeholder
        return placeholder
    }

    /// A date field's columns, or a date value.
    mutating func dateParts(_ e: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> DateParts {
        switch e.form {
        case .field(let name), .fieldByName(let name):
            guard let field = fields.first(where: { $0.name.lowercased() == name.lowercased() }), case .date = field.type else {
                throw SQLRefusal("the field '\(name)'", "the rows here have no such date", at: e.span)
            }
            return DateParts(columns: SQLLayout.dateColumns(field.name).map { "\(q).\(dialect.identifier($0.name))" })
        case .constant, .runConstant:
            return DateParts(value: try dateValue(e))
        case .member(let reference, let target, let name):
            // `doc.published`: each of the three columns looked up in the row the reference names.
            var columns: [String] = []
            for i in 0..<3 { columns.append(try navigation(reference, target, name, e, q, fields, datePart: i)) }
            return DateParts(columns: columns)
        default:
            throw SQLRefusal(written(e), "a date computed from others is not rendered yet", at: e.span)
        }
    }

    /// `year(d)`, `month(d)`, `day(d)` and `decade(d)`: the part when the whole interval lies in
    /// one year, month, day or decade, as in memory; null when it does not.
    mutating func calendarPart(_ function: String, of date: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        var parts = try dateParts(date, q, fields)
        let first = dialect.calendarDay(ofSecond: part(0, of: &parts)), last = dialect.calendarDay(ofSecond: part(1, of: &parts))
        func year(_ day: String) -> String { dialect.calendarPart(.year, of: day) }
        func month(_ day: String) -> String { dialect.calendarPart(.month, of: day) }
        switch function {
        case "year": return "(CASE WHEN \(year(first)) = \(year(last)) THEN \(year(first)) END)"
        case "month": return "(CASE WHEN \(year(first)) = \(year(last)) AND \(month(first)) = \(month(last)) THEN \(month(first)) END)"
        case "day": return "(CASE WHEN \(first) = \(last) THEN \(dialect.calendarPart(.day, of: first)) END)"
        default:
            let (a, b) = (dialect.floorDivide(year(first), "10"), dialect.floorDivide(year(last), "10"))
            return "(CASE WHEN \(a) = \(b) THEN \(a) * 10 END)"
        }
    }

    /// A value fixed before the run, as a date: a date, or text that reads as one; nil for null
    /// or text that is no date (which compares as null).
    func dateValue(_ e: BoundExpr) throws(SQLRefusal) -> QuarryDate? {
        switch try constantValue(e) {
        case .date(let d): return d
        case .string(let text): return QuarryDate(text: text)
        default: return nil
        }
    }

    /// `x` within `y`, as Quarry's date equality: true when x lies inside y, false when they do
    /// not meet, null when they overlap in part.
    mutating func within(_ x: inout DateParts, _ y: inout DateParts) -> String {
        let (a, b, p, q) = (part(0, of: &x), part(1, of: &x), part(0, of: &y), part(1, of: &y))
        return "(CASE WHEN \(a) >= \(p) AND \(b) <= \(q) THEN TRUE WHEN \(b) < \(p) OR \(a) > \(q) THEN FALSE ELSE NULL END)"
    }

    /// A comparison of dates (or of a date with text that reads as one): decided when the
    /// whole interval decides it, null when it straddles the bound.
    mutating func dateComparison(_ op: BinaryOperator, _ left: BoundExpr, _ right: BoundExpr, _ q: String,
                                         _ fields: [Field]) throws(SQLRefusal) -> String {
        for side in [left, right] where kind(of: side) != .date {
            guard side.isRunConstant else {
                throw SQLRefusal("\(written(left)) \(op.rawValue) \(written(right))", "a date compares with a date", at: left.span)
            }
        }
        var x = try dateParts(left, q, fields), y = try dateParts(right, q, fields)
        switch op {
        case .equal: return within(&x, &y)
        case .notEqual: return "(NOT \(within(&x, &y)))"
        default:
            // The bound of y the operator is about, tested on both ends of x.
            let (a, b) = (part(0, of: &x), part(1, of: &x))
            let bound = op == .less || op == .greaterEqual ? part(0, of: &y) : part(1, of: &y)
            let (whenTrue, whenFalse): (String, String)
            switch op {
            case .less: (whenTrue, whenFalse) = ("\(b) < \(bound)", "\(a) >= \(bound)")
            case .lessEqual: (whenTrue, whenFalse) = ("\(b) <= \(bound)", "\(a) > \(bound)")
            case .greater: (whenTrue, whenFalse) = ("\(a) > \(bound)", "\(b) <= \(bound)")
            default: (whenTrue, whenFalse) = ("\(a) >= \(bound)", "\(b) < \(bound)")
            }
            return "(CASE WHEN \(whenTrue) THEN TRUE WHEN \(whenFalse) THEN FALSE ELSE NULL END)"
        }
    }
}
