import FuzzDriver
import Quarry

// The lexer and the parser: any bytes, read as source, classify and parse without a crash.
fuzz { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    _ = SourceInspection.classify(text)
    _ = SourceInspection.isIncomplete(text)
}
