import Foundation

/// A collection saved in the Apache Arrow IPC file format (Feather v2), which DuckDB, polars and
/// pyarrow read too.
///
/// Columns are saved as: text, dictionary-encoded (`dictionary<int32, utf8>`); whole numbers,
/// `int64`; numbers, `double`; booleans, `bool`; dates that are all single days, `date32`; dates
/// that are all instants, `timestamp[us, UTC]`; dates of any other precision, a struct of `start`
/// and `end` (`date32`, the interval's first and last day, or `timestamp[us, UTC]`, its first and
/// last second, when some are instants) and `precision` (`utf8`: second, day, month, year, decade,
/// century or range); any other mix of values, their printed text (`utf8`). One record batch
/// holds every row.
public enum ArrowFile {
    static let magic: [UInt8] = Array("ARROW1".utf8)
    /// The schema metadata key by which Quarry says its dictionaries have no repeated value.
    static let distinctDictionaries = "quarry.distinct_dictionaries"

    /// Writes `table` to `path`: to a temporary file beside it first, renamed over `path` once
    /// complete, so that a failed save never leaves half a file.
    public static func write(_ table: Table, to path: String) throws(DataLoadError) {
        let data = encode(table)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appending(path: ".\(url.lastPathComponent).\(getpid()).partial")
        do {
            try Data(data).write(to: temporary)
            // rename(2) replaces the old file in one step, or leaves it as it was.
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DataLoadError(file: path, reason: "cannot be written: \(error.localizedDescription)")
        }
    }

    // MARK: Encoding

    /// Flags packed eight to a byte, the first in the lowest bit, as Arrow's bitmaps are.
    static func bitmap(_ flags: [Bool]) -> [UInt8] {
        var bits = [UInt8](repeating: 0, count: (flags.count + 7) / 8)
        for (i, flag) in flags.enumerated() where flag { bits[i >> 3] |= 1 << (i & 7) }
        return bits
    }

    /// Bitmap bits as flags; nil when the bitmap is too short for `length`.
    static func flags(_ bits: UnsafeRawBufferPointer, _ length: Int) -> [Bool]? {
        guard bits.count * 8 >= length else { return nil }
        return (0..<length).map { bits[$0 >> 3] & (1 << ($0 & 7)) != 0 }
    }

    /// One column as Arrow sees it.
    private enum Encoded {
        case strings(entries: [String], codes: [Int32])
        case ints([Int], present: [Bool]?)
        case doubles([Double], present: [Bool]?)
        case bools([Bool], present: [Bool]?)
        case days([Int32], present: [Bool]?)
        case instants([Int64], present: [Bool]?)
        case intervals([QuarryDate], present: [Bool]?, seconds: Bool)
        case text([String?])
    }

    private static func encoded(_ column: Column) -> Encoded {
        switch column.storage {
        case .strings(let strings): return .strings(entries: strings.entries, codes: strings.codes)
        case .ints(let values, let present): return .ints(values, present: present)
        case .doubles(let values, let present): return .doubles(values, present: present)
        case .dates(let values, let present):
            let precisions = Set(values.indices.lazy.filter { present?[$0] != false }.map { values[$0].precision })
            if precisions.isSubset(of: [.day]) { return .days(values.map { Int32(truncatingIfNeeded: $0.start) }, present: present) }
            if precisions == [.second] { return .instants(values.map { Int64($0.firstSecond) * 1_000_000 }, present: present) }
            return .intervals(values, present: present, seconds: precisions.contains(.second))
        case .values(let values):
            let present = values.contains(where: \.isNull) ? values.map { !$0.isNull } : nil
            let kinds = Set(values.compactMap { v -> String? in
                switch v {
                case .null: return nil
                case .string: return "s"
                case .int: return "i"
                case .double: return "d"
                case .bool: return "b"
                case .date: return "t"
                default: return "x"
                }
            })
            switch kinds {
            case ["s"], []:
                let strings = StringDictionary(values)
                return .strings(entries: strings.entries, codes: strings.codes)
            case ["i"]: return .ints(values.map { if case .int(let i) = $0 { i } else { 0 } }, present: present)
            case ["d"], ["i", "d"]: return .doubles(values.map { $0.number ?? 0 }, present: present)
            case ["b"]: return .bools(values.map { if case .bool(let b) = $0 { b } else { false } }, present: present)
            case ["t"]: return encoded(Column(storage: .dates(values.map { if case .date(let d) = $0 { d } else { QuarryDate(start: 0, end: 0, precision: .day) } }, present: present), count: values.count))
            default: return .text(values.map { $0.isNull ? nil : $0.description })
            }
        }
    }

