import Quarry

/// Values whose shape is known only when a query runs (arrays, records, fields of mixed kinds),
/// held in `json` columns, with Quarry's meaning: a JSON value is compared, matched or tested
/// as a string, a number or a truth value only when it is one (null otherwise, as when Quarry
/// compares values of two kinds); arrays are searched and counted item by item.
///
/// A JSON expression's SQL is never JSON's `null`: it is normalised to SQL's NULL wherever one
/// can arise (an array's item, a record's field), so that `x == null` tests hold.
extension SQLRenderer {
    /// Whether the expression's value is a JSON value in SQL: a stored field of no single type,
    /// an array's item, a record's field.
    func isJSON(_ e: BoundExpr) -> Bool {
        switch e.form {
        case .element, .item, .part: return true
        case .fieldByName(let name):
            // Only the stream's own fields are stored; the rest (absent, or added by a pipe) are not JSON.
            return rowStream?.table.schema.field(name)?.type.heldAsJSON ?? false
        case .field(let name):
            if let stream = rowStream, let field = stream.table.schema.field(name) { return field.type.heldAsJSON }
            // The relation's own column says (a sum of fractions is `.any` to the binder, a number here).
            if let field = rowFields.first(where: { $0.name.lowercased() == name.lowercased() }) { return field.type.heldAsJSON }
            switch e.type {
            case .any, .array: return true
            default: return false
            }
        default: return false
        }
    }

    /// Refuses a value kept as a column of a relation when its kind is unknown and it is not
    /// JSON: later operators would read a column of no known SQL type.
    func checkSingleType(_ e: BoundExpr) throws(SQLRefusal) {
        guard kind(of: e) == .unknown, !isAbsentField(e) else { return }
        throw SQLRefusal(written(e), "its values have no single SQL type", at: e.span)
    }

    /// JSON's null as SQL's NULL.
    func normalised(_ json: String) -> String {
        "(CASE WHEN json_typeof(\(json)) = 'null' THEN NULL ELSE \(json) END)"
    }

    /// A record's field: the field of that name, else the first whose name matches without
    /// regard to case (as `Record` looks names up); null when the value is no record.
    mutating func field(of json: String, named name: String) -> String {
        let t = alias()
        return "(CASE WHEN json_typeof(\(json)) = 'object' THEN (SELECT \(normalised("\(t).value")) FROM json_each(\(json)) WITH ORDINALITY AS \(t)(key, value, n)"
            + " WHERE lower(\(t).key) = lower(\(name)) ORDER BY \(t).key = \(name) DESC, \(t).n LIMIT 1) END)"
    }

    /// A JSON scalar's text: a string unquoted, a number or truth value as written.
    func text(ofJSON json: String) -> String { "(\(json) #>> '{}')" }

    /// A JSON value as a value of one kind: null unless it is of that kind.
    func scalar(_ json: String, as kind: Kind) -> String? {
        let text = text(ofJSON: json)
        switch kind {
        case .text: return "(CASE WHEN json_typeof(\(json)) = 'string' THEN \(text) END)"
        // numeric, not double: whole numbers beyond 2^53 compare exactly, as Quarry's do.
        case .number: return "(CASE WHEN json_typeof(\(json)) = 'number' THEN CAST(\(text) AS numeric) END)"
        case .bool: return "(CASE WHEN json_typeof(\(json)) = 'boolean' THEN \(text) = 'true' END)"
        case .date, .unknown, .json: return nil
        }
    }

    /// A JSON value as a condition, by EQL's (Python's) truthiness: empty text, zero, an empty
    /// array or record are false; null is null.
    func truth(_ json: String) -> String {
        "(CASE json_typeof(\(json)) WHEN 'boolean' THEN \(text(ofJSON: json)) = 'true'"
            + " WHEN 'number' THEN \(dialect.double(text(ofJSON: json))) <> 0"
            + " WHEN 'string' THEN \(text(ofJSON: json)) <> ''"
            + " WHEN 'array' THEN json_array_length(\(json)) > 0"
            + " WHEN 'object' THEN EXISTS (SELECT 1 FROM json_object_keys(\(json))) END)"
    }

    /// An expression as the JSON value it is, refused where the dialect holds no JSON.
    mutating func json(_ e: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        guard dialect.supportsJSON else {
            throw SQLRefusal(written(e), "values of no single type (arrays, records) render for PostgreSQL only", at: e.span)
        }
        switch e.form {
        case .element(let name):
            guard let item = elements[name] else { throw SQLRefusal(written(e), "the array item '\(name)' is out of scope", at: e.span) }
            return item
        case .item(let base, let index):
            return try item(of: base, at: index, e, q, fields)
        case .part(let base, let name):
            guard isJSON(base) else { throw SQLRefusal(written(e), "only a value of no single type has parts here", at: e.span) }
            let value = try json(base, q, fields), key = bind(.string(name))
            let t = alias()
            let each = "COALESCE((SELECT json_agg(\(field(of: "\(t).v", named: key)) ORDER BY \(t).n) FROM json_array_elements(\(value)) WITH ORDINALITY AS \(t)(v, n)), '[]')"
            return "(CASE json_typeof(\(value)) WHEN 'object' THEN \(field(of: value, named: key)) WHEN 'array' THEN \(each) END)"
        default:
            return try expression(e, q, fields)
        }
    }

