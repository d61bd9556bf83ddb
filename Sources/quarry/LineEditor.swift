import CReadline
import Foundation

/// The completer readline's C callback asks; set while the REPL runs (readline is one thread).
nonisolated(unsafe) private var activeCompleter: Completer?

/// Called by readline (through C) with the line and the byte range of the word to complete.
private let completionCallback: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { line, start, end in
    guard let line, let completer = activeCompleter else { return nil }
    let bytes = Array(String(cString: line).utf8)
    let s = min(Int(start), bytes.count), e = min(max(Int(end), s), bytes.count)
    let matches = completer.candidates(before: String(decoding: bytes[..<s], as: UTF8.self),
                                       word: String(decoding: bytes[s..<e], as: UTF8.self))
    guard !matches.isEmpty else { return nil }
    let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: matches.count + 1)
    for (i, match) in matches.enumerated() { array[i] = strdup(match) }
    array[matches.count] = nil
    return array
}

/// GNU readline with a history file kept by entry: a statement over several lines stays one
/// entry (its line breaks are stored as U+2028 in the file).
final class LineEditor {
    let historyPath: String
    private let maxHistory = 2_000

    init(historyPath: String, completer: Completer) {
        self.historyPath = historyPath
        activeCompleter = completer
        qr_install("quarry", completionCallback)
        loadHistory()
    }

    func update(completer: Completer) { activeCompleter = completer }

    /// A line, nil at end of input (Ctrl-D on an empty line), or "" after Ctrl-C (flagged).
    func readLine(prompt: String) -> String? {
        guard let raw = qr_readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Whether the next line has already arrived: lines of a paste come faster than typing.
    var inputPending: Bool { qr_input_pending(15) != 0 }

    var interrupted: Bool { qr_interrupted() != 0 }
    func clearInterrupt() { qr_clear_interrupt() }

    /// Adds a statement to the history, in memory and in the file.
    func remember(_ statement: String) {
        let text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        add_history(text)
        let encoded = text.replacingOccurrences(of: "\n", with: "\u{2028}") + "\n"
        if let handle = FileHandle(forWritingAtPath: historyPath) {
            handle.seekToEndOfFile()
            handle.write(Data(encoded.utf8))
            try? handle.close()
        } else {
            FileManager.default.createFile(atPath: historyPath, contents: Data(encoded.utf8))
        }
    }

    private func loadHistory() {
        guard let text = try? String(contentsOfFile: historyPath, encoding: .utf8) else { return }
        var entries = text.split(separator: "\n").map { $0.replacingOccurrences(of: "\u{2028}", with: "\n") }
        if entries.count > maxHistory {
            entries = Array(entries.suffix(maxHistory))
            let kept = entries.map { $0.replacingOccurrences(of: "\n", with: "\u{2028}") }.joined(separator: "\n") + "\n"
            try? kept.write(toFile: historyPath, atomically: true, encoding: .utf8)
        }
        for entry in entries { add_history(entry) }
    }
}

/// Ctrl-C for scripts and queries run without readline: the same flag, no line editing.
enum Interrupts {
    static func install() { qr_install_sigint() }
    static var pending: Bool { qr_interrupted() != 0 }
    static func clear() { qr_clear_interrupt() }
}
