import ArgumentParser
import Foundation
@_spi(Testing) import Quarry
import QuarryCorpus
import QuarryPostgres

/// `quarry`: the REPL on a terminal, scripts and queries otherwise.
@main
struct QuarryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarry",
        abstract: "Query news articles and the political events in them.",
        discussion: """
        With no script and a terminal, opens the REPL on the seed corpus. Standard input that is not \
        a terminal is read as a script. Exit status: 0 success, 1 a query or script error, 2 a usage error.
        """,
        version: QuarryVersion.string,
        subcommands: [Run.self, Check.self, Explain.self, SQLCommand.self, Evaluate.self, Save.self],
        defaultSubcommand: Run.self)

    /// Usage errors exit with 2, as the command line promises (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options shared by running and checking: what data the scripts see.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Query the corpus in DIR (laid out like seeds/) instead of the seeds.", valueName: "DIR"))
    var corpus: String?

    @Flag(name: .long, help: "Do not load the seed corpus (with --load, query only your own data).")
    var noCorpus = false

    @Option(name: .long, help: ArgumentHelp("Load a JSON array, JSON Lines, CSV or TSV file as the collection NAME.", valueName: "NAME=FILE"))
    var load: [String] = []

    @Option(name: .long, help: ArgumentHelp("Types of some columns of the --load before it: 'event_date:date,fatalities:int' (int, float, bool, date, string).", valueName: "NAME:TYPE,..."))
    var schema: [String] = []

    @Option(name: .long, help: ArgumentHelp("The column that identifies the rows of the --load before it (present and distinct in each): rows are in its order, and rows a query sorts as equal come in its order. Without it, an id-like column that identifies rows (id, key, serial_event_id, event_id_cnty).", valueName: "NAME"))
    var key: [String] = []

    @Flag(name: .long, help: "Compare strings with regard to case (EQL's case-sensitive mode).")
    var caseSensitive = false

    @Option(name: .long, help: ArgumentHelp("Query a PostgreSQL database: its tables become collections, and queries over them run on the server when they render whole as SQL.", valueName: "postgresql://USER@HOST:PORT/DB"))
    var db: String?

    /// How the engine runs queries (tests run the examples every way): standard, rows, encoded.
    @Option(name: .long, help: .hidden)
    var execution: String?

    @Option(name: .long, help: ArgumentHelp("Query an EQL event stream (JSON array or JSON Lines): its event_type values act as collections, `any` is the stream.", valueName: "FILE"))
    var events: String?

    /// Builds the engine: the corpus, then each loaded file. Problems print and exit.
    func makeEngine() throws -> (Engine, Corpus?, String, [(name: String, path: String, rows: Int)]) {
        guard !noCorpus else { return try finish(nil, "no corpus") }
        do {
            if let folder = corpus {
                let loaded = try Corpus.load(directory: URL(fileURLWithPath: folder))
                for problem in loaded.problems { printError("warning: \(folder)/\(problem)") }
                return try finish(loaded, "corpus \(folder)")
            }
            return try finish(try Corpus.seeds, "seed corpus")
        } catch let error as CorpusLoadError {
            let prefix = corpus.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
            printError(error.problems.map { "quarry: \($0.file.hasPrefix("/") ? "" : prefix)\($0)" }.joined(separator: "\n"))
            throw ExitCode(1)
        }
    }

    /// For each `flag` on the command line, in order, the place of the `--load` before it; a
    /// flag with no `--load` before it is an error, `orphan` its message.
    private func loadsBefore(_ flag: String, orphan: String) throws -> [Int] {
        var places: [Int] = []
        var loads = -1
        for argument in CommandLine.arguments {
            if argument == "--load" || argument.hasPrefix("--load=") { loads += 1 }
            if argument == flag || argument.hasPrefix(flag + "=") {
                guard loads >= 0 else {
                    printError("quarry: \(orphan)")
                    throw ExitCode(2)
                }
                places.append(loads)
            }
        }
        return places
    }

    /// Each `--key` belongs to the `--load` before it on the command line.
    private func keysByLoad() throws -> [Int: String] {
        var result: [Int: String] = [:]
        for (load, name) in zip(try loadsBefore("--key", orphan: "--key names the key of the --load before it; there is none"), key) {
            guard result[load] == nil else {
                printError("quarry: --key is given twice for one --load")
                throw ExitCode(2)
            }
            result[load] = name
        }
        return result
    }

    /// Each `--schema` belongs to the `--load` before it on the command line.
    private func schemasByLoad() throws -> [Int: [String: LoadedType]] {
        guard !schema.isEmpty else { return [:] }
        let orphan = "--schema describes the --load before it; there is none"
        let places = try loadsBefore("--schema", orphan: orphan)
        guard places.count <= schema.count else {
            printError("quarry: \(orphan)")
            throw ExitCode(2)
        }
        var result: [Int: [String: LoadedType]] = [:]
        for (load, text) in zip(places, schema) {
            do { result[load, default: [:]].merge(try DataLoader.schema(option: text)) { $1 } } catch {
                printError("quarry: \(error)")
                throw ExitCode(2)
            }
        }
        return result
    }

    private func finish(_ corpus: Corpus?, _ corpusName: String) throws -> (Engine, Corpus?, String, [(name: String, path: String, rows: Int)]) {
        var engine = corpus.map { Engine(corpus: $0) } ?? Engine()
        engine.caseSensitive = caseSensitive
        if let events {
            guard let data = FileManager.default.contents(atPath: events) else {
                printError("quarry: \(events): no such file")
                throw ExitCode(1)
            }
            do {
                let table = try Table(name: "events", json: data)
                engine = engine.withEvents(EventStream(table: table))
            } catch {
                printError("quarry: \(events): malformed JSON: \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        var loaded: [(String, String, Int)] = []
        let schemas = try schemasByLoad()
        let keys = try keysByLoad()
        for (n, item) in load.enumerated() {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty,
                  parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), parts[0].first?.isNumber == false else {
                printError("quarry: --load takes NAME=FILE, with NAME letters, digits and _: '\(item)'")
                throw ExitCode(2)
            }
            guard !loaded.contains(where: { $0.0 == parts[0] }) else {
                printError("quarry: --load \(parts[0]) is given twice; give each collection its own name")
                throw ExitCode(2)
            }
            do {
                let result = try DataLoader(schema: schemas[n] ?? [:], key: keys[n]).load(name: parts[0], path: parts[1])
                for warning in result.warnings.prefix(20) { printError("warning: \(warning)") }
                if result.warnings.count > 20 { printError("warning: … and \(result.warnings.count - 20) more like these") }
                engine = engine.adding(result.table)
                loaded.append((parts[0], parts[1], result.table.count))
            } catch {
                printError("quarry: \(error.description)")
                throw ExitCode(1)
            }
        }
        if let db {
            do {
                let database = try PostgresDatabase.connect(try PostgresAddress(url: db))
                let (withTables, replaced) = try engine.adding(database)
                engine = withTables
                if !replaced.isEmpty {
                    let names = replaced.sorted().joined(separator: ", ")
                    printError(replaced.count == 1 ? "note: \(names) is the database's table, not the corpus collection"
                                                   : "note: \(names) are the database's tables, not the corpus collections")
                }
            } catch {
                printError("quarry: \(error)")
                throw ExitCode(1)
            }
        }
        if let execution {
            guard let mode = ExecutionMode(rawValue: execution) else {
                printError("quarry: --execution takes \(ExecutionMode.allCases.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(2)
            }
            engine = engine.executing(mode)
        }
        return (engine, corpus, corpusName, loaded)
    }
}

extension QuarryCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run scripts or queries, or open the REPL.")

        @Argument(help: ArgumentHelp("Scripts to run, in order, sharing their bindings.", valueName: "FILE.qry"))
        var files: [String] = []

        @Option(name: .short, parsing: .unconditionalSingleValue, help: ArgumentHelp("Run one query (repeatable).", valueName: "QUERY"))
        var e: [String] = []

        @Option(name: .long, help: "Output format: table, json, csv or markdown (box and line too).")
        var format: OutputFormat = .table

        @Option(name: .long, help: ArgumentHelp("Bind $name; the value is typed the way --load types fields, and @… is a date.", valueName: "NAME=VALUE"))
        var param: [String] = []

        @OptionGroup var data: DataOptions

        @OptionGroup(title: "Limits") var limitOptions: LimitOptions

        @Flag(name: .long, help: "After each statement, print `Run time: 12.345 ms` on standard error.")
        var timer = false

        func run() throws {
            let terminal = Terminal.current
            var parameters: [String: Value] = [:]
            for item in param {
                switch DataLoader.parameter(item) {
                case .failure(let problem):
                    printError("quarry: \(problem.message)")
                    throw ExitCode(2)
                case .success(let (name, value)):
                    guard parameters[name] == nil else {
                        printError("quarry: --param \(name) is given twice")
                        throw ExitCode(2)
                    }
                    parameters[name] = value
                }
            }
            let (engine, corpus, corpusName, loaded) = try data.makeEngine()
            let interactive = files.isEmpty && e.isEmpty && terminal.stdinIsTTY
            let renderer = Renderer(format: format, style: Style(enabled: terminal.colors))
            var limited = engine
            do { limited.limits = try limitOptions.limits(engine.limits) } catch {
                printError("quarry: \(error)")
                throw ExitCode(2)
            }
            let app = App(engine: limited, corpus: corpus, corpusName: corpusName, loaded: loaded, parameters: parameters,
                          renderer: renderer, errorStyle: Style(enabled: terminal.stderrIsTTY && terminal.colors))
            app.timer = timer
            if interactive {
                throw ExitCode(Repl(app: app).run())
            }
            Interrupts.install()
            var inputs: [(name: String, text: String)] = []
            for input in ScriptInput.ordered(files: files, queries: e, arguments: Array(CommandLine.arguments.dropFirst())) {
                guard input.isFile else { inputs.append((input.name, input.text)); continue }
                switch ScriptInput.read(input.name) {
                case .success(let text): inputs.append((input.name == "-" ? "<stdin>" : input.name, text))
                case .failure(let problem):
                    printError("quarry: \(problem.message)")
                    throw ExitCode(2)
                }
            }
            if inputs.isEmpty {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                inputs.append(("<stdin>", String(decoding: data, as: UTF8.self)))
            }
            app.batch = true
            defer { app.finish() }
            for input in inputs {
                guard app.execute(input.text, name: input.name) else { throw ExitCode(1) }
                if app.quitRequested { break }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse and check scripts without running them.")

        @Argument(help: ArgumentHelp("Scripts to check.", valueName: "FILE.qry"))
        var files: [String]

        @OptionGroup var data: DataOptions

        func run() throws {
            let (engine, _, _, _) = try data.makeEngine()
            let style = Style(enabled: Terminal.current.stderrIsTTY && Terminal.current.colors)
            var failed = false
            for file in files {
                let text: String
                switch ScriptInput.read(file) {
                case .success(let read): text = read
                case .failure(let problem):
                    printError("quarry: \(problem.message)")
                    throw ExitCode(2)
                }
                do {
                    _ = try engine.compile(text, name: file)
                    print("\(file): ok")
                } catch {
                    printError(style.enabled ? error.description.replacingOccurrences(of: ": error: ", with: ": " + style.red("error:") + " ") : error.description)
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
