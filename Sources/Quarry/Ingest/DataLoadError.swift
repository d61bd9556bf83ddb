/// Why a file of data could not be loaded: the file, the line (and the column, by name, where
/// one is to blame) and the reason. A load fails whole: nothing of the file is kept.
public struct DataLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The line, counted from 1, or nil when the problem is the file as a whole.
    public var line: Int?
    /// The column's name, where one column is to blame.
    public var column: String?
    /// What is wrong, in a sentence.
    public var reason: String

    public init(file: String, line: Int? = nil, column: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line: column 'name': reason`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(column.map { "column '\($0)': " } ?? "")\(reason)"
    }
}

/// Something a load did that the user should know, though it did not fail: a whole number too
/// big for 64 bits read as the nearest float, say.
public struct DataLoadWarning: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The column by its 1-based position in the record (CSV) or its name (JSON).
    public var column: String
    public var reason: String

    /// `file:line:column: reason`.
    public var description: String { "\(file):\(line):\(column): \(reason)" }
}
