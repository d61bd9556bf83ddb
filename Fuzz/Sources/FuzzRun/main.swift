import Foundation
import Quarry
import QuarryCorpus

/// The seed corpus under tight limits: whatever a script asks, it ends quickly.
let engine: Engine = {
    var engine = Engine(corpus: try! .seeds)  // built in: it cannot fail to load
    engine.limits = Limits(maxSteps: 20_000, maxRows: 2_000, timeout: .milliseconds(200), maxSize: 1 << 16)
    return engine
}()

/// Compile and run on the seed corpus.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { data, count in
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard let program = try? engine.compile(text) else { return 0 }
    _ = try? program.run()
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
