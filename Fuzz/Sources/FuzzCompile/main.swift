import FuzzDriver
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

// The whole compile: lexing, parsing and checking; nothing runs.
fuzz { bytes in
    _ = try? engine.compile(String(decoding: bytes, as: UTF8.self))
}
