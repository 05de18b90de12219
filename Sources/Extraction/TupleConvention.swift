import Catalog
import ChatModel
import Matching
import Model

/// Names the members of a tuple written without labels (1.5米×2米, 尺寸(cm)：90*40*180) by the
/// product's convention: width × length (× height) for the products of word list
/// `width_first` (beds, rugs, curtains, desks), length × width × height otherwise, and a pair
/// with neither convention by size (the larger is the length). Each member says so in
/// `inference`, and compare pairs such members with measurements by size.
struct TupleConvention {
    /// Set by the finding builder on a member named only by its position in the pattern.
    static let positional = "position"

    let log: ChatLog
    let messages: [Message]
    let scratch: MatchScratch
    let words: InterpreterWords

    func apply(_ located: inout [LocatedFinding]) {
        let order = located.indices.filter { isUnlabelled(located[$0].finding) && !located[$0].dropped }
            .sorted { (located[$0].message, located[$0].range.lowerBound) < (located[$1].message, located[$1].range.lowerBound) }
        log.bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < order.count {
                var end = start
                var reach = located[order[start]].range.upperBound
                while end + 1 < order.count, located[order[end + 1]].message == located[order[start]].message {
                    let next = located[order[end + 1]].range
                    // One match read as several members, or members joined by *, ×, x.
                    // Blanks alone part two tuples (60×180cm  80×200cm).
                    let gap = UTF8Text.string(buffer, reach..<max(reach, next.lowerBound)).trimmingCharacters(in: " ")
                    guard next.lowerBound < reach
                          || next.lowerBound - reach <= 8 && !gap.isEmpty && gap.trimmingCharacters(in: "*×xX＊✕").isEmpty else { break }
                    reach = max(reach, next.upperBound)
                    end += 1
                }
                let members = Array(order[start...end])
                start = end + 1
                guard (2...3).contains(members.count) else {
                    for index in members where located[index].finding.inference == Self.positional { located[index].finding.inference = nil }
                    continue
                }
                let range = located[members[0]].range.lowerBound..<reach
                let tuple = UTF8Text.string(buffer, range)
                // Φ35 × 9.5cm, Ø8×10cm: a diameter, then the height (or, much smaller, the wall: Φ25×2mm).
                let body = messages[located[members[0]].message].body
                if members.count == 2, Self.diameterSigns.contains(where: { UTF8Text.string(buffer, max(body.lowerBound, range.lowerBound - 4)..<range.lowerBound).trimmingBlanks().hasSuffix($0) }) {
                    let sizes = members.map { located[$0].finding.value?.number ?? 0 }
                    let second = sizes[1] * 5 < sizes[0] ? "thickness" : "height"
                    for (axis, index) in zip(["diameter", second], members) where located[index].finding.level == nil {
                        located[index].finding.attribute = axis
                        located[index].finding.inference = "attribute by notation: after Φ, the diameter, then the \(second)"
                    }
                    continue
                }
                if let axes = header(near: range, body, buffer), axes.count == members.count {
                    // Named by a header: (W x D x H) 80 x 30 x 180 cm reads as written.
                    for (axis, index) in zip(axes, members) {
                        located[index].finding.attribute = located[index].finding.level == nil ? axis : located[index].finding.attribute
                        located[index].finding.inference = nil
                    }
                    continue
                }
                name(members, tuple, product: widthFirstProduct(located[members[0]].message, buffer), &located)
            }
        }
    }

    /// The signs written before a diameter.
    static let diameterSigns = ["Φ", "φ", "Ø", "ø", "⌀", "ф", "Ф"]

    /// Axis letters in brackets (W x D x H), (L×W×H), （长×宽×高）, just before or after a tuple.
    static let axisHeader = PCRE2Regex.reader(
        #"[(（]\s*(?<a>[LWHDTlwhdt]|长|宽|高|深|厚)\s*[x×*✕]\s*(?<b>[LWHDTlwhdt]|长|宽|高|深|厚)(?:\s*[x×*✕]\s*(?<c>[LWHDTlwhdt]|长|宽|高|深|厚))?\s*[)）]"#)
    /// What each axis letter or character of a header stands for.
    static let axes: [String: String] = ["l": "length", "w": "width", "h": "height", "d": "depth", "t": "thickness",
                                         "长": "length", "宽": "width", "高": "height", "深": "depth", "厚": "thickness"]

    private func header(near range: Range<Int>, _ body: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>) -> [String]? {
        // After the last of several tuples it names them all: 三座 220×95×78cm，两座 170×95×78cm (W×D×H).
        let start = max(body.lowerBound, range.lowerBound - 48), end = min(body.upperBound, range.upperBound + 96)
        guard let captures = try? Self.axisHeader.find(in: buffer, from: start, to: end, scratch: scratch) else { return nil }
        return ["a", "b", "c"].compactMap { Self.axisHeader.text($0, captures, buffer) }.compactMap { Self.axes[$0.lowercased()] }
    }

    private func isUnlabelled(_ finding: Finding) -> Bool {
        finding.kind == .dimension && (finding.inference == Self.positional || finding.attribute.isEmpty && finding.pattern == QuantityLayer.patternID)
    }

    private func name(_ members: [Int], _ tuple: String, product: String?, _ located: inout [LocatedFinding]) {
        let names: [String]
        let reason: String
        let values = members.map { located[$0].finding.value?.number ?? 0 }
        // 206*160cm for a bed frame: a first side longer than the second is the length, whatever the convention.
        if let product, values[0] <= values[1] {
            names = ["width", "length", "height"]
            reason = "attribute by position: \(tuple) read as width × length\(members.count == 3 ? " × height" : ""), as \(product) sizes are written"
        } else if members.count == 3 {
            names = ["length", "width", "height"]
            reason = "attribute by position: \(tuple) read as length × width × height, the usual order"
        } else {
            names = values[0] >= values[1] ? ["length", "width"] : ["width", "length"]
            reason = "attribute by size: of \(tuple), the larger taken as the length"
        }
        for (position, index) in members.enumerated() {
            located[index].finding.attribute = names[position]
            located[index].finding.inference = reason
        }
    }

    /// The width-first product named in the figure's message or, in a listing, its title
    /// (first lines), if any.
    private func widthFirstProduct(_ message: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> String? {
        let title = log.format == "listing" ? Array(0..<min(3, messages.count)) : []
        for index in [message] + title {
            let body = messages[index].body
            if let captures = try? words.widthFirst.find(in: buffer, from: body.lowerBound, to: min(body.upperBound, body.lowerBound + 4096), scratch: scratch),
               let range = words.widthFirst.range(of: "w", in: captures) {
                return UTF8Text.string(buffer, range)
            }
        }
        return nil
    }
}
