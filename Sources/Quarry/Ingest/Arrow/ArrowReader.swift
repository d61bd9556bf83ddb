import Foundation

extension ArrowFile {
    /// Whether bytes begin like an Arrow IPC file.
    static func looks(like bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 6 && (0..<6).allSatisfy { bytes[$0] == magic[$0] }
    }

    /// Reads an Arrow IPC file (ours, or one DuckDB, polars or pyarrow wrote with these types:
    /// integers, floats, booleans, text plain or dictionary-encoded, `date32`, and the struct of
    /// start, end and precision Quarry writes for imprecise dates). Every offset is checked: a
    /// truncated or damaged file is an error, never a crash.
    static func read(_ bytes: UnsafeRawBufferPointer, name: String, file: String) throws(DataLoadError) -> Table {
        do {
            return try decode(bytes, name: name, file: file)
        } catch var error as DataLoadError {
            if error.file.isEmpty { error.file = file }
            throw error
        } catch {
            throw DataLoadError(file: file, reason: "a damaged or truncated Arrow file")
        }
    }

    /// A field of the schema, as far as reading needs it.
    private struct FieldInfo {
        var name: String
        var type: Int
        var typeTable: Int
        var dictionary: Int?
        var children: [FieldInfo]
    }

    /// The next buffers and nodes of a batch, taken in order.
    private struct Batch {
        let reader: FlatReader
        let body: Int
        let bodyLength: Int
        var nodes: [(length: Int, nulls: Int)]
        var buffers: [(offset: Int, length: Int)]
        var nextNode = 0
        var nextBuffer = 0

        mutating func node() throws(FlatReader.Damaged) -> (length: Int, nulls: Int) {
            guard nextNode < nodes.count else { throw FlatReader.Damaged() }
            defer { nextNode += 1 }
            return nodes[nextNode]
        }

        mutating func buffer() throws(FlatReader.Damaged) -> UnsafeRawBufferPointer {
            guard nextBuffer < buffers.count else { throw FlatReader.Damaged() }
            let b = buffers[nextBuffer]
            nextBuffer += 1
            guard b.offset >= 0, b.length >= 0, b.offset + b.length <= bodyLength, body + b.offset + b.length <= reader.bytes.count else {
                throw FlatReader.Damaged()
            }
            return UnsafeRawBufferPointer(rebasing: reader.bytes[(body + b.offset)..<(body + b.offset + b.length)])
        }

        /// A validity bitmap as presence flags, nil when every value is present.
        mutating func presence(_ length: Int, nulls: Int) throws(FlatReader.Damaged) -> [Bool]? {
            let bits = try buffer()
            guard nulls > 0 else { return nil }
            guard let flags = ArrowFile.flags(bits, length) else { throw FlatReader.Damaged() }
            return flags
        }

        /// Fixed-width values.
        mutating func values<T>(_ type: T.Type, _ length: Int) throws(FlatReader.Damaged) -> [T] {
            let data = try buffer()
            guard data.count >= length * MemoryLayout<T>.stride else { throw FlatReader.Damaged() }
            return (0..<length).map { data.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.stride, as: T.self) }
        }

        /// UTF-8 text with no nulls (a dictionary's values), straight into strings.
        mutating func texts(_ length: Int) throws(FlatReader.Damaged) -> [String] {
            let offsets = try buffer()
            let data = try buffer()
            guard offsets.count >= 4 * (length + 1) else { throw FlatReader.Damaged() }
            var result: [String] = []
            result.reserveCapacity(length)
            var s = Int(Int32(littleEndian: offsets.loadUnaligned(fromByteOffset: 0, as: Int32.self)))
            for i in 0..<length {
                let e = Int(Int32(littleEndian: offsets.loadUnaligned(fromByteOffset: 4 * (i + 1), as: Int32.self)))
                guard s >= 0, s <= e, e <= data.count else { throw FlatReader.Damaged() }
                result.append(String(decoding: UnsafeRawBufferPointer(rebasing: data[s..<e]), as: UTF8.self))
                s = e
            }
            return result
        }

