import ArgumentParser
import Foundation
import Quarry
import QuarryCorpus
import QuarryPostgres

/// `quarry save acled=export.csv acled.arrow`: a loaded collection kept as an Arrow IPC file,
/// which `--load` reopens at once and DuckDB, polars and pyarrow read too.
struct Save: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Save a CSV, TSV, JSON or JSON Lines file as an Arrow IPC file (Feather v2), or into a PostgreSQL database.",
        discussion: """
        The Arrow file reopens with --load NAME=FILE.arrow without parsing the text again. Text is \
        saved dictionary-encoded, whole numbers as int64, numbers as double, dates that are days as \
        date32, other dates as a struct of start, end (date32) and precision (utf8). \
        To a postgresql:// URL the file becomes the table NAME (COPY, in one transaction: nothing is \
        half-written on an error); with --corpus, every collection of the seed corpus becomes a table.
        """)

    @Argument(help: ArgumentHelp("The file to read, and the collection's name (with --corpus: the database).", valueName: "NAME=FILE"))
    var source: String

    @Argument(help: ArgumentHelp("The Arrow file to write (written whole, then renamed into place), or a postgresql:// URL.", valueName: "OUT.arrow|URL"))
    var output: String?

    @Flag(name: .long, help: "Save the seed corpus's collections into the database at the URL given.")
    var corpus = false

    @Option(name: .long, help: ArgumentHelp("Types of some columns: 'event_date:date,fatalities:int'.", valueName: "NAME:TYPE,..."))
    var schema: String?

    @Option(name: .long, help: ArgumentHelp("The column that identifies the rows (present and distinct in each): the table's primary key. Without it, an id-like column that does.", valueName: "NAME"))
    var key: String?

    func run() throws {
        if corpus {
            guard output == nil else {
                printError("quarry: save --corpus takes the database's URL only")
                throw ExitCode(2)
            }
            try saveCorpus(to: source)
            return
        }
        guard let output else {
            printError("quarry: save takes NAME=FILE, then the Arrow file or the postgresql:// URL to write")
            throw ExitCode(2)
        }
        let parts = source.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            printError("quarry: save takes NAME=FILE, then the Arrow file to write")
            throw ExitCode(2)
        }
        do {
            let types = try schema.map { try DataLoader.schema(option: $0) } ?? [:]
            let loaded = try DataLoader(schema: types, key: key).load(name: parts[0], path: parts[1])
            for warning in loaded.warnings.prefix(20) { printError("warning: \(warning)") }
            if output.hasPrefix("postgres") {
                try save([(parts[0], loaded.table)], to: output)
                return
            }
            try ArrowFile.write(loaded.table, to: output)
            printError("saved \(loaded.table.count) rows of \(parts[0]) to \(output)")
        } catch let error as DataLoadError {
            printError("quarry: \(error)")
            throw ExitCode(1)
        }
    }

    /// Every collection of the seed corpus, as tables of the database.
    private func saveCorpus(to url: String) throws {
        let engine = Engine(corpus: try Corpus.seeds)
        try save(engine.catalog.names.compactMap { name in engine.catalog[name].map { (name, $0) } }, to: url)
    }

    private func save(_ tables: [(String, Table)], to url: String) throws {
        do {
            let database = try PostgresDatabase.connect(try PostgresAddress(url: url))
            defer { database.close() }
            for (name, table) in tables {
                let skipped = try database.save(table, as: name)
                printError("saved \(table.count) rows of \(name)" + (skipped.isEmpty ? "" : " (left out: back-references, and values JSON cannot hold: \(skipped.joined(separator: ", ")))"))
            }
            // References into tables saved after them: foreign keys once every table is there.
            for (name, table) in tables { try database.link(table, as: name) }
        } catch let failure as PostgresFailure {
            printError("quarry: \(failure)")
            throw ExitCode(1)
        }
    }
}
