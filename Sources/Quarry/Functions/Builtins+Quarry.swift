import Foundation

extension Builtins {
    /// String helpers analysts reach for first.
    static let strings: [QuarryFunction] = [
        function("lower", 1, 1, "lower(s)  s in lower case", returns: .string) { args, _ in
            guard case .string(let s) = args[0].keyed else { return .null }
            return .string(s.lowercased())
        },
        function("upper", 1, 1, "upper(s)  s in upper case", returns: .string) { args, _ in
            guard case .string(let s) = args[0].keyed else { return .null }
            return .string(s.uppercased())
        },
        function("trim", 1, 1, "trim(s)  s without spaces at either end", returns: .string) { args, _ in
            guard case .string(let s) = args[0].keyed else { return .null }
            return .string(s.trimmingCharacters(in: .whitespacesAndNewlines))
        },
        function("replace", 3, 3, "replace(s, old, new)  every old in s replaced by new", returns: .string) { args, _ in
            guard case .string(let s) = args[0].keyed, case .string(let old) = args[1].keyed,
                  case .string(let new) = args[2].keyed, !old.isEmpty else { return .null }
            return .string(s.replacingOccurrences(of: old, with: new))
        },
        function("split", 2, 2, "split(s, separator)  the pieces of s as an array", returns: .array(.string)) { args, _ in
            guard case .string(let s) = args[0].keyed, case .string(let sep) = args[1].keyed, !sep.isEmpty else { return .null }
            return .array(s.components(separatedBy: sep).map { .string($0) })
        },
        function("join", 2, 2, "join(array, separator)  the items as one string", returns: .string) { args, _ in
            guard case .array(let items) = args[0].keyed, case .string(let sep) = args[1].keyed else { return .null }
            return .string(items.map(textOf).joined(separator: sep))
        },
        function("contains", 2, 2, "contains(s or array, part)  whether s holds part, or the array the value", returns: .bool) { args, ops in
            switch args[0].keyed {
            case .string(let s):
                guard case .string(let x) = args[1].keyed else { return .null }
                return .bool(x.isEmpty || TextSearch.first(x, in: s, from: 0, ops) != nil)
            case .array(let items):
                return .bool(items.contains { ops.sameKey($0, args[1]) })
            default:
                return .null
            }
        },
        function("regex", 2, 2, "regex(s, pattern)  whether pattern occurs anywhere in s (linear time)", returns: .bool) { (args, ops) throws(FunctionError) -> Value in
            guard case .string(let s) = args[0].keyed, case .string(let p) = args[1].keyed else { return .null }
            return .bool(try compile(p, ops).firstMatch(in: s) != nil)
        },
        function("capture", 2, 3, "capture(s, pattern[, group])  the text of a group (1 by default) of the first match", returns: .string) { (args, ops) throws(FunctionError) -> Value in
            guard case .string(let s) = args[0].keyed, case .string(let p) = args[1].keyed else { return .null }
            let regex = try compile(p, ops)
            var group = regex.groupCount >= 1 ? 1 : 0
            if args.count > 2 {
                guard case .int(let g) = args[2].keyed, (0...regex.groupCount).contains(g) else {
                    throw FunctionError("the pattern has \(regex.groupCount) group(s)")
                }
                group = g
            }
            guard let match = regex.firstMatch(in: s), let text = match[group] else { return .null }
            return .string(text)
        },
    ]

    static func compile(_ pattern: String, _ ops: ValueOperations) throws(FunctionError) -> Regex {
        do {
            return try Regex(pattern, caseInsensitive: !ops.caseSensitive)
        } catch {
            throw FunctionError("invalid regular expression: \(error)")
        }
    }

