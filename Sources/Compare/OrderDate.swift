import ChatModel
import Foundation

/// Order, shipping and receipt dates as the buyer gives them (`2024-03-12`,
/// `2024-03-12 14:05`), read on one calendar with no time zone, so no daylight-saving gaps.
public enum OrderDate {
    /// Hours since a fixed day, and whether a time was given. Nil for anything else,
    /// including 2024-02-30. Seconds are allowed.
    public static func moment(_ text: String) -> (hours: Double, hasTime: Bool)? {
        let fields = text.trimmingBlanks().split(whereSeparator: { " T-:".contains($0) })
        let parts = fields.compactMap { Int($0) }
        guard parts.count == fields.count, [3, 5, 6].contains(parts.count) else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        (components.hour, components.minute) = parts.count > 3 ? (parts[3], parts[4]) : (0, 0)
        guard let date = utc.date(from: components), utc.dateComponents([.year, .month, .day, .hour, .minute], from: date) == components else { return nil }
        return (date.timeIntervalSince1970 / 3600, parts.count > 3)
    }

    /// `2024-03-15` + 7 days → `2024-03-22` (a time after the date is dropped).
    public static func adding(days: Int, to date: String) -> String? {
        guard let start = moment(String(date.prefix(10))) else { return nil }
        let result = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: (start.hours + Double(days) * 24) * 3600))
        return String(format: "%04d-%02d-%02d", result.year!, result.month!, result.day!)
    }

    /// The first pair of dates out of order (`--shipped` before `--ordered`), as a sentence
    /// naming both, or nil. `dates` are (name, value) in the order they must happen; a date
    /// without a time is compared by its day, so the same day is never out of order.
    public static func outOfOrder(_ dates: [(name: String, value: String?)]) -> String? {
        let known = dates.compactMap { date in date.value.flatMap { moment($0) }.map { (date.name, date.value!, $0) } }
        for (index, later) in known.enumerated() {
            for earlier in known[..<index] {
                let (a, b) = (earlier.2, later.2)
                // Compare days when either has no time.
                let (x, y) = a.hasTime && b.hasTime ? (a.hours, b.hours) : ((a.hours / 24).rounded(.down), (b.hours / 24).rounded(.down))
                if y < x { return "\(later.0) \(later.1) is before \(earlier.0) \(earlier.1): one of them is wrong" }
            }
        }
        return nil
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
