import Foundation
import Quarry

/// The interactive loop: readline editing, history, completion, multi-line statements, meta
/// commands, and Ctrl-C that clears the line at the prompt and stops a running query.
struct Repl {
    let app: App


    func run() -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let historyPath = environment["QUARRY_HISTORY"]
            ?? (environment["HOME"].map { $0 + "/.quarry_history" } ?? ".quarry_history")
        let editor = LineEditor(historyPath: historyPath, completer: completer())
        app.renderer.maxRows = 40
        app.renderer.fitWidth = Terminal.width - 1
        print("Quarry \(QuarryVersion.string) — \(app.corpusName): \(app.summary). Type .help for help.")
        var buffer = ""
        var next: String?  // a line read ahead, to see whether a pasted statement goes on
        while true {
            let prompt = buffer.isEmpty ? "quarry> " : "   ...> "
            let read = next ?? editor.readLine(prompt: prompt)
            next = nil
            guard let line = read else {
                if !buffer.isEmpty { run(buffer, editor) }
                print("")
                return 0  // Ctrl-D
            }
            if editor.interrupted {
                editor.clearInterrupt()
                buffer = ""
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if buffer.isEmpty && trimmed.hasPrefix("|") {
                printError(app.errorStyle.red("error:") + " a line that starts with '|' continues the statement before it, which has already run")
                printError("hint: end that statement's line with '|' to continue it, or paste the whole statement at once")
                continue
            }
            if buffer.isEmpty && trimmed.hasPrefix(".") {
                editor.remember(trimmed)
                if app.meta(trimmed) == .quit { return 0 }
                editor.update(completer: completer())
                continue
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if buffer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                buffer = ""
                continue
            }
            if SourceInspection.isIncomplete(buffer) { continue }
            // A pasted statement may go on with a line that starts with '|', as scripts allow.
            while editor.inputPending, let following = editor.readLine(prompt: "   ...> ") {
                if following.trimmingCharacters(in: .whitespaces).hasPrefix("|") || SourceInspection.isIncomplete(buffer) {
                    buffer += "\n" + following
                } else {
                    next = following
                    break
                }
            }
            if SourceInspection.isIncomplete(buffer) { continue }
            run(buffer, editor)
            buffer = ""
        }
    }

    private func run(_ statement: String, _ editor: LineEditor) {
        editor.remember(statement)
        app.renderer.fitWidth = Terminal.width - 1  // the window may have been resized since
        // A Ctrl-C from here on stops this statement, even before it starts to run.
        app.execute(statement, name: "<input>") { Interrupts.pending }
        editor.clearInterrupt()
        editor.update(completer: completer())
    }

    private func completer() -> Completer {
        Completer(engine: app.engine, bindings: app.session.names, metaCommands: App.metaCommands)
    }


}