    /// The body of a record batch: buffers laid end to end, each padded to 8 bytes.
    private struct Body {
        var bytes: [UInt8] = []
        var buffers: [(offset: Int, length: Int)] = []
        var nodes: [(length: Int, nulls: Int)] = []

        mutating func add(_ data: UnsafeRawBufferPointer) {
            buffers.append((bytes.count, data.count))
            bytes.append(contentsOf: data)
            while bytes.count % 8 != 0 { bytes.append(0) }
        }

        mutating func add<T>(_ array: [T]) { array.withUnsafeBytes { add($0) } }

        /// A validity bitmap, or an empty buffer when every value is present.
        mutating func validity(_ present: [Bool]?, _ count: Int) {
            guard let present, present.contains(false) else {
                buffers.append((bytes.count, 0))
                nodes.append((count, 0))
                return
            }
            nodes.append((count, present.count { !$0 }))
            add(ArrowFile.bitmap(present))
        }

        /// Text as offsets and UTF-8 bytes (nodes and validity are the caller's).
        mutating func utf8(_ strings: [String?]) {
            var offsets: [Int32] = [0]
            var data: [UInt8] = []
            for s in strings {
                if let s { data.append(contentsOf: s.utf8) }
                offsets.append(Int32(truncatingIfNeeded: data.count))
            }
            add(offsets)
            add(data)
        }
    }

    /// Arrow's `timestamp[us, UTC]`: microseconds since 1970, in UTC.
    private static var timestamp: (UInt8, FlatNode) { (10, .table([.i16(2), .node(.string("UTC"))])) }

