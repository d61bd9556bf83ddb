/// Binds a parsed script to its environment: names resolved, types checked, constants folded;
/// each expression becomes a `BoundExpr` (its evaluator, its type, its form) and each query a
/// `LogicalPlan`, which the rewrite passes and the `PhysicalPlanner` turn into operators.
///
/// Names resolve in this order: inside a row (a `where`, a pipe) the row's fields first; then a
/// function's parameters; then `let` bindings; then collections. A name that is none of these is
/// an error with the closest candidate as a hint. Every problem is collected, so one compile
/// reports them all, and a script with any problem runs nothing.
final class Binder {
    let catalog: Catalog
    let functions: FunctionRegistry
    let operations: ValueOperations
    let parameterTypes: [String: StaticType]?
    let eventStream: EventStream?
    let usesColumnKernels: Bool
    /// The source being compiled, for `explain` to print expressions as written.
    let sourceBytes: [UInt8]
    /// Plans each query for the in-memory engine.
    let planner: PhysicalPlanner
    /// Offered each whole query when it runs, before the in-memory engine.
    let executor: (any PlanExecutor)?
    private(set) var diagnostics: [Diagnostic] = []
    /// The plan of each statement that is a query, in order, for `explain`.
    private(set) var plans: [(span: SourceSpan, plan: LogicalPlan, describe: @Sendable () -> PlanDescription)] = []

    /// `let` bindings: their slot in `RunContext.globals`, and their type.
    private(set) var globals: [String: (slot: Int, type: StaticType)] = [:]
    private(set) var globalNames: [String] = []
    /// Functions the script defines.
    var userFunctions: [String: UserFunction] = [:]
    /// Each `$parameter` the script reads: where first, and the type its use implies when a use
    /// decides one (`traveler == $who` makes `$who` a string).
    var parameterUses: [String: (span: SourceSpan, type: StaticType?)] = [:]
    /// This compile, as its functions remember it: a function from an earlier input has spans
    /// in that input's source, which errors must not show against this one.
    let origin = Origin()
    final class Origin: Sendable {}

    init(catalog: Catalog, functions: FunctionRegistry, operations: ValueOperations,
         predefined: [(name: String, type: StaticType)], parameterTypes: [String: StaticType]?,
         predefinedFunctions: [String: UserFunction] = [:],
         eventStream: EventStream? = nil, usesColumnKernels: Bool = true, source: String = "",
         executor: (any PlanExecutor)? = nil) {
        self.executor = executor
        self.catalog = catalog
        self.usesColumnKernels = usesColumnKernels
        sourceBytes = Array(source.utf8)
        planner = PhysicalPlanner(operations: operations, columnKernels: usesColumnKernels, text: ExprText(source: sourceBytes))
        self.eventStream = eventStream
        self.functions = functions
        self.operations = operations
        self.parameterTypes = parameterTypes
        for (name, type) in predefined { _ = declareGlobal(name, type) }
        userFunctions = predefinedFunctions
    }

    /// A function defined with `let name(a, b) = body`. Its body is compiled when it is defined;
    /// `body` is filled in then, so that the function can call itself.
    final class UserFunction: @unchecked Sendable {
        // @unchecked: `body` is set once, during compilation, before any run can start.
        let name: String
        let parameters: [String]
        let origin: Origin
        var body: Evaluator?

        init(name: String, parameters: [String], origin: Origin) {
            self.name = name
            self.parameters = parameters
            self.origin = origin
        }
    }

    /// What a statement does when run.
    enum CompiledStatement {
        case bind(slot: Int, Evaluator, SourceSpan)
        case define(SourceSpan)
        case output(Evaluator, SourceSpan)
    }

    /// The scope an expression is compiled in.
    struct Scope {
        /// The type of the current row, inside a `where` or a pipe.
        var row: StaticType?
        /// A user function's parameters, by name.
        var locals: [String: Int] = [:]
        /// The locals that name an array's items (`arraySearch`, `arrayCount`), not fixed values.
        var elements: Set<String> = []
        /// Inside a function body, unknown names may be fields of whatever row it is called on.
        var dynamicFields = false

        static let top = Scope(row: nil)
    }

    // MARK: Statements

    func compile(_ statements: [Statement]) -> [CompiledStatement] {
        statements.map(compile)
    }

    private func compile(_ statement: Statement) -> CompiledStatement {
        switch statement {
        case .expression(let expr):
            let compiled = compile(expr, .top)
            if case .query(let plan, let describe) = compiled.form {
                plans.append((expr.span, plan, describe))
            } else if case .name(let name, _) = expr, globals[name] == nil, catalog[name] != nil {
                // A collection named alone is a query of all its rows.
                let query = compileQuery(expr, .top)
                plans.append((expr.span, query.plan!, query.describe))
            }
            return .output(compiled.eval, expr.span)
        case .binding(let name, nil, let expr, let span, let nameSpan):
            checkShadowing(name, nameSpan)
            let compiled = compile(expr, .top)
            if case .query(let plan, let describe) = compiled.form { plans.append((span, plan, describe)) }
            let (eval, type) = (compiled.eval, compiled.type)
            let slot = declareGlobal(name, type)
            return .bind(slot: slot, eval, span)
        case .binding(let name, let parameters?, let body, let span, let nameSpan):
            checkShadowing(name, nameSpan)
            if functions[name] != nil {
                report(.type, "'\(name)' is a built-in function and cannot be redefined", nameSpan)
            }
            let function = UserFunction(name: name, parameters: parameters, origin: origin)
            userFunctions[name.lowercased()] = function
            var scope = Scope(row: .any)
            scope.dynamicFields = true
            for (i, parameter) in parameters.enumerated() { scope.locals[parameter] = i }
            let (eval, _) = compileExpression(body, in: scope)
            function.body = eval
            return .define(span)
        }
    }

    private func checkShadowing(_ name: String, _ span: SourceSpan) {
        if catalog[name] != nil {
            report(.type, "'\(name)' is a collection; a binding cannot take its name", span, hint: "choose another name")
        }
    }

    @discardableResult
    private func declareGlobal(_ name: String, _ type: StaticType) -> Int {
        if let existing = globals[name] {
            globals[name] = (existing.slot, type)
            return existing.slot
        }
        let slot = globalNames.count
        globals[name] = (slot, type)
        globalNames.append(name)
        return slot
    }

    // MARK: Diagnostics

    func report(_ kind: Diagnostic.Kind, _ message: String, _ span: SourceSpan, hint: String? = nil) {
        diagnostics.append(Diagnostic(kind, message, at: span, hint: hint))
    }

    /// "did you mean …?" among the candidates, or nil.
    func suggestion(_ name: String, _ candidates: [String]) -> String? {
        Suggest.closest(to: name, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// The collections there are, as a hint; none at all says how to get some.
    var collectionsHint: String {
        catalog.names.isEmpty ? "there are no collections: give the engine some (Engine(collections:))"
                              : "collections: \(catalog.names.joined(separator: ", "))"
    }

    /// Every name visible in a scope, for suggestions.
    func visibleNames(_ scope: Scope) -> [String] {
        var names = Array(scope.locals.keys) + globalNames + catalog.names
        if case .row(let shape)? = scope.row, let schema = shape.schema { names += schema.names }
        return names
    }
}
