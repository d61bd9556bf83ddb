import Foundation
import Quarry

/// Recognises the two lines that open a reader comment: the author ("1. Murat" or "Murat") and
/// the time stamp ("May 27, 2021 at 10:43 pm").
enum CommentHeader {
    /// The author named by a comment's first line, if it can be one.
    static func author(_ line: String) -> String? {
        var text = Substring(line)
        if let dot = text.firstIndex(of: "."), text[..<dot].allSatisfy(\.isNumber), !text[..<dot].isEmpty {
            text = text[text.index(after: dot)...]
        }
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let count = name.split(separator: " ").count
        // A trailing dot ends a sentence, unless it closes an initial ("Ani K.").
        let endsWithInitial = name.split(separator: " ").last.map { $0.count == 2 && $0.first!.isUppercase } ?? false
        guard (1...5).contains(count), name.count <= 60, !name.isEmpty, !name.hasSuffix(".") || endsWithInitial
        else { return nil }
        return name
    }

    /// The day and 24-hour time of a time stamp line, if the line is one.
    static func timestamp(_ line: String) -> (date: QuarryDate, time: String?)? {
        let parts = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.count == 3 || parts.count == 5 || parts.count == 6,
              let month = MonthNames.number(String(parts[0])),
              parts[1].hasSuffix(","), let day = Int(parts[1].dropLast()),
              let year = Int(parts[2]), (1...CivilCalendar.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        let date = QuarryDate.day(year, month, day)
        if parts.count == 3 { return (date, nil) }
        guard parts[3] == "at" else { return nil }
        var clock = String(parts[4])
        var meridiem = parts.count == 6 ? parts[5].lowercased() : ""
        for suffix in ["am", "pm"] where clock.lowercased().hasSuffix(suffix) {
            meridiem = suffix
            clock = String(clock.dropLast(2))
        }
        let hm = clock.split(separator: ":")
        guard hm.count == 2, var hour = Int(hm[0]), let minute = Int(hm[1]), (0..<60).contains(minute)
        else { return nil }
        switch meridiem {
        case "am": guard (1...12).contains(hour) else { return nil }; if hour == 12 { hour = 0 }
        case "pm": guard (1...12).contains(hour) else { return nil }; if hour != 12 { hour += 12 }
        case "": guard (0..<24).contains(hour) else { return nil }
        default: return nil
        }
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return (date, "\(pad(hour)):\(pad(minute))")
    }
}