        /// UTF-8 text: offsets, then bytes.
        mutating func strings(_ length: Int, present: [Bool]?) throws(FlatReader.Damaged) -> [String?] {
            let offsets: [Int32] = try values(Int32.self, length + 1)
            let data = try buffer()
            var result: [String?] = []
            result.reserveCapacity(length)
            for i in 0..<length {
                if let present, !present[i] { result.append(nil); continue }
                let s = Int(offsets[i]), e = Int(offsets[i + 1])
                guard s >= 0, s <= e, e <= data.count else { throw FlatReader.Damaged() }
                result.append(String(decoding: UnsafeRawBufferPointer(rebasing: data[s..<e]), as: UTF8.self))
            }
            return result
        }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, name: String, file: String) throws -> Table {
        let reader = FlatReader(bytes: bytes)
        let n = bytes.count
        guard n >= 18, looks(like: bytes), (0..<6).allSatisfy({ bytes[n - 6 + $0] == magic[$0] }) else {
            throw DataLoadError(file: file, reason: "not an Arrow IPC file (it must begin and end with ARROW1), or truncated")
        }
        let footerLength = try reader.i32(n - 10)
        let footerStart = n - 10 - footerLength
        guard footerLength > 0, footerStart >= 8 else { throw FlatReader.Damaged() }
        let footer = try reader.root(footerStart)
        guard let schema = try reader.target(footer, 1), let fieldVector = try reader.target(schema, 1) else { throw FlatReader.Damaged() }
        func fieldInfo(_ table: Int, depth: Int) throws -> FieldInfo {
            guard depth < 8 else { throw FlatReader.Damaged() }
            let name = try reader.target(table, 0).map { try reader.string($0) } ?? ""
            let type = try reader.scalar(table, 2, size: 1)
            guard let typeTable = try reader.target(table, 3) else { throw FlatReader.Damaged() }
            var dictionary: Int?
            if let encoding = try reader.target(table, 4) { dictionary = try reader.scalar(encoding, 0, size: 8) }
            let children = try reader.target(table, 5).map { try reader.tables($0).map { try fieldInfo($0, depth: depth + 1) } } ?? []
            return FieldInfo(name: name, type: type, typeTable: typeTable, dictionary: dictionary, children: children)
        }
        let fields = try reader.tables(fieldVector).map { try fieldInfo($0, depth: 0) }
        var distinct = false
        if let metadata = try reader.target(schema, 2) {
            for pair in try reader.tables(metadata) {
                if let key = try reader.target(pair, 0), try reader.string(key) == distinctDictionaries,
                   let value = try reader.target(pair, 1), try reader.string(value) == "true" { distinct = true }
            }
        }

        func blocks(_ slot: Int) throws -> [(offset: Int, metadata: Int, body: Int)] {
            guard let vector = try reader.target(footer, slot) else { return [] }
            let count = try reader.u32(vector)
            guard count < 1 << 20 else { throw FlatReader.Damaged() }
            return try (0..<count).map { k in
                let at = vector + 4 + 24 * k
                return (try reader.i64(at), try reader.i32(at + 8), try reader.i64(at + 16))
            }
        }
        /// A message's header table and its batch (nodes and buffers), at a block.
        func batch(_ block: (offset: Int, metadata: Int, body: Int), headerType: Int) throws -> (header: Int, batch: Batch) {
            var at = block.offset
            if try reader.u32(at) == 0xFFFF_FFFF { at += 4 }
            let length = try reader.i32(at)
            guard length > 0, at + 4 + length <= n else { throw FlatReader.Damaged() }
            let message = try reader.root(at + 4)
            guard try reader.scalar(message, 1, size: 1) == headerType, let header = try reader.target(message, 2) else { throw FlatReader.Damaged() }
            let recordBatch = headerType == 2 ? try reader.target(header, 1) : header
            guard let recordBatch else { throw FlatReader.Damaged() }
            func structs(_ slot: Int) throws -> [(Int, Int)] {
                guard let vector = try reader.target(recordBatch, slot) else { return [] }
                let count = try reader.u32(vector)
                guard count < 1 << 20 else { throw FlatReader.Damaged() }
                return try (0..<count).map { k in (try reader.i64(vector + 4 + 16 * k), try reader.i64(vector + 12 + 16 * k)) }
            }
            let body = block.offset + block.metadata
            guard block.body >= 0, body + block.body <= n else { throw FlatReader.Damaged() }
            return (header, Batch(reader: reader, body: body, bodyLength: block.body, nodes: try structs(1).map { (length: $0.0, nulls: $0.1) },
                                  buffers: try structs(2).map { (offset: $0.0, length: $0.1) }))
        }
        // Dictionaries: their distinct strings, by id.
        var dictionaries: [Int: [String]] = [:]
        for block in try blocks(2) {
            var (header, dictionary) = try batch(block, headerType: 2)
            let id = try reader.scalar(header, 0, size: 8)
            let node = try dictionary.node()
            let present = try dictionary.presence(node.length, nulls: node.nulls)
            dictionaries[id] = present == nil ? try dictionary.texts(node.length)
                                              : try dictionary.strings(node.length, present: present).map { $0 ?? "" }
        }
        // Record batches, each column read and the batches' rows joined.
        var columns = [[Value]](repeating: [], count: fields.count)
        var stored: [Column?] = Array(repeating: nil, count: fields.count)
        let batchBlocks = try blocks(3)
        for block in batchBlocks {
            var (_, body) = try batch(block, headerType: 3)
            for (c, field) in fields.enumerated() {
                let column = try read(field, &body, dictionaries, reader, distinct: distinct)
                if batchBlocks.count == 1 { stored[c] = column } else { columns[c] += Array(column) }
            }
        }
        let schemaFields = fields.enumerated().map { c, field in Field(field.name, fieldType(field, stored[c])) }
        let result = batchBlocks.count == 1 ? stored.map { $0! } : columns.map(Column.init)
        guard Set(result.map(\.count)).count <= 1 else { throw FlatReader.Damaged() }
        return Table(name: name, schema: Schema(schemaFields), storedColumns: result)
    }

    private static func fieldType(_ field: FieldInfo, _ column: Column?) -> FieldType {
        switch field.type {
        case 2: return .int
        case 3: return .double
        case 5: return .string
        case 6: return .bool
        case 8, 10, 13: return .date
        default: return .any
        }
    }

    /// One field's column from a batch.
    private static func read(_ field: FieldInfo, _ batch: inout Batch, _ dictionaries: [Int: [String]], _ reader: FlatReader,
                             distinct: Bool = false) throws -> Column {
        let node = try batch.node()
        let length = node.length
        guard length >= 0, length < 1 << 31 else { throw FlatReader.Damaged() }
        let present = try batch.presence(length, nulls: node.nulls)
        if let id = field.dictionary {
            guard let entries = dictionaries[id] else { throw FlatReader.Damaged() }
            let width = try reader.scalar(field.typeTable, 0, size: 4)
            var codes: [Int32]
            switch width {
            case 8: codes = try batch.values(Int8.self, length).map { Int32($0) }
            case 16: codes = try batch.values(Int16.self, length).map { Int32($0) }
            case 64: codes = try batch.values(Int64.self, length).map { Int32(truncatingIfNeeded: $0) }
            default: codes = try batch.values(Int32.self, length)
            }
            for i in codes.indices {
                if let present, !present[i] { codes[i] = -1; continue }
                guard codes[i] >= 0, Int(codes[i]) < entries.count else { throw FlatReader.Damaged() }
            }
            // Arrow allows a value twice in a dictionary; Quarry's columns keep each once.
            if !distinct, Set(entries).count != entries.count {
                return Column(codes.map { $0 < 0 ? .null : .string(entries[Int($0)]) })
            }
            if length < Column.shortestEncoded { return Column(codes.map { $0 < 0 ? .null : .string(entries[Int($0)]) }) }
            return Column(storage: .strings(StringDictionary(entries: entries, codes: codes)), count: length)
        }
        func typed(_ storage: Column.Storage, _ values: @autoclosure () -> [Value]) -> Column {
            length < Column.shortestEncoded ? Column(values()) : Column(storage: storage, count: length)
        }
        switch field.type {
        case 2:  // Int
            let width = try reader.scalar(field.typeTable, 0, size: 4)
            let signed = try reader.scalar(field.typeTable, 1, size: 1) != 0
            let ints: [Int]
            switch (width, signed) {
            case (8, _): ints = signed ? try batch.values(Int8.self, length).map(Int.init) : try batch.values(UInt8.self, length).map(Int.init)
            case (16, _): ints = signed ? try batch.values(Int16.self, length).map(Int.init) : try batch.values(UInt16.self, length).map(Int.init)
            case (32, _): ints = signed ? try batch.values(Int32.self, length).map(Int.init) : try batch.values(UInt32.self, length).map(Int.init)
            default: ints = try batch.values(Int64.self, length).map(Int.init)
            }
            return typed(.ints(ints, present: present), ints.indices.map { present?[$0] == false ? .null : .int(ints[$0]) })
        case 3:  // FloatingPoint
            let precision = try reader.scalar(field.typeTable, 0, size: 2)
            let doubles = precision == 1 ? try batch.values(Float.self, length).map(Double.init) : try batch.values(Double.self, length)
            return typed(.doubles(doubles, present: present), doubles.indices.map { present?[$0] == false ? .null : .double(doubles[$0]) })
        case 5:  // Utf8, plain
            let strings = try batch.strings(length, present: present)
            return Column(strings.map { $0.map(Value.string) ?? .null })
        case 6:  // Bool
            guard let values = ArrowFile.flags(try batch.buffer(), length) else { throw FlatReader.Damaged() }
            return Column((0..<length).map { present?[$0] == false ? .null : .bool(values[$0]) })
        case 8:  // Date: days, or milliseconds
            let unit = try reader.scalar(field.typeTable, 0, size: 2)
            let days = unit == 0 ? try batch.values(Int32.self, length).map(Int.init)
                                 : try batch.values(Int64.self, length).map { Int(($0 >= 0 ? $0 : $0 - 86_399_999) / 86_400_000) }
            let dates = days.map { QuarryDate(start: $0, end: $0, precision: .day) }
            return typed(.dates(dates, present: present), dates.indices.map { present?[$0] == false ? .null : .date(dates[$0]) })
        case 10:  // Timestamp: seconds, milli-, micro- or nanoseconds since 1970 in UTC
            let unit = try reader.scalar(field.typeTable, 0, size: 2)
            let perSecond: Int64 = unit == 0 ? 1 : unit == 1 ? 1_000 : unit == 2 ? 1_000_000 : 1_000_000_000
            let dates = try batch.values(Int64.self, length).map { ticks -> QuarryDate in
                let seconds = ticks >= 0 ? ticks / perSecond : (ticks - perSecond + 1) / perSecond
                return QuarryDate.instant(secondsSince1970: Int(seconds))
            }
            return typed(.dates(dates, present: present), dates.indices.map { present?[$0] == false ? .null : .date(dates[$0]) })
        case 13 where field.children.map(\.name) == ["start", "end", "precision"]:
            let starts = try read(field.children[0], &batch, dictionaries, reader)
            let ends = try read(field.children[1], &batch, dictionaries, reader)
            let precisions = try read(field.children[2], &batch, dictionaries, reader)
            guard starts.count == length, ends.count == length, precisions.count == length else { throw FlatReader.Damaged() }
            let values: [Value] = (0..<length).map { i in
                guard present?[i] != false, case .date(let s) = starts[i], case .date(let e) = ends[i] else { return .null }
                let precision: QuarryDate.Precision
                if case .string(let p) = precisions[i], let known = QuarryDate.Precision(rawValue: p) { precision = known } else { precision = .range }
                return .date(precision == .second ? s : QuarryDate(start: s.start, end: e.start, precision: precision))
            }
            return Column(values)
        default:
            throw DataLoadError(file: "", reason: "the Arrow type of column '\(field.name)' is not one Quarry reads (integers, floats, booleans, text, date32, timestamp)")
        }
    }
}
