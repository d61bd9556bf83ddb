/// Keeps `let` bindings and functions from one input to the next, the way a REPL needs.
///
/// ```swift
/// let session = Session(engine: engine)
/// try session.run("let az = events where actor = \"Azerbaijan\"")
/// let result = try session.run("az | count")
/// ```
///
/// A session is a class holding the bindings; use it from one task at a time.
public final class Session {
    /// The engine every input compiles against.
    public private(set) var engine: Engine
    /// The values of the bindings made so far.
    public private(set) var bindings: [String: Value] = [:]
    private var bindingTypes: [String: StaticType] = [:]
    private var order: [String] = []
    private var functions: [String: Binder.UserFunction] = [:]

    /// A session with no bindings yet.
    public init(engine: Engine) {
        self.engine = engine
    }

    /// Compiles an input against the session's bindings; nothing runs.
    public func compile(_ text: String, name: String = "<input>") throws(CompileError) -> Program {
        try engine.compile(text, name: name, predefined: order.map { ($0, bindingTypes[$0] ?? .any) }, functions: functions)
    }

    /// The plans of an input's queries, as `Program.explain()` prints them; nothing runs.
    public func explain(_ text: String) throws(CompileError) -> String {
        try compile(text).explain()
    }

    /// Compiles and runs an input, calling `emit` with each result. Functions it defines are
    /// kept once it compiles; bindings made before a runtime error are kept.
    public func run(_ text: String, name: String = "<input>", parameters: [String: Value] = [:],
                    interrupt: @escaping @Sendable () -> Bool = { false },
                    statementDone: ((SourceSpan) -> Void)? = nil, emit: (Output) -> Void) throws(QuarryError) {
        let program = try compile(text, name: name)
        functions = program.userFunctions
        let result = try program.run(parameters: parameters, bindings: bindings, interrupt: interrupt,
                                     statementDone: statementDone, emit: emit)
        for (i, name) in program.globalNames.enumerated() {
            if bindingTypes[name] == nil { order.append(name) }
            bindings[name] = result[name]
            bindingTypes[name] = program.bindingTypes[i]
        }
    }

    /// Compiles and runs an input, collecting its results.
    @discardableResult
    public func run(_ text: String, parameters: [String: Value] = [:]) throws(QuarryError) -> [Output] {
        var outputs: [Output] = []
        try run(text, parameters: parameters) { outputs.append($0) }
        return outputs
    }

    /// Adds a collection (or replaces the one of its name) for the inputs that follow; bindings
    /// made so far are kept.
    public func add(_ table: Table) {
        engine = engine.adding(table)
    }

    /// The limits the inputs that follow run under (the engine's).
    public var limits: Limits {
        get { engine.limits }
        set { engine.limits = newValue }
    }

    /// The names bound so far, in the order they were first bound.
    public var names: [String] { order }
}
