import Foundation

/// Distinct byte strings and a code for each, found by hashing the bytes in place: building a
/// dictionary-encoded column this way makes one `String` per distinct value, not one per row.
///
/// The first values (up to `arenaLimit` bytes) are copied into an arena of the dictionary's own,
/// where the entries of a column of few values stay together and in cache, so that comparing a
/// repeat with its entry does not reach back into the file. Later values that lie in the file
/// being read are kept as places in it (the file outlives the dictionary), so that a column of
/// free text is not copied whole; the others (a quoted field with its doubled quotes undone, a
/// JSON string with escapes) are always copied.
struct ByteDictionary {
    /// The file's bytes, which entries may point into.
    private let base: UnsafeRawBufferPointer?
    /// Copies of values: the first ones, and those not in the file.
    private var arena: [UInt8] = []
    /// Bytes of values copied whatever their place; beyond it, values in the file stay there.
    static let arenaLimit = 1 << 22
    /// Where each entry starts: in the file when zero or more, in the arena (at -start - 1) when negative.
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    /// Open addressing: the hash's high 32 bits beside code + 1 (0 for an empty slot), so that a
    /// probe reads one slot, not the entry, until the hashes agree.
    private var slots: [UInt64]

    /// `capacity` distinct values fit before the table first grows.
    init(base: UnsafeRawBufferPointer? = nil, capacity: Int = 512) {
        self.base = base
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        if capacity > 512 {
            starts.reserveCapacity(capacity)
            lengths.reserveCapacity(capacity)
            hashes.reserveCapacity(capacity)
        }
    }

    var count: Int { starts.count }

    /// The code of these bytes, adding them when new.
    @inline(__always)
    mutating func code(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(bytes)
        let tag = hash >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots.withUnsafeBufferPointer { $0[slot] }
            if stored == 0 { break }
            if stored >> 32 == tag {
                let code = Int(stored & 0xFFFF_FFFF) - 1
                if Int(lengths[code]) == bytes.count, withBytes(of: code, { Self.same($0, bytes) }) { return Int32(code) }
            }
            slot = (slot + 1) & mask
        }
        let code = Int32(count)
        if arena.count >= Self.arenaLimit, let base, let start = bytes.baseAddress, let origin = base.baseAddress,
           start >= origin, start + bytes.count <= origin + base.count {
            starts.append(start - origin)
        } else {
            starts.append(-arena.count - 1)
            arena.append(contentsOf: bytes)
        }
        lengths.append(Int32(bytes.count))
        hashes.append(hash)
        slots[slot] = tag << 32 | UInt64(code + 1)
        if count * 2 > slots.count { grow() }
        return code
    }

    /// Calls `body` with one entry's bytes.
    @inline(__always)
    func withBytes<R>(of code: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = starts[code], length = Int(lengths[code])
        if start >= 0 { return body(UnsafeRawBufferPointer(rebasing: base![start..<(start + length)])) }
        let at = -start - 1
        return arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[at..<(at + length)])) }
    }

    /// The column's string storage: the entries as strings.
    func stringDictionary(codes: [Int32]) -> StringDictionary {
        var entries: [String] = []
        entries.reserveCapacity(count)
        for code in 0..<count {
            entries.append(withBytes(of: code) { String(decoding: $0, as: UTF8.self) })
        }
        return StringDictionary(entries: entries, codes: codes)
    }

    /// Whether two byte strings of the same length are equal: a word at a time, since most are
    /// short and a call to memcmp costs more than comparing them.
    @inline(__always)
    private static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = a.count
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// Room for `capacity` entries in all without the table growing on the way: one rehash now
    /// rather than several while merging.
    mutating func reserve(_ capacity: Int) {
        var size = slots.count
        while size < capacity * 2 { size <<= 1 }
        if size > slots.count { grow(to: size) }
    }

    private mutating func grow() { grow(to: slots.count * 2) }

    private mutating func grow(to size: Int) {
        var bigger = [UInt64](repeating: 0, count: size)
        let mask = bigger.count - 1
        for code in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = (hashes[code] >> 32) << 32 | UInt64(code + 1)
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
