/// `summarize` folded in one pass over the stored columns, with no list of each group's rows:
/// counts, and sums, averages, minima and maxima of whole numbers and numbers. Each answer is the
/// one the row-by-row fold gives (the same additions in the same order); anything else, or a sum
/// that overflows, is left to it.
enum ColumnAggregates {
    /// The summary's rows (key first, then each aggregate), or nil when the kernel does not apply.
    static func fold(_ kinds: [(kind: Aggregate.Kind, counting: Bool)], key: Column?, arguments: [Column?],
                     positions: [Int]?, count: Int, _ ops: ValueOperations) -> [[Value]]? {
        guard count > 0 else { return nil }
        let groups: Int
        let groupOf: [Int32]?
        let keys: [Value]
        if let key {
            guard let grouping = ColumnGrouping(key, positions: positions, ops) else { return nil }
            groups = grouping.keys.count
            groupOf = grouping.groupOfPlace
            keys = grouping.keys
        } else {
            groups = 1
            groupOf = nil
            keys = []
        }
        @inline(__always) func group(_ place: Int) -> Int { groupOf.map { Int($0[place]) } ?? 0 }
        @inline(__always) func row(_ place: Int) -> Int { positions?[place] ?? place }
        var columns: [[Value]] = []
        var counts: [Int]?
        for (a, (kind, counting)) in kinds.enumerated() {
            if counting {
                if counts == nil {
                    var c = [Int](repeating: 0, count: groups)
                    if let groupOf {
                        c.withUnsafeMutableBufferPointer { c in for g in groupOf { c[Int(g)] += 1 } }
                    } else {
                        c[0] = count
                    }
                    counts = c
                }
                columns.append(counts!.map { .int($0) })
                continue
            }
            guard let column = arguments[a] else { return nil }
            switch (kind, column.storage) {
            case (.count, .ints(_, let present)), (.count, .doubles(_, let present)), (.count, .dates(_, let present)):
                var c = [Int](repeating: 0, count: groups)
                for place in 0..<count where present?[row(place)] ?? true { c[group(place)] += 1 }
                columns.append(c.map { .int($0) })
            case (.sum, .ints(let values, let present)), (.min, .ints(let values, let present)), (.max, .ints(let values, let present)):
                // A sum that overflows is left to the row-by-row fold, which says what happens then.
                guard let folded = extreme(kind, values, present, count, groups, group, row, add: { a, b in
                    let (s, overflow) = a.addingReportingOverflow(b)
                    return overflow ? nil : s
                }) else { return nil }
                columns.append(folded.map { $0.map(Value.int) ?? .null })
            case (.sum, .doubles(let values, let present)), (.min, .doubles(let values, let present)), (.max, .doubles(let values, let present)):
                guard values.allSatisfy(\.isFinite),
                      let folded = extreme(kind, values, present, count, groups, group, row, add: { $0 + $1 }) else { return nil }
                columns.append(folded.map { $0.map(Value.double) ?? .null })
            case (.avg, .ints(let values, let present)):
                columns.append(average(count, groups, present, group, row) { Double(values[$0]) })
            case (.avg, .doubles(let values, let present)):
                columns.append(average(count, groups, present, group, row) { values[$0] })
            default:
                return nil
            }
        }
        return (0..<groups).map { g in (key == nil ? [] : [keys[g]]) + columns.map { $0[g] } }
    }

    /// Each group's sum, least or greatest value, in the rows' order starting from the first
    /// present value (nil for a group with none); nil when `add` fails.
    private static func extreme<T: Comparable>(_ kind: Aggregate.Kind, _ values: [T], _ present: [Bool]?, _ count: Int,
                                               _ groups: Int, _ group: (Int) -> Int, _ row: (Int) -> Int,
                                               add: (T, T) -> T?) -> [T?]? {
        var acc = [T?](repeating: nil, count: groups)
        for place in 0..<count {
            let r = row(place)
            if let present, !present[r] { continue }
            let g = group(place), v = values[r]
            guard let current = acc[g] else { acc[g] = v; continue }
            switch kind {
            case .sum:
                guard let s = add(current, v) else { return nil }
                acc[g] = s
            case .min: if v < current { acc[g] = v }
            default: if v > current { acc[g] = v }
            }
        }
        return acc
    }

    /// Each group's mean: the present values added in order from 0, then divided.
    private static func average(_ count: Int, _ groups: Int, _ present: [Bool]?, _ group: (Int) -> Int, _ row: (Int) -> Int,
                                _ value: (Int) -> Double) -> [Value] {
        var sums = [Double](repeating: 0, count: groups)
        var n = [Int](repeating: 0, count: groups)
        for place in 0..<count {
            let r = row(place)
            if let present, !present[r] { continue }
            let g = group(place)
            sums[g] += value(r)
            n[g] += 1
        }
        return (0..<groups).map { n[$0] > 0 ? .double(sums[$0] / Double(n[$0])) : .null }
    }
}
