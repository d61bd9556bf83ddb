import ArgumentParser
import Foundation
import Quarry
import QuarrySQL

/// `quarry sql QUERY`: the query rendered as SQL for a dialect, with its bound values.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print a query as SQL for PostgreSQL or Spark SQL, with the values bound to its placeholders.",
        discussion: """
        Nothing runs. Exit status 1, with an error naming the construct, when the query does not \
        render whole in SQL (a host function, bars, lineage, …) or does not compile.
        """)

    @Option(name: .long, help: ArgumentHelp("postgresql or spark.", valueName: "DIALECT"))
    var dialect = "postgresql"

    @Option(name: .long, help: ArgumentHelp("A value for $NAME in the query (bound, never spliced into the SQL).", valueName: "NAME=VALUE"))
    var param: [String] = []

    @Argument(help: ArgumentHelp("The query.", valueName: "QUERY"))
    var query: String

    @OptionGroup var data: DataOptions

    func run() throws {
        guard let dialect = SQLDialects.named(dialect) else {
            printError("quarry: --dialect takes \(SQLDialects.all.map(\.name).joined(separator: " or ")), not '\(self.dialect)'")
            throw ExitCode(2)
        }
        var parameters: [String: Value] = [:]
        for item in param {
            switch DataLoader.parameter(item) {
            case .success(let (name, value)): parameters[name] = value
            case .failure(let problem):
                printError("quarry: \(problem.message)")
                throw ExitCode(2)
            }
        }
        let (engine, _, _, _) = try data.makeEngine()
        let program: Program
        do {
            program = try engine.compile(query, name: "<query>")
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        do {
            print(try program.sql(dialect: dialect, parameters: parameters))
        } catch {
            let diagnostic = Diagnostic(.type, error.description, at: error.span ?? SourceSpan(0, 0))
            printError(program.source.render(diagnostic))
            throw ExitCode(1)
        }
    }
}
