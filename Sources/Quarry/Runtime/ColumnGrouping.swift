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
        func group(_ code: Int32) -> Int32 {
            if code < 0 {
                if nullGroup < 0 { nullGroup = newGroup(.null) }
                return nullGroup
            }
            let c = Int(code)
            if groupOfCode[c] < 0 { groupOfCode[c] = newGroup(.string(strings.entries[c])) }
            return groupOfCode[c]
        }
        groupOfPlace = strings.codes.withUnsafeBufferPointer { codes in
            positions.map { $0.map { group(codes[$0]) } } ?? codes.map(group)
        }
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
