// A news-monitoring service that embeds Quarry: its own alerts as a collection, a custom
// function, saved queries compiled once and run with parameters. Built and run by scripts/test.
import Quarry
import QuarryCorpus

// 1. The host's own data, as Codable values.
struct Alert: Codable {
    var id: Int
    var received: String
    var country: String
    var headline: String
    var casualties: Int?
}

let alerts = [
    Alert(id: 1, received: "2021-05-12", country: "Armenia", headline: "Troops cross into Syunik", casualties: 0),
    Alert(id: 2, received: "2021-05-25", country: "Armenia", headline: "Soldier killed at the border", casualties: 1),
    Alert(id: 3, received: "2023-09-19", country: "Azerbaijan", headline: "Offensive in Karabakh", casualties: nil),
]

// 2. A custom function with a typed signature: pure, so calls on constants fold at compile time.
let urgency = QuarryFunction("urgency", parameters: [.int], returns: .string,
                             summary: "urgency(casualties)  low, high or unknown") { args in
    guard case .int(let n) = args[0] else { return "unknown" }
    return .string(n > 0 ? "high" : "low")
}

// 3. One engine: the seed corpus, the alerts, the function, and limits for untrusted queries.
var engine = try Engine(corpus: .seeds).adding("alerts", rows: alerts, key: "id").adding(urgency)
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

// 7. Errors are values: every problem, with its place.
do {
    _ = try engine.compile("alerts where contry = \"Armenia\"")
} catch {
    print(error.diagnostics.map { "\($0.kind): \($0.message) (\($0.hint ?? ""))" }.joined(separator: "\n"))
}
