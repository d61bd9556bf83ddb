import Quarry

/// A script cut at its meta command lines: the statements between them, and the commands.
enum ScriptPieces: Equatable {
    /// Statements, preceded by as many line breaks as lines before them, so that errors name
    /// the lines of the whole script.
    case statements(String)
    /// A meta command line, such as `.mode csv`.
    case meta(String)

    /// The pieces in order. A line is a meta command when it starts with `.` and a letter and no
    /// statement is left open before it (a line starting `.5` is a number; inside an unfinished
    /// statement, `.field` goes on with it).
    static func split(_ text: String) -> [ScriptPieces] {
        guard text.contains(where: { $0 == "." }) else { return [.statements(text)] }
        var pieces: [ScriptPieces] = []
        var buffer: [Substring] = []
        var bufferStart = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func flush(upTo line: Int) {
            if buffer.contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
                pieces.append(.statements(String(repeating: "\n", count: bufferStart) + buffer.joined(separator: "\n")))
            }
            buffer = []
            bufferStart = line
        }
        for (number, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("."), trimmed.dropFirst().first?.isLetter == true,
               !SourceInspection.isIncomplete(buffer.joined(separator: "\n")) {
                flush(upTo: number)
                pieces.append(.meta(String(trimmed).trimmingCharacters(in: .whitespacesAndNewlines)))
                bufferStart = number + 1
                continue
            }
            buffer.append(line)
        }
        flush(upTo: lines.count)
        return pieces
    }
}
