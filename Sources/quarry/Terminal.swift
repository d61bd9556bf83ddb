import Foundation

/// What the process is attached to, and the colours it may use.
struct Terminal {
    let stdinIsTTY: Bool
    let stdoutIsTTY: Bool
    let stderrIsTTY: Bool
    let colors: Bool

    static let current: Terminal = {
        let environment = ProcessInfo.processInfo.environment
        let stdoutTTY = isatty(STDOUT_FILENO) != 0
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return Terminal(stdinIsTTY: isatty(STDIN_FILENO) != 0, stdoutIsTTY: stdoutTTY,
                        stderrIsTTY: isatty(STDERR_FILENO) != 0, colors: stdoutTTY && !noColor && !dumb)
    }()

    /// Columns of the terminal, or 100 when unknown.
    static var width: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }
}

/// ANSI styles, applied only when colours are on.
struct Style {
    let enabled: Bool

    func apply(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ s: String) -> String { apply("1", s) }
    func dim(_ s: String) -> String { apply("2", s) }
    func red(_ s: String) -> String { apply("31", s) }
    func green(_ s: String) -> String { apply("32", s) }
    func yellow(_ s: String) -> String { apply("33", s) }
    func blue(_ s: String) -> String { apply("34", s) }
    func magenta(_ s: String) -> String { apply("35", s) }
    func cyan(_ s: String) -> String { apply("36", s) }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
