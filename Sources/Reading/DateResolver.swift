import ChatModel
import Matching

/// Decides the day/month order of a file's numeric dates, over the whole file: a field
/// above 12 decides; otherwise the order under which time runs forward more often wins;
/// otherwise the file is ambiguous and the user must say (`--date-order`).
enum DateResolver {
    struct Resolution {
        var order: DateOrder?
        var times: [LocalTime?]
        var invalidClock: [Bool]
    }

    static func resolve(_ stamps: [RawStamp?], forced: DateOrder?) throws(AmbiguousDates) -> Resolution {
        let order: DateOrder?
        if let forced {
            order = forced
        } else if stamps.contains(where: { $0?.isAmbiguous == true }) {
            order = try decide(stamps)
        } else {
            order = stamps.contains { $0 != nil } ? .ymd : nil
        }
        var times: [LocalTime?] = []
        var invalid: [Bool] = []
        for stamp in stamps {
            let (time, bad) = stamp?.time(order ?? .ymd) ?? (nil, false)
            times.append(time)
            invalid.append(bad)
        }
        return Resolution(order: order, times: times, invalidClock: invalid)
    }

    private static func decide(_ stamps: [RawStamp?]) throws(AmbiguousDates) -> DateOrder {
        var firstAbove12 = false, secondAbove12 = false
        var example: RawStamp?
        for case let stamp? in stamps {
            guard case .ambiguous(let a, let b, _) = stamp.date else { continue }
            if a > 12 { firstAbove12 = true }
            if b > 12 { secondAbove12 = true }
            if a != b, example == nil { example = stamp }
        }
        if firstAbove12 != secondAbove12 { return firstAbove12 ? .dmy : .mdy }
        guard let example else { return .dmy }  // every date reads the same either way
        let forward = [DateOrder.dmy, .mdy].map { order in forwardSteps(stamps.compactMap { $0?.time(order).0 }) }
        if forward[0] != forward[1], !(firstAbove12 && secondAbove12) { return forward[0] > forward[1] ? .dmy : .mdy }
        throw AmbiguousDates(example: example)
    }

    /// How many consecutive pairs of times do not go backwards.
    private static func forwardSteps(_ times: [LocalTime]) -> Int {
        zip(times, times.dropFirst()).filter { $0 <= $1 }.count
    }
}

/// The file's dates read both as day/month and month/day, and nothing tells which.
struct AmbiguousDates: Error {
    let example: RawStamp
}
