import FuzzDriver
import Quarry
import QuarryCorpus

/// The seed corpus under tight limits: whatever a script asks, it ends quickly.
let engine: Engine = {
    var engine = Engine(corpus: try! .seeds)  // built in: it cannot fail to load
    engine.limits = Limits(maxSteps: 20_000, maxRows: 2_000, timeout: .milliseconds(200), maxSize: 1 << 16)
    return engine
}()

// Compile and run on the seed corpus.
fuzz { bytes in
    guard let program = try? engine.compile(String(decoding: bytes, as: UTF8.self)) else { return }
    _ = try? program.run()
}
