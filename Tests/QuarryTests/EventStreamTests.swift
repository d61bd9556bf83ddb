import Foundation
import Quarry
import Testing

/// Lineage (`child of`, `descendant of`, `event of`) over a small event stream built in the test,
/// and the words lineage uses as fields elsewhere.
@Suite("Event streams and lineage")
struct EventStreamTests {
    /// Two roots, "a" and "b", each starting one child, then a file event of each child.
    static let events = Table(
        name: "events",
        schema: Schema([
            Field("serial_event_id", .int), Field("event_type", .string), Field("unique_pid", .int),
            Field("unique_ppid", .int), Field("pid", .int), Field("subtype", .string), Field("process_name", .string),
        ]),
        rows: [
            [1, "process", 10, 1, 100, "create", "a"],
            [2, "process", 20, 1, 200, "create", "b"],
            [3, "process", 11, 10, 101, "create", "a_kid"],
            [4, "process", 21, 20, 201, "create", "b_kid"],
            [5, "file", 11, nil, 101, nil, nil],
            [6, "file", 21, nil, 201, nil, nil],
        ],
        key: "serial_event_id")

    static let engine = Engine().withEvents(EventStream(table: events))

    /// The `serial_event_id`s of every output, one list per output.
    static func ids(_ result: ProgramResult) -> [[Int]] {
        result.outputs.map { output in
            let set = output.resultSet
            guard let column = set.columns.firstIndex(of: "serial_event_id") else { return [] }
            return set.rows.compactMap { if case .int(let id) = $0[column] { id } else { nil } }
        }
    }

    @Test("Lineage at the top of a script: child of, descendant of, event of")
    func topLevelLineage() throws {
        let result = try Self.engine.run("""
            process where child of [process where process_name == "a"]
            any where descendant of [process where process_name == "b"]
            any where event of [process where process_name == "a_kid"]
            """)
        #expect(Self.ids(result) == [[3], [4, 6], [3, 5]])
    }

    @Test("A lineage clause in a function body answers each call for its own arguments")
    func lineageDependsOnArguments() throws {
        let result = try Self.engine.run("""
            let kids(p) = process where child of [process where process_name == p]
            kids("a")
            kids("b")
            kids("a")
            """)
        #expect(Self.ids(result) == [[3], [4], [3]])
    }

    @Test("A lineage clause in a function body sees a binding made again between two calls")
    func lineageDependsOnRebinding() throws {
        let result = try Self.engine.run("""
            let root = "a"
            let kids() = process where child of [process where process_name == root]
            kids()
            let root = "b"
            kids()
            """)
        #expect(Self.ids(result) == [[3], [4]])
    }

    @Test("child, descendant and event are field names wherever 'of' does not follow them")
    func lineageWordsAsFields() throws {
        let nodes = Table(
            name: "nodes",
            schema: Schema([Field("id", .int), Field("child", .int), Field("descendant", .int), Field("event", .string)]),
            rows: [[1, 1, 5, "x"], [2, 2, 6, "y"]],
            key: "id")
        let engine = Engine(collections: [nodes])
        #expect(try engine.run("nodes where child == 1 | select id").table?.rows == [[1]])
        #expect(try engine.run("nodes where descendant > 5 | select id").table?.rows == [[2]])
        #expect(try engine.run("nodes where event == \"y\" | select id").table?.rows == [[2]])
        #expect(try engine.run("nodes | select n = child + descendant").table?.rows == [[6], [8]])

        let stream = Table(
            name: "events",
            schema: Schema([Field("serial_event_id", .int), Field("event_type", .string), Field("child", .int)]),
            rows: [[1, "process", 1], [2, "process", 0]],
            key: "serial_event_id")
        let events = Engine().withEvents(EventStream(table: stream))
        #expect(Self.ids(try events.run("process where child == 1")) == [[1]])
    }

    @Test("Lineage reads the fields the stream names: process ids, parent, subtype, program and operating-system id renamed")
    func renamedLineageFields() throws {
        let table = Table(
            name: "log",
            schema: Schema([
                Field("serial_event_id", .int), Field("kind", .string), Field("proc", .int), Field("parent_proc", .int),
                Field("os_id", .int), Field("action", .string), Field("image", .string),
            ]),
            rows: [
                [1, "process", 10, 1, 100, "create", "a"],
                [2, "process", 11, 10, 101, "create", "a_kid"],
                [3, "process", 12, 11, 102, "fork", "a_grandkid"],
                [4, "process", 11, 10, 101, "terminate", "a_kid"],
                [5, "process", 13, 11, 103, "create", "after_the_end"],
                [6, "process", 20, 1, 0, "create", "idle"],
                [7, "process", 21, 20, 104, "create", "idle_kid"],
                [8, "process", 2, 0, 4, "create", "System"],
                [9, "process", 14, 10, 105, "create", "after_the_restart"],
            ],
            key: "serial_event_id")
        let stream = EventStream(table: table, typeField: "kind", pidField: "proc", parentField: "parent_proc",
                                 subtypeField: "action", processNameField: "image", osPidField: "os_id")
        #expect(stream.subtypeField == "action" && stream.processNameField == "image" && stream.osPidField == "os_id")
        let result = try Engine().withEvents(stream).run("""
            process where child of [process where image == "a"]
            process where descendant of [process where image == "a"]
            process where child of [process where image == "idle"]
            """)
        // 5: its parent had ended; 7: the idle process (id 0) starts no lineage; 9: the machine restarted.
        #expect(Self.ids(result) == [[2, 4], [2, 3, 4], []])

        let defaults = EventStream(table: Self.events)
        #expect([defaults.subtypeField, defaults.processNameField, defaults.osPidField] == ["subtype", "process_name", "pid"])
    }
}
