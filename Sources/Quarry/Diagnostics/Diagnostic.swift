/// A place in a source: byte offsets into its UTF-8, end exclusive.
public struct SourceSpan: Sendable, Hashable {
    /// The first byte of the span.
    public var start: Int
    /// The byte after the span.
    public var end: Int

    /// A span from `start` up to `end`.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span that covers both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(min(start, other.start), max(end, other.end))
    }
}

/// A problem found in a script, with where it is and what might fix it.
public struct Diagnostic: Error, Sendable, Hashable {
    /// What kind of problem: callers match on this, not on the message.
    public enum Kind: String, Sendable, Hashable {
        case syntax, unknownName, unknownField, unknownFunction, arity, type, runtime, parameter
        /// The run took more steps than `Limits.maxSteps`.
        case stepLimit
        /// A result had more rows than `Limits.maxRows`.
        case rowLimit
        /// Source or calls nested deeper than `Limits.maxDepth`.
        case depthLimit
        /// The source was larger than `Limits.maxSourceSize`.
        case sourceLimit
        /// The run took longer than `Limits.timeout`.
        case timeout
        /// A string or array grew past `Limits.maxSize`.
        case sizeLimit
        /// The host interrupted the run, or its task was cancelled.
        case cancelled
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// What is wrong, in one sentence.
    public var message: String
    /// Where in the source.
    public var span: SourceSpan
    /// What might fix it, when something likely does.
    public var hint: String?

    /// A problem of some kind at a span, with an optional hint.
    public init(_ kind: Kind, _ message: String, at span: SourceSpan, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.hint = hint
    }
}

/// A source text with a name, able to turn byte offsets into lines and columns.
public struct Source: Sendable, Hashable {
    /// The name errors print for the source: a file path, `<input>`, `<query>`.
    public let name: String
    /// The source text.
    public let text: String
    private let lineStarts: [Int]

    /// A source with a name for messages.
    public init(_ text: String, name: String = "<input>") {
        self.name = name
        self.text = text
        var starts = [0]
        for (i, byte) in text.utf8.enumerated() where byte == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The 1-based line and column (in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        let bytes = Array(text.utf8)
        let prefix = bytes[lineStart..<min(max(offset, lineStart), bytes.count)]
        return (low + 1, String(decoding: prefix, as: UTF8.self).count + 1)
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ number: Int) -> String {
        let bytes = Array(text.utf8)
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The diagnostic in the one template every error uses:
    ///
    ///     <input>:1:14: error: unknown field 'actr' in events
    ///       1 | events where actr = "Azerbaijan"
    ///         |              ^~~~
    ///     hint: did you mean 'actor'?
    public func render(_ diagnostic: Diagnostic) -> String {
        let (line, column) = location(of: diagnostic.span.start)
        let (endLine, endColumn) = location(of: diagnostic.span.end)
        let text = self.line(line)
        let width = endLine == line ? max(1, endColumn - column) : max(1, text.count - column + 1)
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        let (shown, caretColumn, caretWidth) = Self.window(text, column: column, width: width)
        var out = "\(name):\(line):\(column): error: \(diagnostic.message)\n"
        out += " \(number) | \(shown)\n"
        out += " \(gutter) | \(String(repeating: " ", count: caretColumn - 1))^\(String(repeating: "~", count: caretWidth - 1))"
        if let hint = diagnostic.hint { out += "\nhint: \(hint)" }
        return out
    }
}

extension Source {
    /// Characters of a line an error shows: a longer line shows a window around the column.
    static let shownWidth = 100

    /// The part of a long line around `column`, marked with … where it is cut, and the caret's
    /// column and width within it.
    static func window(_ text: String, column: Int, width: Int) -> (text: String, column: Int, width: Int) {
        guard text.count > shownWidth else { return (text, column, width) }
        let characters = Array(text)
        let from = max(0, min(column - 1 - shownWidth * 2 / 5, characters.count - shownWidth))
        let to = min(characters.count, from + shownWidth)
        let shown = (from > 0 ? "…" : "") + String(characters[from..<to]) + (to < characters.count ? "…" : "")
        let caret = column - from + (from > 0 ? 1 : 0)
        return (shown, caret, max(1, min(width, to - (column - 1))))
    }
}

/// Why a script did not compile, or stopped while running: the one error type every entry point
/// throws (`Engine.compile`, `Engine.run`, `Program.run`, `Session.run`), so one `catch` reads
/// `kind` and `diagnostics` whichever stage failed.
///
/// ```swift
/// do {
///     let result = try engine.run("events | count")
/// } catch {
///     for problem in error.diagnostics { print(problem.message) }   // error is a QuarryError
/// }
/// ```
public struct QuarryError: Error, Sendable, CustomStringConvertible {
    /// When the problem was found.
    public enum Stage: Sendable, Hashable {
        /// Checking the script: nothing ran.
        case compile
        /// Running it: the statements before this one ran, and their results stand.
        case run
    }

    /// The source the problem is in.
    public let source: Source
    /// Every problem found, in source order: all of a compile's, or the one that stopped a run.
    public let diagnostics: [Diagnostic]
    /// When the problem was found.
    public let stage: Stage

    /// A compile's problems, every one.
    public init(source: Source, diagnostics: [Diagnostic]) {
        self.source = source
        self.diagnostics = diagnostics
        stage = .compile
    }

    /// The problem that stopped a run.
    public init(source: Source, diagnostic: Diagnostic) {
        self.source = source
        diagnostics = [diagnostic]
        stage = .run
    }

    /// The first problem (the only one for a run).
    public var diagnostic: Diagnostic { diagnostics[0] }
    /// What kind of problem the first one is: `.cancelled`, `.timeout`, `.unknownField`…
    public var kind: Diagnostic.Kind { diagnostic.kind }

    /// The rendered text: each problem with its line and caret.
    public var description: String {
        diagnostics.map { source.render($0) }.joined(separator: "\n")
    }
}

/// The name `QuarryError` had for problems found by a compile; kept so that code written for it
/// still builds.
public typealias CompileError = QuarryError

/// The name `QuarryError` had for problems that stopped a run; kept so that code written for it
/// still builds.
public typealias RuntimeError = QuarryError
