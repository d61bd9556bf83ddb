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
    /// Bytes of any one string or array a script builds (a string's UTF-8 bytes; an array's
    /// items, 8 bytes each plus their own size); nil for no limit. A million-character string is
    /// fine; one that doubles on every call stops with `sizeLimit` instead of exhausting memory.
    public var maxSize: Int?

    /// The size a built string or array may reach unless told otherwise: 64 MiB.
    public static let defaultMaxSize = 64 << 20

    /// Limits; those left out have no bound (depth, source size and value size keep their defaults).
    public init(maxSteps: Int? = nil, maxRows: Int? = nil, maxDepth: Int = 200, maxSourceSize: Int = 4_000_000,
                timeout: Duration? = nil, maxSize: Int? = Limits.defaultMaxSize) {
        self.maxSteps = maxSteps
        self.maxRows = maxRows
        self.maxDepth = maxDepth
        self.maxSourceSize = maxSourceSize
        self.timeout = timeout
        self.maxSize = maxSize
    }

    /// No step, row or time limit; depth, source size and value size keep their defaults.
    public static let standard = Limits()
}
