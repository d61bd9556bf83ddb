extension QuarryDate {
    /// Parses the forms dates are written in across Quarry: `2021-05-12`, `2021-05`, `2021`,
    /// `1920s`, `early 2000s`, `mid 1990s`, `late 2021`, and intervals `A/B` of any two of those;
    /// and instants: `2021-05-12T10:43:00Z`, `2021-05-12 10:43`, `2021-05-12T10:43:00.5+02:00`
    /// (a time without a zone is UTC; fractions of a second are dropped).
    /// Returns nil for anything else, including impossible days such as `2021-02-30`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        if let slash = trimmed.firstIndex(of: "/") {
            guard let a = QuarryDate(parsing: String(trimmed[..<slash])),
                  let b = QuarryDate(parsing: String(trimmed[trimmed.index(after: slash)...])),
                  a.start <= b.end
            else { return nil }
            self.init(start: a.start, end: b.end, precision: .range)
            return
        }
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        if words.count == 2, let day = Self.parseSingle(words[0]), day.precision == .day {
            guard let instant = day.at(time: words[1]) else { return nil }
            self = instant
            return
        }
        if words.count == 2, let part = Part(rawValue: words[0].lowercased()),
           let whole = QuarryDate(parsing: String(words[1])) {
            guard let narrowed = whole.narrowed(to: part) else { return nil }
            self = narrowed
            return
        }
        guard words.count == 1, let date = Self.parseSingle(Substring(trimmed)) else { return nil }
        self = date
    }

    /// "early", "mid" and "late": the first, middle and last third of a year, decade or century.
    private enum Part: String { case early, mid, late }

    private func narrowed(to part: Part) -> QuarryDate? {
        let first = CivilCalendar.civil(start).year
        switch precision {
        case .decade, .century:
            let span = precision == .decade ? 10 : 100
            let third = span * 3 / 10
            switch part {
            case .early: return .years(first, first + third)
            case .mid: return .years(first + third, first + span - third - 1)
            case .late: return .years(first + span - third, first + span - 1)
            }
        case .year:
            let months: (Int, Int) = part == .early ? (1, 4) : part == .mid ? (5, 8) : (9, 12)
            return QuarryDate(
                start: QuarryDate.month(first, months.0).start,
                end: QuarryDate.month(first, months.1).end, precision: .range)
        default:
            return nil
        }
    }

    private static func parseSingle(_ text: Substring) -> QuarryDate? {
        if text.count > 10, let t = text.firstIndex(where: { $0 == "T" || $0 == "t" }) {
            guard let day = parseSingle(text[..<t]), day.precision == .day else { return nil }
            return day.at(time: text[text.index(after: t)...])
        }
        if text.hasSuffix("s") {
            guard let year = Int(text.dropLast()), text.count == 5, year % 10 == 0 else { return nil }
            return .decade(year)  // "1900s" reads as a decade; centuries are written as ranges
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0])
        else { return nil }
        if parts.count == 1 { return .year(year) }
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        if parts.count == 2 { return .month(year, month) }
        guard parts[2].count == 2, let day = Int(parts[2]),
              (1...CivilCalendar.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        return .day(year, month, day)
    }
}

extension QuarryDate {
    /// The instant at `time` on this day: `HH:MM`, `HH:MM:SS`, an optional fraction, then `Z`
    /// or an offset `+02:00` / `-0500` / `+02`; without a zone the time is UTC.
    func at<Text: StringProtocol>(time text: Text) -> QuarryDate? {
        Array(text.utf8).withUnsafeBytes { at(timeBytes: $0) }
    }

    /// The same, for bytes in place (a loader's field), without a copy.
    func at(timeBytes b: UnsafeRawBufferPointer) -> QuarryDate? {
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var v = 0
            for k in i..<(i + width) {
                guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            i += width
            return v
        }
        func skip(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let hour = number(2), hour < 24, skip(0x3A), let minute = number(2), minute < 60 else { return nil }
        var second = 0
        if skip(0x3A) {
            guard let s = number(2), s < 61 else { return nil }
            second = min(s, 59)
            if skip(0x2E) || skip(0x2C) {
                let digits = i
                while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                guard i > digits else { return nil }
            }
        }
        var offset = 0
        if skip(0x5A) || skip(0x7A) {
            // UTC
        } else if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
            let sign = b[i] == 0x2D ? -1 : 1
            i += 1
            guard let h = number(2), h <= 18 else { return nil }
            _ = skip(0x3A)
            let m = i < b.count ? number(2) : 0
            guard let m, m < 60 else { return nil }
            offset = sign * (h * 3600 + m * 60)
        }
        guard i == b.count else { return nil }
        return QuarryDate(dayNumber: start, secondOfDay: hour * 3600 + minute * 60 + second - offset)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }
}
