import Foundation
import Quarry
import Testing

@Suite("Reading users' files into collections")
struct DataReaderTests {
    private func load(_ text: String, _ format: DataFormat? = nil, file: String = "data.csv", schema: [String: LoadedType] = [:]) throws(DataLoadError) -> LoadedTable {
        try Table.load(data: Data(text.utf8), name: "t", file: file, options: LoadOptions(format: format, schema: schema))
    }

    private func rows(_ table: Table) -> [[String]] {
        (0..<table.count).map { r in table.columns.map { $0[r].description } }
    }

    @Test("A unique id-like column is the key; the rows stay in the file's order, which says whether they follow it")
    func keyOrder() throws {
        let table = try load("id,actor\n3,c\n1,a\n2,b\n").table
        #expect(table.keyColumn == 0)
        #expect(rows(table) == [["3", "c"], ["1", "a"], ["2", "b"]])
        #expect(!table.rowsFollowKey)
        #expect(try load("id,actor\n1,c\n2,a\n").table.rowsFollowKey)
        // Text keys by code point: "B" before "a", as a C.UTF-8 database has them.
        let text = try Table.load(data: Data("key,n\na,1\nB,2\nab,3\n".utf8), name: "t", options: LoadOptions(key: "key")).table
        #expect(rows(text).map { $0[0] } == ["B", "a", "ab"])
        #expect(text.rowsFollowKey)
        // An id that repeats is no key, and the rows stay as they were.
        let repeated = try load("id,n\n2,1\n1,2\n2,3\n").table
        #expect(repeated.keyColumn == nil)
        #expect(rows(repeated).map { $0[1] } == ["1", "2", "3"])
    }