    /// Dates as intervals.
    static let dates: [QuarryFunction] = [
        function("year", 1, 1, "year(date)  the year, when the whole date lies in one", returns: .int) { args, _ in
            datePart(args[0]) { $0.year }
        },
        function("month", 1, 1, "month(date)  the month (1–12), when the whole date lies in one", returns: .int) { args, _ in
            datePart(args[0]) { $0.month }
        },
        function("day", 1, 1, "day(date)  the day of the month, for a date to the day", returns: .int) { args, _ in
            datePart(args[0]) { $0.day }
        },
        function("decade", 1, 1, "decade(date)  the decade's first year, when the whole date lies in one", returns: .int) { args, _ in
            datePart(args[0]) { $0.decade }
        },
        function("date", 1, 1, "date(s)  a date from text: \"2021-05\", \"1920s\", \"early 2000s\", \"2002/2020\"", returns: .date) { args, _ in
            switch args[0].keyed {
            case .date: return args[0].keyed
            case .string(let s): return QuarryDate(text: s).map { .date($0) } ?? .null
            default: return .null
            }
        },
        function("start", 1, 1, "start(date)  the first day of the date, as a date", returns: .date) { args, _ in
            guard case .date(let d) = args[0].keyed else { return .null }
            return .date(QuarryDate(start: d.start, end: d.start, precision: .day))
        },
        function("end", 1, 1, "end(date)  the last day of the date, as a date", returns: .date) { args, _ in
            guard case .date(let d) = args[0].keyed else { return .null }
            return .date(QuarryDate(start: d.end, end: d.end, precision: .day))
        },
        function("precision", 1, 1, "precision(date)  second, day, month, year, decade, century or range", returns: .string) { args, _ in
            guard case .date(let d) = args[0].keyed else { return .null }
            return .string(d.precision.rawValue)
        },
        function("days_between", 2, 2, "days_between(a, b)  days from a's start to b's start", returns: .int) { args, _ in
            guard case .date(let a) = args[0].keyed, case .date(let b) = args[1].keyed else { return .null }
            return .int(b.start - a.start)
        },
        function("add_days", 2, 2, "add_days(date, n)  the date moved by n days", returns: .date) { args, _ in
            guard case .date(let d) = args[0].keyed, case .int(let n) = args[1].keyed else { return .null }
            return d.moved(by: n).map { .date($0) } ?? .null
        },
        function("add_months", 2, 2, "add_months(date, n)  the date moved by n months", returns: .date) { args, _ in
            shift(args) { months in months }
        },
        function("add_years", 2, 2, "add_years(date, n)  the date moved by n years", returns: .date) { args, _ in
            shift(args) { years in years * 12 }
        },
    ]

    static func datePart(_ value: Value, _ part: (QuarryDate) -> Int?) -> Value {
        switch value.keyed {
        case .date(let d): return part(d).map { .int($0) } ?? .null
        case .string(let s): return QuarryDate(text: s).flatMap(part).map { .int($0) } ?? .null
        default: return .null
        }
    }

    /// Moves a date by whole months, keeping its precision; days past a month's end clamp to it.
    static func shift(_ args: [Value], _ months: (Int) -> Int) -> Value {
        guard case .date(let d) = args[0].keyed, case .int(let n) = args[1].keyed, abs(n) < 1_000_000 else { return .null }
        func move(_ day: Int) -> Int {
            let c = CivilCalendar.civil(day)
            let total = c.year * 12 + (c.month - 1) + months(n)
            let (y, m) = (Int((Double(total) / 12).rounded(.down)), ((total % 12) + 12) % 12 + 1)
            return CivilCalendar.dayNumber(year: y, month: m, day: min(c.day, CivilCalendar.daysIn(year: y, month: m)))
        }
        let start = move(d.start)
        var end = move(d.end)
        if d.precision == .month || d.precision == .year || d.precision == .decade || d.precision == .century {
            let c = CivilCalendar.civil(end)
            end = CivilCalendar.dayNumber(year: c.year, month: c.month, day: CivilCalendar.daysIn(year: c.year, month: c.month))
        }
        return .date(QuarryDate(start: start, end: end, precision: d.precision))
    }

    /// Numbers and the odd general helper.
    static let general: [QuarryFunction] = [
        function("typeof", 1, 1, "typeof(x)  the name of x's type", returns: .string) { args, _ in .string(args[0].typeName) },
        function("round", 1, 2, "round(x[, digits])  x rounded half away from zero", returns: .any) { args, _ in
            guard let x = args[0].keyed.number, x.isFinite else { return .null }
            let digits = args.count > 1 ? (args[1].keyed.number.map { $0.isFinite ? Int(max(-20, min(20, $0))) : 0 } ?? 0) : 0
            if digits == 0 { return abs(x) < 9e18 ? .int(Int(x.rounded())) : .double(x.rounded()) }
            let scale = pow(10, Double(digits))
            return .double((x * scale).rounded() / scale)
        },
        function("abs", 1, 1, "abs(x)", returns: .any) { args, _ in
            switch args[0].keyed {
            case .int(let i): return i == .min ? .null : .int(abs(i))
            case .double(let d): return .double(abs(d))
            default: return .null
            }
        },
        function("floor", 1, 1, "floor(x)", returns: .int) { args, _ in
            guard let x = args[0].keyed.number, x.isFinite, abs(x) < 9e18 else { return .null }
            return .int(Int(x.rounded(.down)))
        },
        function("ceil", 1, 1, "ceil(x)", returns: .int) { args, _ in
            guard let x = args[0].keyed.number, x.isFinite, abs(x) < 9e18 else { return .null }
            return .int(Int(x.rounded(.up)))
        },
        function("first", 1, 1, "first(array)  the first item", returns: .any) { args, _ in
            guard case .array(let items) = args[0].keyed else { return .null }
            return items.first ?? .null
        },
        function("last", 1, 1, "last(array)  the last item", returns: .any) { args, _ in
            guard case .array(let items) = args[0].keyed else { return .null }
            return items.last ?? .null
        },
    ]
}
