import Quarry

/// Bound expressions as SQL, with Quarry's meaning: three-valued logic, strings equal without
/// regard to case (unless the engine is case-sensitive), wildcards, `in` that is false (not
/// null) when no item matches, floor division and modulo, null first in ascending order.
extension SQLRenderer {
    /// What an expression's values are, as far as SQL cares.
    enum Kind { case text, number, bool, date, json, unknown }

    func kind(of e: BoundExpr) -> Kind {
        if isJSON(e) { return .json }
        // An event's field has the type the stream's table gives it.
        if let stream = rowStream, let name = e.fieldName, let column = stream.table.schema.index(of: name) {
            switch stream.table.schema.fields[column].type {
            case .int, .double: return .number
            case .string: return .text
            case .bool: return .bool
            case .date: return .date
            default: return .unknown
            }
        }
        switch e.form {
        case .arithmetic(let first, let rest) where kind(of: first) == .number && rest.allSatisfy({ kind(of: $0.1) == .number }):
            return .number
        case .negate(let inner) where kind(of: inner) == .number: return .number
        case .call(let name, let arguments) where Self.mathFunctions[name.lowercased()] != nil && arguments.allSatisfy({ kind(of: $0) == .number }):
            return .number
        default: break
        }
        if case .constant(let value) = e.form, kind(ofType: e.type) == .unknown { return kind(of: value) }
        return kind(ofType: e.type)
    }

    /// The kind of a value of a static type: a row compares as its key.
    func kind(ofType type: StaticType) -> Kind {
        switch type {
        case .int, .float: return .number
        case .string: return .text
        case .bool: return .bool
        case .date: return .date
        case .row(let shape):
            // The key's type, as the binder knows it; else the type of the field that looks like one.
            switch shape.keyType {
            case .int?, .float?: return .number
            case .string?: return .text
            default: break
            }
            switch shape.schema.flatMap({ schema in keyField(of: shape).flatMap { schema.field($0)?.type } }) {
            case .int?, .double?: return .number
            case .string?: return .text
            default: return .text  // a reference's key is stored as written: text
            }
        default:
            return .unknown
        }
    }

    private func keyField(of shape: TableShape) -> String? {
        shape.schema?.fields.first { ["id", "name", "key"].contains($0.name.lowercased()) }?.name
    }

    func kind(of value: Value) -> Kind {
        switch value {
        case .int, .double: return .number
        case .string: return .text
        case .bool: return .bool
        case .date: return .date
        default: return .unknown
        }
    }

    /// Whether a number is always whole: Quarry divides whole numbers to a whole number.
    func integral(_ e: BoundExpr) -> Bool {
        if let stream = rowStream, let name = e.fieldName, let field = stream.table.schema.field(name) { return field.type == .int }
        switch e.form {
        case .arithmetic(let first, let rest): return integral(first) && rest.allSatisfy { integral($0.1) }
        case .negate(let inner): return integral(inner)
        case .call(let name, let arguments) where Self.mathFunctions[name.lowercased()] != nil: return arguments.allSatisfy(integral)
        default: return e.type == .int
        }
    }

    func fieldType(_ e: BoundExpr, declared: FieldType? = nil) -> FieldType {
        if let stream = rowStream, let name = e.fieldName, let field = stream.table.schema.field(name) {
            return field.type
        }
        switch kind(of: e) {
        case .text: return .string
        case .number: return integral(e) ? .int : .double
        case .bool: return .bool
        case .date: return .date
        case .json, .unknown: return declared ?? .any
        }
    }

    /// The expression as it is written, for refusals.
    func written(_ e: BoundExpr) -> String {
        guard let span = e.span else { return "an expression" }
        let bytes = Array(source.utf8)
        guard span.start < span.end, span.end <= bytes.count else { return "an expression" }
        return "'" + String(decoding: bytes[span.start..<span.end], as: UTF8.self) + "'"
    }

    var foldsCase: Bool { !caseSensitive }

