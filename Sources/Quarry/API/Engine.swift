/// The immutable configuration a program compiles against: the collections it can query, the
/// functions it can call, the limits it runs under, and whether strings compare with case.
///
/// ```swift
/// let engine = Engine(collections: [events], limits: Limits(timeout: .seconds(2)))
/// let program = try engine.compile("events where actor = $who | count")
/// let result = try program.run(parameters: ["who": "Azerbaijan"])
/// ```
///
/// An engine holds no mutable state: compile once, run many times, from many tasks at once. A
/// script reaches only what the engine gives it: there is no file or network access unless a host
/// function provides it.
public struct Engine: Sendable {
    /// The collections scripts can query.
    public internal(set) var catalog: Catalog
    /// The functions scripts can call.
    public private(set) var functions: FunctionRegistry
    /// The limits every run of a program compiled here runs under.
    public var limits: Limits
    /// EQL's case-sensitive mode: string comparison, `in`, wildcards and functions respect case.
    public var caseSensitive: Bool
    /// The parameters programs may use, with their types; nil lets any `$name` through to run time.
    public var parameterTypes: [String: ValueType]?

    /// An engine over some collections, with the standard functions unless others are given.
    /// An EQL event stream: its type values act as collections (`process where …`) and `any`
    /// is the whole stream. Nil for none.
    public var eventStream: EventStream?
    /// Whether queries may use the column kernels; tests turn them off to check that the
    /// interpreter's row-by-row answers are the same.
    var usesColumnKernels = true
    /// A backend that runs whole queries where the data lives; nil: all in memory.
    package var planExecutor: (any PlanExecutor)?

    public init(collections: [Table] = [], functions: FunctionRegistry = .standard, limits: Limits = .standard,
                caseSensitive: Bool = false, parameterTypes: [String: ValueType]? = nil) {
        catalog = Catalog(collections)
        self.functions = functions
        self.limits = limits
        self.caseSensitive = caseSensitive
        self.parameterTypes = parameterTypes
    }

    /// A copy of the engine with one more collection (or a replaced one of the same name).
    public func adding(_ table: Table) -> Engine {
        var copy = self
        copy.catalog.add(table)
        return copy
    }

    /// A copy of the engine with a collection the host scans when a query runs.
    public func adding(_ collection: any QuarryCollection) -> Engine {
        var copy = self
        copy.catalog.add(collection)
        return copy
    }

    /// A copy of the engine with one more function (or a replaced one of the same name).
    public func adding(_ function: QuarryFunction) -> Engine {
        var copy = self
        copy.functions.register(function)
        return copy
    }

    /// Parses and checks a whole script. Every problem is reported at once, as `CompileError`;
    /// a script with any problem can never run.
    public func compile(_ text: String, name: String = "<input>") throws(CompileError) -> Program {
        try compile(text, name: name, predefined: [])
    }

    /// Compiles against what earlier inputs of a session defined: its bindings' names and types
    /// (declared first, in order, so that their slots stay the same) and its functions.
    func compile(_ text: String, name: String, predefined: [(name: String, type: StaticType)],
                 functions userFunctions: [String: Binder.UserFunction] = [:]) throws(CompileError) -> Program {
        let source = Source(text, name: name)
        if text.utf8.count > limits.maxSourceSize {
            throw CompileError(source: source, diagnostics: [Diagnostic(
                .sourceLimit, "the source is \(text.utf8.count) bytes, more than the limit of \(limits.maxSourceSize)",
                at: SourceSpan(0, 0))])
        }
        var lexer = Lexer(text)
        let tokens = lexer.tokenize()
        var parser = Parser(tokens: tokens, maxDepth: limits.maxDepth)
        let statements = parser.parseScript()
        var diagnostics = lexer.diagnostics + parser.diagnostics
        let binder = Binder(
            catalog: catalog, functions: functions, operations: ValueOperations(caseSensitive: caseSensitive),
            predefined: predefined, parameterTypes: parameterTypes?.mapValues(\.staticType),
            predefinedFunctions: userFunctions, eventStream: eventStream,
            usesColumnKernels: usesColumnKernels, source: text, executor: planExecutor)
        // A statement that did not parse is not checked: its errors would only echo the first.
        let compiled = binder.compile(statements)
        diagnostics += binder.diagnostics
        guard diagnostics.isEmpty else {
            throw CompileError(source: source, diagnostics: diagnostics.sorted { $0.span.start < $1.span.start })
        }
        let bindingTypes = binder.globals.mapValues(\.type)
        return Program(source: source, statements: compiled, globalNames: binder.globalNames,
                       bindingTypes: binder.globalNames.map { bindingTypes[$0] ?? .any },
                       userFunctions: binder.userFunctions,
                       catalog: catalog, operations: ValueOperations(caseSensitive: caseSensitive), limits: limits,
                       parameterUses: binder.parameterUses, plans: binder.plans)
    }

    /// Compiles and runs a script in one step, off the caller's actor; cancelling the awaiting
    /// task stops the run.
    public func run(_ text: String, parameters: [String: Value] = [:]) async throws(QuarryError) -> ProgramResult {
        try await compile(text).run(parameters: parameters)
    }

    /// Compiles and runs a script in one step.
    public func run(_ text: String, parameters: [String: Value] = [:]) throws(QuarryError) -> ProgramResult {
        try compile(text).run(parameters: parameters)
    }
}
