import Foundation
import Quarry

/// The readers of users' files: the same bytes as CSV, as JSON Lines, as a JSON array and as an
/// Arrow file; each loads or fails with an error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoad(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: count))
    for format: DataFormat in [.csv, .tsv, .jsonLines, .json] {
        _ = try? Table.load(data: bytes, name: "t", file: "fuzz", options: LoadOptions(format: format))
    }
    _ = try? Table.load(data: bytes, name: "t", file: "fuzz.arrow")
    return 0
}
