import Quarry

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
            throw SQLRefusal("the script", "it has no query")
        }
        let bindings: [Value]
        do {
            bindings = try bindingValues(parameters: parameters)
        } catch {
            throw SQLRefusal("the script's bindings", error.diagnostic.message, at: error.diagnostic.span)
        }
        var renderer = SQLRenderer(dialect: dialect, program: self, parameters: parameters, bindings: bindings)
        var refusal: SQLRefusal
        do {
            return try renderer.render(last.plan)
        } catch {
            refusal = error
        }
        if refusal.span == nil { refusal.span = last.span }
        throw refusal
    }
}
