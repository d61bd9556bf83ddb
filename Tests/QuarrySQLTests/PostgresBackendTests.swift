import Foundation
@testable import Quarry
import QuarryPostgres
import QuarrySQL
import QuarryTestSupport
import Testing

/// Quarry's collections saved into PostgreSQL and queried there: the same answers as in memory.
@Suite("Quarry on a PostgreSQL database", .enabled(if: PostgreSQLServer.url != nil || PostgreSQLServer.required, PostgreSQLServer.skipReason))
struct PostgresBackendTests {
    static func database() throws -> PostgresDatabase {
        let url = try #require(PostgreSQLServer.url, "scripts/test started a server, but QUARRY_TEST_POSTGRES_URL is not set")
        return try PostgresDatabase.connect(try PostgresAddress(url: url))
    }

    static func printed(_ query: String, on engine: Engine) -> String {
        do {
            return try engine.run(query).outputs.map { GoldenCase.render($0.value) }.joined(separator: "\n")
        } catch {
            return error.description
        }
    }

    /// Each query prints the same on the database's engine as in memory; each renders whole and
    /// runs on the server.
    static func expectSameOnServer(_ queries: [String], _ engine: Engine, _ memory: Engine,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        for query in queries {
            let program = try engine.compile(query)
            _ = try program.sql(dialect: PostgreSQLDialect())  // renders whole
            #expect(program.explain().contains("PostgreSQL"), "\(query)", sourceLocation: sourceLocation)
            #expect(printed(query, on: engine) == printed(query, on: memory), "\(query)", sourceLocation: sourceLocation)
        }
    }

    /// A table name no other test uses at the same time.
    static func unique(_ name: String) -> String { "\(name)_\(UInt32.random(in: 0...UInt32.max))" }

    /// Saves the tables to the server for one test, dropped when `body` returns, and hands it the
    /// engine over the database, `memory`'s collections beneath its tables.
    static func withSaved<T>(_ tables: [Table], beneath memory: Engine = Engine(), _ body: (Engine) throws -> T) throws -> T {
        let database = try database()
        defer { database.close() }
        defer { try? database.execute(tables.reversed().map { "DROP TABLE IF EXISTS \"\($0.name)\"" }) }
        for table in tables { _ = try database.save(table, as: table.name) }
        return try body(try memory.adding(database).engine)
    }

    @Test("Saved tables answer as the collections did, queries that render running on the server")
    func savedFixturesAnswerTheSame() throws {
        let database = try Self.database()
        defer { database.close() }
        let suffix = "_\(UInt32.random(in: 0...UInt32.max))"
        // Loaded under new names as QuarrySQL lays tables out (the command-line tests save with
        // COPY), then queried under the old ones.
        let server = try #require(PostgreSQLServer.configured)
        for table in [Fixtures.trips, Fixtures.cities] {
            let renamed = Table(name: table.name + suffix, schema: table.schema, storedColumns: table.columns,
                                key: table.keyColumn.map { table.schema.fields[$0].name })
            let (_, errors) = try server.run(PostgreSQLServer.load(renamed))
            #expect(errors.isEmpty, "\(errors)")
        }
        let tables = try database.tables().filter { $0.name.hasSuffix(suffix) }
        #expect(tables.count == 2)
        let trips = try #require(tables.first { $0.name == "trips" + suffix })
        #expect(trips.key == "id")
        #expect(trips.schema.fields.map(\.name) == ["id", "city", "traveler", "start", "days", "cost", "note"])
        #expect(trips.schema.field("start")?.type == .date)

        var engine = Engine().adding(Renamed(trips, as: "trips"))
        engine.planExecutor = PostgresExecutor(database)
        for query in [#"trips where traveler = "ana" and days >= 3 | count"#,
                      "trips | sort start desc, id | head 4 | select id, traveler, start",
                      #"trips where start >= @2021 or note == "*tour*" | select id, start, note"#,
                      "trips | summarize n = count(), total = sum(cost) by traveler | sort n desc, traveler",
                      "trips | select id, half = days / 2 | tail 3"] {
            let plan = try #require(try engine.compile(query).logicalPlans.last?.plan)
            #expect(PostgresExecutor.readsOnlyDatabaseTables(plan), "\(query) reads only the database")
            #expect(Self.printed(query, on: engine) == Self.printed(query, on: Fixtures.engine), "\(query)")
        }
        // A query that does not render runs in memory over the table's rows, with the same answer.
        let bars = "trips | summarize n = count() by traveler | bars n"
        #expect(Self.printed(bars, on: engine) == Self.printed(bars, on: Fixtures.engine))
        try database.execute(["DROP TABLE \"trips\(suffix)\"", "DROP TABLE \"cities\(suffix)\""])
    }

