import Foundation
import Quarry

/// The readers of users' files: the same bytes as CSV, as JSON Lines, as a JSON array and as an
/// Arrow file; each loads or fails with an error.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { data, count in
    guard let data else { return 0 }
    let bytes = Data(UnsafeBufferPointer(start: data, count: count))
    for format: DataFormat in [.csv, .tsv, .jsonLines, .json] {
        _ = try? Table.load(data: bytes, name: "t", file: "fuzz", options: LoadOptions(format: format))
    }
    _ = try? Table.load(data: bytes, name: "t", file: "fuzz.arrow")
    return 0
}

// libFuzzer's driver, called from this executable's own entry point (SwiftPM names it; a
// `main` of libFuzzer's would never be linked in its place).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzer(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzer(&argc, &argv, fuzzOne))