    /// `value[index]` for a fixed index: an array's item (negative from the end), a record's
    /// field by name; a string's character.
    private mutating func item(of base: BoundExpr, at index: BoundExpr, _ e: BoundExpr, _ q: String,
                               _ fields: [Field]) throws(SQLRefusal) -> String {
        guard isJSON(base) else { throw SQLRefusal(written(e), "only an array or a record of no single type is indexed here", at: e.span) }
        guard index.isRunConstant else { throw SQLRefusal(written(e), "its index is not fixed before the query runs", at: e.span) }
        let value = try json(base, q, fields)
        switch try constantValue(index) {
        case .int(let i) where i < Int(Int32.min) + 1 || i > Int(Int32.max):
            return "CAST(NULL AS json)"  // past any array's end
        case .int(let i):
            let text = text(ofJSON: value), n = dialect.characterLength(text)
            let position = i < 0 ? "\(n) - \(bind(.int(-i)))" : bind(.int(i))
            let character = "(CASE WHEN \(position) >= 0 AND \(position) < \(n) THEN to_json(\(dialect.substring(text, from: "\(position) + 1", count: "1"))) END)"
            return "(CASE json_typeof(\(value)) WHEN 'array' THEN \(normalised("\(value) -> CAST(\(bind(.int(i))) AS integer)")) WHEN 'string' THEN \(character) END)"
        case .string(let name):
            return field(of: value, named: bind(.string(name)))
        default:
            return "CAST(NULL AS json)"
        }
    }

    /// `arraySearch(array, a, condition)`: whether the condition holds for some item;
    /// `arrayCount`: for how many. Null when the value is not an array.
    mutating func quantifier(counting: Bool, _ array: BoundExpr, _ name: String, _ condition: BoundExpr, _ e: BoundExpr,
                             _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        guard isJSON(array) else { throw SQLRefusal(written(e), "only an array of no single type is searched here", at: e.span) }
        let value = try json(array, q, fields)
        let t = alias()
        let outer = elements[name]
        elements[name] = normalised("\(t).v")
        defer { elements[name] = outer }
        let test = try self.condition(condition, q, fields)
        let items = "FROM json_array_elements(\(value)) AS \(t)(v) WHERE \(test)"
        let answer = counting ? "(SELECT count(*) \(items))" : "EXISTS (SELECT 1 \(items))"
        return "(CASE WHEN json_typeof(\(value)) = 'array' THEN \(answer) END)"
    }

    /// `arrayContains(array, value, …)`: whether some item is the same as some value (null the
    /// same as null; text without regard to case unless case counts).
    mutating func arrayContains(_ arguments: [BoundExpr], _ e: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        guard isJSON(arguments[0]) else { throw SQLRefusal(written(e), "only an array of no single type is searched here", at: e.span) }
        let value = try json(arguments[0], q, fields)
        let t = alias(), item = "\(t).v"
        var tests: [String] = []
        for needle in arguments.dropFirst() {
            guard needle.isRunConstant else { throw SQLRefusal(written(needle), "the values sought are not fixed before the query runs", at: needle.span) }
            let sought = try constantValue(needle)
            if sought.isNull { tests.append("json_typeof(\(item)) = 'null'"); continue }
            let kind = kind(of: sought)
            guard let scalar = scalar(item, as: kind) else {
                throw SQLRefusal(written(needle), "only text, numbers and truth values are sought in an array here", at: needle.span)
            }
            let literal = try literal(sought, needle)
            tests.append(kind == .text && foldsCase ? "lower(\(scalar)) = lower(\(literal))" : "\(scalar) = \(literal)")
        }
        let found = tests.isEmpty ? "FALSE" : "EXISTS (SELECT 1 FROM json_array_elements(\(value)) AS \(t)(v) WHERE \(tests.joined(separator: " OR ")))"
        return "(CASE WHEN json_typeof(\(value)) = 'array' THEN \(found) END)"
    }

    /// `length(x)` of a JSON value: a string's characters, an array's items, a record's fields.
    mutating func jsonLength(_ argument: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        let value = try json(argument, q, fields)
        return "(CASE json_typeof(\(value)) WHEN 'string' THEN \(dialect.characterLength(text(ofJSON: value)))"
            + " WHEN 'array' THEN json_array_length(\(value))"
            + " WHEN 'object' THEN (SELECT count(*) FROM json_object_keys(\(value))) END)"
    }

    /// An expression as a value of the kind it meets: a JSON value converted (null when it is
    /// of another kind), anything else as it is.
    mutating func expression(_ e: BoundExpr, as kind: Kind, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        guard isJSON(e) else { return try expression(e, q, fields) }
        guard let converted = scalar(try json(e, q, fields), as: kind) else {
            throw SQLRefusal(written(e), "a value of no single type is compared here with \(kind)", at: e.span)
        }
        return converted
    }

    /// An expression as a condition: a JSON value by its truthiness.
    mutating func condition(_ e: BoundExpr, _ q: String, _ fields: [Field]) throws(SQLRefusal) -> String {
        guard isJSON(e) else { return try expression(e, q, fields) }
        return truth(try json(e, q, fields))
    }
}
