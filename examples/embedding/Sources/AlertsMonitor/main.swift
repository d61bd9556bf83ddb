// A news-monitoring service that embeds Quarry: its own alerts as a collection, functions of its
// own, saved queries compiled once and run with parameters, errors, cancellation. An outside
// package (examples/embedding/Package.swift), built and run by scripts/test; every Swift block of
// Sources/Quarry/Quarry.docc/GettingStarted.md stands here verbatim.
import Foundation
import Quarry
import QuarryCorpus

// 1. The host's own data, as Codable values.
struct Alert: Codable {
    var id: Int
    var received: QuarryDate
    var country: String
    var headline: String
    var casualties: Int?
}

let alerts = [
    Alert(id: 1, received: .day(2021, 5, 12), country: "Armenia", headline: "Troops cross into Syunik", casualties: 0),
    Alert(id: 2, received: .day(2021, 5, 25), country: "Armenia", headline: "Soldier killed at the border", casualties: 1),
    Alert(id: 3, received: .day(2023, 9, 19), country: "Azerbaijan", headline: "Offensive in Karabakh", casualties: nil),
]
let archived: [Alert] = []   // empty today: its fields still come from the type

// 2. Functions of your own: a typed signature, and one that may throw any error.
let urgency = QuarryFunction("urgency", parameters: [.int], returns: .string,
                             summary: "urgency(casualties)  low, high or unknown") { args in
    guard case .int(let n) = args[0] else { return "unknown" }
    return .string(n > 0 ? "high" : "low")
}

struct Offline: Error, CustomStringConvertible { var description: String { "the census service is offline" } }

let population = QuarryFunction("population", arguments: 1...1) { args in
    guard case .string(let country) = args[0] else { return .null }
    guard country == "Armenia" else { throw Offline() }   // any error stops the run at the call
    return .int(2_777_970)
}

// 3. One engine: the seed corpus, the alerts, the functions, and limits for untrusted queries.
var engine = try Engine(corpus: .seeds)
    .adding("alerts", rows: alerts, key: "id")
    .adding("archived", rows: archived, key: "id")
    .adding(urgency).adding(population)
engine.limits = Limits(maxSteps: 1_000_000, maxRows: 10_000, timeout: .seconds(2))

// 4. A saved query, compiled once, run with parameters.
let byCountry = try engine.compile("""
    alerts where country = $country and received >= $since
      | select id, received, headline, level = urgency(casualties)
    """)
let result = try byCountry.run(parameters: ["country": "Armenia", "since": .date(.year(2021))])

// 5. Results decode into the host's own types.
struct Row: Decodable {
    var id: Int
    var received: QuarryDate
    var headline: String
    var level: String
}
for row in try result.table!.decode(Row.self) {
    print("alert \(row.id) \(row.received) [\(row.level)] \(row.headline)")
}

// 6. The host's data beside the curated events: what the articles say about the same month.
let context = try engine.run("""
    events where date == @2021-05 and target = "Armenia" | select date, summary
    """)
for row in context.table!.rows {
    print("  \(row[0])  \(row[1])")
}
let empty = try engine.run("archived where casualties > 0 | count")
print("archived with casualties: \(empty.table!.rows[0][1])")

// 7. Errors are values, of one type, whichever stage found them.
do {
    _ = try engine.compile("alerts where contry = \"Armenia\"")
} catch {
    print(error.diagnostics.map { "\($0.kind): \($0.message) (\($0.hint ?? ""))" }.joined(separator: "\n"))
}
do {
    _ = try engine.run("alerts | select country, people = population(country)")
} catch {
    print("\(error.stage) \(error.kind): \(error.diagnostic.message)")
}
do {
    _ = try byCountry.run(parameters: ["country": 7, "since": .date(.year(2021))])
} catch {
    print("\(error.kind): \(error.diagnostic.message)")
}

let session = Session(engine: engine)   // a REPL's memory: bindings kept from input to input
do {
    try session.run("let armenian = alerts where country = \"Armenia\"")
    _ = try session.run("armenian | select id, headlin")
} catch {
    print("\(error.stage) \(error.kind): \(error.diagnostic.message)")
}

// 8. A long query, cancelled: the run happens off the main actor, so cancel() is heard.
let unbounded = try Engine(corpus: .seeds)
let slow = try unbounded.compile("events | select n = length(events | select m = length(events | select k = length(mentions)))")
let task = Task { try await slow.run() }
try await Task.sleep(for: .milliseconds(20))
task.cancel()
do {
    _ = try await task.value
} catch let error as QuarryError {
    print("the long query stopped: \(error.kind)")
}

// 9. The standard library's Regex is still yours beside `import Quarry`.
let digits = try Regex("[0-9]+")
let summaries = try engine.run("events | select summary").table!.rows.map { "\($0[0])" }
print("event summaries with a number: \(summaries.filter { $0.contains(digits) }.count)")
