extension Binder {
    func call(_ name: String, _ arguments: [Expr], _ span: SourceSpan, _ nameSpan: SourceSpan, _ scope: Scope) -> BoundExpr {
        let lower = name.lowercased()
        if SpecialForms.names.contains(lower) {
            return specialForm(lower, arguments, span, nameSpan, scope)
        }
        if let function = userFunctions[lower] {
            return userCall(function, arguments, span, nameSpan, scope)
        }
        guard let function = functions[name] else {
            if SpecialForms.aggregates.contains(lower) {
                report(.unknownFunction, "\(name)() is an aggregate; it belongs in | summarize", nameSpan,
                       hint: "collection | summarize n = \(lower)(\(lower == "count" ? "" : "field")) by field")
            } else {
                let candidates = functions.names + userFunctions.values.map(\.name)
                report(.unknownFunction, "unknown function '\(name)'", nameSpan,
                       hint: suggestion(name, candidates) ?? "functions: \(functions.names.prefix(12).joined(separator: ", "))…")
            }
            arguments.forEach { _ = compile($0, scope) }
            return .constant(.null)
        }
        let args = arguments.map { compile($0, scope) }
        guard checkArity(function.name, function.minArguments, function.maxArguments, args.count, function.arityText, span) else {
            return .constant(.null)
        }
        checkArgumentTypes(function, args, arguments)
        let body = function.body
        let ops = operations
        let compiled = BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            var values: [Value] = []
            values.reserveCapacity(args.count)
            for arg in args { values.append(try arg.eval(ctx, &frame)) }
            let result: Value
            do throws(FunctionError) {
                result = try body(values, ops)
            } catch {
                throw RuntimeFailure(.runtime, "\(function.name)(): \(error.message)", at: span)
            }
            try ctx.checkSize(result, span)
            return result
        }, type: function.returns(args.map(\.type)), form: .call(function.name, args))
        // A built-in function reads only its arguments.
        guard function.isPure, args.allSatisfy({ $0.constant != nil }) else { return Self.reading(compiled, args) }
        // Fold a pure call of constants now; one that fails, or builds something big, is left to
        // run time, where safe() can catch it and the size limit applies.
        let values = args.map { $0.constant! }
        guard let value = try? function.body(values, ops), value.builtSize <= 1 << 20 else { return compiled }
        return BoundExpr(eval: { _, _ in value }, type: compiled.type == .any ? .of(value) : compiled.type, constant: value)
    }

    func checkArity(_ name: String, _ min: Int, _ max: Int?, _ count: Int, _ text: String, _ span: SourceSpan) -> Bool {
        if count < min || (max.map { count > $0 } ?? false) {
            report(.arity, "\(name)() takes \(text), not \(count)", span)
            return false
        }
        return true
    }

    /// Literal arguments of the wrong kind are errors now rather than nulls later.
    private func checkArgumentTypes(_ function: QuarryFunction, _ args: [BoundExpr], _ exprs: [Expr]) {
        if let declared = function.parameterTypes {
            for (i, (type, arg)) in zip(declared, args).enumerated() where !type.accepts(arg.type) {
                report(.type, "\(function.name)() takes \(type.staticType.withArticle) as argument \(i + 1), not \(arg.type.withArticle)", exprs[i].span)
            }
            return
        }
        let lower = function.name.lowercased()
        // The types each built-in takes, by position; the last one repeats for further arguments.
        let signatures: [String: [ValueType]] = [
            "add": [.float, .float], "subtract": [.float, .float], "multiply": [.float, .float],
            "divide": [.float, .float], "modulo": [.float, .float], "between": [.string, .string, .string, .bool],
            "cidrmatch": [.string, .string], "endswith": [.string, .string], "startswith": [.string, .string],
            "stringcontains": [.string, .string], "indexof": [.string, .string, .int], "match": [.string, .string],
            "matchlite": [.string, .string], "wildcard": [.string, .string], "number": [.string, .int],
            "substring": [.string, .int, .int], "arraycontains": [.array, .any], "lower": [.string], "upper": [.string],
            "trim": [.string], "replace": [.string, .string, .string], "split": [.string, .string], "join": [.array, .string],
            "regex": [.string, .string], "capture": [.string, .string, .int], "round": [.float, .int], "abs": [.float],
            "floor": [.float], "ceil": [.float], "first": [.array], "last": [.array],
            "days_between": [.date, .date], "add_days": [.date, .int], "add_months": [.date, .int], "add_years": [.date, .int],
        ]
        if let signature = signatures[lower] {
            for (i, arg) in args.enumerated() {
                let type = signature[min(i, signature.count - 1)]
                if !type.accepts(arg.type) {
                    report(.type, "\(function.name)() takes \(type.staticType.withArticle) as argument \(i + 1), not \(arg.type.withArticle)", exprs[i].span)
                }
            }
        }
        if ["match", "matchlite", "regex", "capture"].contains(lower) {
            for (i, arg) in args.enumerated().dropFirst() where i < 2 || lower.hasPrefix("match") {
                guard case .string(let pattern)? = arg.constant else { continue }
                do throws(Regex.SyntaxError) { _ = try Regex(pattern) } catch {
                    report(.type, "invalid regular expression: \(error.message) at offset \(error.offset)", exprs[i].span)
                }
            }
        }
    }

    private func userCall(_ function: UserFunction, _ arguments: [Expr], _ span: SourceSpan, _ nameSpan: SourceSpan, _ scope: Scope) -> BoundExpr {
        let args = arguments.map { compile($0, scope) }
        let count = function.parameters.count
        guard checkArity(function.name, count, count, args.count, "\(count) argument\(count == 1 ? "" : "s")", span) else {
            return .constant(.null)
        }
        let foreign = function.origin !== origin
        return BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
            var locals: [Value] = []
            locals.reserveCapacity(args.count)
            for arg in args { locals.append(try arg.eval(ctx, &frame)) }
            guard let body = function.body else { return .null }
            try ctx.enter(span)
            defer { ctx.leave() }
            try ctx.step(span)
            var inner = Frame(row: frame.row, locals: locals)
            guard foreign else { return try body(ctx, &inner) }
            // A function of an earlier input fails at this call: its own spans are in that input.
            do throws(RuntimeFailure) { return try body(ctx, &inner) } catch {
                // A limit or an interrupt is the run's, not the function's: no note for those.
                let aboutTheRun: Set<Diagnostic.Kind> = [.timeout, .cancelled, .stepLimit, .rowLimit]
                let note = aboutTheRun.contains(error.diagnostic.kind) ? "" : " (in \(function.name)(), defined in an earlier input)"
                let message = error.diagnostic.message.hasSuffix("defined in an earlier input)") ? error.diagnostic.message : error.diagnostic.message + note
                throw RuntimeFailure(error.diagnostic.kind, message, at: span, hint: error.diagnostic.hint)
            }
        }, type: .any)
    }

    // MARK: Special forms

    private func specialForm(_ name: String, _ arguments: [Expr], _ span: SourceSpan, _ nameSpan: SourceSpan, _ scope: Scope) -> BoundExpr {
        switch name {
        case "if":
            guard checkArity("if", 3, 3, arguments.count, "3 arguments (condition, then, else)", span) else { return .constant(.null) }
            let parts = arguments.map { compile($0, scope) }
            checkBoolean(parts[0], arguments[0].span, "if()")
            return Self.reading(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                try parts[0].eval(ctx, &frame).isTrue ? try parts[1].eval(ctx, &frame) : try parts[2].eval(ctx, &frame)
            }, type: parts[1].type == parts[2].type ? parts[1].type : .any, form: .call("if", parts)), parts)
        case "coalesce":
            guard checkArity("coalesce", 1, nil, arguments.count, "at least 1 argument", span) else { return .constant(.null) }
            let parts = arguments.map { compile($0, scope) }
            return Self.reading(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                for part in parts {
                    let value = try part.eval(ctx, &frame)
                    if !value.isNull { return value }
                }
                return .null
            }, type: parts.first?.type ?? .any, form: .call("coalesce", parts)), parts)
        case "safe":
            guard checkArity("safe", 1, 1, arguments.count, "1 argument", span) else { return .constant(.null) }
            let inner = compile(arguments[0], scope)
            return BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                do throws(RuntimeFailure) { return try inner.eval(ctx, &frame) } catch {
                    if error.diagnostic.kind == .runtime { return .null }
                    throw error
                }
            }, type: inner.type)
        default:  // arraysearch, arraycount
            let display = name == "arraysearch" ? "arraySearch" : "arrayCount"
            guard checkArity(display, 3, 3, arguments.count, "3 arguments (array, variable, condition)", span) else {
                return .constant(.null)
            }
            guard case .name(let variable, _) = arguments[1] else {
                report(.type, "\(display)() takes a variable name as its second argument", arguments[1].span)
                return .constant(.null)
            }
            let array = compile(arguments[0], scope)
            var inner = scope
            // A slot of its own, past every slot in use: a shadowed name keeps its slot.
            let slot = (scope.locals.values.max() ?? -1) + 1
            inner.locals[variable] = slot
            inner.elements.insert(variable)
            let condition = compile(arguments[2], inner)
            let counting = name == "arraycount"
            return Self.reading(BoundExpr(eval: { ctx, frame throws(RuntimeFailure) in
                guard case .array(let items) = try array.eval(ctx, &frame) else { return .null }
                var count = 0
                for item in items {
                    var locals = frame.locals
                    while locals.count <= slot { locals.append(.null) }
                    locals[slot] = item
                    var itemFrame = Frame(row: frame.row, locals: locals)
                    if try condition.eval(ctx, &itemFrame).isTrue {
                        if !counting { return .bool(true) }
                        count += 1
                    }
                }
                return counting ? .int(count) : .bool(false)
            }, type: counting ? .int : .bool, form: .quantifier(counting: counting, array: array, item: variable, condition: condition)), [array, condition])
        }
    }
}

