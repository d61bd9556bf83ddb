import Foundation
import Quarry
import QuarryCorpus

/// The command line's state: the engine over the loaded collections, the session that keeps
/// bindings between inputs, and how results are shown.
final class App {
    /// The engine of the session, with the collections loaded so far.
    var engine: Engine { session.engine }
    let session: Session
    var renderer: Renderer
    var timer = false
    let parameters: [String: Value]
    let corpus: Corpus?
    let corpusName: String
    let loaded: [(name: String, path: String, rows: Int)]
    let errorStyle: Style
    /// Whether several results may follow one another without a person reading each (a script,
    /// `-e`): then JSON holds back its first result until it knows whether a second comes.
    var batch = false
    private var held: Output?
    private var resultsPrinted = 0

    init(engine: Engine, corpus: Corpus?, corpusName: String, loaded: [(name: String, path: String, rows: Int)],
         parameters: [String: Value], renderer: Renderer, errorStyle: Style) {
        session = Session(engine: engine)
        self.corpus = corpus
        self.corpusName = corpusName
        self.loaded = loaded
        self.parameters = parameters
        self.renderer = renderer
        self.errorStyle = errorStyle
    }

    /// Set by `.quit` in a script: the inputs after it do not run.
    private(set) var quitRequested = false

    /// Runs one input; prints results to standard output and errors to standard error. Meta
    /// commands on lines of their own (`.mode csv`, `.timer on`) run where they stand, between
    /// the statements around them. Returns false when the input failed to compile or stopped
    /// with an error.
    @discardableResult
    func execute(_ text: String, name: String, interrupt: @escaping @Sendable () -> Bool = { Interrupts.pending }) -> Bool {
        for piece in ScriptPieces.split(text) {
            switch piece {
            case .meta(let command):
                switch meta(command) {
                case .quit: quitRequested = true; return true
                case .unknown: return false  // a script stops there, as at any other error
                case .handled: break
                }
            case .statements(let code):
                if !run(code, name: name, interrupt: interrupt) { return false }
            }
        }
        return true
    }

    /// Runs statements, each timed when the timer is on: one line on standard error after each,
    /// `Run time: 12.345 ms`, as sqlite3's `.timer on` prints it.
    private func run(_ text: String, name: String, interrupt: @escaping @Sendable () -> Bool) -> Bool {
        var mark = ContinuousClock.now
        let timed: ((SourceSpan) -> Void)? = timer ? { _ in
            let now = ContinuousClock.now
            let elapsed = now - mark
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            printError(String(format: "Run time: %.3f ms", ms))
            mark = ContinuousClock.now
        } : nil
        do {
            try session.run(text, name: name, parameters: parameters, interrupt: interrupt, statementDone: timed) { output in
                show(output)
            }
            return true
        } catch {
            if error.stage == .run && error.kind == .cancelled {
                printError(errorStyle.yellow("Interrupted"))
            } else {
                printError(colored(error.description))
            }
        }
        return false
    }

    /// Prints a result. Several results stay parseable: CSV tables are separated by an empty
    /// line; JSON prints one result as an array, and several as one array per line (JSON Lines).
    private func show(_ output: Output) {
        defer { resultsPrinted += 1 }
        switch renderer.format {
        case .json where batch:
            if resultsPrinted == 0 { held = output; return }
            renderer.compactJSON = true
            if let first = held { print(renderer.render(first)); held = nil }
            print(renderer.render(output))
        case .csv:
            if resultsPrinted > 0 { print("") }
            print(renderer.render(output))
        case .markdown:
            print(renderer.render(output))
            print("")  // tables in a row stay separate
        default:
            print(renderer.render(output))
        }
    }

    /// Prints what is held back: call once the run's last input has run (or failed).
    func finish() {
        if let first = held { print(renderer.render(first)); held = nil }
    }

    /// An error with "error:" in red, the caret in red and the hint in yellow, on a terminal.
    func colored(_ text: String) -> String {
        guard errorStyle.enabled else { return text }
        return text.components(separatedBy: "\n").map { line in
            if let range = line.range(of: ": error: ") {
                return String(line[..<range.lowerBound]) + ": " + errorStyle.red(errorStyle.bold("error:")) + " " + String(line[range.upperBound...])
            }
            if line.hasPrefix("hint: ") { return errorStyle.yellow("hint:") + String(line.dropFirst(5)) }
            if line.contains("^"), line.trimmingCharacters(in: .whitespaces).hasPrefix("|") {
                return line.replacingOccurrences(of: "^", with: errorStyle.red("^")).replacingOccurrences(of: "~", with: errorStyle.red("~"))
            }
            return line
        }.joined(separator: "\n")
    }

    /// One line on what is loaded, for the banner.
    var summary: String {
        var parts: [String] = []
        if let corpus {
            parts.append("\(corpus.documents.count) documents, \(corpus.events.count) events, \(corpus.actors.count) actors")
        }
        for item in loaded { parts.append("\(item.name): \(item.rows) rows") }
        return parts.isEmpty ? "no collections" : parts.joined(separator: "; ")
    }
}
