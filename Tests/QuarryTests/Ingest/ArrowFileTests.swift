import Foundation
import Quarry
import Testing

@Suite("Saved datasets: Arrow IPC files")
struct ArrowFileTests {
    /// A table with every kind of column, `rows` long (long tables store columns by kind).
    static func sample(rows: Int) -> Table {
        let schema = Schema([Field("id", .int), Field("actor", .string), Field("score", .double), Field("ok", .bool),
                             Field("day", .date), Field("when", .date), Field("mixed", .any),
                             Field("at", .date), Field("span", .date)])
        let columns: [[Value]] = [
            (0..<rows).map { .int($0 * 3 - 7) },
            (0..<rows).map { $0 % 11 == 0 ? .null : .string(["Azerbaijan", "Armenia", "Iran", "Türkiye \"quoted\""][$0 % 4]) },
            (0..<rows).map { $0 % 13 == 0 ? .null : .double(Double($0) / 7) },
            (0..<rows).map { $0 % 5 == 0 ? .null : .bool($0 % 2 == 0) },
            (0..<rows).map { .date(.day(2021, 1 + $0 % 12, 1 + $0 % 28)) },
            (0..<rows).map { $0 % 3 == 0 ? .date(.month(2020, 1 + $0 % 12)) : $0 % 3 == 1 ? .date(.decade(1920)) : .null },
            (0..<rows).map { $0 % 2 == 0 ? .int($0) : .string("x\($0)") },
            (0..<rows).map { $0 % 7 == 0 ? .null : .date(.instant(secondsSince1970: 1_620_813_780 + $0 * 61 - 40_000)) },
            (0..<rows).map { $0 % 2 == 0 ? .date(.instant(secondsSince1970: -86_401 + $0)) : .date(.month(2021, 5)) },
        ]
        return Table(name: "t", schema: schema, columns: columns)
    }

    private func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appending(path: "quarry-arrow-\(UUID().uuidString)-\(name)").path
    }

    private func rows(_ table: Table) -> [[String]] {
        (0..<table.count).map { r in table.columns.map { $0[r].description } }
    }

    @Test("A saved collection reopens with the same rows and types", arguments: [5, 3000])
    func roundTrip(rows count: Int) throws {
        let table = Self.sample(rows: count)
        let path = temporary("t.arrow")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ArrowFile.write(table, to: path)
        let reopened = try Table.load(path: path, name: "t").table
        #expect(reopened.schema.fields.map(\.name) == table.schema.fields.map(\.name))
        #expect(reopened.schema.fields.map(\.type) == [.int, .string, .double, .bool, .date, .date, .string, .date, .date])
        // The mixed column is saved as its printed text; everything else as it was.
        #expect(rows(reopened).map { Array($0.dropLast()) } == rows(table).map { Array($0.dropLast()) })
        #expect(rows(reopened).map(\.last) == rows(table).map(\.last))
    }

    @Test("A truncated or damaged file is an error, never a crash")
    func damaged() throws {
        let path = temporary("t.arrow")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ArrowFile.write(Self.sample(rows: 1500), to: path)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        // Damage chosen by a fixed sequence, so that a failure can be run again.
        var random = Seeded(state: 907)
        var cases: [Data] = stride(from: 8, to: good.count, by: max(1, good.count / 40)).map { Data(good.prefix($0)) }
        for _ in 0..<400 {
            var bad = good
            let at = Int.random(in: 8..<(good.count - 8), using: &random)
            bad[at] ^= UInt8.random(in: 1...255, using: &random)
            cases.append(bad)
        }
        for data in cases {
            do { _ = try Table.load(data: data, name: "t", file: "bad.arrow") } catch {
                #expect(error.file == "bad.arrow")
            }
        }
    }

    @Test("pyarrow reads a saved file, and Quarry reads what pyarrow writes",
          .enabled(if: ArrowFileTests.hasPyarrow, "needs python3 with pyarrow (scripts/test installs it)"))
    func pyarrowRoundTrip() throws {
        let table = Self.sample(rows: 2000)
        let ours = temporary("ours.arrow"), theirs = temporary("theirs.arrow")
        defer { [ours, theirs].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        try ArrowFile.write(table, to: ours)
        let script = """
            import sys, pyarrow as pa, pyarrow.ipc as ipc
            t = ipc.open_file(sys.argv[1]).read_all()
            print(t.num_rows, t.schema.field("actor").type, t.schema.field("day").type, t.column("score")[1].as_py(), t.column("when")[0].as_py())
            print(t.schema.field("at").type, t.column("at")[1].as_py().isoformat(), t.column("span")[0].as_py()["start"].isoformat())
            with ipc.new_file(sys.argv[2], t.schema) as w: w.write_table(t)
            """
        let output = try Self.python(script, [ours, theirs])
        #expect(output == "2000 dictionary<values=string, indices=int32, ordered=0> date32[day] 0.14285714285714285 {'start': datetime.date(2020, 1, 1), 'end': datetime.date(2020, 1, 31), 'precision': 'month'}\n"
                + "timestamp[us, tz=UTC] 2021-05-11T22:57:21+00:00 1969-12-30T23:59:59+00:00\n")
        let back = try Table.load(path: theirs, name: "t").table
        #expect(rows(back) == rows(try Table.load(path: ours, name: "t").table))
    }

    static let hasPyarrow: Bool = (try? python("import pyarrow; print('ok')", [])) == "ok\n"

    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A small generator with a fixed seed (SplitMix64).
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
