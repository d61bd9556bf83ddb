import Foundation

/// A bound expression: how to evaluate it, what it yields, its value when that is known before
/// the program runs (literals, and pure functions of literals), and its form, which the planner
/// reads to run it over columns and `explain` prints.
package struct BoundExpr: Sendable {
    var eval: Evaluator
    package var type: StaticType
    package var constant: Value?
    package var form: ExprForm = .other
    /// Where the expression is written: `explain` prints a form it does not know as written.
    package var span: SourceSpan?
    /// The fields of the current row the expression reads; nil when that is not known (a
    /// user function's body, a nested query, a field looked up by name at run time).
    package var fieldsRead: Set<String>?

    init(eval: @escaping Evaluator, type: StaticType, constant: Value? = nil, form: ExprForm = .other, span: SourceSpan? = nil) {
        self.eval = eval
        self.type = type
        self.constant = constant
        self.form = constant.map(ExprForm.constant) ?? form
        self.span = span
        switch self.form {
        case .constant, .runConstant: fieldsRead = []
        case .field(let name): fieldsRead = [name]
        default: fieldsRead = nil
        }
    }

    static func constant(_ value: Value) -> BoundExpr {
        BoundExpr(eval: { _, _ in value }, type: .of(value), constant: value)
    }
}

extension Binder {
    func compileExpression(_ expr: Expr, in scope: Scope) -> (Evaluator, StaticType) {
        let compiled = compile(expr, scope)
        return (compiled.eval, compiled.type)
    }

    func compile(_ expr: Expr, _ scope: Scope) -> BoundExpr {
        var compiled = bind(expr, scope)
        compiled.span = expr.span
        return compiled
    }

