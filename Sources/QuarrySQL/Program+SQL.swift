import Quarry

extension LogicalPlan {
    /// The plan as one SQL query for `dialect`, the values of its constants read by `constants`.
    package func sql(dialect: any SQLDialect, caseSensitive: Bool,
                     constants: @escaping (BoundExpr) throws -> Value) throws(SQLRefusal) -> SQLQuery {
        var renderer = SQLRenderer(dialect: dialect, constants: constants, source: "", caseSensitive: caseSensitive)
        return try renderer.render(self)
    }
}

extension Program {
    /// The program's last query rendered as one SQL query for `dialect`, with the parameters'
    /// and `let` bindings' values bound, never spliced into the text. Throws `SQLRefusal`
    /// naming the first construct that does not render.
    ///
    /// ```swift
    /// let program = try engine.compile(#"events where actor = $who and year >= 2020 | count"#)
    /// let query = try program.sql(dialect: PostgreSQLDialect(), parameters: ["who": "Azerbaijan"])
    /// ```
    public func sql(dialect: any SQLDialect, parameters: [String: Value] = [:]) throws(SQLRefusal) -> SQLQuery {
        guard let last = logicalPlans.last else {
            throw SQLRefusal("the script", "it has no query: a collection alone is a value; write `NAME where true` for all its rows")
        }
        let bindings: [Value]
        do {
            bindings = try bindingValues(parameters: parameters)
        } catch {
            throw SQLRefusal("the script's bindings", error.diagnostic.message, at: error.diagnostic.span)
        }
        let program = self
        var renderer = SQLRenderer(dialect: dialect, constants: { (e: BoundExpr) throws -> Value in
            do throws(RuntimeError) {
                return try program.valueBeforeRows(of: e, parameters: parameters, bindings: bindings)
            } catch {
                throw PlanExecutorError(message: error.diagnostic.message)
            }
        }, source: source.text, caseSensitive: isCaseSensitive)
        var refusal: SQLRefusal
        do throws(SQLRefusal) {
            return try renderer.render(last.plan)
        } catch {
            refusal = error
        }
        if refusal.span == nil { refusal.span = last.span }
        throw refusal
    }
}
