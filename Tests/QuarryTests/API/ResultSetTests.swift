import Quarry
import Testing

/// A table as a host reads it: rows of the stored fields, in order.
@Suite("Result sets")
struct ResultSetTests {
    @Test("A table's rows, cell by cell in field order; an empty table has none")
    func rowsOfATable() {
        let schema = Schema([Field("id", .int), Field("name", .string), Field("deaths", .int)])
        let rows: [[Value]] = [[1, "Baku", .null], [2, "Yerevan", 3], [3, "Stepanakert", 0]]
        let result = ResultSet(.table(Table(name: "cities", schema: schema, rows: rows)))
        #expect(result.name == "cities")
        #expect(result.columns == ["id", "name", "deaths"])
        #expect(result.rows == rows)
        #expect(ResultSet(.table(Table(name: "none", schema: schema, rows: []))).rows.isEmpty)
    }

    @Test("A value that is not a table is one row of one column")
    func aSingleValue() {
        let result = ResultSet(.int(7))
        #expect(result.columns == ["value"])
        #expect(result.rows == [[.int(7)]])
    }
}
