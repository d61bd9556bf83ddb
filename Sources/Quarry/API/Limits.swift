/// Bounds on what one compile or run may use. Each ends a run with its own error, and none leaves
/// the engine unusable.
public struct Limits: Sendable, Hashable {
    /// Units of work (rows scanned, expressions evaluated in loops); nil for no limit.
    public var maxSteps: Int?
    /// Rows in any one result; nil for no limit.
    public var maxRows: Int?
    /// Nesting of expressions in the source, and of calls at run time.
    public var maxDepth: Int
    /// Bytes of source text.
    public var maxSourceSize: Int
    /// Wall-clock time for one run; nil for no limit.
    public var timeout: Duration?

    /// Limits; those left out have no bound (depth and source size keep their defaults).
    public init(maxSteps: Int? = nil, maxRows: Int? = nil, maxDepth: Int = 200, maxSourceSize: Int = 4_000_000,
                timeout: Duration? = nil) {
        self.maxSteps = maxSteps
        self.maxRows = maxRows
        self.maxDepth = maxDepth
        self.maxSourceSize = maxSourceSize
        self.timeout = timeout
    }

    /// No step, row or time limit; depth and source size keep their defaults.
    public static let standard = Limits()
}
