/// Just enough of FlatBuffers to write and read Arrow's IPC metadata: tables of scalars and
/// offsets, strings, vectors of tables and vectors of structs.
///
/// Written front to back: a table's vtable comes just before it, and everything it points to
/// comes after it, so every offset is positive, as the format requires.
indirect enum FlatNode {
    case table([FlatField?])
    case string(String)
    case tables([FlatNode])
    /// Structs laid end to end, each `size` bytes, aligned to 8.
    case structs([UInt8], count: Int)
}

enum FlatField {
    case bool(Bool), u8(UInt8), i16(Int16), i32(Int32), i64(Int64)
    case node(FlatNode)

    var size: Int {
        switch self {
        case .bool, .u8: return 1
        case .i16: return 2
        case .i32, .node: return 4
        case .i64: return 8
        }
    }
}

struct FlatWriter {
    private(set) var bytes: [UInt8] = []

    /// A buffer whose root is `root`.
    static func buffer(_ root: FlatNode) -> [UInt8] {
        var writer = FlatWriter()
        writer.bytes = [0, 0, 0, 0]
        let position = writer.write(root)
        writer.patch(at: 0, UInt32(position))
        while writer.bytes.count % 8 != 0 { writer.bytes.append(0) }
        return writer.bytes
    }

    private mutating func align(_ n: Int) { while bytes.count % n != 0 { bytes.append(0) } }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func patch(at position: Int, _ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { for k in 0..<4 { bytes[position + k] = $0[k] } }
    }

    /// Writes a node and returns where it starts.
    private mutating func write(_ node: FlatNode) -> Int {
        switch node {
        case .string(let text):
            align(4)
            let start = bytes.count
            append(UInt32(text.utf8.count))
            bytes.append(contentsOf: text.utf8)
            bytes.append(0)
            return start
        case .structs(let data, let count):
            // The elements after the count must be 8-aligned.
            while (bytes.count + 4) % 8 != 0 { bytes.append(0) }
            let start = bytes.count
            append(UInt32(count))
            bytes.append(contentsOf: data)
            return start
        case .tables(let items):
            align(4)
            let start = bytes.count
            append(UInt32(items.count))
            let slots = bytes.count
            for _ in items { append(UInt32(0)) }
            for (k, item) in items.enumerated() {
                let at = write(item)
                patch(at: slots + 4 * k, UInt32(at - (slots + 4 * k)))
            }
            return start
        case .table(let fields):
            // Lay the fields out after the vtable offset, each aligned to its size.
            align(2)
            let vtableStart = bytes.count
            let vtableSize = 4 + 2 * fields.count
            var tableStart = vtableStart + vtableSize
            while tableStart % 8 != 0 { tableStart += 1 }
            var cursor = 4
            var offsets: [Int] = []
            for field in fields {
                guard let field else { offsets.append(0); continue }
                while cursor % field.size != 0 { cursor += 1 }
                offsets.append(cursor)
                cursor += field.size
            }
            while cursor % 4 != 0 { cursor += 1 }
            append(UInt16(vtableSize))
            append(UInt16(cursor))
            for offset in offsets { append(UInt16(offset)) }
            while bytes.count < tableStart { bytes.append(0) }
            append(Int32(tableStart - vtableStart))
            var children: [(at: Int, node: FlatNode)] = []
            for (field, offset) in zip(fields, offsets) {
                guard let field else { continue }
                while bytes.count < tableStart + offset { bytes.append(0) }
                switch field {
                case .bool(let b): bytes.append(b ? 1 : 0)
                case .u8(let v): bytes.append(v)
                case .i16(let v): append(v)
                case .i32(let v): append(v)
                case .i64(let v): append(v)
                case .node(let node):
                    children.append((bytes.count, node))
                    append(UInt32(0))
                }
            }
            while bytes.count < tableStart + cursor { bytes.append(0) }
            for child in children {
                let at = write(child.node)
                patch(at: child.at, UInt32(at - child.at))
            }
            return tableStart
        }
    }
}

/// Reading a FlatBuffer: every offset is checked against the buffer, so a damaged file is an
/// error, never a read out of bounds.
struct FlatReader {
    let bytes: UnsafeRawBufferPointer
    struct Damaged: Error {}

    /// A little-endian integer at `at`, checked against the buffer.
    private func load<T: FixedWidthInteger>(_ at: Int, _: T.Type) throws(Damaged) -> Int {
        guard at >= 0, at + MemoryLayout<T>.size <= bytes.count else { throw Damaged() }
        return Int(T(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: T.self)))
    }

    func u32(_ at: Int) throws(Damaged) -> Int { try load(at, UInt32.self) }
    func i32(_ at: Int) throws(Damaged) -> Int { try load(at, Int32.self) }
    func i64(_ at: Int) throws(Damaged) -> Int { try load(at, Int64.self) }
    func u16(_ at: Int) throws(Damaged) -> Int { try load(at, UInt16.self) }
    func u8(_ at: Int) throws(Damaged) -> Int { try load(at, UInt8.self) }

    /// The root table of a buffer that starts at `base`.
    func root(_ base: Int) throws(Damaged) -> Int { base + (try u32(base)) }

    /// Where a table's field lies, or nil when absent.
    func field(_ table: Int, _ slot: Int) throws(Damaged) -> Int? {
        let vtable = table - (try i32(table))
        let size = try u16(vtable)
        guard 4 + 2 * slot < size else { return nil }
        let offset = try u16(vtable + 4 + 2 * slot)
        return offset == 0 ? nil : table + offset
    }

    func scalar(_ table: Int, _ slot: Int, default value: Int = 0, size: Int) throws(Damaged) -> Int {
        guard let at = try field(table, slot) else { return value }
        switch size {
        case 1: return try u8(at)
        case 2: return try u16(at)
        case 4: return try i32(at)
        default: return try i64(at)
        }
    }

    /// The table, string or vector a field points to.
    func target(_ table: Int, _ slot: Int) throws(Damaged) -> Int? {
        guard let at = try field(table, slot) else { return nil }
        return at + (try u32(at))
    }

    func string(_ at: Int) throws(Damaged) -> String {
        let length = try u32(at)
        guard at + 4 + length <= bytes.count else { throw Damaged() }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(at + 4)..<(at + 4 + length)]), as: UTF8.self)
    }

    /// The tables of a vector of tables.
    func tables(_ vector: Int) throws(Damaged) -> [Int] {
        let count = try u32(vector)
        guard count < 1 << 24 else { throw Damaged() }
        var result: [Int] = []
        for k in 0..<count {
            let slot = vector + 4 + 4 * k
            result.append(slot + (try u32(slot)))
        }
        return result
    }
}
