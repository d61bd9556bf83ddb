extension QuarryDate {
    /// Parses the forms dates are written in across Quarry: `2021-05-12`, `2021-05`, `2021`,
    /// `1920s`, `early 2000s`, `mid 1990s`, `late 2021`, and intervals `A/B` of any two of those.
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