    private func bind(_ expr: Expr, _ scope: Scope) -> BoundExpr {
        switch expr {
        case .literal(let value, _):
            return .constant(value)
        case .parameter(let name, let span):
            return parameter(name, span)
        case .name(let name, let span):
            return resolveName(name, span, scope)
        case .member(let base, let name, let span):
            return member(base, name, span, scope)
        case .index(let base, let index, let span):
            return subscriptExpression(base, index, span, scope)
        case .negate(let operand, let span):
            let inner = compile(operand, scope)
            checkNumeric(inner, operand.span, "'-'")
            let ops = operations
            return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                ops.arithmetic(.subtract, .int(0), try inner.eval(ctx, &frame))
            }, type: inner.type == .int ? .int : inner.type == .float ? .float : .any, form: .negate(inner)), [inner], span)
        case .not(let operand, let span):
            let inner = compile(operand, scope)
            checkBoolean(inner, operand.span, "'not'")
            return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                try inner.eval(ctx, &frame).truth.map { .bool(!$0) } ?? .null
            }, type: .bool, form: .not(inner)), [inner], span)
        case .binary(let op, let left, let right, let span):
            return binary(op, left, right, span, scope)
        case .logical(let op, let operands, let span):
            return logical(op, operands, span, scope)
        case .arithmetic(let first, let links, let span):
            return arithmeticChain(first, links, span, scope)
        case .inList(let needle, let items, let negated, let span):
            let compiled = items.map { compile($0, scope) }
            // `x in (someArray)`: one item that is an array is the array, not a list of one.
            if compiled.count == 1, case .array = compiled[0].type {
                return membership(needle, array: compiled[0], negated: negated, span, scope)
            }
            return membership(needle, compiled, negated: negated, span, scope)
        case .inArray(let needle, let array, let negated, let span):
            return membership(needle, array: compile(array, scope), negated: negated, span, scope)
        case .call(let name, let arguments, let span, let nameSpan):
            return call(name, arguments, span, nameSpan, scope)
        case .array(let items, let span):
            let parts = items.map { compile($0, scope) }
            return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                var values: [Value] = []
                values.reserveCapacity(parts.count)
                for part in parts { values.append(try part.eval(ctx, &frame)) }
                return .array(values)
            }, type: .array(.any)), parts, span)
        case .filter, .pipe, .sequence, .join:
            let query = compileQuery(expr, scope)
            let run = query.run
            return BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                .table(try run(ctx, &frame).materialize())
            }, type: .table(query.shape), form: .query(query.plan!, query.describe))
        case .lineage(let kind, let query, let span):
            return lineage(kind, query, span, scope)
        }
    }

    // MARK: Names

    /// Notes that `expr`, when it is a parameter, is used as a value of `type`.
    func inferParameter(_ expr: Expr, as type: StaticType) {
        guard case .parameter(let name, _) = expr, parameterTypes?[name] == nil else { return }
        let implied: StaticType?
        switch type {
        case .int, .float: implied = .float
        case .string, .date, .bool: implied = type
        case .row(let shape): implied = shape.keyType
        default: implied = nil
        }
        guard let implied, implied != .any, parameterUses[name]?.type == nil else { return }
        parameterUses[name]?.type = implied
    }

    private func parameter(_ name: String, _ span: SourceSpan) -> BoundExpr {
        if parameterUses[name] == nil { parameterUses[name] = (span, parameterTypes?[name]) }
        if let declared = parameterTypes, declared[name] == nil {
            report(.parameter, "unknown parameter '$\(name)'", span,
                   hint: suggestion(name, Array(declared.keys)).map { $0.replacingOccurrences(of: "'", with: "'$") }
                        ?? (declared.isEmpty ? "this program declares no parameters" : "parameters: " + declared.keys.sorted().map { "$" + $0 }.joined(separator: ", ")))
        }
        return BoundExpr(eval: { ctx, _ throws(RuntimeFailure) in
            guard let value = ctx.parameters[name] else {
                throw RuntimeFailure(.parameter, "no value for parameter '$\(name)'", at: span,
                                     hint: "give it one: run(parameters: [\"\(name)\": …])")
            }
            return value
        }, type: parameterTypes?[name] ?? .any, form: .runConstant("$" + name))
    }

    func resolveName(_ name: String, _ span: SourceSpan, _ scope: Scope) -> BoundExpr {
        if case .row(let shape)? = scope.row, let schema = shape.schema, let index = schema.index(of: name) {
            return fieldReader(schema.fields[index], index: index, table: catalog[shape.name], of: shape.name, span)
        }
        if let local = scope.locals[name] {
            var read = BoundExpr(eval: { _, frame in frame.locals[local] }, type: .any,
                                 form: scope.elements.contains(name) ? .element(name) : .runConstant(name))
            read.fieldsRead = []
            return read
        }
        if let global = globals[name] {
            let slot = global.slot
            return BoundExpr(eval: { ctx, _ in ctx.globals[slot] }, type: global.type, form: .runConstant(name))
        }
        if let table = catalog[name] {
            return BoundExpr(eval: { _, _ in .table(table) }, type: .table(TableShape(name: name, schema: table.schema)))
        }
        if let host = catalog.hosts[name] {
            let scan = Scan.hostScan(host, HostPushdown(), operations, span)
            return BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in .table(try scan(ctx, frame)) },
                            type: .table(TableShape(name: name, schema: host.schema)))
        }
        if name.lowercased() == "any" {
            let query = compileQuery(.name(name, span), scope)
            let run = query.run
            return BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in .table(try run(ctx, &frame).materialize()) },
                            type: .table(query.shape))
        }
        let rowIsDynamic: Bool = {
            if scope.dynamicFields { return true }
            if case .row(let shape)? = scope.row { return shape.schema == nil }
            return scope.row == .any
        }()
        if rowIsDynamic {
            return dynamicField(name, span)
        }
        let isFunction = userFunctions[name.lowercased()] != nil || functions[name] != nil
        if isFunction, case .row(let shape)? = scope.row {
            // Among a row's fields a bare name is a field: say that first, and the function second.
            report(.unknownField, "unknown field '\(name)' in \(shape.name)", span,
                   hint: "'\(name)' is also a function: write \(name)(…) to call it; fields of \(shape.name): \(shape.schema?.names.joined(separator: ", ") ?? "")")
        } else if isFunction {
            report(.unknownName, "'\(name)' is a function; call it with parentheses", span, hint: "write \(name)(…)")
        } else if case .row(let shape)? = scope.row {
            report(.unknownField, "unknown field '\(name)' in \(shape.name)", span,
                   hint: suggestion(name, visibleNames(scope)) ?? "fields of \(shape.name): \(shape.schema?.names.joined(separator: ", ") ?? "")")
        } else {
            report(.unknownName, "unknown name '\(name)'", span,
                   hint: suggestion(name, visibleNames(scope)) ?? collectionsHint)
        }
        return .constant(.null)
    }

    /// Reads a field of the current row. When the row's table is the one known at compile time,
    /// the column position is used directly; otherwise the field is looked up by name.
    /// `collection`: the name of the collection whose rows it reads, when known.
    func fieldReader(_ field: Field, index: Int, table: Table?, of collection: String? = nil, _ span: SourceSpan) -> BoundExpr {
        let name = field.name
        let type = StaticType.from(field.type, catalog: catalog)
        switch field.type {
        case .reference(let target):
            var reference = BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                let key = Self.read(frame.row, name, index, table)
                return key.isNull ? .null : try ctx.resolve(key, in: target, at: span)
            }, type: type, form: .reference(name))
            reference.fieldsRead = [name]
            return reference
        case .references(let source, let via):
            var rows = BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                guard case .row(let row) = frame.row, let keyColumn = row.table.keyColumn else { return .array([]) }
                return try ctx.backReferences(row.table.value(row: row.index, column: keyColumn), source: source, via: via, at: span)
            }, type: type)
            // What a backend needs to follow it: the row's key, and the collection it leads to.
            let key = collection.flatMap { name in
                catalog[name].flatMap { t in t.keyColumn.map { t.schema.fields[$0].name } } ?? catalog.hosts[name]?.key
            }
            let target = catalog[source].map(NavigationTarget.table) ?? catalog.hosts[source].map(NavigationTarget.host)
            if let key, let target {
                rows.form = .backReferences(field: name, key: key, source: target, via: via)
                rows.fieldsRead = [key]
            }
            return rows
        default:
            return BoundExpr(eval: { _, frame in Self.read(frame.row, name, index, table) }, type: type, form: .field(name))
        }
    }

    @inline(__always)
    static func read(_ row: Value, _ name: String, _ index: Int, _ table: Table?) -> Value {
        switch row {
        case .row(let r):
            if r.table === table { return r.table.value(row: r.index, column: index) }
            guard let i = r.table.schema.index(of: name) else { return .null }
            return r.table.value(row: r.index, column: i)
        case .record(let record):
            return record[name] ?? .null
        default:
            return .null
        }
    }

    /// A field of a row whose columns are known only at run time; missing fields are null, as in EQL.
    func dynamicField(_ name: String, _ span: SourceSpan) -> BoundExpr {
        BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            switch frame.row {
            case .row(let r):
                guard let i = r.table.schema.index(of: name) else { return .null }
                let value = r.table.value(row: r.index, column: i)
                if case .reference(let target) = r.table.schema.fields[i].type, !value.isNull {
                    return try ctx.resolve(value, in: target, at: span)
                }
                return value
            case .record(let record):
                return record[name] ?? .null
            default:
                return .null
            }
        }, type: .any, form: .fieldByName(name))
    }

    // MARK: Fields and indexes

    /// `mentions.actor` of a document: a field of the rows a back-reference leads to, for a
    /// backend to look up where they are stored.
    private func backReferenceField(_ rows: BoundExpr, _ name: String) -> ExprForm {
        guard case .backReferences(_, _, let source, _) = rows.form else { return .other }
        return .member(rows, collection: source, field: name)
    }

    private func member(_ base: Expr, _ name: String, _ span: SourceSpan, _ scope: Scope) -> BoundExpr {
        let object = compile(base, scope)
        switch object.type {
        case .row(let shape):
            if let schema = shape.schema {
                guard let index = schema.index(of: name) else {
                    report(.unknownField, "unknown field '\(name)' in \(shape.name)", span,
                           hint: suggestion(name, schema.names) ?? "fields of \(shape.name): \(schema.names.joined(separator: ", "))")
                    return .constant(.null)
                }
                let reader = fieldReader(schema.fields[index], index: index, table: catalog[shape.name], span)
                let target = catalog[shape.name].map(NavigationTarget.table) ?? catalog.hosts[shape.name].map(NavigationTarget.host)
                var navigated = BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                    let row = try object.eval(ctx, &frame)
                    if row.isNull { return .null }
                    var inner = Frame(row: row, locals: frame.locals)
                    return try reader.eval(ctx, &inner)
                }, type: reader.type, form: target.map { .member(object, collection: $0, field: schema.fields[index].name) } ?? .other)
                navigated.fieldsRead = object.fieldsRead  // the rest is read from the row it leads to
                return navigated
            }
        case .array(.row(let shape)):
            if let schema = shape.schema, schema.index(of: name) == nil {
                report(.unknownField, "unknown field '\(name)' in \(shape.name)", span, hint: suggestion(name, schema.names))
                return .constant(.null)
            }
        case .table(let shape):
            // A table's field is the array of that field over its rows, as for an array of rows.
            if let schema = shape.schema, schema.index(of: name) == nil {
                report(.unknownField, "unknown field '\(name)' in \(shape.name)", span, hint: suggestion(name, schema.names))
                return .constant(.null)
            }
        case .int, .float, .string, .bool, .date, .null:
            report(.type, "\(object.type.withArticle) has no field '\(name)'", span)
            return .constant(.null)
        default:
            break
        }
        let dynamic = dynamicField(name, span)
        let elementType: StaticType
        if case .array(.row(let shape)) = object.type, let field = shape.schema?.field(name) {
            elementType = .array(StaticType.from(field.type, catalog: catalog))
        } else if case .table(let shape) = object.type, let field = shape.schema?.field(name) {
            elementType = .array(StaticType.from(field.type, catalog: catalog))
        } else {
            elementType = .any
        }
        let dynamicShape: Bool = { if case .any = object.type { return true } else { return false } }()
        return Self.reading(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            let value = try object.eval(ctx, &frame)
            func field(of item: Value) -> Value {
                var inner = Frame(row: item, locals: [])
                return (try? dynamic.eval(ctx, &inner)) ?? .null
            }
            switch value {
            case .array(let items): return .array(items.map(field))
            case .table(let table): return .array(table.rows.map { field(of: .row($0)) })
            case .row, .record: return field(of: value)
            default: return .null
            }
        }, type: elementType, form: dynamicShape ? .part(object, name: name) : backReferenceField(object, name)), [object])
    }

    private func subscriptExpression(_ base: Expr, _ index: Expr, _ span: SourceSpan, _ scope: Scope) -> BoundExpr {
        let object = compile(base, scope)
        let key = compile(index, scope)
        return fold(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            let value = try object.eval(ctx, &frame)
            let k = try key.eval(ctx, &frame)
            switch (value, k.keyed) {
            case (.array(let items), .int(let i)):
                let position = i < 0 ? items.count + i : i
                return items.indices.contains(position) ? items[position] : .null
            case (.string(let s), .int(let i)):
                // By code point, as length and substring count.
                let chars = Array(s.unicodeScalars)
                let position = i < 0 ? chars.count + i : i
                return chars.indices.contains(position) ? .string(String(chars[position])) : .null
            case (.table(let t), .int(let i)):
                let position = i < 0 ? t.count + i : i
                return (0..<t.count).contains(position) ? .row(RowRef(table: t, index: position)) : .null
            case (.record(let r), .string(let name)):
                return r[name] ?? .null
            case (.row(let r), .string(let name)):
                return r[name] ?? .null
            default:
                return .null
            }
        }, type: {
            if case .array(let element) = object.type { return element }
            if case .table(let shape) = object.type { return .row(shape) }
            return .any
        }(), form: .item(object, index: key)), [object, key], span)
    }

    // MARK: Checks and folding

    /// The expression, noted as reading what its parts read (when each part's reads are known).
    static func reading(_ compiled: BoundExpr, _ parts: [BoundExpr]) -> BoundExpr {
        guard compiled.fieldsRead == nil else { return compiled }
        var result = compiled
        var fields: Set<String> = []
        for part in parts {
            guard let read = part.fieldsRead else { return compiled }
            fields.formUnion(read)
        }
        result.fieldsRead = fields
        return result
    }

    func checkNumeric(_ compiled: BoundExpr, _ span: SourceSpan, _ what: String) {
        checkNumeric(compiled.type, span, what)
    }

    func checkNumeric(_ type: StaticType, _ span: SourceSpan, _ what: String) {
        switch type {
        case .string, .bool, .array, .record, .table:
            report(.type, "\(what) needs a number, not \(type.withArticle)", span)
        case .row(let shape):
            if let key = shape.keyType, key != .any, !key.isNumeric {
                report(.type, "\(what) needs a number, not \(type.withArticle)", span,
                       hint: "\(shape.name) rows stand for their key, \(key.withArticle)")
            }
        default: break
        }
    }

    func checkBoolean(_ compiled: BoundExpr, _ span: SourceSpan, _ what: String) {
        switch compiled.type {
        case .int, .float, .string, .date, .array, .table:
            report(.type, "\(what) needs a boolean, not \(compiled.type.withArticle)", span,
                   hint: compiled.type == .string ? "compare it: x == \"…\"" : nil)
        default: break
        }
    }

    /// Evaluates at compile time an expression whose parts are all constants.
    func fold(_ compiled: BoundExpr, _ parts: [BoundExpr], _ span: SourceSpan) -> BoundExpr {
        guard parts.allSatisfy({ $0.constant != nil }) else { return Self.reading(compiled, parts) }
        let context = RunContext(catalog: catalog, operations: operations, parameters: [:], limits: .standard,
                                 globals: [], interrupt: { false })
        var frame = Frame()
        guard let value = try? compiled.eval(context, &frame) else { return compiled }
        var folded = BoundExpr(eval: { _, _ in value }, type: compiled.type == .any ? .of(value) : compiled.type, constant: value)
        folded.span = span
        return folded
    }
}
