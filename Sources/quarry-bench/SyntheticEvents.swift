import Quarry

/// Deterministic synthetic events with the corpus events' schema, for benchmarks at any size.
struct SyntheticEvents {
    struct Row {
        var id: String
        var doc: String
        var actor: String
        var target: String
        var type: String
        var date: QuarryDate
        var summary: String
        var fatalities: Int?
    }

    let rows: [Row]

    static let actors = ["Azerbaijan", "Armenia", "Turkey", "Iran", "Israel", "Russia", "United States", "Georgia",
                         "France", "European Union", "United Nations", "OSCE", "Nagorno-Karabakh", "Soviet Union",
                         "Ukraine", "Syria", "Iraq", "Kosovo", "Serbia", "Cyprus", "NATO", "CSTO", "Armenians", "Kurds",
                         "Begin-Sadat Center", "Hudson Institute", "Forbes", "Fox News", "Responsible Statecraft",
                         "19FortyFive", "Al Qaeda", "Islamic State", "Syrian mercenaries", "Nakhchivan",
                         "Azerbaijan SSR", "Armenian SSR", "Ottoman Empire", "Russian Empire", "Congress", "Kremlin"]
    static let types = ["agree", "consult", "support", "concede", "cooperate", "aid", "retreat", "request", "accuse",
                        "reject", "threaten", "protest", "sanction", "mobilize", "coerce", "assault"]
    static let words = ["forces", "troops", "ceasefire", "talks", "corridor", "waiver", "sanctions", "shelling",
                        "drones", "refugees", "treaty", "summit", "statement", "offensive", "blockade", "aid",
                        "pipeline", "election", "protest", "parliament", "resolution", "mediation", "villages", "road"]

    /// A linear congruential generator: the same seed gives the same events everywhere.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    init(count: Int, seed: UInt64 = 2021) {
        var g = Generator(state: seed)
        let first = CivilCalendar.dayNumber(year: 1900, month: 1, day: 1)
        let last = CivilCalendar.dayNumber(year: 2025, month: 12, day: 31)
        var rows: [Row] = []
        rows.reserveCapacity(count)
        for i in 0..<count {
            // Azerbaijan and Armenia are most of the events, as in the articles.
            let a = g.next(100)
            let actor = a < 30 ? "Azerbaijan" : a < 45 ? "Armenia" : Self.actors[g.next(Self.actors.count)]
            let target = Self.actors[g.next(Self.actors.count)]
            let day = first + g.next(last - first + 1)
            let c = CivilCalendar.civil(day)
            let p = g.next(10)
            let date: QuarryDate = p < 7 ? QuarryDate(start: day, end: day, precision: .day) : p < 9 ? .month(c.year, c.month) : .year(c.year)
            var words = (0..<6).map { _ in Self.words[g.next(Self.words.count)] }
            if g.next(20) == 0 { words.insert(contentsOf: ["border", "clash"], at: g.next(5)) }
            let summary = "\(actor) \(words.joined(separator: " "))"
            let fatalities: Int? = g.next(5) == 0 ? g.next(50) : nil
            rows.append(Row(id: String(format: "E%07d", i), doc: "D\(i % 1000)", actor: actor, target: target,
                            type: Self.types[g.next(Self.types.count)], date: date, summary: summary, fatalities: fatalities))
        }
        self.rows = rows
    }

    var table: Table {
        let schema = Schema([
            Field("id", .string), Field("doc", .string), Field("actor", .string), Field("target", .string),
            Field("type", .string), Field("date", .date), Field("year", .int), Field("summary", .string),
            Field("fatalities", .int),
        ])
        // One column at a time, each stored before the next is made: what a host loading
        // millions of rows should do, so that only one column is ever boxed as values.
        let columns: [Column] = (0..<9).map { c in
            Column(rows.map { r -> Value in
                switch c {
                case 0: return .string(r.id)
                case 1: return .string(r.doc)
                case 2: return .string(r.actor)
                case 3: return .string(r.target)
                case 4: return .string(r.type)
                case 5: return .date(r.date)
                case 6: return r.date.year.map { .int($0) } ?? .null
                case 7: return .string(r.summary)
                default: return r.fatalities.map { .int($0) } ?? .null
                }
            })
        }
        return Table(name: "events", schema: schema, storedColumns: columns, key: "id")
    }

    /// The events as CSV, for DuckDB.
    var csv: String {
        var out = "id,doc,actor,target,type,date_start,date_end,year,summary,fatalities\n"
        for r in rows {
            out += "\(r.id),\(r.doc),\"\(r.actor)\",\"\(r.target)\",\(r.type),\(r.date.start),\(r.date.end),"
            out += "\(r.date.year.map(String.init) ?? ""),\"\(r.summary)\",\(r.fatalities.map(String.init) ?? "")\n"
        }
        return out
    }
}
