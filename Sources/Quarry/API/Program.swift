import Foundation
import Synchronization

/// A checked script, ready to run. Stateless and `Sendable`: run it as often as you like, from
/// as many tasks as you like; each run has its own bindings.
public struct Program: Sendable {
    /// The source the program was compiled from.
    public let source: Source
    let statements: [Binder.CompiledStatement]
    let globalNames: [String]
    let bindingTypes: [StaticType]
    /// The functions the script defined (with those it was given), for the inputs after it.
    let userFunctions: [String: Binder.UserFunction]
    let catalog: Catalog
    let operations: ValueOperations
    let limits: Limits
    /// Each parameter the script reads: where first, and the type its use implies, if any.
    let parameterUses: [String: (span: SourceSpan, type: StaticType?)]
    /// The plan of each statement that is a query, in order.
    let plans: [(span: SourceSpan, plan: LogicalPlan, describe: @Sendable () -> PlanDescription)]

    /// Each query statement's plan after the rewrites, with its place, for backends that run
    /// plans elsewhere (the SQL dialects).
    package var logicalPlans: [(span: SourceSpan, plan: LogicalPlan)] { plans.map { ($0.span, $0.plan) } }

    /// The plan of each statement that is a query, in order: the operators the query runs as,
    /// after the rewrite passes, each with what runs it (a column kernel, or rows).
    public var queryPlans: [PlanDescription] { plans.map { $0.describe() } }

    /// The program's plans as `quarry explain` prints them: one operator a line, its input
    /// below it, what runs it on the right. A script of several queries prints each under its
    /// statement; a statement that is not a query has no plan.
    ///
    /// ```
    /// count                                              rows
    /// └─ filter actor == "Azerbaijan" and year >= 2020   kernel: string codes, int range
    ///    └─ scan events (107 rows)
    /// ```
    public func explain() -> String {
        if plans.isEmpty { return "(no query: nothing to plan)" }
        if plans.count == 1 && statements.count == 1 { return plans[0].describe().description }
        let bytes = Array(source.text.utf8)
        return plans.map { span, _, describe in
            let text = String(decoding: bytes[min(span.start, bytes.count)..<min(span.end, bytes.count)], as: UTF8.self)
            let line = source.location(of: span.start).line
            return "-- line \(line): \(text.split(separator: "\n").first.map(String.init) ?? "")\n\(describe())"
        }.joined(separator: "\n\n")
    }

    /// Runs every statement in order, calling `emit` with each result as it is produced. A
    /// runtime error stops the run there; the results already emitted stand.
    ///
    /// - Parameters:
    ///   - parameters: values for the script's `$name` placeholders.
    ///   - bindings: values of `let` bindings made by earlier inputs (a session's memory).
    ///   - interrupt: polled during long work; returning true stops the run with `.cancelled`.
    ///     Task cancellation is checked too.
    ///   - emit: called with each output statement's value, in order, as soon as it is computed.
    ///   - statementDone: called after each statement that ran to its end, output or not, with
    ///     its place (a host's timer, a progress display).
    /// - Returns: the values of the `let` bindings when the run ended.
    public func run(parameters: [String: Value] = [:], bindings: [String: Value] = [:],
                    interrupt: @escaping @Sendable () -> Bool = { false },
                    statementDone: ((SourceSpan) -> Void)? = nil,
                    emit: (Output) -> Void) throws(RuntimeError) -> [String: Value] {
        try checkParameters(parameters)
        let globals = globalNames.map { bindings[$0] ?? .null }
        let context = RunContext(catalog: catalog, operations: operations, parameters: parameters, limits: limits,
                                 globals: globals, interrupt: interrupt)
        for statement in statements {
            do throws(RuntimeFailure) {
                switch statement {
                case .bind(let slot, let eval, let span):
                    var frame = Frame()
                    context.globals[slot] = try eval(context, &frame)
                    // A lineage clause in a function may read the binding: its answers are stale.
                    context.lineage.removeAll()
                    try context.checkBudget(span)
                    statementDone?(span)
                case .define(let span):
                    statementDone?(span)
                case .output(let eval, let span):
                    var frame = Frame()
                    let value = try eval(context, &frame)
                    try context.checkBudget(span)
                    if case .table(let table) = value { try context.checkRows(table.count, span) }
                    emit(Output(value: value, span: span, source: source))
                    statementDone?(span)
                }
            } catch {
                throw RuntimeError(source: source, diagnostic: error.diagnostic)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(globalNames, context.globals))
    }

    /// Every parameter the script reads has a value, of the kind its use needs: checked before
    /// anything runs, each problem named with the parameter and the place it is used.
    func checkParameters(_ given: [String: Value]) throws(RuntimeError) {
        for (name, use) in parameterUses.sorted(by: { $0.value.span.start < $1.value.span.start }) {
            guard let value = given[name] else {
                let hint = Suggest.closest(to: name, among: Array(given.keys)).map { "a value was given for '\($0)': is that meant to be '\(name)'?" }
                    ?? "give it one: run(parameters: [\"\(name)\": …])"
                throw RuntimeError(source: source, diagnostic: Diagnostic(.parameter, "no value for parameter '$\(name)'", at: use.span, hint: hint))
            }
            guard let type = use.type, !Self.value(value, fits: type) else { continue }
            let wanted = type == .float ? "a number" : type.withArticle
            throw RuntimeError(source: source, diagnostic: Diagnostic(
                .parameter, "parameter '$\(name)' is used as \(wanted), but its value is \(StaticType.of(value.keyed).withArticle): \(value.literal)",
                at: use.span))
        }
    }

    private static func value(_ value: Value, fits type: StaticType) -> Bool {
        switch (value.keyed, type) {
        case (.null, _): return true
        case (.int, .float), (.double, .float), (.string, .string), (.bool, .bool), (.date, .date): return true
        case (.string(let text), .date): return QuarryDate(text: text) != nil
        case (.date, .string): return true  // text compares with a date by reading the text as one
        default: return false
        }
    }

    /// Runs the program off the caller's actor and collects its results; cancelling the task
    /// that awaits it stops the run (with `kind == .cancelled`) at its next check, within
    /// milliseconds, however long the query.
    ///
    /// ```swift
    /// let task = Task { try await program.run() }   // from the main actor too: it is not blocked
    /// task.cancel()
    /// ```
    public func run(parameters: [String: Value] = [:]) async throws(QuarryError) -> ProgramResult {
        // The run blocks the thread it is on for as long as the query takes, so it gets a thread
        // of its own rather than one of the few the tasks of the process share; cancelling the
        // task raises a flag the run polls.
        let cancelled = CancellationFlag()
        let outcome = Handover<Result<ProgramResult, QuarryError>>()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global(qos: .userInitiated).async {
                    outcome.put(Result { () throws(QuarryError) -> ProgramResult in
                        try self.run(parameters: parameters, interrupt: { cancelled.isRaised })
                    })
                    continuation.resume()
                }
            }
        } onCancel: {
            cancelled.raise()
        }
        return try outcome.take().get()
    }

    /// Runs the program and collects its results.
    public func run(parameters: [String: Value] = [:], interrupt: @escaping @Sendable () -> Bool = { false })
        throws(RuntimeError) -> ProgramResult {
        var outputs: [Output] = []
        let bindings = try run(parameters: parameters, interrupt: interrupt) { outputs.append($0) }
        return ProgramResult(outputs: outputs, bindings: bindings)
    }
}

