import ChatModel
import Matching

/// Decides the day/month order of a file's numeric dates, over the whole file: a field
/// above 12 decides; otherwise the order under which time runs forward more often; otherwise
/// how the dates are written (dots, zero padding, two-digit years), said as an inference;
/// otherwise the dates stay unread (no time) with a warning naming `--date-order`, and the
/// file is read all the same.
enum DateResolver {
    struct Resolution {
        var order: DateOrder?
        var times: [LocalTime?]
        var invalidClock: [Bool]
        /// How an order was inferred from the writing, or why the dates were left unread.
        var warning: String?
        var basis: DateOrderBasis?
    }

    static func resolve(_ stamps: [RawStamp?], forced: DateOrder?) -> Resolution {
        var order: DateOrder?
        var warning: String?
        var basis: DateOrderBasis?
        if let forced {
            order = forced
            basis = .option
        } else if stamps.contains(where: { $0?.isAmbiguous == true }) {
            (order, warning) = decide(stamps)
            // A warning with an order: it came from how the dates are written.
            basis = order == nil ? .undecided : warning == nil ? .numbers : .writing
        } else {
            order = stamps.contains { $0 != nil } ? .ymd : nil
        }
        var times: [LocalTime?] = []
        var invalid: [Bool] = []
        for stamp in stamps {
            // Undecided: a date that reads two ways is no time.
            let (time, bad) = order == nil && stamp?.isAmbiguous == true ? (nil, false) : stamp?.time(order ?? .ymd) ?? (nil, false)
            times.append(time)
            invalid.append(bad)
        }
        return Resolution(order: order, times: times, invalidClock: invalid, warning: warning, basis: basis)
    }

    private static func decide(_ stamps: [RawStamp?]) -> (DateOrder?, String?) {
        var firstAbove12 = false, secondAbove12 = false
        var example: RawStamp?
        for case let stamp? in stamps {
            guard case .ambiguous(let a, let b, _) = stamp.date else { continue }
            if a > 12 { firstAbove12 = true }
            if b > 12 { secondAbove12 = true }
            if a != b, example == nil { example = stamp }
        }
        if firstAbove12 != secondAbove12 { return (firstAbove12 ? .dmy : .mdy, nil) }
        guard let example, case .ambiguous(let a, let b, let year) = example.date else { return (.dmy, nil) }  // every date reads the same either way
        let forward = [DateOrder.dmy, .mdy].map { order in forwardSteps(stamps.compactMap { $0?.time(order).0 }) }
        if forward[0] != forward[1], !(firstAbove12 && secondAbove12) { return (forward[0] > forward[1] ? .dmy : .mdy, nil) }
        if !(firstAbove12 && secondAbove12), let (order, how) = byWriting(stamps) {
            let other = order == .dmy ? "mdy" : "dmy"
            return (order, "dates such as \(a)/\(b)/\(year) read \(order == .dmy ? "day" : "month") first from how they are written (\(how)); if that is wrong, rerun with --date-order \(other)")
        }
        return (nil, "dates such as \(a)/\(b)/\(year) read as day/month and as month/day, and nothing in the file decides: those messages have no time (rerun with --date-order dmy or --date-order mdy)")
    }

    /// The order the writing of the dates points to, with the reason: dots (29.01.18) are
    /// day first; zero-padded days and months with four-digit years (05/06/2025) are how
    /// en-GB exports write day first; unpadded ones with two-digit years (6/5/25) how en-US
    /// exports write month first; a.m./p.m. with dots (p. m.) is how Spanish and British-style
    /// locales write it, day first (en-US writes PM). Nil when the cues disagree or there are none.
    private static func byWriting(_ stamps: [RawStamp?]) -> (DateOrder, String)? {
        let cues = stamps.compactMap { $0?.isAmbiguous == true ? $0?.cue : nil }
        let dotted = cues.filter(\.dotted).count
        let dottedMeridiem = cues.filter(\.dottedMeridiem).count
        let british = cues.filter { $0.padded && !$0.unpadded && !$0.twoDigitYear }.count
        let american = cues.filter { $0.unpadded && $0.twoDigitYear }.count
        if dottedMeridiem * 2 > cues.count { return (.dmy, "a.m./p.m. written with dots, as Spanish and British-style exports write them") }
        if dotted * 2 > cues.count, american == 0 { return (.dmy, "dots between day, month and year, as European exports write them") }
        if british > 0, american == 0, dotted == 0 { return (.dmy, "zero-padded with a four-digit year, as en-GB exports write them") }
        if american > 0, british == 0, dotted == 0, dottedMeridiem == 0 { return (.mdy, "no zero padding and a two-digit year, as en-US exports write them") }
        return nil
    }

    /// How many consecutive pairs of times do not go backwards.
    private static func forwardSteps(_ times: [LocalTime]) -> Int {
        zip(times, times.dropFirst()).filter { $0 <= $1 }.count
    }
}
