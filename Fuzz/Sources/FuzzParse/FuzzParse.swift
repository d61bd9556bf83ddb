import Quarry

/// The lexer and the parser: any bytes, read as source, classify and parse without a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    _ = SourceInspection.classify(text)
    _ = SourceInspection.isIncomplete(text)
    return 0
}