/// What a run produced: each output statement's value in order, and the final bindings.
public struct ProgramResult: Sendable {
    /// Each output statement's value, in order.
    public var outputs: [Output]
    /// The values of the `let` bindings when the run ended.
    public var bindings: [String: Value]

    /// The last output as a table, the common case of a one-query program.
    public var table: ResultSet? { outputs.last?.resultSet }
}

/// The value of one statement of a script.
public struct Output: Sendable {
    /// The statement's value: a table for a query.
    public let value: Value
    /// Where the statement stands in the source.
    public let span: SourceSpan
    /// The source the program was compiled from.
    public let source: Source

    /// The value as a table of rows and columns: a query's rows, or one row of one `value` column.
    public var resultSet: ResultSet {
        ResultSet(value)
    }

    /// The statement's text, as written.
    public var statementText: String {
        let bytes = Array(source.text.utf8)
        return String(decoding: bytes[min(span.start, bytes.count)..<min(span.end, bytes.count)], as: UTF8.self)
    }
}

/// A value handed from the run's thread to the awaiting task under a lock, so that everything the
/// run built is seen whole by the task (and by ThreadSanitizer, which follows locks).
final class Handover<T>: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value: T?
    func put(_ new: T) { lock.withLock { value = new } }
    func take() -> T { lock.withLock { value! } }
}

/// Set once when the task awaiting a run is cancelled; read by the run, on another thread.
final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    var isRaised: Bool { raised.load(ordering: .relaxed) }
    func raise() { raised.store(true, ordering: .relaxed) }
}

extension Program {
    /// The values of the script's `let` bindings as they stand before its last statement: every
    /// binding statement run in memory, in order; no query statement runs. For backends that
    /// bind a script's constants into a plan they run elsewhere.
    package func bindingValues(parameters: [String: Value]) throws(RuntimeError) -> [Value] {
        try checkParameters(parameters)
        let context = RunContext(catalog: catalog, operations: operations, parameters: parameters, limits: limits,
                                 globals: globalNames.map { _ in .null }, interrupt: { false })
        for case .bind(let slot, let eval, _) in statements {
            var frame = Frame()
            do throws(RuntimeFailure) {
                context.globals[slot] = try eval(context, &frame)
            } catch {
                throw RuntimeError(source: source, diagnostic: error.diagnostic)
            }
        }
        return context.globals
    }

    /// The value of an expression that reads no row (a literal, a parameter, a `let` value),
    /// given the parameters and the bindings' values.
    package func valueBeforeRows(of expression: BoundExpr, parameters: [String: Value],
                                 bindings: [Value]) throws(RuntimeError) -> Value {
        let context = RunContext(catalog: catalog, operations: operations, parameters: parameters, limits: limits,
                                 globals: bindings, interrupt: { false })
        var frame = Frame()
        do throws(RuntimeFailure) {
            return try expression.eval(context, &frame)
        } catch {
            throw RuntimeError(source: source, diagnostic: error.diagnostic)
        }
    }

    /// Whether strings compare with regard to case in this program.
    package var isCaseSensitive: Bool { operations.caseSensitive }
}