    private static func encode(_ table: Table) -> [UInt8] {
        let columns = table.columns.map(encoded)
        let count = table.count
        // Fields of the schema.
        var fields: [FlatNode] = []
        for (c, (field, column)) in zip(table.schema.fields, columns).enumerated() {
            var type: (UInt8, FlatNode)
            var children: [FlatNode] = []
            var dictionary: FlatNode?
            switch column {
            case .strings:
                type = (5, .table([]))  // Utf8, the dictionary's values
                dictionary = .table([.i64(Int64(c)), .node(.table([.i32(32), .bool(true)])), .bool(false)])
            case .ints: type = (2, .table([.i32(64), .bool(true)]))
            case .doubles: type = (3, .table([.i16(2)]))
            case .bools: type = (6, .table([]))
            case .days: type = (8, .table([.i16(0)]))
            case .instants: type = timestamp
            case .text: type = (5, .table([]))
            case .intervals(_, _, let seconds):
                type = (13, .table([]))
                let bound = seconds ? timestamp : (8, .table([.i16(0)]))
                children = [
                    .table([.node(.string("start")), .bool(true), .u8(bound.0), .node(bound.1), nil, .node(.tables([]))]),
                    .table([.node(.string("end")), .bool(true), .u8(bound.0), .node(bound.1), nil, .node(.tables([]))]),
                    .table([.node(.string("precision")), .bool(true), .u8(5), .node(.table([])), nil, .node(.tables([]))]),
                ]
            }
            fields.append(.table([.node(.string(field.name)), .bool(true), .u8(type.0), .node(type.1),
                                  dictionary.map { .node($0) }, .node(.tables(children))]))
        }
        // Quarry's dictionaries hold each string once: said in the metadata, so that reopening
        // need not check a million strings again.
        let note = FlatNode.tables([.table([.node(.string(distinctDictionaries)), .node(.string("true"))])])
        let schema = FlatNode.table([.i16(0), .node(.tables(fields)), .node(note)])

        var file: [UInt8] = magic + [0, 0]
        var dictionaryBlocks: [(offset: Int, metadata: Int, body: Int)] = []
        var batchBlocks: [(offset: Int, metadata: Int, body: Int)] = []
        func message(_ headerType: UInt8, _ header: FlatNode, body: [UInt8]) -> (offset: Int, metadata: Int, body: Int) {
            let flat = FlatWriter.buffer(.table([.i16(4), .u8(headerType), .node(header), .i64(Int64(body.count))]))
            let offset = file.count
            var padded = flat
            while (8 + padded.count) % 8 != 0 { padded.append(0) }
            withUnsafeBytes(of: UInt32(0xFFFF_FFFF).littleEndian) { file.append(contentsOf: $0) }
            withUnsafeBytes(of: Int32(padded.count).littleEndian) { file.append(contentsOf: $0) }
            file.append(contentsOf: padded)
            file.append(contentsOf: body)
            return (offset, 8 + padded.count, body.count)
        }
        func batch(_ body: Body, length: Int) -> FlatNode {
            var nodes: [UInt8] = []
            for node in body.nodes {
                withUnsafeBytes(of: Int64(node.length).littleEndian) { nodes.append(contentsOf: $0) }
                withUnsafeBytes(of: Int64(node.nulls).littleEndian) { nodes.append(contentsOf: $0) }
            }
            var buffers: [UInt8] = []
            for buffer in body.buffers {
                withUnsafeBytes(of: Int64(buffer.offset).littleEndian) { buffers.append(contentsOf: $0) }
                withUnsafeBytes(of: Int64(buffer.length).littleEndian) { buffers.append(contentsOf: $0) }
            }
            return .table([.i64(Int64(length)), .node(.structs(nodes, count: body.nodes.count)), .node(.structs(buffers, count: body.buffers.count))])
        }
        _ = message(1, schema, body: [])
        // A dictionary batch per text column: its distinct strings.
        for (c, column) in columns.enumerated() {
            guard case .strings(let entries, _) = column else { continue }
            var body = Body()
            body.validity(nil, entries.count)
            body.utf8(entries)
            dictionaryBlocks.append(message(2, .table([.i64(Int64(c)), .node(batch(body, length: entries.count)), .bool(false)]), body: body.bytes))
        }
        // The record batch: every column, depth first.
        var body = Body()
        for column in columns {
            switch column {
            case .strings(_, let codes):
                body.validity(codes.contains(-1) ? codes.map { $0 >= 0 } : nil, count)
                body.add(codes.map { max($0, 0) })
            case .ints(let values, let present):
                body.validity(present, count)
                body.add(values.map { Int64($0) })
            case .doubles(let values, let present):
                body.validity(present, count)
                body.add(values)
            case .bools(let values, let present):
                body.validity(present, count)
                body.add(ArrowFile.bitmap(values))
            case .days(let days, let present):
                body.validity(present, count)
                body.add(days)
            case .instants(let microseconds, let present):
                body.validity(present, count)
                body.add(microseconds)
            case .intervals(let dates, let present, let seconds):
                body.validity(present, count)
                body.validity(present, count)
                if seconds { body.add(dates.map { Int64($0.firstSecond) * 1_000_000 }) } else { body.add(dates.map { Int32(truncatingIfNeeded: $0.start) }) }
                body.validity(present, count)
                if seconds { body.add(dates.map { Int64($0.lastSecond) * 1_000_000 }) } else { body.add(dates.map { Int32(truncatingIfNeeded: $0.end) }) }
                body.validity(present, count)
                body.utf8(dates.indices.map { present?[$0] == false ? nil : dates[$0].precision.rawValue })
            case .text(let strings):
                body.validity(strings.contains(nil) ? strings.map { $0 != nil } : nil, count)
                body.utf8(strings)
            }
        }
        batchBlocks.append(message(3, batch(body, length: count), body: body.bytes))
        // The footer: the schema again, and where each batch is.
        func blocks(_ list: [(offset: Int, metadata: Int, body: Int)]) -> FlatNode {
            var data: [UInt8] = []
            for block in list {
                withUnsafeBytes(of: Int64(block.offset).littleEndian) { data.append(contentsOf: $0) }
                withUnsafeBytes(of: Int32(block.metadata).littleEndian) { data.append(contentsOf: $0) }
                data.append(contentsOf: [0, 0, 0, 0])
                withUnsafeBytes(of: Int64(block.body).littleEndian) { data.append(contentsOf: $0) }
            }
            return .structs(data, count: list.count)
        }
        let footer = FlatWriter.buffer(.table([.i16(4), .node(schema), .node(blocks(dictionaryBlocks)), .node(blocks(batchBlocks))]))
        file.append(contentsOf: footer)
        withUnsafeBytes(of: Int32(footer.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: magic)
        return file
    }
}
