import Foundation

/// Distinct byte strings and a code for each, found by hashing the bytes in place: building a
/// dictionary-encoded column this way makes one `String` per distinct value, not one per row.
struct ByteDictionary {
    /// Every distinct value's bytes, one after another.
    private(set) var arena: [UInt8] = []
    /// Where each distinct value starts in `arena`, and one more: the arena's length.
    private(set) var starts: [Int] = [0]
    /// Open addressing: code + 1, or 0 for an empty slot.
    private var slots: [Int32]
    private var hashes: [UInt64] = []

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
    }

    var count: Int { starts.count - 1 }

    /// The code of these bytes, adding them when new.
    mutating func code(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            let code = Int(stored - 1)
            if hashes[code] == hash, equal(code, bytes) { return Int32(code) }
            slot = (slot + 1) & mask
        }
        let code = Int32(count)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = code + 1
        if count * 2 > slots.count { grow() }
        return code
    }

    /// The distinct values as strings, in code order.
    func strings() -> [String] {
        arena.withUnsafeBufferPointer { buffer in
            (0..<count).map { String(decoding: UnsafeBufferPointer(rebasing: buffer[starts[$0]..<starts[$0 + 1]]), as: UTF8.self) }
        }
    }

    /// The bytes of one value.
    func bytes(of code: Int) -> ArraySlice<UInt8> { arena[starts[code]..<starts[code + 1]] }

    private func equal(_ code: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = starts[code], length = starts[code + 1] - start
        guard length == bytes.count else { return false }
        return arena.withUnsafeBytes { arena in
            length == 0 || memcmp(arena.baseAddress! + start, bytes.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for code in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(code + 1)
        }
        slots = bigger
    }

    /// FNV-1a over 8 bytes at a time, finished with a multiply-xorshift.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3
            i += 1
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}
