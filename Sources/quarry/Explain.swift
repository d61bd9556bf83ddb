import ArgumentParser
import Foundation
import Quarry

/// `quarry explain QUERY`: the query's plan, one operator a line, with what runs each.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a query's plan: its operators, and what runs each (a column kernel, or rows).",
        discussion: """
        Nothing runs. QUERY is a query or a script; a FILE.qry that exists is read. Exit status 1 when \
        it does not compile.
        """)

    @Argument(help: ArgumentHelp("The query, or a script file.", valueName: "QUERY"))
    var query: String

    @OptionGroup var data: DataOptions

    func run() throws {
        let (engine, _, _, _) = try data.makeEngine()
        var text = query, name = "<query>"
        if query.hasSuffix(".qry"), FileManager.default.fileExists(atPath: query) {
            switch ScriptInput.read(query) {
            case .success(let read): (text, name) = (read, query)
            case .failure(let problem):
                printError("quarry: \(problem.message)")
                throw ExitCode(2)
            }
        }
        do {
            print(try engine.compile(text, name: name).explain())
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}
