/// The type of a value, as a host declares it for a parameter or a function.
public enum ValueType: String, Sendable, Hashable {
    case any, bool, int, float, string, date, array, record

    var staticType: StaticType {
        switch self {
        case .any: return .any
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        case .string: return .string
        case .date: return .date
        case .array: return .array(.any)
        case .record: return .record
        }
    }

    /// Whether a value of static type `type` can be passed where this type is declared.
    func accepts(_ type: StaticType) -> Bool {
        switch (self, type) {
        case (.any, _), (_, .any), (_, .null), (_, .row): return true  // a row stands for its key
        case (.float, .int): return true
        case (.array, .array): return true
        default: return staticType == type
        }
    }
}

/// A function scripts can call: the built-in library and the host's own.
public struct QuarryFunction: Sendable {
    /// The name scripts call it by (matched without regard to case).
    public let name: String
    /// The fewest arguments a call may pass.
    public let minArguments: Int
    /// Nil for any number beyond the minimum.
    public let maxArguments: Int?
    /// One line for `.help` and completion: `lower(s)  the string in lower case`.
    public let summary: String
    /// A pure function always gives the same result for the same arguments, so a call with
    /// constant arguments is folded when the program is compiled.
    public let isPure: Bool
    /// Declared argument types, when the host gave them: literals of another type are compile errors.
    public let parameterTypes: [ValueType]?
    let returns: @Sendable ([StaticType]) -> StaticType
    let body: @Sendable (_ arguments: [Value], _ operations: ValueOperations) throws(FunctionError) -> Value

    /// Creates a host function. `body` receives the evaluated arguments. Any error it throws
    /// stops the run at the call, as a runtime error naming the function: a `FunctionError`'s
    /// message as it is, any other error as it describes itself.
    ///
    /// ```swift
    /// let lookup = QuarryFunction("population", arguments: 1...1) { args in
    ///     guard case .string(let city) = args[0] else { return .null }
    ///     return .int(try census.population(of: city))   // census may throw any error
    /// }
    /// ```
    public init(_ name: String, arguments: ClosedRange<Int>, summary: String = "", pure: Bool = true,
                _ body: @escaping @Sendable ([Value]) throws -> Value) {
        self.init(name, min: arguments.lowerBound, max: arguments.upperBound, summary: summary, pure: pure,
                  returns: { _ in .any }, Self.hosted(body))
    }

    /// Creates a host function with a typed signature. Calls with the wrong number of arguments,
    /// or with literals of the wrong type, are compile errors; the result has the declared type.
    ///
    /// ```swift
    /// let severity = QuarryFunction("severity", parameters: [.string, .int], returns: .int) { args in
    ///     guard case .string(let type) = args[0], case .int(let deaths) = args[1] else { return .null }
    ///     return .int((type == "assault" ? 2 : 1) + deaths)
    /// }
    /// ```
    public init(_ name: String, parameters: [ValueType], returns: ValueType, summary: String = "", pure: Bool = true,
                _ body: @escaping @Sendable ([Value]) throws -> Value) {
        let result = returns.staticType
        self.init(name, min: parameters.count, max: parameters.count, summary: summary, pure: pure,
                  parameterTypes: parameters, returns: { _ in result }, Self.hosted(body))
    }

    /// A host's body, whatever it throws, as the interpreter calls functions.
    private static func hosted(_ body: @escaping @Sendable ([Value]) throws -> Value)
        -> @Sendable ([Value], ValueOperations) throws(FunctionError) -> Value {
        { (args: [Value], _: ValueOperations) throws(FunctionError) -> Value in
            do { return try body(args) } catch let error as FunctionError { throw error } catch {
                throw FunctionError(String(describing: error))
            }
        }
    }

    init(_ name: String, min: Int, max: Int?, summary: String, pure: Bool = true, parameterTypes: [ValueType]? = nil,
         returns: @escaping @Sendable ([StaticType]) -> StaticType,
         _ body: @escaping @Sendable ([Value], ValueOperations) throws(FunctionError) -> Value) {
        self.name = name
        minArguments = min
        maxArguments = max
        self.summary = summary
        isPure = pure
        self.parameterTypes = parameterTypes
        self.returns = returns
        self.body = body
    }

    var arityText: String {
        switch maxArguments {
        case minArguments: return "\(minArguments) argument\(minArguments == 1 ? "" : "s")"
        case nil: return "at least \(minArguments) argument\(minArguments == 1 ? "" : "s")"
        case let max?: return "\(minArguments) to \(max) arguments"
        }
    }
}

/// An error a function reports; the run stops with it at the call.
public struct FunctionError: Error, Sendable {
    /// What went wrong, as the error message prints it.
    public let message: String
    /// An error with a message.
    public init(_ message: String) { self.message = message }
}

/// Functions by name; names match without regard to case (EQL's `startsWith` is `startswith`).
public struct FunctionRegistry: Sendable {
    private var functions: [String: QuarryFunction] = [:]

    /// A registry of the given functions.
    public init(_ functions: [QuarryFunction] = []) {
        for function in functions { register(function) }
    }

    /// Adds or replaces a function.
    public mutating func register(_ function: QuarryFunction) {
        functions[function.name.lowercased()] = function
    }

    /// The function of that name, matched without regard to case.
    public subscript(name: String) -> QuarryFunction? { functions[name.lowercased()] }

    /// Every name, in the spelling it was registered with.
    public var names: [String] { functions.values.map(\.name).sorted() }

    /// The built-in library: EQL's 23 functions and Quarry's own.
    public static let standard = FunctionRegistry(Builtins.eql + Builtins.strings + Builtins.dates + Builtins.general)
}

/// The names that are special forms: their arguments are not all evaluated first.
enum SpecialForms {
    static let names: Set<String> = ["if", "safe", "arraysearch", "arraycount", "coalesce"]
    /// Aggregates, allowed in `summarize` only.
    static let aggregates: Set<String> = ["count", "sum", "min", "max", "avg", "distinct", "values", "first", "last"]
}