    @Test("A saved reference becomes a foreign key, followed on the server (and in memory); re-saving its target keeps it")
    func referencesBecomeForeignKeys() throws {
        let database = try Self.database()
        defer { database.close() }
        let s = "_\(UInt32.random(in: 0...UInt32.max))"
        let cities = Table(name: "cities\(s)", schema: Schema([Field("name", .string), Field("country", .string)]),
                           rows: [["Baku", "Azerbaijan"], ["Yerevan", "Armenia"]], key: "name")
        let trips = Table(name: "trips\(s)", schema: Schema([Field("id", .int), Field("city", .reference("cities\(s)")), Field("days", .int)]),
                          rows: [[1, "Baku", 3], [2, "Yerevan", 5], [3, "Gyumri", 2], [4, .null, 1]], key: "id")
        defer { try? database.execute(["DROP TABLE IF EXISTS \"trips\(s)\"", "DROP TABLE IF EXISTS \"cities\(s)\""]) }
        // The reference's table saved first: the key is made once both are there.
        _ = try database.save(trips, as: trips.name)
        _ = try database.save(cities, as: cities.name)
        try database.link(trips, as: trips.name)
        let memory = Engine(collections: [cities, trips])
        func check(_ engine: Engine) throws {
            #expect(try database.tables().first { $0.name == trips.name }?.schema.field("city")?.type == .reference(cities.name))
            try Self.expectSameOnServer(["trips\(s) where city.country == \"armenia\" | select id, days",
                                         "trips\(s) | select id, country = city.country",
                                         "trips\(s) | summarize n = count() by country = city.country | sort country"], engine, memory)
        }
        try check(try Engine().adding(database).engine)
        _ = try database.save(cities, as: cities.name)
        try check(try Engine().adding(database).engine)
        // In memory (bars does not render), the rows a reference names are looked up in the
        // table read once from the server.
        let engine = try Engine().adding(database).engine
        let bars = "trips\(s) | select id, days, country = city.country | bars days"
        #expect(Self.printed(bars, on: engine) == Self.printed(bars, on: memory))
        #expect(Self.printed(bars, on: engine).contains("Armenia"))
    }

    @Test("A back-reference's length is counted on the server when its table takes the place of a collection that has it")
    func backReferenceLength() throws {
        let s = "_\(UInt32.random(in: 0...UInt32.max))"
        let cities = Table(name: "cities\(s)", schema: Schema([Field("name", .string), Field("visits", .references("trips\(s)", via: "city"))]),
                           rows: [["Baku", .null], ["Yerevan", .null], ["Tbilisi", .null]], key: "name")
        let trips = Table(name: "trips\(s)", schema: Schema([Field("id", .int), Field("city", .reference("cities\(s)")), Field("days", .int)]),
                          rows: [[1, "Baku", 3], [2, "Yerevan", 5], [3, "Baku", 2], [4, .null, 1], [5, "baku", 1]], key: "id")
        let memory = Engine(collections: [cities, trips])
        try Self.withSaved([cities, trips], beneath: memory) { engine in
            try Self.expectSameOnServer(["cities\(s) | select name, n = length(visits)",
                                         "cities\(s) where length(visits) > 0 | sort name desc | select name",
                                         "cities\(s) | summarize places = count() by n = length(visits) | sort n"], engine, memory)
            #expect(Self.printed("cities\(s) | select name, n = length(visits)", on: engine) == "{name: \"Baku\", n: 2}\n{name: \"Yerevan\", n: 1}\n{name: \"Tbilisi\", n: 0}")
            // The rows themselves are not a column: such a query runs in memory over the scans.
            #expect(!(try engine.compile("cities\(s) | select name, visits").explain().contains("all on PostgreSQL")))
            #expect(Self.printed("cities\(s) | select name, visits", on: engine) == Self.printed("cities\(s) | select name, visits", on: memory))
        }
    }

