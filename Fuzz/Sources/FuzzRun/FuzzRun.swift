import Quarry
import QuarryCorpus

/// The seed corpus under tight limits: whatever a script asks, it ends quickly.
let engine: Engine = {
    var engine = Engine(corpus: .seeds)
    engine.limits = Limits(maxSteps: 20_000, maxRows: 2_000, timeout: .milliseconds(200), maxSize: 1 << 16)
    return engine
}()

/// Compile and run on the seed corpus.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRun(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard let program = try? engine.compile(text) else { return 0 }
    _ = try? program.run()
    return 0
}
