/// Grouping rows by the value of one string field, on the column's codes: each distinct string
/// is folded and looked up once, then every row costs an array read.
struct ColumnGrouping {
    /// Each group's value: that of its first row. Groups are in the order they first appear.
    let keys: [Value]
    /// The group of each row, by the row's place in the relation.
    let groupOfPlace: [Int32]

    /// The groups of the rows by the column's value: what grouping row by row with
    /// `ValueOperations.groupingKey` gives. Nil when the column is not dictionary-encoded.
    init?(_ column: Column, positions: [Int]?, _ ops: ValueOperations) {
        guard case .strings(let strings) = column.storage else { return nil }
        var groupOfCode = [Int32](repeating: -1, count: strings.entries.count)
        var groupOfKey: [Value: Int32] = [:]
        var keys: [Value] = []
        var nullGroup: Int32 = -1
        func newGroup(_ value: Value) -> Int32 {
            let folded = ops.groupingKey(value)
            if let existing = groupOfKey[folded] { return existing }
            groupOfKey[folded] = Int32(keys.count)
            keys.append(value)
            return Int32(keys.count - 1)
        }
        // Each distinct string is folded once, in the order rows first show it; then every row
        // is one read of its code's group.
        let codes = strings.codes
        let count = positions?.count ?? codes.count
        var out = [Int32](repeating: 0, count: count)
        groupOfCode.withUnsafeMutableBufferPointer { groupOfCode in
            codes.withUnsafeBufferPointer { codes in
                out.withUnsafeMutableBufferPointer { out in
                    for place in 0..<count {
                        let code = codes[positions?[place] ?? place]
                        if code < 0 {
                            if nullGroup < 0 { nullGroup = newGroup(.null) }
                            out[place] = nullGroup
                            continue
                        }
                        let c = Int(code)
                        var g = groupOfCode[c]
                        if g < 0 {
                            g = newGroup(.string(strings.entries[c]))
                            groupOfCode[c] = g
                        }
                        out[place] = g
                    }
                }
            }
        }
        groupOfPlace = out
        self.keys = keys
    }

    /// How many rows each group has.
    var counts: [Int] {
        var counts = [Int](repeating: 0, count: keys.count)
        for g in groupOfPlace { counts[Int(g)] += 1 }
        return counts
    }

    /// The places of each group's rows, in order.
    var members: [[Int]] {
        var members = counts.map { n -> [Int] in
            var places: [Int] = []
            places.reserveCapacity(n)
            return places
        }
        for (place, g) in groupOfPlace.enumerated() { members[Int(g)].append(place) }
        return members
    }
}