    /// The value of an expression that reads no row: a parameter, a `let` binding.
    func constantValue(_ e: BoundExpr) throws(SQLRefusal) -> Value {
        if let constant = e.constant { return constant }
        do {
            return try constants(e)
        } catch {
            throw SQLRefusal(written(e), "\(error)", at: e.span)
        }
    }

    mutating func literal(_ value: Value, _ e: BoundExpr) throws(SQLRefusal) -> String {
        switch value {
        case .null, .int, .double, .string, .bool: return bind(value)
        case .date: throw SQLRefusal("the date \(value.literal)", "dates as intervals are not rendered yet", at: e.span)
        default: throw SQLRefusal(written(e), "\(value.literal) has no SQL value", at: e.span)
        }
    }

    /// A row's field or a value, as SQL.
    mutating func expression(_ e: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        switch e.form {
        case .field(let name), .reference(let name), .fieldByName(let name):
            guard let field = fields.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                if let stream = rowStream {
                    if stream.table.schema.index(of: name) == nil { return "NULL" }
                    throw SQLRefusal("the field '\(name)'", "its values (arrays, objects, mixed kinds) have no single SQL type, so the database does not hold it", at: e.span)
                }
                throw SQLRefusal("the field '\(name)'", "the rows here have no such column", at: e.span)
            }
            switch field.type {
            case .date: throw SQLRefusal("the date field '\(field.name)'", "a date is an interval: only comparisons, sorts, tests for null and selects of it render", at: e.span)
            case _ where field.type.heldAsJSON && dialect.supportsJSON: return "\(q).\(dialect.identifier(field.name))"
            case .any, .array, .references: throw SQLRefusal("the field '\(field.name)'", "its values have no single SQL type", at: e.span)
            default: return "\(q).\(dialect.identifier(field.name))"
            }
        case .element, .item, .part:
            return try json(e, q, fields)
        case .quantifier(let counting, let array, let item, let condition):
            return try quantifier(counting: counting, array, item, condition, e, q, fields)
        case .constant(let value):
            return try literal(value, e)
        case .runConstant:
            return try literal(try constantValue(e), e)
        case .compare(let op, let left, let right):
            return try comparison(op, left, right, q, fields)
        case .matches(let text, _, _) where isAbsentField(text):
            return "CAST(NULL AS boolean)"
        case .matches(let text, let pattern, let negated):
            guard kind(of: text) == .text || kind(of: text) == .json else { throw SQLRefusal(written(e), "a pattern matches text only", at: e.span) }
            let subject = try expression(text, as: .text, q, fields)
            let like = bind(.string(Self.likePattern(pattern)))
            let test = foldsCase ? dialect.likeIgnoringCase(subject, like) : dialect.like(subject, like)
            return negated ? "(NOT (\(test)))" : "(\(test))"
        case .isNull(let operand, let negated):
            var parts = kind(of: operand) == .date ? try dateParts(operand, q, fields) : DateParts()
            let value = kind(of: operand) == .date ? part(0, of: &parts) : try expression(operand, q, fields)
            return "(\(value) IS \(negated ? "NOT " : "")NULL)"
        case .logical(let op, let parts):
            var rendered: [String] = []
            for part in parts { rendered.append(try condition(part, q, fields)) }
            return "(" + rendered.joined(separator: op == .and ? " AND " : " OR ") + ")"
        case .not(let inner):
            return "(NOT \(try condition(inner, q, fields)))"
        case .inList(let needle, let items, let negated) where kind(of: needle) == .date:
            var subject = try dateParts(needle, q, fields)
            var tests: [String] = []
            for item in items {
                guard let date = try dateValue(item) else { continue }  // null, or text that is no date: equal to nothing
                var value = DateParts(value: date)
                tests.append("COALESCE(\(within(&subject, &value)), FALSE)")
            }
            let found = tests.isEmpty ? "FALSE" : "(" + tests.joined(separator: " OR ") + ")"
            return "(CASE WHEN \(part(0, of: &subject)) IS NULL THEN NULL ELSE \(negated ? "NOT " : "")\(found) END)"
        case .inList(let needle, let items, let negated) where kind(of: needle) == .json:
            // Each item meets the value as its own kind: a match only when the value is of it.
            let subject = try json(needle, q, fields)
            var tests: [String] = []
            for item in items {
                guard item.isRunConstant else {
                    throw SQLRefusal(written(item), "an item of 'in' over a value of no single type must be fixed before the query runs", at: item.span)
                }
                let value = try constantValue(item)
                if value.isNull { continue }  // equal to nothing
                guard let scalar = scalar(subject, as: kind(of: value)) else {
                    throw SQLRefusal(written(item), "only text, numbers and truth values are sought in a value of no single type", at: item.span)
                }
                tests.append("COALESCE(\(try comparison(.equal, scalar, try literal(value, item), kind: kind(of: value))), FALSE)")
            }
            let found = tests.isEmpty ? "FALSE" : "(" + tests.joined(separator: " OR ") + ")"
            return "(CASE WHEN \(subject) IS NULL THEN NULL ELSE \(negated ? "NOT " : "")\(found) END)"
        case .inList(let needle, let items, let negated):
            let subject = try expression(needle, q, fields)
            var tests: [String] = []
            for item in items {
                guard item.isRunConstant else {
                    // A field: equal to the needle when both are of one kind and not null.
                    guard kind(of: item) == kind(of: needle), kind(of: item) != .unknown else {
                        throw SQLRefusal(written(item), "an item of 'in' compares \(kind(of: item)) with \(kind(of: needle))", at: item.span)
                    }
                    tests.append("COALESCE(\(try equality(needle, subject, item, try expression(item, q, fields))), FALSE)")
                    continue
                }
                let value = try constantValue(item)
                if value.isNull { continue }  // equal to nothing
                guard kind(of: value) == kind(of: needle) || kind(of: needle) == .unknown else { continue }
                tests.append("COALESCE(\(try equality(needle, subject, item, try literal(value, item))), FALSE)")
            }
            let found = tests.isEmpty ? "FALSE" : "(" + tests.joined(separator: " OR ") + ")"
            return "(CASE WHEN \(subject) IS NULL THEN NULL ELSE \(negated ? "NOT " : "")\(found) END)"
        case .arithmetic(let first, let rest):
            return try arithmetic(first, rest, q, fields)
        case .negate(let inner):
            guard kind(of: inner) == .number else { throw SQLRefusal(written(e), "only a number can be negated", at: e.span) }
            return "(- \(try expression(inner, q, fields)))"
        case .call(let name, let arguments):
            return try call(name, arguments, e, q, fields)
        case .member(let reference, let collection, let name):
            return try navigation(reference, collection, name, e, q, fields)
        case .inArray(let needle, let array, let negated):
            return try membership(needle, in: array, negated: negated, e, q, fields)
        case .backReferences(let name, _, _, _):
            throw SQLRefusal("the back-reference '\(name)'", "it is a list of rows; only its length renders", at: e.span)
        case .lineage(let relation):
            throw SQLRefusal("'\(relation)'", "lineage follows each process from its start to its end through the stream in order; it runs in memory", at: e.span)
        case .other, .query:
            throw SQLRefusal(written(e), "it has no SQL form yet", at: e.span)
        }
    }

    /// `city.country`: the field of the row the reference names, looked up by the collection's
    /// key (a lookup per row, by the key's index in a database); null when it names none. The
    /// collection is a saved table of Quarry's, or a database table a foreign key leads to.
    /// `datePart`: for a date field, which of its columns (`DateParts`), each looked up alone.
    mutating func navigation(_ reference: BoundExpr, _ target: NavigationTarget, _ name: String, _ e: BoundExpr,
                             _ q: String, _ fields: [Field], datePart: Int? = nil) throws(SQLRefusal) -> String {
        guard case .reference = reference.form else {
            throw SQLRefusal(written(e), "only one step through a reference field renders yet", at: e.span)
        }
        let (source, schema, keyField) = try stored(target, written(e), e)
        guard let keyField else {
            throw SQLRefusal(written(e), "'\(target.name)' has no key to look rows up by", at: e.span)
        }
        let column: String
        if let datePart, let field = schema.field(name), case .date = field.type {
            column = SQLLayout.dateColumns(field.name)[datePart].name
        } else {
            guard let field = schema.field(name), let columns = SQLLayout.columns(field), columns.count == 1 else {
                throw SQLRefusal(written(e), "the field '\(name)' of \(target.name) is not one SQL column", at: e.span)
            }
            column = field.name
        }
        let t = alias()
        let keyColumn = "\(t).\(dialect.identifier(keyField.name))"
        // A saved reference is stored as text: the key is compared as text too. A foreign key
        // has its key's own type.
        let keyText: String
        if case .host = target { keyText = keyColumn } else { keyText = keyField.type == .string ? keyColumn : "CAST(\(keyColumn) AS \(dialect.textType))" }
        return "(SELECT \(dialect.oneRowValue("\(t).\(dialect.identifier(column))")) FROM \(source) AS \(t) WHERE \(keyText) = \(try expression(reference, q, fields)))"
    }

    /// The collection a reference or back-reference leads to, as the database holds it: the SQL
    /// that reads it, its schema and its key field. `what` names the construct when it is a
    /// collection of the host program, which no SQL reads.
    private func stored(_ target: NavigationTarget, _ what: String, _ e: BoundExpr) throws(SQLRefusal)
        -> (source: String, schema: Schema, key: Field?) {
        switch target {
        case .table(let table):
            return (dialect.identifier(table.name), table.schema, table.keyColumn.map { table.schema.fields[$0] })
        case .host(let host):
            guard let table = host as? any SQLTableSource else {
                throw SQLRefusal(what, "'\(host.name)' lives in the program that embeds Quarry", at: e.span)
            }
            return (table.layoutSQL.map { "(\($0))" } ?? dialect.identifier(table.tableName), table.schema,
                    table.key.flatMap { table.schema.field($0) })
        }
    }

    /// `length(events)` of an actor: how many rows of the source name the current row, counted
    /// by the source's field (an index lookup per row where the database has one).
    mutating func backReferenceCount(_ e: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String? {
        guard let rows = try backReferenceRows(e, q, fields) else { return nil }
        return "(SELECT count(*) FROM \(rows.source) AS \(rows.alias) WHERE \(rows.naming))"
    }

    /// `"Israel" in mentions.actor` of a document: whether a row that names the current row holds
    /// the value (equal as `==` has it), null for a null value. Only the field of a back-reference
    /// renders; any other array's items are not columns.
    private mutating func membership(_ needle: BoundExpr, in array: BoundExpr, negated: Bool, _ e: BoundExpr,
                                     _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        guard case .member(let rows, _, let name) = array.form, case .backReferences = rows.form,
              let rowsSQL = try backReferenceRows(rows, q, fields),
              let field = rowsSQL.schema.field(name), let columns = SQLLayout.columns(field), columns.count == 1 else {
            throw SQLRefusal(written(e), "only a field of a back-reference's rows renders as the array of 'in'", at: e.span)
        }
        if let value = needle.constant, value.isNull { return "CAST(NULL AS BOOLEAN)" }
        let item = "\(rowsSQL.alias).\(dialect.identifier(field.name))"
        guard case .array(let itemType) = array.type, case let itemKind = kind(ofType: itemType),
              [.text, .number].contains(itemKind), itemKind == kind(of: needle) else {
            throw SQLRefusal(written(e), "the items of '\(name)' are not of the kind of \(written(needle))", at: e.span)
        }
        let value = try expression(needle, q, fields)
        let equal = foldsCase && itemKind == .text ? "lower(\(item)) = lower(\(value))" : "\(item) = \(value)"
        let found = "EXISTS (SELECT 1 FROM \(rowsSQL.source) AS \(rowsSQL.alias) WHERE \(rowsSQL.naming) AND \(equal))"
        return "(CASE WHEN \(value) IS NULL THEN NULL ELSE \(negated ? "NOT " : "")\(found) END)"
    }

    /// The rows of a back-reference as SQL: its source table, an alias, the condition that they
    /// name the current row, and the source's schema.
    private mutating func backReferenceRows(_ e: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal)
        -> (source: String, alias: String, naming: String, schema: Schema)? {
        guard case .backReferences(let name, let key, let target, let via) = e.form else { return nil }
        guard let keyField = fields.first(where: { $0.name == key }), SQLLayout.columns(keyField)?.count == 1 else {
            throw SQLRefusal("the back-reference '\(name)'", "the rows' key '\(key)' is not read as one column", at: e.span)
        }
        let (source, schema, _) = try stored(target, "the back-reference '\(name)'", e)
        guard schema.field(via) != nil else { throw SQLRefusal("the back-reference '\(name)'", "\(target.name) has no field '\(via)'", at: e.span) }
        let t = alias()
        let keyColumn = "\(q).\(dialect.identifier(key))"
        // A reference Quarry saved is text; a foreign key has its key's own type.
        let keyValue: String
        if case .table = target, keyField.type != .string { keyValue = "CAST(\(keyColumn) AS \(dialect.textType))" } else { keyValue = keyColumn }
        return (source, t, "\(t).\(dialect.identifier(via)) = \(keyValue)", schema)
    }

    /// `*` becomes `%`; a `%`, `_` or `\` in the pattern stands for itself.
    static func likePattern(_ pattern: String) -> String {
        var out = ""
        for c in pattern {
            switch c {
            case "\\", "%", "_": out += "\\" + String(c)
            case "*": out += "%"
            default: out.append(c)
            }
        }
        return out
    }

    private mutating func equality(_ left: BoundExpr, _ l: String, _ right: BoundExpr, _ r: String) throws(SQLRefusal) -> String {
        if foldsCase && (kind(of: left) == .text || kind(of: right) == .text) { return "lower(\(l)) = lower(\(r))" }
        return "\(l) = \(r)"
    }

    private mutating func comparison(_ op: BinaryOperator, _ left: BoundExpr, _ right: BoundExpr, _ q: String,
                                     _ fields: [Field]) throws(SQLRefusal) -> String {
        let (a, b) = (kind(of: left), kind(of: right))
        if a == .date || b == .date { return try dateComparison(op, left, right, q, fields) }
        if a == .json || b == .json {
            // A JSON value meets the other side's kind: null when it is not of that kind.
            var other = a == .json ? b : a
            let otherSide = a == .json ? right : left
            if other == .unknown, otherSide.isRunConstant { other = kind(of: try constantValue(otherSide)) }  // a parameter
            guard other != .json, other != .unknown else {
                throw SQLRefusal("\(written(left)) \(op.rawValue) \(written(right))", "it compares values of no single type", at: left.span)
            }
            let l = try expression(left, as: other, q, fields), r = try expression(right, as: other, q, fields)
            return try comparison(op, l, r, kind: other)
        }
        guard a == b || a == .unknown || b == .unknown else {
            throw SQLRefusal("\(written(left)) \(op.rawValue) \(written(right))", "it compares \(a) with \(b)", at: left.span)
        }
        return try comparison(op, try expression(left, q, fields), try expression(right, q, fields), kind: a == .text || b == .text ? .text : a)
    }

    /// `l op r` for two values of one kind.
    func comparison(_ op: BinaryOperator, _ l: String, _ r: String, kind: Kind) throws(SQLRefusal) -> String {
        let sqlOp = op == .notEqual ? "<>" : op == .equal ? "=" : op.rawValue
        guard kind == .text else { return "(\(l) \(sqlOp) \(r))" }
        if op == .equal || op == .notEqual {
            return foldsCase ? "(lower(\(l)) \(sqlOp) lower(\(r)))" : "(\(l) \(sqlOp) \(r))"
        }
        // Text orders by code point, folded first when case does not count.
        let x = foldsCase ? "lower(\(l))" : l, y = foldsCase ? "lower(\(r))" : r
        return "(\(dialect.binaryOrder(x)) \(sqlOp) \(dialect.binaryOrder(y)))"
    }

    mutating func arithmetic(_ first: BoundExpr, _ rest: [(BinaryOperator, BoundExpr)], _ q: String,
                                     _ fields: [Field]) throws(SQLRefusal) -> String {
        guard kind(of: first) == .number, rest.allSatisfy({ kind(of: $0.1) == .number }) else {
            throw SQLRefusal(written(first), "arithmetic renders on numbers only", at: first.span)
        }
        var sql = try expression(first, q, fields)
        var isInt = integral(first)
        for (op, operand) in rest {
            let r = try expression(operand, q, fields)
            let bothInt = isInt && integral(operand)
            switch op {
            case .divide:
                sql = bothInt ? dialect.floorDivide(sql, r)
                    : "(CASE WHEN \(r) = 0 THEN NULL ELSE \(dialect.double(sql)) / \(r) END)"
            case .modulo:
                sql = bothInt ? dialect.floorModulo(sql, r)
                    : "(CASE WHEN \(r) = 0 THEN NULL ELSE \(dialect.double(sql)) - \(r) * floor(\(dialect.double(sql)) / \(r)) END)"
            default:
                sql = "(\(bothInt ? sql : dialect.double(sql)) \(op.rawValue) \(r))"
            }
            isInt = bothInt
        }
        return sql
    }

    /// The ORDER BY items that sort as Quarry does: null first ascending (last descending);
    /// text without regard to case first, then as written, by code point.
    mutating func orderItems(_ e: BoundExpr, descending: Bool, _ q: String, _ fields: [Field],
                             column: String? = nil) throws(SQLRefusal) -> [String] {
        let direction = descending ? " DESC NULLS LAST" : " NULLS FIRST"
        if column == nil, isAbsentField(e) { return [] }  // null in every row: it orders nothing
        if kind(of: e) == .date, column == nil {
            // By the first second, then the last.
            var parts = try dateParts(e, q, fields)
            return [part(0, of: &parts) + direction, part(1, of: &parts) + direction]
        }
        let value: String
        if let column { value = column } else { value = try expression(e, q, fields) }
        switch kind(of: e) {
        case .number, .bool: return [value + direction]
        case .text:
            let folded = foldsCase ? [dialect.binaryOrder("lower(\(value))") + direction] : []
            return folded + [dialect.binaryOrder(value) + direction]
        case .unknown, .date, .json: throw SQLRefusal("sorting by \(written(e))", "its values have no single SQL type", at: e.span)
        }
    }

    /// What rows group by: text folded to lower case unless case counts.
    mutating func groupingKey(_ e: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        if kind(of: e) == .date {
            var parts = try dateParts(e, q, fields)
            return "\(part(0, of: &parts)), \(part(1, of: &parts)), \(part(2, of: &parts))"
        }
        let value = try expression(e, q, fields)
        switch kind(of: e) {
        case .text: return foldsCase ? "lower(\(value))" : value
        case .number, .bool: return value
        case .unknown, .date, .json: throw SQLRefusal("grouping by \(written(e))", "its values have no single SQL type", at: e.span)
        }
    }
}

extension SQLRenderer {
    /// Whether the expression is a field that the events of the stream in scope never hold:
    /// null in every row.
    func isAbsentField(_ e: BoundExpr) -> Bool {
        guard let stream = rowStream, let name = e.fieldName else { return false }
        return stream.table.schema.index(of: name) == nil
    }
}

extension BoundExpr {
    /// The field of the row the expression is, read as stored or looked up by name.
    var fieldName: String? {
        switch form {
        case .field(let name), .fieldByName(let name): return name
        default: return nil
        }
    }
}
