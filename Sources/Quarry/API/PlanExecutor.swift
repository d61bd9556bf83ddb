/// A backend that runs whole query plans where the data lives (a database). The engine offers
/// it each query when the query runs; a query it does not take runs in memory, over the
/// collections' scans.
package protocol PlanExecutor: Sendable {
    /// The query's rows, computed by the backend, or nil when it does not take this plan. An
    /// error stops the run, at the query.
    func run(_ plan: LogicalPlan, values: RunValues) throws -> Table?
    /// How `explain` names the backend: `PostgreSQL`.
    var name: String { get }
    /// Where the plan would run, as `explain` says it (`all on PostgreSQL`, or why it runs in
    /// memory); nil when the backend would not look at it. Values known only when the query
    /// runs (parameters, `let` bindings) are not at hand: the answer assumes they render.
    func placement(of plan: LogicalPlan, caseSensitive: Bool) -> String?
}


/// What a backend may read of a run: the values of expressions that read no row (literals,
/// parameters, `let` bindings, function arguments).
package struct RunValues {
    let context: RunContext
    let frame: Frame

    /// The run's time limit, if it has one.
    package var timeout: Duration? { context.limits.timeout }

    /// Whether strings compare with regard to case in this run.
    package var caseSensitive: Bool { context.operations.caseSensitive }

    /// The value of an expression that reads no row.
    package func value(of expression: BoundExpr) throws -> Value {
        var frame = self.frame
        frame.row = .null
        do throws(RuntimeFailure) {
            return try expression.eval(context, &frame)
        } catch {
            throw PlanExecutorError(message: error.diagnostic.message)
        }
    }
}

/// A failure to read a value for a backend.
package struct PlanExecutorError: Error, CustomStringConvertible {
    package var message: String
    package init(message: String) { self.message = message }
    package var description: String { message }
}
