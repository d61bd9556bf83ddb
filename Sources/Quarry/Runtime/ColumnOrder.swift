/// `sort` by plain fields, compared on the stored columns instead of on values made per row.
///
/// The order is `ValueOperations.sortsBefore`'s: nulls first, then by value; a descending key
/// reverses both; rows that tie on every key keep their order.
struct ColumnOrder {
    /// One key's stored column, in a form that compares without making values.
    private enum Key {
        case ints([Int], present: [Bool]?)
        case doubles([Double], present: [Bool]?)
        case dates([QuarryDate], present: [Bool]?)
        /// Strings by their rank among the column's distinct strings; code -1 is null.
        case ranks(codes: [Int32], rank: [Int32])
        /// Strings of a column with too many distinct values to rank them all first (an id per
        /// row): compared one pair at a time, which `sort | head k` needs only for close calls.
        case strings(codes: [Int32], entries: [String], ops: ValueOperations)
    }

    private let keys: [(key: Key, descending: Bool)]

    /// The order of `table`'s rows by these fields; nil when a field is missing or its column
    /// holds values of mixed kinds (then `sort` compares values).
    init?(_ fields: [(name: String, descending: Bool)], in table: Table, _ ops: ValueOperations) {
        var keys: [(key: Key, descending: Bool)] = []
        for field in fields {
            guard let index = table.schema.index(of: field.name),
                  let key = Self.key(table.columns[index], ops) else { return nil }
            keys.append((key, field.descending))
        }
        self.keys = keys
    }

    /// Whether the row at `a` sorts before the row at `b`; `placeA` and `placeB` (their places in
    /// the relation) break ties.
    @inline(__always)
    func before(_ a: Int, _ b: Int, placeA: Int, placeB: Int) -> Bool {
        for (key, descending) in keys {
            let c = Self.compare(key, a, b)
            if c != 0 { return descending ? c > 0 : c < 0 }
        }
        return placeA < placeB
    }

    @inline(__always)
    private static func compare(_ key: Key, _ a: Int, _ b: Int) -> Int {
        @inline(__always) func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : y < x ? 1 : 0 }
        // Nulls first, as `sortsBefore` puts them.
        @inline(__always) func nulls(_ present: [Bool]?) -> Int? {
            guard let present else { return nil }
            switch (present[a], present[b]) {
            case (true, true): return nil
            case (false, false): return 0
            case (false, true): return -1
            case (true, false): return 1
            }
        }
        switch key {
        case .ints(let values, let present):
            return nulls(present) ?? order(values[a], values[b])
        case .doubles(let values, let present):
            return nulls(present) ?? order(values[a], values[b])
        case .dates(let values, let present):
            return nulls(present) ?? order(values[a], values[b])
        case .ranks(let codes, let rank):
            let x = codes[a], y = codes[b]
            if x < 0 || y < 0 { return x < 0 && y < 0 ? 0 : x < 0 ? -1 : 1 }
            return order(rank[Int(x)], rank[Int(y)])
        case .strings(let codes, let entries, let ops):
            let x = codes[a], y = codes[b]
            if x < 0 || y < 0 { return x < 0 && y < 0 ? 0 : x < 0 ? -1 : 1 }
            if x == y { return 0 }
            let p = Value.string(entries[Int(x)]), q = Value.string(entries[Int(y)])
            return ops.sortsBefore(p, q) ? -1 : ops.sortsBefore(q, p) ? 1 : 0
        }
    }

    private static func key(_ column: Column, _ ops: ValueOperations) -> Key? {
        switch column.storage {
        case .ints(let values, let present):
            return .ints(values, present: present)
        case .doubles(let values, let present):
            return .doubles(values, present: present)
        case .dates(let values, let present):
            return .dates(values, present: present)
        case .strings(let strings) where strings.entries.count <= 1 << 16:
            // Rank the distinct strings once; rows then compare ranks. Strings compare as
            // `sortsBefore` compares two strings, without making values of them.
            let entries = strings.entries
            let caseSensitive = ops.caseSensitive
            let less: (String, String) -> Bool = { x, y in caseSensitive ? x < y : ValueOperations.lessIgnoringCase(x, y) }
            let sorted = entries.indices.sorted { less(entries[$0], entries[$1]) }
            var rank = [Int32](repeating: 0, count: entries.count)
            for (i, entry) in sorted.enumerated() where i > 0 {
                let previous = sorted[i - 1]
                let tie = !less(entries[previous], entries[entry])
                rank[entry] = tie ? rank[previous] : rank[previous] + 1
            }
            return .ranks(codes: strings.codes, rank: rank)
        case .strings(let strings):
            return .strings(codes: strings.codes, entries: strings.entries, ops: ops)
        default:
            return nil
        }
    }
}

/// The places of the best `k` of `count` rows under `before`, best first: a bounded heap, so
/// it takes O(count × log k) comparisons instead of sorting every row.
func bestPlaces(count: Int, _ k: Int, before: (Int, Int) -> Bool) -> [Int] {
    guard k > 0 else { return [] }
    // A max-heap of the best k so far: its root is the worst of them.
    var heap: [Int] = []
    heap.reserveCapacity(k + 1)
    func siftUp(_ i: Int) {
        var i = i
        while i > 0, before(heap[(i - 1) / 2], heap[i]) { heap.swapAt(i, (i - 1) / 2); i = (i - 1) / 2 }
    }
    func siftDown() {
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var worst = i
            if l < heap.count, before(heap[worst], heap[l]) { worst = l }
            if r < heap.count, before(heap[worst], heap[r]) { worst = r }
            if worst == i { return }
            heap.swapAt(i, worst)
            i = worst
        }
    }
    for place in 0..<count {
        if heap.count < k {
            heap.append(place)
            siftUp(heap.count - 1)
        } else if before(place, heap[0]) {
            heap[0] = place
            siftDown()
        }
    }
    return heap.sorted(by: before)
}
