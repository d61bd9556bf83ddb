/// `sort` by plain fields, compared on the stored columns instead of on values made per row.
///
/// The order is `ValueOperations.sortsBefore`'s: nulls first, then by value; a descending key
/// reverses both; rows that tie on every key keep their order.
struct ColumnOrder {
    /// For one key: -1, 0 or 1 as row `a` sorts before, with, or after row `b`.
    private typealias KeyOrder = (Int, Int) -> Int
    private let keys: [(order: KeyOrder, descending: Bool)]

    /// The order of `table`'s rows by these fields; nil when a field is missing or its column
    /// holds values of mixed kinds (then `sort` compares values).
    init?(_ fields: [(name: String, descending: Bool)], in table: Table, _ ops: ValueOperations) {
        var keys: [(order: KeyOrder, descending: Bool)] = []
        for field in fields {
            guard let index = table.schema.index(of: field.name),
                  let order = Self.keyOrder(table.columns[index], ops) else { return nil }
            keys.append((order, field.descending))
        }
        self.keys = keys
    }

    /// Whether the row at `a` sorts before the row at `b`; `placeA` and `placeB` (their places in
    /// the relation) break ties.
    @inline(__always)
    func before(_ a: Int, _ b: Int, placeA: Int, placeB: Int) -> Bool {
        for key in keys {
            let c = key.order(a, b)
            if c != 0 { return key.descending ? c > 0 : c < 0 }
        }
        return placeA < placeB
    }

    private static func keyOrder(_ column: Column, _ ops: ValueOperations) -> KeyOrder? {
        @inline(__always) func compare<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : y < x ? 1 : 0 }
        func withNulls<T>(_ values: [T], _ present: [Bool]?, _ order: @escaping (T, T) -> Int) -> KeyOrder {
            guard let present else { return { a, b in order(values[a], values[b]) } }
            return { a, b in
                switch (present[a], present[b]) {
                case (true, true): return order(values[a], values[b])
                case (false, false): return 0
                case (false, true): return -1
                case (true, false): return 1
                }
            }
        }
        switch column.storage {
        case .ints(let values, let present):
            return withNulls(values, present, compare)
        case .doubles(let values, let present):
            return withNulls(values, present, compare)
        case .dates(let values, let present):
            return withNulls(values, present) { x, y in compare(x, y) }
        case .strings(let strings) where strings.entries.count <= 1 << 16:
            // Rank the distinct strings once; rows then compare ranks.
            let sorted = strings.entries.indices.sorted { ops.sortsBefore(.string(strings.entries[$0]), .string(strings.entries[$1])) }
            var rank = [Int](repeating: 0, count: strings.entries.count)
            for (i, entry) in sorted.enumerated() where i > 0 {
                let previous = sorted[i - 1]
                let tie = !ops.sortsBefore(.string(strings.entries[previous]), .string(strings.entries[entry]))
                rank[entry] = tie ? rank[previous] : rank[previous] + 1
            }
            let codes = strings.codes
            return { a, b in
                let x = codes[a], y = codes[b]
                if x < 0 || y < 0 { return x < 0 && y < 0 ? 0 : x < 0 ? -1 : 1 }
                return compare(rank[Int(x)], rank[Int(y)])
            }
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