    @Test("A foreign key of whole numbers, as users' databases have them, is a reference too")
    func integerForeignKeys() throws {
        let database = try Self.database()
        defer { database.close() }
        let s = "_\(UInt32.random(in: 0...UInt32.max))"
        try database.execute([
            "CREATE TABLE towns\(s) (id int PRIMARY KEY, name text, country text)",
            "CREATE TABLE visits\(s) (id int PRIMARY KEY, town int REFERENCES towns\(s)(id), days int)",
            "INSERT INTO towns\(s) VALUES (1, 'Baku', 'Azerbaijan'), (2, 'Yerevan', 'Armenia')",
            "INSERT INTO visits\(s) VALUES (10, 1, 3), (11, 2, 5), (12, NULL, 1), (13, 2, 2)",
        ])
        defer { try? database.execute(["DROP TABLE visits\(s)", "DROP TABLE towns\(s)"]) }
        let engine = try Engine().adding(database).engine
        #expect(try database.tables().first { $0.name == "visits\(s)" }?.schema.field("town")?.type == .reference("towns\(s)"))
        let towns = Table(name: "towns\(s)", schema: Schema([Field("id", .int), Field("name", .string), Field("country", .string)]),
                          rows: [[1, "Baku", "Azerbaijan"], [2, "Yerevan", "Armenia"]], key: "id")
        let visits = Table(name: "visits\(s)", schema: Schema([Field("id", .int), Field("town", .reference("towns\(s)")), Field("days", .int)]),
                           rows: [[10, 1, 3], [11, 2, 5], [12, .null, 1], [13, 2, 2]], key: "id")
        let memory = Engine(collections: [towns, visits])
        try Self.expectSameOnServer(["visits\(s) where town.country == \"armenia\" | select id, days",
                                     "visits\(s) | summarize n = count() by country = town.country | sort country",
                                     "visits\(s) where town == 2 | count"], engine, memory)
        #expect(Self.printed("visits\(s) where town.country == \"armenia\" | select id", on: engine) == "{id: 11}\n{id: 13}")
        // Followed in memory too, when the query does not render (bars).
        let bars = "visits\(s) | select id, name = town.name, days | bars days"
        #expect(Self.printed(bars, on: engine) == Self.printed(bars, on: memory))
        #expect(Self.printed(bars, on: engine).contains("Yerevan"))
    }

