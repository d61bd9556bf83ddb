import Foundation
import FuzzDriver
import Quarry

// The readers of users' files: the same bytes as CSV, TSV, JSON Lines, a JSON array and an Arrow
// file; each loads or fails with an error.
fuzz { bytes in
    let data = Data(bytes)
    for format: DataFormat in [.csv, .tsv, .jsonLines, .json] {
        _ = try? Table.load(data: data, name: "t", file: "fuzz", options: LoadOptions(format: format))
    }
    _ = try? Table.load(data: data, name: "t", file: "fuzz.arrow")
}
