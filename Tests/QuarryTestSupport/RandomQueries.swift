import Quarry

/// Random tables and random queries over them, for tests that run one query several ways (the
/// execution modes; in memory and in a database) and compare. Deterministic for a seed.
public struct RandomQueries: Sendable {
    /// SplitMix64.
    public struct Generator {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        public mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
        public mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    }

    /// A column of the random tables: its field, how to make a value, and literals to test it with.
    public struct Column: Sendable {
        public var field: Field
        var make: @Sendable (inout Generator) -> Value
        var literals: [String]
        /// The parameter a test of this column may use.
        var parameter: String
        /// Whole conditions on the column, besides the comparisons every column gets.
        var conditions: [String] = []
    }

    /// Text with case variants, non-ASCII letters, and `%`, `_`, `*` and `\` in it.
    static let words: [Value] = ["Azerbaijan", "azerbaijan", "AZERBAIJAN", "Armenia", "Ärmenia", "50%", "a_b", "ab",
                                 "C:\\temp", "*", "x*y", "Straße", "", "border clash", "Border Clash 2", .null]

    public static let text = Column(field: Field("s", .string), make: { g in g.pick(words) },
        literals: [#""azerbaijan""#, #""Armenia""#, #""*baijan""#, #""a*""#, #""*%*""#, #""a_b""#, #""*""#, #""""#, #""b""#], parameter: "text")
    public static let whole = Column(field: Field("n", .int), make: { g in g.chance(12) ? .null : .int(g.next(40) - 10) },
        literals: ["3", "0", "-5", "7.5", "20", "-0"], parameter: "number")
    public static let real = Column(field: Field("x", .double), make: { g in g.chance(12) ? .null : .double(Double(g.next(200)) / 4 - 10) },
        literals: ["0", "1.25", "-3", "10"], parameter: "number")
    public static let date = Column(field: Field("d", .date), make: { g in
        let year = 2015 + g.next(8)
        return g.pick([.date(.day(year, 1 + g.next(12), 1 + g.next(28))), .date(.month(year, 1 + g.next(12))), .date(.year(year)), .null])
    }, literals: ["@2019", "@2020-06", "@2018-03-15", #""2021""#], parameter: "date")
    public static let level = Column(field: Field("level", .string), make: { g in g.chance(10) ? .null : .string(g.pick(["low", "high", "High", "mid"])) },
        literals: [#""high""#, #""HIGH""#, #""l*""#, #""mid""#], parameter: "text")
    public static let mixed = Column(field: Field("m", .any), make: { g in g.pick([.int(g.next(5)), .string("m\(g.next(5))"), .null]) },
        literals: ["3", #""m3""#, "null"], parameter: "number")

    /// Lists of words: arrays, searched, indexed and counted.
    public static let tags = Column(field: Field("tags", .array(.any)), make: { g in
        g.chance(10) ? .null : .array((0..<g.next(4)).map { _ in g.pick(words) })
    }, literals: [#""ab""#, "3"], parameter: "text", conditions: [
        #"arrayContains(tags, "azerbaijan")"#, #"arrayContains(tags, "*", null)"#, #"tags[0] == "armenia""#, #"tags[-1] == "a*""#,
        "length(tags) > 1", "length(tags) == 0", #"arraySearch(tags, w, w == "*a*")"#, #"arrayCount(tags, w, length(w) > 3) >= 2"#,
        "tags[1] == null", "tags", "not tags", #"startsWith(tags[0], "b")"#,
    ])
    /// Records: fields read by name, and arrays of them.
    public static let record = Column(field: Field("r", .any), make: { g in
        switch g.next(4) {
        case 0: return .null
        case 1: return .record(Record(names: ["k", "v"], values: [g.pick(words), g.chance(20) ? .null : .int(g.next(6))]))
        case 2: return .array([.record(Record(names: ["k"], values: [g.pick(words)])), .string("plain")])
        default: return g.pick([.int(g.next(3)), .string("r\(g.next(3))"), .bool(g.chance(50))])
        }
    }, literals: ["1", #""r1""#, "true"], parameter: "number", conditions: [
        "r.v > 2", #"r.k == "armenia""#, #"r.k[0] == "Azerbaijan""#, "r.v == null", #"r["v"] >= 1"#, "length(r) == 2", "r",
        #"r.K == "ab""#, #"r["V"] < 3"#, "r.v == 9007199254740993", #"r.k in ("a_b", "*", 3)"#,
    ])

    /// Every kind of column the in-memory engine stores.
    public static let everyKind = [text, whole, real, date, level, mixed]
    /// The columns with one SQL type each (a date is an interval, stored as three columns).
    public static let sqlTyped = [text, whole, real, date, level]

    /// Values for the parameters the queries use.
    public static let parameters: [String: Value] = ["text": "Azerbaijan", "number": 3, "date": .date(.year(2019))]

    public let columns: [Column]
    public init(columns: [Column]) { self.columns = columns }

    /// A table `t` of `rows` rows: `id` (its key, 0, 1, …) and the columns.
    public func table(rows: Int, _ g: inout Generator) -> Table {
        var values = [[Value]](repeating: [], count: columns.count + 1)
        for i in 0..<rows {
            values[0].append(.int(i))
            for (c, column) in columns.enumerated() { values[c + 1].append(column.make(&g)) }
        }
        return Table(name: "t", schema: Schema([Field("id", .int)] + columns.map(\.field)), columns: values, key: "id")
    }

    /// A condition: field tests against literals or parameters, null tests, `in`, a function
    /// call now and then, joined by `and`, `or` and `not`.
    public func condition(_ depth: Int, _ g: inout Generator) -> String {
        if depth > 0 && g.chance(40) {
            let op = g.pick(["and", "or"])
            let parts = (0..<(2 + g.next(2))).map { _ in condition(depth - 1, &g) }
            let joined = parts.joined(separator: " \(op) ")
            return g.chance(25) ? "not (\(joined))" : "(\(joined))"
        }
        let column = g.pick(columns)
        let field = column.field.name
        if !column.conditions.isEmpty && g.chance(50) { return g.pick(column.conditions) }
        switch g.next(10) {
        case 0: return "\(field) \(g.pick(["==", "!="])) null"
        case 1: return "\(field) \(g.pick(["in", "not in"])) (\(g.pick(column.literals)), \(g.pick(column.literals)))"
        case 2: return "length(s) \(g.pick([">", "<="])) \(g.next(8))"
        case 3: return "\(field) == $\(column.parameter)"
        case 4: return "\(g.pick(column.literals)) \(g.pick(["<", ">=", "==", "!="])) \(field)"
        default: return "\(field) \(g.pick(["==", "!=", "<", "<=", ">", ">=", "="])) \(g.pick(column.literals))"
        }
    }

    /// A query: `t`, a `where` most of the time, then up to three pipes.
    public func query(_ g: inout Generator) -> String {
        var parts = ["t"]
        if g.chance(80) { parts[0] += " where " + condition(2, &g) }
        let fields = columns.map(\.field.name)
        var shaped = false  // after select, summarize or count the fields differ
        for _ in 0..<g.next(4) where !shaped {
            let field = g.pick(fields + ["id"])
            switch g.next(9) {
            case 0: parts.append("filter " + condition(1, &g))
            case 1: parts.append("sort \(field)\(g.chance(50) ? " desc" : ""), \(g.pick(fields))")
            case 2: parts.append("head \(g.next(30))")
            case 3: parts.append("tail \(g.next(30))")
            case 4: parts.append("unique \(g.pick(fields))")
            case 5:
                parts.append("count" + (g.chance(60) ? " \(g.pick(fields))" : ""))
                shaped = true
            case 6:
                let folds = ["n = count()", "total = sum(n)", "low = min(\(g.pick(fields)))", "high = max(\(g.pick(fields)))",
                             "mean = avg(x)", "kinds = distinct(s)", "names = values(s)", "sizes = values(n)"]
                // Text keys and counts more often than the rest: grouping text without regard to case
                // by partial counts is where the SQL differs most from memory.
                let key = g.chance(70) ? g.pick(fields + ["s"]) : nil
                let second = g.pick(["c = count()", "c = count()", "f = first(id)", "l = last(s)"])
                parts.append("summarize \(g.pick(folds)), \(second)" + (key.map { " by \($0)" } ?? ""))
                // Sorted by the key, the groups' own order breaks no tie; by an aggregate alone, it does.
                if let key, g.chance(50) {
                    let other = second.prefix(1)
                    parts.append(g.pick(["sort \(other) desc, \(key)", "sort \(key) desc", "sort \(other)"]))
                }
                shaped = true
            case 7:
                parts.append("select id, \(field == "id" ? "s" : field), k = n * 2, h = n / 3, r = x % 2")
                shaped = true
            default:
                parts.append("sort \(field) | head \(g.next(15))")
            }
        }
        return parts.joined(separator: " | ")
    }
}
