/// `head n` and `tail n`: the first or the last n rows.
enum Slice {
    static func run(_ input: @escaping CompiledQuery.Run, fromEnd: Bool, count: RowCount) -> CompiledQuery.Run {
        { ctx, frame throws(RuntimeFailure) in
            var relation = try input(ctx, &frame)
            let n: Int
            switch count {
            case .fixed(let k): n = k
            case .computed(let count): n = try count.compute(ctx, &frame)
            }
            relation.slice(first: n, fromEnd: fromEnd)
            return relation
        }
    }
}
