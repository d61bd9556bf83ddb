import ArgumentParser
import Foundation
import Quarry

/// `quarry save acled=export.csv acled.arrow`: a loaded collection kept as an Arrow IPC file,
/// which `--load` reopens at once and DuckDB, polars and pyarrow read too.
struct Save: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Save a CSV, TSV, JSON or JSON Lines file as an Arrow IPC file (Feather v2).",
        discussion: """
        The Arrow file reopens with --load NAME=FILE.arrow without parsing the text again. Text is \
        saved dictionary-encoded, whole numbers as int64, numbers as double, dates that are days as \
        date32, other dates as a struct of start, end (date32) and precision (utf8).
        """)

    @Argument(help: ArgumentHelp("The file to read, and the collection's name.", valueName: "NAME=FILE"))
    var source: String

    @Argument(help: ArgumentHelp("The Arrow file to write (written whole, then renamed into place).", valueName: "OUT.arrow"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("Types of some columns: 'event_date:date,fatalities:int'.", valueName: "NAME:TYPE,..."))
    var schema: String?

    func run() throws {
        let parts = source.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            printError("quarry: save takes NAME=FILE, then the Arrow file to write")
            throw ExitCode(2)
        }
        do {
            let types = try schema.map { try DataLoader.schema(option: $0) } ?? [:]
            let loaded = try DataLoader(schema: types).load(name: parts[0], path: parts[1])
            for warning in loaded.warnings.prefix(20) { printError("warning: \(warning)") }
            try ArrowFile.write(loaded.table, to: output)
            printError("saved \(loaded.table.count) rows of \(parts[0]) to \(output)")
        } catch let error as DataLoadError {
            printError("quarry: \(error)")
            throw ExitCode(1)
        }
    }
}