    @Test("A key named when loading must identify every row, and puts the rows in its order; the error says which row does not")
    func namedKey() throws {
        let options = { (key: String) in LoadOptions(key: key) }
        let table = try Table.load(data: Data("code,n\nz,1\ny,2\n".utf8), name: "t", file: "k.csv", options: options("code")).table
        #expect(table.keyColumn == 0)
        #expect(rows(table).map { $0[0] } == ["y", "z"])
        for (text, key, reason) in [("code,n\nz,1\nz,2\n", "code", "the key 'code' repeats the value \"z\" (row 2)"),
                                    ("code,n\nz,1\n,2\n", "code", "the key 'code' has no value in row 2"),
                                    ("code,n\nz,1\n", "nope", "the key 'nope' is not a column; the columns: code, n"),
                                    ("d,n\n2021-01-02,1\n", "d", "the key 'd' holds date values; a key is whole numbers, numbers or text")] {
            let error = #expect(throws: DataLoadError.self) {
                try Table.load(data: Data(text.utf8), name: "t", file: "k.csv", options: options(key))
            }
            #expect(error?.reason == reason)
        }
    }

    @Test("CSV: quoted delimiters, doubled quotes, line breaks in quotes, CRLF and a byte order mark")
    func csvEdgeCases() throws {
        let text = "\u{FEFF}id,name,note\r\n1,\"Baku, Azerbaijan\",\"said \"\"no\"\"\"\r\n2,Yerevan,\"two\nlines\"\r\n3,,\r\n"
        let table = try load(text).table
        #expect(table.schema.fields.map(\.name) == ["id", "name", "note"])
        #expect(table.schema.fields.map(\.type) == [.int, .string, .string])
        #expect(rows(table) == [["1", "Baku, Azerbaijan", "said \"no\""], ["2", "Yerevan", "two\nlines"], ["3", "null", "null"]])
    }

    @Test("Types are inferred and widened: whole numbers and numbers make floats, anything else text")
    func inference() throws {
        let table = try load("a,b,c,d,e\n1,1,2021-05-12,true,x\n2,2.5,2021-05-13T10:00:00Z,false,1\n").table
        #expect(table.schema.fields.map(\.type) == [.int, .double, .date, .bool, .string])
        #expect(rows(table)[1] == ["2", "2.5", "2021-05-13T10:00:00Z", "false", "1"])
    }

    @Test("Timestamps keep their time of day, in UTC, whatever zone they were written in")
    func timestamps() throws {
        let table = try load("at\n2021-05-12T10:43:00Z\n2021-05-12 10:43\n2021-05-12T23:30:00+02:00\n2021-05-12T10:43:07.250-05:00\n2021-05-13\n").table
        #expect(table.schema.fields.map(\.type) == [.date])
        #expect(rows(table).map { $0[0] } == ["2021-05-12T10:43:00Z", "2021-05-12T10:43:00Z", "2021-05-12T21:30:00Z", "2021-05-12T15:43:07Z", "2021-05-13"])
        let bad = #expect(throws: DataLoadError.self) { try load("at\n2021-05-12T10:43:00Z\n2021-05-12T25:00:00Z\n", schema: ["at": .date]) }
        #expect(bad?.line == 3)
    }

    @Test("A value that disagrees late in a big file widens its column, and every value is kept")
    func lateWidening() throws {
        var text = "n,s\n"
        for i in 0..<5000 { text += "\(i),\(i)\n" }
        text += "3.5,abc\n"
        let table = try load(text).table
        #expect(table.schema.fields.map(\.type) == [.double, .string])
        #expect(table.count == 5001)
        #expect(table.columns[1][4999] == .string("4999") && table.columns[1][5000] == .string("abc"))
        #expect(table.columns[0][5000] == .double(3.5))
    }

    @Test("A file big enough to be read on both cores gives the same rows as one read whole")
    func parallelChunks() throws {
        var text = "id,place,note,when\n"
        for i in 0..<40000 { text += "\(i),Place \(i % 97),\"a note, with \"\"quotes\"\"\nand a break \(i % 13)\",2021-05-\(10 + i % 19)\n" }
        let table = try load(text).table
        #expect(table.count == 40000)
        #expect(table.columns[1][39999] == .string("Place \(39999 % 97)"))
        #expect(table.columns[2][20001] == .string("a note, with \"quotes\"\nand a break \(20001 % 13)"))
        #expect(table.columns[3][123].description == "2021-05-\(10 + 123 % 19)")
        #expect(table.schema.fields.map(\.type) == [.int, .string, .string, .date])
    }

    @Test("Problems name the file, the line and the reason", arguments: [
        ("id,actor\n1,AZE\n2,\"ARM\n", "data.csv:3: a quoted field is never closed"),
        ("id,actor,year\n1,AZE,2021\n2,ARM\n", "data.csv:3: 2 fields where the header has 3"),
        ("id,id,name\n1,2,x\n", "data.csv:1: the header names 'id' twice (columns 1 and 2)"),
        ("id,,name\n1,2,x\n", "data.csv:1: column 2 of the header has no name"),
        ("id,note\n1,\"a\"b\n", "data.csv:2: text after a closing quote; a quote inside a quoted field is written twice"),
    ])
    func csvErrors(_ text: String, _ message: String) {
        #expect(throws: DataLoadError.self) { try load(text) }
        do { _ = try load(text) } catch { #expect(error.description == message) }
    }

    @Test("Line numbers count from the start of the file on the second core too")
    func lineNumbersInLaterChunks() throws {
        var text = "id,name\n"
        for i in 0..<60000 { text += "\(i),name number \(i) of many\n" }
        text += "60000\n"
        do { _ = try load(text); Issue.record("expected an error") } catch {
            #expect(error.description == "data.csv:60002: 1 field where the header has 2")
        }
    }

    @Test("A byte that is not UTF-8 on the second core is found, with its line")
    func invalidUTF8InLaterChunk() throws {
        var bytes = Array("id,name\n".utf8)
        for i in 0..<60000 { bytes += Array("\(i),name number \(i) of many\n".utf8) }
        bytes += Array("60000,caf".utf8) + [0xE9] + Array("\n60001,ok\n".utf8)
        do { _ = try Table.load(data: Data(bytes), name: "t", file: "data.csv"); Issue.record("expected an error") } catch {
            #expect(error.description == "data.csv:60002: not UTF-8 text")
        }
    }

    @Test("A declared schema wins, and a value that does not fit it is an error with its column")
    func schema() throws {
        let table = try load("code,fatalities\n007,3\n010,\n", schema: ["code": .string, "fatalities": .float]).table
        #expect(rows(table) == [["007", "3.0"], ["010", "null"]])
        do { _ = try load("a\nx\n", schema: ["a": .int]) } catch {
            #expect(error.description == "data.csv:2: column 'a': 'x' is not an int")
        }
        #expect(try LoadOptions.schema(parsing: "event_date:date, fatalities:int") == ["event_date": .date, "fatalities": .int])
        #expect(throws: DataLoadError.self) { try LoadOptions.schema(parsing: "a:number,b:decimal") }
    }

    @Test("JSON Lines and arrays: keys in first-seen order, missing keys null, escapes decoded, nesting kept")
    func json() throws {
        let lines = #"{"id": 1, "actor": "AZE", "when": "2021-05-12", "tags": ["a", "b"]}"# + "\n\n" + #"{"id": 2, "note": "caf\u00e9 \"x\"", "actor": "ARM", "when": "2021-05-13"}"# + "\n"
        let table = try load(lines, file: "data.jsonl").table
        #expect(table.schema.fields.map(\.name) == ["id", "actor", "when", "tags", "note"])
        #expect(table.schema.fields.map(\.type) == [.int, .string, .date, .any, .string])
        #expect(table.columns[4][1] == .string("café \"x\"") && table.columns[4][0] == .null)
        #expect(table.columns[3][0] == .array([.string("a"), .string("b")]))
        let array = try load(#"[{"id": 1, "x": 1.5}, {"id": 2, "x": 2}]"#, file: "data.json").table
        #expect(array.schema.fields.map(\.type) == [.int, .double] && array.columns[1][1] == .double(2))
    }

    @Test("A whole number beyond 64 bits is the nearest float, with a warning naming file:line:column")
    func bigIntegers() throws {
        let loaded = try load(#"[{"n": 18446744073709551615}, {"n": 1}]"#, file: "big.json")
        #expect(loaded.table.columns[0][0] == .double(18446744073709551615))
        #expect(loaded.warnings.map(\.description) == ["big.json:1:n: a whole number beyond 64 bits, read as the nearest float"])
        let csv = try load("n\n99999999999999999999\n")
        #expect(csv.table.columns[0][0] == .double(1e20) && csv.warnings.first?.line == 2)
    }

    @Test("Malformed JSON is reported with its line, arrays too", arguments: [
        ("[{\"id\": 1},\n{\"id\": 2,,}]", "data.json:2: malformed JSON: expected a key in quotes (column 10)"),
        ("[{\"id\": 1},\n{\"id\": 2}", "data.json:2: malformed JSON: the array is never closed (column 10)"),
        ("{\"id\": 1}\n{\"id\": 2, \"actor\": \"AZE\"\n{\"id\": 3}\n", "data.json:2: malformed JSON: the object is not closed on its line (JSON Lines holds one object per line)"),
        ("{\"id\": tru}\n", "data.json:1: malformed JSON: unexpected 't' (column 8)"),
    ])
    func jsonErrors(_ text: String, _ message: String) {
        do { _ = try load(text, file: "data.json"); Issue.record("expected an error") } catch {
            #expect(error.description == message)
        }
    }

    @Test("Not UTF-8, empty, or missing: an error that says so")
    func unreadable() {
        do { _ = try Table.load(data: Data([0x61, 0x0A, 0x62, 0xFF, 0x0A]), name: "t", file: "x.csv") } catch {
            #expect(error.description == "x.csv:2: not UTF-8 text")
        }
        // An overlong form, a surrogate and a code point past U+10FFFF are not UTF-8 either: decoding
        // them would replace them silently.
        for bad: [UInt8] in [[0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0x80]] {
            #expect(throws: DataLoadError.self) { try Table.load(data: Data([0x61, 0x0A] + bad + [0x0A]), name: "t", file: "x.csv") }
        }
        let armenian = try? Table.load(data: Data("name\nՀայաստան\n".utf8), name: "t", file: "x.csv")
        #expect(armenian?.table.count == 1)
        do { _ = try Table.load(data: Data(), name: "t", file: "x.csv") } catch { #expect(error.description == "x.csv: the file is empty") }
        do { _ = try Table.load(path: "/nonexistent/x.csv", name: "t") } catch { #expect(error.description == "/nonexistent/x.csv: no such file") }
    }

    @Test("TSV and other delimiters, and files without a header")
    func delimiters() throws {
        let tsv = try load("a\tb\n1\tx y\n", .tsv).table
        #expect(rows(tsv) == [["1", "x y"]])
        let semicolons = try Table.load(data: Data("1;2\n3;4\n".utf8), name: "t", options: LoadOptions(csv: CSVOptions(delimiter: ";", header: false))).table
        #expect(semicolons.schema.fields.map(\.name) == ["column1", "column2"] && semicolons.count == 2)
    }

    @Test("Loaded columns are stored by kind, so the column kernels serve them")
    func storage() throws {
        var text = "actor,n,when\n"
        for i in 0..<3000 { text += "A\(i % 7),\(i),2021-01-\(1 + i % 28)\n" }
        let table = try load(text).table
        let engine = Engine(collections: [table])
        #expect(try engine.run(#"t where actor == "a3" | count"#).table?.rows.first?.last == .int(3000 / 7 + (3 < 3000 % 7 ? 1 : 0)))
        #expect(try engine.run("t where when >= @2021-01-28 | count").table?.rows.first?.last == .int(3000 / 28 + (27 < 3000 % 28 ? 1 : 0)))
    }
}
