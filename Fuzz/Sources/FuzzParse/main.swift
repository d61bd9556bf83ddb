import Foundation
import Quarry

/// The lexer and the parser: any bytes, read as source, classify and parse without a crash.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { data, count in
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    _ = SourceInspection.classify(text)
    _ = SourceInspection.isIncomplete(text)
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