    @Test("Native timestamps and dates become dates, arrays and JSON become values, other types their text")
    func nativeTypes() throws {
        let database = try Self.database()
        defer { database.close() }
        let name = "native_\(UInt32.random(in: 0...UInt32.max))"
        try database.execute([
            "CREATE TABLE \(name) (id int PRIMARY KEY, at timestamptz, day date, naive timestamp, tags text[], doc jsonb, code uuid)",
            "INSERT INTO \(name) VALUES (1, '2021-05-12 10:43:00+00', '2021-05-12', '2021-05-12 10:43:00', ARRAY['a','B'], '{\"k\": [1, 2.5]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, NULL, NULL, NULL, NULL, NULL, NULL)",
        ])
        defer { try? database.execute(["DROP TABLE \(name)"]) }
        let engine = try Engine().adding(database).engine
        #expect(Self.printed("\(name) | head 1", on: engine)
            == "{id: 1, at: @2021-05-12T10:43:00Z, day: @2021-05-12, naive: @2021-05-12T10:43:00Z, tags: [\"a\", \"B\"], doc: {k: [1, 2.5]}, code: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"}")
        // Dates compare as intervals on the server: the day lies inside May, the instant in the day.
        #expect(Self.printed("\(name) where day == @2021-05 and at == @2021-05-12 | select id", on: engine) == "{id: 1}")
        #expect(try engine.compile("\(name) where day == @2021-05 | select id").explain().contains("PostgreSQL"))
        #expect(Self.printed("\(name) where length(tags) == 2 | select id, tags", on: engine) == "{id: 1, tags: [\"a\", \"B\"]}")
    }

    @Test("A key whose collation is not code point order still breaks ties as in memory; a C one keeps its index")
    func keyCollation() throws {
        let database = try Self.database()
        defer { database.close() }
        let s = "_\(UInt32.random(in: 0...UInt32.max))"
        // ICU's root collation puts "a" before "B" and ignores the hyphen of "a-2"; code point
        // order is "B", "a-2", "a1", "b".
        try database.execute([
            "CREATE TABLE icu\(s) (id text COLLATE \"und-x-icu\" PRIMARY KEY, v int, who text)",
            "CREATE TABLE plain\(s) (id text COLLATE \"C\" PRIMARY KEY, v int)",
            "INSERT INTO icu\(s) VALUES ('a1', 1, 'x'), ('B', 1, 'X'), ('b', 2, 'x'), ('a-2', 1, 'x')",
        ])
        defer { try? database.execute(["DROP TABLE icu\(s)", "DROP TABLE plain\(s)"]) }
        let tables = try database.tables()
        #expect(tables.first { $0.name == "icu\(s)" }?.keyOrderIsBinary == false)
        #expect(tables.first { $0.name == "plain\(s)" }?.keyOrderIsBinary == true)
        let engine = try Engine().adding(database).engine
        // The same rows in memory, in the order of their key.
        let memory = Engine(collections: [Table(name: "icu\(s)", schema: Schema([Field("id", .string), Field("v", .int), Field("who", .string)]),
                                                rows: [["B", 1, "X"], ["a-2", 1, "x"], ["a1", 1, "x"], ["b", 2, "x"]], key: "id")])
        try Self.expectSameOnServer(["icu\(s) | head 2 | select id", "icu\(s) | sort v | select id",
                                     "icu\(s) | summarize n = count(), first = first(id) by who", "icu\(s) | unique v | select id"],
                                    engine, memory)
        #expect(Self.printed("icu\(s) | sort v | select id", on: engine) == "{id: \"B\"}\n{id: \"a-2\"}\n{id: \"a1\"}\n{id: \"b\"}")
        #expect(Self.printed("icu\(s) | summarize n = count() by who", on: engine) == "{who: \"X\", n: 4}")
        // Scanned to run in memory (bars does not render): the rows still come in code point order.
        #expect(Self.printed("icu\(s) | select id, v | bars v", on: engine).hasPrefix("{label: \"B\""))
    }

    @Test("A summary sorted by its keys spells each group as its first row does, looking up only keys written more than one way")
    func summarySortedByItsKeys() throws {
        // Each key written several ways has its first spelling neither the smallest nor the largest.
        let spellings = Table(name: Self.unique("spellings"), schema: Schema([Field("id", .int), Field("who", .string), Field("v", .int)]),
                              rows: [[1, "Armenia", 1], [2, "AzerBaijan", 2], [3, "ARMENIA", 3], [4, "azerbaijan", 4], [5, .null, 5],
                                     [6, "Iran", 6], [7, "armenia", 7], [8, "Iran", 8], [9, "AZERBAIJAN", 9], [10, "Turkey", 10]], key: "id")
        let memory = Engine(collections: [spellings])
        let t = spellings.name
        try Self.withSaved([spellings]) { engine in
        try Self.expectSameOnServer(["\(t) | summarize n = count(), total = sum(v) by who | sort n desc, who",
                                     "\(t) | summarize n = count() by who | sort who desc",
                                     "\(t) | summarize n = count() by who | sort n desc, who | head 2",
                                     "\(t) | summarize n = count() by who | sort n",
                                     "\(t) | summarize n = count() by who, v | sort who, v",
                                     "\(t) | summarize n = count(), f = first(id) by who | sort who",
                                     "\(t) where v > 3 | summarize n = count() by who | sort n desc, who"], engine, memory)
        #expect(Self.printed("\(t) | summarize n = count(), total = sum(v) by who | sort n desc, who", on: engine)
                == "{who: \"Armenia\", n: 3, total: 11}\n{who: \"AzerBaijan\", n: 3, total: 15}\n{who: \"Iran\", n: 2, total: 14}\n{who: null, n: 1, total: 5}\n{who: \"Turkey\", n: 1, total: 10}")
        // Without the key among the sort's, ties keep the order of the groups' first rows.
        #expect(Self.printed("\(t) | summarize n = count() by who | sort n", on: engine).hasPrefix("{who: null, n: 1}\n{who: \"Turkey\", n: 1}"))
        }
    }

    @Test("Text is counted, cut and searched in code points on the server as in memory")
    func codePoints() throws {
        let texts = Table(name: Self.unique("texts"), schema: Schema([Field("id", .int), Field("t", .string)]),
                          rows: [[1, "e\u{301}t\u{e9}"], [2, "a\r\nb"], [3, "🇦🇲 flag"], [4, "Xankəndi"]], key: "id")
        try Self.withSaved([texts]) { engine in
            try Self.expectSameOnServer(["\(texts.name) | select id, n = length(t), cut = substring(t, 1, 3), at = indexOf(t, \"b\")",
                                         "\(texts.name) where length(t) == 4 | select id"], engine, Engine(collections: [texts]))
            #expect(Self.printed("\(texts.name) | select n = length(t)", on: engine) == "{n: 4}\n{n: 4}\n{n: 7}\n{n: 8}")
        }
    }

    @Test("year, month, day and decade of a date are counted on the server as in memory: null when the interval spans two")
    func calendarParts() throws {
        let span = CivilCalendar.dayNumber(year: 2020, month: 12, day: 30)
        let dates: [Value] = [.date(.day(2021, 5, 12)), .date(.month(2021, 2)), .date(.year(1969)), .date(.decade(1920)),
                              .date(.century(1900)), .date(QuarryDate(start: span, end: span + 3, precision: .range)),
                              .date(.instant(secondsSince1970: -1)), .date(.instant(secondsSince1970: 86_399)),
                              .date(.day(1, 1, 1)), .date(.day(0, 12, 31)), .date(.years(2009, 2010)), .null]
        let table = Table(name: Self.unique("dated"), schema: Schema([Field("id", .int), Field("d", .date)]),
                          rows: dates.enumerated().map { [.int($0.offset), $0.element] }, key: "id")
        try Self.withSaved([table]) { engine in
            try Self.expectSameOnServer(["\(table.name) | select id, y = year(d), m = month(d), day = day(d), c = decade(d)",
                                         "\(table.name) | summarize n = count() by c = decade(d) | sort c",
                                         "\(table.name) where year(d) >= 1969 and month(d) == null | select id"], engine, Engine(collections: [table]))
            #expect(Self.printed("\(table.name) where id == 9 | select y = year(d), m = month(d), day = day(d)", on: engine) == "{y: 0, m: 12, day: 31}")
        }
    }

    @Test("Keys of other types: a uuid key orders by its text, a whole-number key that is also a foreign key by value, both ways")
    func otherKeys() throws {
        let database = try Self.database()
        defer { database.close() }
        let s = "_\(UInt32.random(in: 0...UInt32.max))"
        try database.execute([
            "CREATE TABLE people\(s) (id bigint PRIMARY KEY, name text)",
            "CREATE TABLE profiles\(s) (person bigint PRIMARY KEY REFERENCES people\(s), bio text)",
            "CREATE TABLE things\(s) (id uuid PRIMARY KEY, v int)",
            "INSERT INTO people\(s) VALUES (1, 'a'), (2, 'b'), (10, 'c')",
            "INSERT INTO profiles\(s) VALUES (10, 'x'), (2, 'x'), (1, 'y')",
            "INSERT INTO things\(s) VALUES ('b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 1), ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 1)",
        ])
        defer { try? database.execute(["DROP TABLE profiles\(s)", "DROP TABLE people\(s)", "DROP TABLE things\(s)"]) }
        let engine = try Engine().adding(database).engine
        // Ties by the key: 2 before 10 (by value), "a0…" before "b0…" (by text).
        let profiles = "profiles\(s) | sort bio | select bio, name = person.name"
        #expect(Self.printed(profiles, on: engine) == "{bio: \"x\", name: \"b\"}\n{bio: \"x\", name: \"c\"}\n{bio: \"y\", name: \"a\"}")
        // Scanned (bars does not render): by value too, 1, 2, 10 (as text: 1, 10, 2).
        let scanned = Self.printed("profiles\(s) | select name = person.name, bio | bars length(bio)", on: engine)
        #expect(scanned.split(separator: "\n").map { $0.prefix(10) } == ["{label: \"a", "{label: \"b", "{label: \"c"], "\(scanned)")
        let things = "things\(s) | sort v | select id"
        #expect(Self.printed(things, on: engine).hasPrefix("{id: \"a0eebc99"))
        // Scanned (bars does not render): the same order.
        #expect(Self.printed("things\(s) | select id, v | bars v", on: engine).hasPrefix("{label: \"a0eebc99"))
        #expect(try engine.compile(things).explain().contains("all on PostgreSQL"))
    }

    @Test("A table without a primary key is ordered by where its rows are stored, on the server and when scanned; a view is not rendered")
    func tableWithoutKey() throws {
        let database = try Self.database()
        defer { database.close() }
        let s = "_\(UInt32.random(in: 0...UInt32.max))"
        try database.execute([
            "CREATE TABLE loose\(s) (name text, n int)",
            "INSERT INTO loose\(s) VALUES ('b', 2), ('a', 1), ('B', 2), ('c', NULL), ('a', 1)",
            "CREATE VIEW looseview\(s) AS SELECT * FROM loose\(s)",
        ])
        defer { try? database.execute(["DROP VIEW looseview\(s)", "DROP TABLE loose\(s)"]) }
        let engine = try Engine().adding(database).engine
        let memory = Engine(collections: [Table(name: "loose\(s)", schema: Schema([Field("name", .string), Field("n", .int)]),
                                                rows: [["b", 2], ["a", 1], ["B", 2], ["c", .null], ["a", 1]])])
        try Self.expectSameOnServer(["loose\(s) | sort n desc", "loose\(s) | summarize k = count() by name", "loose\(s) | unique n | tail 2",
                                     "loose\(s) where n >= 2 | select name", "loose\(s) | count name"], engine, memory)
        #expect(Self.printed("loose\(s) | summarize k = count() by name", on: engine) == "{name: \"b\", k: 2}\n{name: \"a\", k: 2}\n{name: \"c\", k: 1}")
        // Scanned into memory (bars does not render), in the same order.
        let bars = "loose\(s) | select name, n | bars n"
        #expect(Self.printed(bars, on: engine) == Self.printed(bars, on: memory))
        let view = "looseview\(s) | sort n desc"
        #expect(throws: SQLRefusal.self) { try engine.compile(view).sql(dialect: PostgreSQLDialect()) }
        #expect(Self.printed(view, on: engine).contains("name"))
    }

    @Test("Numerics read as numbers, whole or not: a sum of whole numbers comes back numeric, in binary")
    func numerics() throws {
        let database = try Self.database()
        defer { database.close() }
        let name = "numerics_\(UInt32.random(in: 0...UInt32.max))"
        try database.execute([
            "CREATE TABLE \(name) (id bigint PRIMARY KEY, price numeric, count numeric(12, 0))",
            "INSERT INTO \(name) VALUES (1, 1.5, 7), (2, NULL, 12345678901), (3, -0.25, NULL)",
        ])
        defer { try? database.execute(["DROP TABLE \(name)"]) }
        let engine = try Engine().adding(database).engine
        #expect(Self.printed("\(name) | summarize total = sum(id), price = sum(price), n = max(count)", on: engine)
            == "{total: 6, price: 1.25, n: 12345678901.0}")
        #expect(Self.printed("\(name) | select id, price | tail 1", on: engine) == "{id: 3, price: -0.25}")
    }

    @Test("A collection saved out of its key's order keeps its rows' places; `any` reads the database's tables too")
    func savedOrderAndAny() throws {
        let database = try Self.database()
        defer { database.close() }
        let s = "_\(UInt32.random(in: 0...UInt32.max))"
        let towns = Table(name: "towns\(s)", schema: Schema([Field("name", .string), Field("size", .int)]),
                          rows: [["Syunik", 2], ["Baku", 3], ["Gyumri", 2]], key: "name")
        let sorted = Table(name: "sorted\(s)", schema: Schema([Field("id", .int), Field("size", .int)]), rows: [[1, 5], [2, 6]], key: "id")
        // A schema of its own: `any` reads every table there is.
        try database.execute(["CREATE SCHEMA order\(s)", "SET search_path TO order\(s)"])
        defer { try? database.execute(["SET search_path TO public", "DROP SCHEMA order\(s) CASCADE"]) }
        _ = try database.save(towns, as: towns.name)
        _ = try database.save(sorted, as: sorted.name)
        let tables = try database.tables()
        // The place is kept apart from the fields, and only when the key's order is not the rows'.
        #expect(tables.first { $0.name == towns.name }?.schema.fields.map(\.name) == ["name", "size"])
        #expect(tables.first { $0.name == towns.name }?.placeColumn == PostgresTable.rowPlaceColumn)
        #expect(tables.first { $0.name == sorted.name }?.placeColumn == nil)
        let engine = try Engine().adding(database).engine
        let memory = Engine(collections: [towns])
        for query in ["towns\(s) where true", "towns\(s) | sort size | select name", "towns\(s) | head 2", "towns\(s) | summarize n = count() by size",
                      "towns\(s) | select name, size | bars size"] {
            #expect(Self.printed(query, on: engine) == Self.printed(query, on: memory), "\(query)")
        }
        #expect(Self.printed("towns\(s) | sort size | select name", on: engine) == "{name: \"Syunik\"}\n{name: \"Gyumri\"}\n{name: \"Baku\"}")
        // `any`: every collection, the database's tables among them, scanned.
        let any = Self.printed("any where size == 6 or name == \"baku\"", on: engine)
        #expect(any.contains("Baku") && any.contains("6"), "\(any)")
    }

    @Test("--timeout stops a scan on the server too, when the query does not render whole")
    func timeoutStopsTheServer() throws {
        let database = try Self.database()
        defer { database.close() }
        let name = "slow_\(UInt32.random(in: 0...UInt32.max))"
        // A view has no primary key, so the query cannot run on the server: Quarry scans it.
        try database.execute(["CREATE VIEW \(name) AS SELECT g AS n, pg_sleep(1)::text AS s FROM generate_series(1, 20) AS g"])
        defer { try? database.execute(["DROP VIEW \(name)"]) }
        var engine = try Engine().adding(database).engine
        engine.limits.timeout = .milliseconds(300)
        let started = ContinuousClock.now
        let printed = Self.printed("\(name) | count", on: engine)
        #expect(printed.contains("time limit"), "\(printed)")
        #expect(ContinuousClock.now - started < .seconds(5), "the server was not stopped")
        // The connection still answers afterwards.
        #expect(Self.printed("\(name) | head 0 | count", on: engine).contains("totals"))
    }

    @Test("A server that is not there, a bad URL and a missing table each fail with a sentence")
    func failures() throws {
        #expect(throws: PostgresFailure.self) { try PostgresAddress(url: "mysql://x") }
        do {
            _ = try PostgresDatabase.connect(try PostgresAddress(url: "postgresql://nobody@127.0.0.1:1/none"))
            Issue.record("connected to nothing")
        } catch {
            #expect("\(error)".contains("cannot connect to nobody@127.0.0.1:1/none: connection refused: no server is listening there"), "\(error)")
        }
        let database = try Self.database()
        defer { database.close() }
        do {
            try database.execute(["SELECT * FROM no_such_table"])
            Issue.record("a missing table answered")
        } catch {
            #expect("\(error)".contains("no_such_table"))
        }
    }
}

/// A database table under another collection name (the tests save under fresh names).
struct Renamed: SQLTableSource {
    let table: PostgresTable
    let name: String
    init(_ table: PostgresTable, as name: String) {
        self.table = table
        self.name = name
    }
    var schema: Schema { table.schema }
    var key: String? { table.key }
    var tableName: String { table.tableName }
    func scan(_ request: ScanRequest) throws -> [[Value]] { try table.scan(request) }
}
