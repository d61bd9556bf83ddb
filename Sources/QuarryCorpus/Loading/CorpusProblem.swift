/// Something wrong with one file of a corpus folder, and where.
public struct CorpusProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path inside the corpus folder, e.g. `annotations/000_42def250d40f295c.yaml`.
    public var file: String
    /// 1-based line and column, where the problem has a place.
    public var line: Int?
    /// The 1-based column, where the problem has one.
    public var column: Int?
    /// What is wrong.
    public var reason: String

    /// A problem in a file, at a line and column where it has one.
    public init(file: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line:column: reason`, the form compilers and editors read.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let line, line > 0, let column { place += ":\(column)" }
        return "\(place): \(reason)"
    }
}

/// A corpus that could not be loaded: every problem found, so that one pass fixes them all.
public struct CorpusLoadError: Error, Sendable, CustomStringConvertible {
    /// Every problem found.
    public var problems: [CorpusProblem]

    /// One problem a line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
