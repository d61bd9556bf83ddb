import Foundation

/// Everything one run of a program can reach. A run gets its own context, so one compiled
/// program can run from many tasks at once.
final class RunContext {
    let catalog: Catalog
    let operations: ValueOperations
    let parameters: [String: Value]
    let limits: Limits
    /// The values of `let` bindings, by slot.
    var globals: [Value]
    /// Lineage answers, computed once per run for each clause and each set of values its inner
    /// query reads (see Binder+Lineage). Emptied when a binding is made, since an inner query
    /// may read the binding.
    var lineage: [LineageCacheKey: [Bool]] = [:]
    /// Host collections a reference led into, each scanned whole once per run and looked up by
    /// its key (a database's table that a foreign key names, when the query runs in memory).
    private var hostTables: [String: Table] = [:]
    /// For back-references into such a collection: its rows by the value of one field, built
    /// once per run (`backReferences`).
    private var hostRowsByField: [String: [Value: [Int]]] = [:]
    private var steps = 0
    private var depth = 0
    /// The call that began the current nesting: where a runaway recursion is reported, since
    /// that is the statement the user wrote, not the line inside the function.
    private var outermostCall = SourceSpan(0, 0)
    private let deadline: ContinuousClock.Instant?

    /// The time left before the run's time limit; nil without one.
    var remaining: Duration? {
        deadline.map { max(.zero, $0 - ContinuousClock.now) }
    }
    /// Polled by long loops; set by the host (Ctrl-C) or by task cancellation.
    let interrupt: @Sendable () -> Bool

    init(catalog: Catalog, operations: ValueOperations, parameters: [String: Value], limits: Limits,
         globals: [Value], interrupt: @escaping @Sendable () -> Bool) {
        self.catalog = catalog
        self.operations = operations
        self.parameters = parameters
        self.limits = limits
        self.globals = globals
        self.interrupt = interrupt
        deadline = limits.timeout.map { ContinuousClock.now + $0 }
    }

    /// Counts one unit of work; every 1,024 units it checks the deadline and cancellation.
    @inline(__always)
    func step(_ span: SourceSpan, _ count: Int = 1) throws(RuntimeFailure) {
        steps &+= count
        if steps & 1023 < count || count >= 1024 {
            try checkBudget(span)
        }
    }

    func checkBudget(_ span: SourceSpan) throws(RuntimeFailure) {
        if let maxSteps = limits.maxSteps, steps > maxSteps {
            throw RuntimeFailure(.stepLimit, "the run took more than \(maxSteps) steps", at: span,
                                 hint: "raise Limits.maxSteps, or narrow the query")
        }
        if let deadline, ContinuousClock.now > deadline {
            throw RuntimeFailure(.timeout, "the run took longer than its time limit", at: span)
        }
        if interrupt() || Task.isCancelled {
            throw RuntimeFailure(.cancelled, "interrupted", at: span)
        }
    }

    /// Enters a function call or nested query, failing cleanly past the depth limit.
    func enter(_ span: SourceSpan) throws(RuntimeFailure) {
        depth += 1
        if depth == 1 { outermostCall = span }
        if depth > limits.maxDepth {
            throw RuntimeFailure(.depthLimit, "calls nest more than \(limits.maxDepth) deep", at: outermostCall,
                                 hint: "a function that calls itself needs a case that stops")
        }
    }

    /// Checks a value a call built against the size limit.
    @inline(__always)
    func checkSize(_ value: Value, _ span: SourceSpan) throws(RuntimeFailure) {
        guard let maxSize = limits.maxSize else { return }
        switch value {
        case .string(let s) where s.utf8.count > maxSize:
            throw RuntimeFailure(.sizeLimit, "a string of \(s.utf8.count) bytes is more than the size limit of \(maxSize)", at: span,
                                 hint: "raise the limit (--max-size, Limits.maxSize) if this is meant")
        case .array(let items) where items.count > maxSize / 8 || value.builtSize > maxSize:
            throw RuntimeFailure(.sizeLimit, "an array of \(items.count) items is more than the size limit of \(maxSize) bytes", at: span,
                                 hint: "raise the limit (--max-size, Limits.maxSize) if this is meant")
        default:
            return
        }
    }

    func leave() { depth -= 1 }

    /// Checks a result's size against the row limit.
    func checkRows(_ count: Int, _ span: SourceSpan) throws(RuntimeFailure) {
        if let maxRows = limits.maxRows, count > maxRows {
            throw RuntimeFailure(.rowLimit, "a result of \(count) rows is more than the limit of \(maxRows)", at: span)
        }
    }
}

/// What a lineage clause's answers depend on: the clause, and the arguments of the function
/// whose body it sits in (none at the top of a script, so those are computed once per run).
struct LineageCacheKey: Hashable {
    let clause: ObjectIdentifier
    let locals: [Value]
}

/// What an expression evaluates against: the current row, and the arguments of the function
/// being called.
struct Frame {
    var row: Value = .null
    var locals: [Value] = []
}

/// A run that stopped, with the place in the source.
struct RuntimeFailure: Error {
    var diagnostic: Diagnostic

    init(_ kind: Diagnostic.Kind, _ message: String, at span: SourceSpan, hint: String? = nil) {
        diagnostic = Diagnostic(kind, message, at: span, hint: hint)
    }
}

/// A compiled expression.
typealias Evaluator = @Sendable (RunContext, inout Frame) throws(RuntimeFailure) -> Value

extension RunContext {
    /// The row a reference's key names in `target`, a collection of either kind; the key itself
    /// when no row has it (navigation from it then reads null). A host's collection is scanned
    /// whole the first time a run needs it; its error stops the run at `span`.
    func resolve(_ key: Value, in target: String, at span: SourceSpan) throws(RuntimeFailure) -> Value {
        guard catalog[target] == nil, let host = catalog.hosts[target], host.key != nil else {
            return catalog.resolve(key, in: target)
        }
        let table = try scanned(host, at: span)
        guard let row = table.row(forKey: key) else { return key }
        return .row(RowRef(table: table, index: row))
    }

    /// The rows of `source`, a collection of either kind, whose field `via` holds `key`: a
    /// back-reference (`places.events`). A host's collection is scanned whole once per run.
    func backReferences(_ key: Value, source: String, via: String, at span: SourceSpan) throws(RuntimeFailure) -> Value {
        guard catalog[source] == nil, let host = catalog.hosts[source] else {
            return catalog.backReferences(key, source: source, via: via)
        }
        let table = try scanned(host, at: span)
        let name = source + "\u{0}" + via
        if hostRowsByField[name] == nil {
            var index: [Value: [Int]] = [:]
            if let column = table.schema.index(of: via) {
                for (row, value) in table.columns[column].enumerated() where !value.isNull { index[value, default: []].append(row) }
            }
            hostRowsByField[name] = index
        }
        return .array((hostRowsByField[name]?[key] ?? []).map { .row(RowRef(table: table, index: $0)) })
    }

    /// A host's collection read whole, once per run.
    private func scanned(_ host: any QuarryCollection, at span: SourceSpan) throws(RuntimeFailure) -> Table {
        if let table = hostTables[host.name] { return table }
        let table = try Scan.read(host, ScanRequest(caseSensitive: operations.caseSensitive), self, span)
        hostTables[host.name] = table
        return table
    }
}
