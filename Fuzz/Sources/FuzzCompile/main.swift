import Foundation
import Quarry

/// Collections of every kind of field, for the checker to resolve names against.
let engine: Engine = {
    let trips = Table(name: "trips", schema: Schema([Field("id", .int), Field("traveler", .string), Field("days", .int),
                                                     Field("start", .date), Field("city", .reference("cities"))]),
                      rows: [[1, "Ana", 3, .date(.day(2021, 5, 12)), "Baku"], [2, nil, nil, nil, nil]], key: "id")
    let cities = Table(name: "cities", schema: Schema([Field("name", .string), Field("population", .double)]),
                       rows: [["Baku", 2.3e6]], key: "name")
    return Engine(collections: [trips, cities])
}()

/// The whole compile: lexing, parsing and checking; nothing runs.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { data, count in
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    _ = try? engine.compile(text)
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
