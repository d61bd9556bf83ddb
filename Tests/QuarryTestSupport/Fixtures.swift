@_spi(Testing) import Quarry

/// Two small collections every language golden file can query.
public enum Fixtures {
    public static let cities = Table(
        name: "cities",
        schema: Schema([
            Field("name", .string), Field("country", .string), Field("population", .int),
            Field("capital_since", .date), Field("tags", .array(.string)),
            Field("trips", .references("trips", via: "city")),
        ]),
        rows: [
            ["Baku", "Azerbaijan", 2_300_000, .date(.day(1918, 5, 28)), ["capital", "port"], nil],
            ["Yerevan", "Armenia", 1_090_000, .date(.month(1918, 5)), ["capital"], nil],
            ["Tbilisi", "Georgia", 1_200_000, .date(.year(1936)), ["capital"], nil],
            ["Ganja", "Azerbaijan", 335_000, nil, [], nil],
            ["Gyumri", "Armenia", 112_000, nil, ["historic"], nil],
        ],
        key: "name")

    public static let trips = Table(
        name: "trips",
        schema: Schema([
            Field("id", .int), Field("city", .reference("cities")), Field("traveler", .string), Field("start", .date),
            Field("days", .int), Field("cost", .double), Field("note", .string),
        ]),
        rows: [
            [1, "Baku", "Ana", .date(.day(2021, 5, 12)), 3, 450.5, "conference"],
            [2, "Yerevan", "ana", .date(.month(2021, 5)), 5, nil, nil],
            [3, "Tbilisi", "Ben", .date(.year(2020)), 2, 120.0, "Wine tour"],
            [4, "Ganja", "Chloe", .date(.day(2021, 11, 30)), 1, 80.25, ""],
            [5, "Baku", "Ben", .date(.day(2019, 12, 31)), 10, 900.0, "C:\\temp"],
            [6, "Gyumri", "Dara", .date(.decade(1920)), nil, nil, nil],
        ],
        key: "id")

    public static let engine = Engine(collections: [cities, trips])
    /// The engine each way it can run a query (kernels, rows only, every column encoded).
    @_spi(Testing) public static let engines = ExecutionMode.allCases.map { ($0, engine.executing($0)) }
}

