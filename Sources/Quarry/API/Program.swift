/// A checked script, ready to run. Stateless and `Sendable`: run it as often as you like, from
/// as many tasks as you like; each run has its own bindings.
public struct Program: Sendable {
    /// The source the program was compiled from.
    public let source: Source
    let statements: [Compiler.CompiledStatement]
    let globalNames: [String]
    let bindingTypes: [StaticType]
    /// The functions the script defined (with those it was given), for the inputs after it.
    let userFunctions: [String: Compiler.UserFunction]
    let catalog: Catalog
    let operations: ValueOperations
    let limits: Limits

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
        let globals = globalNames.map { bindings[$0] ?? .null }
        let context = RunContext(catalog: catalog, operations: operations, parameters: parameters, limits: limits,
                                 globals: globals, interrupt: interrupt)
        for statement in statements {
            do throws(RuntimeFailure) {
                switch statement {
                case .bind(let slot, let eval, let span):
                    var frame = Frame()
                    context.globals[slot] = try eval(context, &frame)
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
