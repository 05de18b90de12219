import Catalog
import ChatModel
import Matching
import Model
import Reading

/// A finding with where it came from: the message (index into the log's text messages)
/// and the byte range of the match.
struct LocatedFinding {
    var finding: Finding
    let message: Int
    var range: Range<Int>
    /// From an `answer_only` pattern: kept only as the answer to a buyer's question.
    var answerOnly = false
    /// Read whole by another finding (the quantity layer completed it): not reported.
    var dropped = false
}

/// Reads findings in their conversation: drops negated ones (不是纯棉的, 没有30cm的), marks
/// questions and a buyer's quoting of the seller, turns a seller's "对的/yes" to a buyer's
/// question into the seller's promise, attaches conditions to commitments, and tags each
/// finding with the variant its sentence names (M码…, 20寸…).
struct Interpreter {
    let log: ChatLog
    let messages: [Message]
    let scratch: MatchScratch
    let words: InterpreterWords

    /// How far back (bytes) the context of a match is looked for: a clause, a variant, a part.
    /// Bounded, so a message of a million characters costs the same per finding as a short one.
    static let window = 360

    /// A variant named in the text: size labels, 20寸 cases, shoe sizes.
    static let variant = PCRE2Regex.reader(
        #"(?<![A-Za-z0-9])(?<![x×*✕/]\s)(?<![x×*✕/])(?<v>(?:[2-6]?X{1,3}L|XXS|XS|[SML])(?![A-Za-z0-9])(?!\s*[x×*✕/]\s*[A-Za-z])|[0-9]{2}(?:寸|英寸)(?=的|行李箱|拉杆箱|登机箱|托运箱|旅行箱|箱|款)|[2-4][0-9](?=码)|[0-9]{3}/[0-9]{2,3}[ABY]|加大号|特大号|[大中小]号|[单双两三四五六1-6](?:人位|座)(?![高深宽面椅位])|[1-6][- ]?(?i:seater|seat)s?\b|(?<=(?i:size) )[0-9]{1,2}(?![0-9.]|\s*[x×*✕:：]|\s*(?i:cm|mm|in|inch|kg|g|lb|oz|"|”)\b))(?:码|号)?"#)

    func apply(_ located: [LocatedFinding]) -> [Finding] {
        // In reading order, so that what comes before a figure is read before it.
        var located = located.enumerated().sorted { ($0.element.message, $0.element.range.lowerBound, $0.offset) < ($1.element.message, $1.element.range.lowerBound, $1.offset) }.map(\.element)
        TupleConvention(log: log, messages: messages, scratch: scratch, words: words).apply(&located)
        carryUnits(&located)
        markAlternatives(&located)
        markSizeOptions(&located)
        var kept: [LocatedFinding] = []
        var questions: [LocatedFinding] = []
        var messageIsQuestion: [Int: Bool] = [:]
        log.bytes.withUnsafeBufferPointer { buffer in
            // A quantity the layer found where a pattern's bare value was kept (an answer, or a
            // question awaiting one) is that value: the pattern's finding stands for it.
            var bareValues: [(message: Int, range: Range<Int>)] = []
            // A part named after a figure (7 cm across at the base) is that figure's alone.
            var partClaimed: (message: Int, end: Int)?
            // Where each message's figures start: a part word right before another figure labels
            // that one (面料 涤纶100% 里料 棉100%), not the figure before it.
            var figureStarts: [Int: [Int]] = [:]
            for item in located where !item.dropped { figureStarts[item.message, default: []].append(item.range.lowerBound) }
            for var item in located where !item.dropped {
                if item.finding.pattern == QuantityLayer.patternID,
                   bareValues.contains(where: { $0.message == item.message && $0.range.overlaps(item.range) }) { continue }
                let message = messages[item.message]
                let clause = Self.clauseStart(buffer, message.body, before: item.range.lowerBound)
                // 不含盖高度11cm takes a part out; it negates nothing.
                if let negation = try? words.negation.find(in: buffer, from: clause, to: item.range.lowerBound, scratch: scratch),
                   (try? words.withoutPart.find(in: buffer, from: negation.range.lowerBound, to: item.range.lowerBound, scratch: scratch))?.range.lowerBound != negation.range.lowerBound { continue }
                // 比普通款低10分贝, 200 g lighter than: a difference, not a value.
                if (try? words.comparativeBefore.find(in: buffer, from: clause, to: item.range.lowerBound, scratch: scratch)) != nil
                    || (try? words.comparativeAfter.find(in: buffer, from: item.range.upperBound, to: message.body.upperBound, scratch: scratch)) != nil { continue }
                // A rate (25km/h, 300ml/h, 1.3kg/平方米, 12L/天) is not the item's figure.
                if item.finding.kind != .delivery, item.finding.kind != .return, item.finding.kind != .warranty,
                   (try? words.rateAfter.find(in: buffer, from: item.range.upperBound, to: message.body.upperBound, scratch: scratch)) != nil { continue }
                if item.finding.kind == .size, aboutTheModel(buffer, message.body, item.range) { continue }
                let wholeQuestion = message.role != .seller && {
                    if let known = messageIsQuestion[item.message] { return known }
                    let answer = endsAsQuestion(buffer, message.body)
                    messageIsQuestion[item.message] = answer
                    return answer
                }()
                if isQuestion(buffer, message.body, after: item.range.upperBound)
                    || wholeQuestion && !Self.sentenceEnds(buffer, item.range.upperBound..<message.body.upperBound) {
                    item.finding.stance = .question
                } else if message.role != .seller,
                          (try? words.quoting.find(in: buffer, from: max(message.body.lowerBound, item.range.lowerBound - Self.window), to: item.range.lowerBound, scratch: scratch)) != nil {
                    item.finding.stance = .quoted
                }
                if item.finding.kind != .size, let (name, onlyAName) = variantName(item, buffer, message.body) {
                    // A lone figure that names a model (the 32 oz model) is no figure of the item.
                    if onlyAName && !name.contains(where: { "*×xX＊".contains($0) }) { continue }
                    if item.finding.variant == nil { item.finding.variant = name }
                }
                if item.finding.variant == nil, item.finding.kind != .size { item.finding.variant = variant(buffer, message.body, before: item.range) }
                // 1000W的是5L款, 30W is the BT-X8: a figure then said to be a model is that model's.
                if item.finding.variant.map({ item.finding.raw.hasPrefix($0) }) ?? true,
                   let captures = try? words.figureIsVariant.find(in: buffer, from: item.range.upperBound, to: message.body.upperBound, scratch: scratch),
                   let model = words.figureIsVariant.text("v", captures, buffer) {
                    item.finding.variant = model.trimmingBlanks()
                }
                // A count takes a part only when the part is named right after it (8个卡位).
                if item.finding.kind == .quantity,
                   let captures = try? words.partAdjoining.find(in: buffer, from: item.range.upperBound, to: message.body.upperBound, scratch: scratch) {
                    item.finding.part = words.partName(words.partAdjoining.text("p", captures, buffer))
                }
                if [.dimension, .weight, .volume, .material, .spec].contains(item.finding.kind) {
                    // A part named before an earlier figure of the clause is that figure's.
                    var previous = kept.last.flatMap { $0.message == item.message && $0.range.upperBound <= item.range.lowerBound ? $0.range.upperBound : nil } ?? 0
                    if let claimed = partClaimed, claimed.message == item.message { previous = max(previous, claimed.end) }
                    let window = min(max(clause, item.range.lowerBound - 32, previous), item.range.lowerBound)..<item.range.upperBound
                    if item.finding.kind == .dimension,
                       let captures = try? words.foldedState.find(in: buffer, from: window.lowerBound, to: window.upperBound, scratch: scratch) {
                        // Every word for the folded state (折叠后, 折起来, folded) is one state: `folded`.
                        item.finding.part = words.foldedState.text("p", captures, buffer).map { _ in "folded" }
                    } else if let captures = try? words.partAdjoining.find(in: buffer, from: item.range.upperBound, to: message.body.upperBound, scratch: scratch),
                              !(figureStarts[item.message] ?? []).contains(where: { (captures.range.upperBound..<captures.range.upperBound + 16).contains($0) }) {
                        item.finding.part = words.partName(words.partAdjoining.text("p", captures, buffer))
                        partClaimed = (item.message, captures.range.upperBound)
                    } else if let captures = (try? words.parts.findAll(in: buffer, from: window.lowerBound, to: window.upperBound, scratch: scratch))?.last,
                              captures.range.lowerBound >= item.range.lowerBound || !Self.laterInAList(item, after: kept.last, buffer),
                              !((try? words.withoutPart.findAll(in: buffer, from: window.lowerBound, to: window.upperBound, scratch: scratch)) ?? []).contains(where: { $0.range.upperBound == captures.range.upperBound }) {
                        // The part named nearest before the figure (拉链打开 乳胶层2cm厚: the latex layer's).
                        item.finding.part = words.partName(words.parts.text("p", captures, buffer))
                    } else if let captures = try? words.partAfter.find(in: buffer, from: item.range.upperBound, to: min(message.body.upperBound, item.range.upperBound + 48), scratch: scratch) {
                        item.finding.part = words.partName(words.partAfter.text("p", captures, buffer))
                        partClaimed = (item.message, captures.range.upperBound)
                    }
                }
                // A volt or watt figure is a part's own only at a port (C2口最大30W), not at a handle.
                if item.finding.kind == .spec, let part = item.finding.part, !words.specParts.contains(part) { item.finding.part = nil }
                nameInchSize(&item, buffer, message.body)
                readPaperWeight(&item, buffer, message.body)
                readOunces(&item, buffer, message.body)
                readAdjustable(&item, buffer, message.body)
                readSubject(&item, buffer, message.body, clause: clause, previous: kept.last.flatMap { $0.message == item.message ? $0 : nil })
                if message.role == .seller, item.finding.stance == .stated, item.finding.attribute != "size_label",
                   addressesTheBuyer(buffer, clause, item.range.lowerBound) {
                    item.finding.stance = .buyerInfo
                }
                if item.answerOnly, item.finding.stance != .question {
                    // A bare value counts only as a seller's answer to a recent question of the same kind.
                    guard message.role == .seller,
                          let asked = questions.last(where: { $0.finding.kind == item.finding.kind && $0.finding.subject == nil && item.message - $0.message <= 3 && $0.message < item.message })
                    else { continue }
                    // Unless its own words name it (the mount height is adjustable from 10 cm to 45 cm).
                    let named = located.first { other in
                        other.message == item.message && other.finding.pattern == QuantityLayer.patternID && other.range.overlaps(item.range)
                            && !other.finding.attribute.isEmpty && other.finding.kind == item.finding.kind
                    }
                    item.finding.attribute = named?.finding.attribute ?? asked.finding.attribute
                    if let named { item.finding.adjustable = named.finding.adjustable || item.finding.adjustable }
                }
                if item.finding.stance == .question, message.role != .seller { questions.append(item) }
                if item.answerOnly { bareValues.append((item.message, item.range)) }
                kept.append(item)
            }
        }
        lengthOfNominalSizes(&kept)
        nameByNominalSizes(&kept)
        nameBracketedSizes(&kept)
        dropVariantMarkers(&kept)
        inheritEchoedSubjects(&kept)
        attachConditions(&kept)
        markCorrected(&kept)
        return addConfirmations(kept)
    }

    /// The variant a figure's own words name (30cm那款, our 32 oz model, 120*50*200的净重):
    /// `self` when the figure is itself the name, `before` when a name stands before it in
    /// its clause (or its list: 其他规格：A、B).
    private func variantName(_ item: LocatedFinding, _ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) -> (name: String, onlyAName: Bool)? {
        let clause = Self.clauseStart(buffer, body, before: item.range.lowerBound, throughLists: true)
        let end = min(body.upperBound, item.range.upperBound + 24)
        var position = clause
        var before: String?
        while position < end, let captures = try? words.namedVariant.find(in: buffer, from: position, to: end, scratch: scratch),
              let name = words.namedVariant.range(of: "v", in: captures) {
            if name.lowerBound <= item.range.lowerBound && name.upperBound >= item.range.upperBound {
                // 30cm那款 is only a name; 45L is 1.1kg says the 45L one holds 45 L.
                return (UTF8Text.string(buffer, name), words.namedVariant.range(of: "open", in: captures) == nil)
            }
            if name.upperBound <= item.range.lowerBound { before = UTF8Text.string(buffer, name) }
            position = max(captures.range.upperBound, position + 1)
        }
        return (before ?? opening(before: item.range.lowerBound, buffer, body)).map { ($0, false) }
    }

    /// The last variant an earlier clause of the sentence opens with (H5是6L的，功率30W: the 30 W
    /// is the H5's), or nil.
    private func opening(before offset: Int, _ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) -> String? {
        var start = Self.clauseStart(buffer, body, before: offset)
        // 180g的是加厚款，这款150g: the item named again is the item's own.
        if (try? words.thisItemOpening.find(in: buffer, from: start, to: offset, scratch: scratch)) != nil { return nil }
        // Clause by clause back to the sentence's start (。；！？ or a line end), within a few clauses.
        let limit = max(body.lowerBound, offset - 4 * Self.window)
        while start > limit {
            let mark = start - 1
            let byte = buffer[mark]
            let endsSentence = byte == 0x3B || byte == 0x21 || byte == 0x3F || byte == 0x0A || byte == 0x0D || byte == 0x2E && (start >= body.upperBound || buffer[start] == 0x20)
                || mark - 2 >= body.lowerBound && byte >= 0x80 && Self.isClauseMark(buffer[mark - 2], buffer[mark - 1], byte) && !(buffer[mark - 2] == 0xEF && buffer[mark - 1] == 0xBC && byte == 0x8C)
                    && !(buffer[mark - 2] == 0xE3 && buffer[mark - 1] == 0x80 && byte == 0x81)
            if endsSentence { break }
            let previous = Self.clauseStart(buffer, body, before: byte >= 0x80 ? mark - 2 : mark)
            if let captures = try? words.variantOpening.find(in: buffer, from: previous, to: offset, scratch: scratch),
               let name = words.variantOpening.range(of: "v", in: captures), name.upperBound <= offset {
                return UTF8Text.string(buffer, name)
            }
            start = previous
        }
        return nil
    }

    /// A size written with no unit (腰围71cm 臀围95 裤长101) takes the unit of the nearest size
    /// before it in its message that has one; with none there it is no finding.
    private func carryUnits(_ located: inout [LocatedFinding]) {
        let vocabulary = words.vocabulary
        var lastUnit: (message: Int, factor: Double)?
        for index in located.indices where located[index].finding.kind == .dimension && !located[index].dropped {
            let finding = located[index].finding
            if finding.unit != nil {
                // The unit as written after its last digit (68cm, 1.2 m, 40"): its factor to cm.
                let written = String(vocabulary.folding.fold(finding.raw).reversed().prefix { !$0.isNumber }.reversed()).trimmingBlanks()
                lastUnit = vocabulary.unit(forAlias: written).map { (located[index].message, $0.factor) } ?? (located[index].message, 1)
                continue
            }
            guard case .number(let number)? = finding.value, finding.ambiguous.isEmpty else { continue }
            if lastUnit?.message != located[index].message, let declared = declaredUnit(located[index]) {
                lastUnit = (located[index].message, declared)
            }
            guard let carried = lastUnit, carried.message == located[index].message else { located[index].dropped = true; continue }
            located[index].finding.value = .number(number * carried.factor)
            located[index].finding.min = finding.min.map { $0 * carried.factor }
            located[index].finding.max = finding.max.map { $0 * carried.factor }
            located[index].finding.unit = "cm"
            located[index].finding.inference = "unit carried from the size before it in the message"
        }
    }

    /// The factor to cm of the unit a message declares before a figure (尺码表（单位cm）, sizes in
    /// inches), or the speaker's messages just before it declare, or nil.
    private func declaredUnit(_ item: LocatedFinding) -> Double? {
        // In its message before it, else in the speaker's few messages before (a correction of the chart).
        let speaker = messages[item.message].speaker
        let earlier = (max(0, item.message - 4)..<item.message).reversed().filter { messages[$0].speaker == speaker }
        return log.bytes.withUnsafeBufferPointer { buffer in
            for index in [item.message] + earlier {
                let body = messages[index].body
                let end = index == item.message ? item.range.lowerBound : body.upperBound
                if let captures = (try? words.unitDeclaration.findAll(in: buffer, from: body.lowerBound, to: end, scratch: scratch))?.last,
                   let unit = words.unitDeclaration.text("u", captures, buffer) {
                    return words.vocabulary.unit(forAlias: unit)?.factor
                }
            }
            return nil
        }
    }

    /// Figures of one attribute listed as alternatives (3米6、4米5、5米4都有; 500ml/750ml; 32 oz
    /// or 40 oz) are the variants on offer, not all the item's: each is named by itself. Counts
    /// of a packing (20条一箱，一箱1000只) are all true at once: never alternatives.
    private func markAlternatives(_ located: inout [LocatedFinding]) {
        markRuns(&located, groups: located.indices.map { [$0] }, separators: ["、", "/", ",", "，", "or", "和", "and", "或", "或者", "|"]) { a, b in
            guard a.finding.attribute == b.finding.attribute, a.finding.unit == b.finding.unit, a.finding.unit != nil,
                  a.finding.value != nil, b.finding.value != nil else { return false }
            let level = packLevel(a.finding.raw)
            return level == packLevel(b.finding.raw) && !(a.finding.kind == .quantity && level != nil)
        }
    }

    /// The packaging level a figure's own words name (一盒6个: inner, 一箱4盒共24个: carton), or nil.
    private func packLevel(_ raw: String) -> String? {
        let bytes = words.vocabulary.folding.fold(Array(raw.utf8))
        return bytes.withUnsafeBufferPointer { buffer in
            if (try? words.cartonLevel.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)) != nil { return "carton" }
            if (try? words.innerLevel.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)) != nil { return "inner" }
            return nil
        }
    }

    /// Sizes listed side by side (尺寸：60×180cm  80×200cm  80×300cm, 40x60 / 50x80 cm): each
    /// is a size option, the variant of its own figures.
    private func markSizeOptions(_ located: inout [LocatedFinding]) {
        // The tuples, in reading order: the indexes of the findings of each (one range).
        var tuples: [[Int]] = []
        for index in located.indices where !located[index].dropped && located[index].finding.kind == .dimension {
            if let last = tuples.last?.last, located[last].message == located[index].message, located[last].range == located[index].range {
                tuples[tuples.count - 1].append(index)
            } else {
                tuples.append([index])
            }
        }
        markRuns(&located, groups: tuples.filter { $0.count > 1 }, separators: ["", "、", "/", ",", "，", "|", "；", ";", "or", "或"]) { _, _ in true }
    }

    /// Groups of findings (a figure, or a tuple's members) side by side in one message, of one
    /// shape, parted only by a separator: each group is named by its own words.
    private func markRuns(_ located: inout [LocatedFinding], groups: [[Int]], separators: Set<String>, alike: (LocatedFinding, LocatedFinding) -> Bool) {
        log.bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < groups.count {
                var end = start
                while end + 1 < groups.count {
                    let a = located[groups[end][0]], b = located[groups[end + 1][0]]
                    // The closure last: it may search the findings' words.
                    guard a.message == b.message, groups[end].count == groups[end + 1].count, a.range.upperBound <= b.range.lowerBound,
                          b.range.lowerBound - a.range.upperBound <= 8,
                          separators.contains(UTF8Text.string(buffer, a.range.upperBound..<b.range.lowerBound).trimmingBlanks().lowercased()),
                          alike(a, b)
                    else { break }
                    end += 1
                }
                if end > start {
                    for group in groups[start...end] {
                        for index in group where located[index].finding.variant == nil && located[index].finding.kind != .size {
                            located[index].finding.variant = words.vocabulary.folding.fold(located[index].finding.raw)
                        }
                    }
                }
                start = end + 1
            }
        }
    }

    /// A bare figure right after the carton's, parted only by a comma (Carton 45x32x62 cm, 14 kg;
    /// 外箱60*40*45cm，18公斤): the carton's too. A figure with a word of its own is left alone.
    private func followsTheCarton(_ previous: LocatedFinding?, _ item: LocatedFinding, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        // A count per carton (50 reels per carton, 5 m per reel) is no size of the carton's.
        guard let previous, previous.message == item.message, previous.finding.level == "carton", previous.finding.kind != .quantity,
              previous.range.upperBound <= item.range.lowerBound,
              item.range.lowerBound - previous.range.upperBound <= 6, item.finding.raw.first?.isNumber == true else { return false }
        let between = UTF8Text.string(buffer, previous.range.upperBound..<item.range.lowerBound).trimmingBlanks()
        return [",", "，", "、", ";", "；"].contains(between)
    }

    /// What a figure is about, from the words of its clause: a packaging level (外箱尺寸, 每盒),
    /// another subject (我身高, 一米九的人, 狗, 房间, 之前买的), another model (升级款, the bigger
    /// one) and a conditional offer (定制的话, if you order 1000+).
    private func readSubject(_ item: inout LocatedFinding, _ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, clause: Int, previous: LocatedFinding?) {
        guard ![.return, .delivery, .warranty, .tolerance].contains(item.finding.kind) else { return }
        let before = max(clause, item.range.lowerBound - 48)
        let after = Self.clauseEnd(buffer, body, after: item.range.upperBound)
        func found(_ matcher: any Matcher, _ range: Range<Int>) -> Captures? {
            try? matcher.find(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch)
        }
        // A packaging word that 不带/without takes out right before it (不带外箱 重9.6kg) names no level.
        func packaging(_ matcher: any Matcher, _ range: Range<Int>) -> Captures? {
            guard let captures = found(matcher, range) else { return nil }
            guard let without = (try? words.withoutPackaging.findAll(in: buffer, from: max(body.lowerBound, captures.range.lowerBound - 16), to: captures.range.lowerBound, scratch: scratch))?.last
            else { return captures }
            return UTF8Text.string(buffer, without.range.upperBound..<captures.range.lowerBound).trimmingBlanks().isEmpty ? nil : captures
        }
        // 不含外箱重 9.6kg, weight w/o carton: an attribute of the package taken out is the item's own.
        if item.finding.attribute == "gross_weight" || item.finding.attribute.hasPrefix("carton_"),
           found(words.withoutPackaging, max(clause, item.range.lowerBound - 24)..<item.range.lowerBound) != nil {
            let own = item.finding.kind == .weight ? "weight" : String(item.finding.attribute.dropFirst("carton_".count))
            if words.vocabulary.attributes[own] != nil {
                item.finding.attribute = own
                item.finding.level = nil
            }
        }
        if item.finding.level == nil {
            if packaging(words.cartonLevel, before..<item.range.upperBound) != nil || followsTheCarton(previous, item, buffer) { item.finding.level = "carton" }
            else if item.finding.kind == .weight, packaging(words.grossLevel, before..<after) != nil {
                item.finding.level = "package"
                if ["", "weight"].contains(item.finding.attribute) { item.finding.attribute = "gross_weight" }
            }
            // An inner pack is a level for counts (每盒12支 against 每箱240支) and sizes (礼盒是38*28*12cm);
            // 一袋两斤 is the item.
            else if [.quantity, .dimension].contains(item.finding.kind), packaging(words.innerLevel, before..<item.range.upperBound) != nil { item.finding.level = "inner" }
        }
        // 承重15kg，固定在实心墙上的话能到20kg: a weight with no word of its own after a load
        // capacity in its sentence is a load capacity too.
        if item.finding.pattern == "weight.unlabelled", let previous, previous.message == item.message, previous.finding.attribute == "load_capacity",
           previous.range.upperBound <= item.range.lowerBound, item.range.lowerBound - previous.range.upperBound <= 48,
           !Self.sentenceEnds(buffer, previous.range.upperBound..<item.range.lowerBound) {
            item.finding.attribute = "load_capacity"
            item.finding.inference = "a load capacity: a weight with no word of its own after the load capacity \(previous.finding.raw) in its sentence"
        }
        if item.finding.subject == nil, item.finding.kind != .quantity {
            // A list (其他规格：48V、60V) shares the words before it.
            let listStart = max(Self.clauseStart(buffer, body, before: item.range.lowerBound, throughLists: true), item.range.lowerBound - 48)
            if item.finding.unit != nil, found(words.firstPerson, max(body.lowerBound, item.range.lowerBound - 24)..<item.range.lowerBound) != nil || joinsTheSpeakersFigure(previous, item, buffer) {
                item.finding.subject = "buyer"
            } else if let subject = words.subjects.first(where: { found($0.matcher, min(before, listStart)..<after) != nil }) {
                item.finding.subject = subject.name
            } else if found(words.otherModelHeading, max(body.lowerBound, item.range.lowerBound - Self.window)..<item.range.lowerBound) != nil {
                item.finding.subject = "other_model"
            } else if clause > body.lowerBound, let lead = found(words.otherModelLead, max(body.lowerBound, item.range.lowerBound - Self.window)..<item.range.lowerBound),
                      lead.range.lowerBound < clause, lead.range.upperBound == item.range.lowerBound {
                item.finding.subject = "other_model"
            }
        }
        renameForSubject(&item.finding)
        if item.finding.variant == nil, let captures = found(words.otherModel, before..<item.range.lowerBound) {
            item.finding.variant = words.otherModel.text("v", captures, buffer)
        }
        if item.finding.stance == .stated, found(words.offers, clause..<after) != nil { item.finding.stance = .offer }
    }

    /// The figure right after one of the speaker's own (我172，140斤; me, 6 ft 3 and 240 lb) is theirs too.
    private func joinsTheSpeakersFigure(_ previous: LocatedFinding?, _ item: LocatedFinding, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let previous, previous.finding.subject == "buyer", previous.range.upperBound <= item.range.lowerBound,
              item.range.lowerBound - previous.range.upperBound <= 12 else { return false }
        let gap = UTF8Text.string(buffer, previous.range.upperBound..<item.range.lowerBound)
            .trimmingCharacters(in: " ,，、/&").lowercased()
        return ["", "and", "和", "跟"].contains(gap)
    }

    /// An ounce is a US fluid ounce of capacity in a message about a drink container or a
    /// capacity (30 oz tumbler = 887 ml), unless a weight word stands right before it (weighs
    /// 14 oz); `12oz canvas` keeps its own attribute.
    private func readOunces(_ item: inout LocatedFinding, _ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) {
        let finding = item.finding
        guard finding.unit == "g", ["weight", "", "load_capacity"].contains(finding.attribute) else { return }
        let raw = finding.raw.lowercased()
        guard raw.contains("oz") || raw.contains("ounce") || raw.contains("盎司"), !raw.contains("fl"), !raw.contains("lb"), !raw.contains("pound"), !raw.contains("磅") else { return }
        func last(_ matcher: any Matcher, _ range: Range<Int>) -> Int? {
            var position = range.lowerBound, end: Int?
            while position < range.upperBound, let captures = try? matcher.find(in: buffer, from: position, to: range.upperBound, scratch: scratch) {
                end = captures.range.upperBound
                position = max(captures.range.upperBound, position + 1)
            }
            return end
        }
        // The nearer word before it decides: weighs 12.2 oz, 10.9 oz with the cap is mass.
        let before = max(body.lowerBound, item.range.lowerBound - 64)..<item.range.lowerBound
        let weighed = raw.hasPrefix("weigh") ? item.range.lowerBound : last(words.weighs, before)
        let fluid = last(words.fluidOunces, before)
        if let weighed, weighed >= (fluid ?? 0) { return }
        // A drink container or a capacity in this message or the few before it.
        let context = messages[max(0, item.message - 5)...item.message].contains { message in
            (try? words.fluidOunces.find(in: buffer, from: message.body.lowerBound, to: min(message.body.upperBound, message.body.lowerBound + 4096), scratch: scratch)) != nil
        }
        guard context else { return }
        let ounce = 28.349523125, fluidOunce = 29.5735295625
        func convert(_ grams: Double) -> Double { (grams / ounce * fluidOunce * 1e6).rounded() / 1e6 }
        if case .number(let grams)? = finding.value { item.finding.value = .number(convert(grams)) }
        item.finding.min = finding.min.map(convert)
        item.finding.max = finding.max.map(convert)
        item.finding.unit = "ml"
        item.finding.kind = .volume
        item.finding.attribute = "volume"
    }

    /// A size range near a word of adjustment (升降范围 65-105cm, 推把可调，高度92-106cm) is
    /// the range an adjustable size covers; with no attribute named it is a height.
    private func readAdjustable(_ item: inout LocatedFinding, _ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) {
        guard item.finding.kind == .dimension, item.finding.min != nil, item.finding.max != nil, item.finding.value == nil else { return }
        let start = max(body.lowerBound, item.range.lowerBound - 48)
        guard (try? words.adjustable.find(in: buffer, from: start, to: min(body.upperBound, item.range.upperBound + 24), scratch: scratch)) != nil else { return }
        item.finding.adjustable = true
        if item.finding.attribute.isEmpty { item.finding.attribute = "height" }
    }

    /// A seller echoing a figure the buyer gave about someone or something else (B: 我老公一米八五
    /// / S: 一米八五推着也不弯腰) speaks of the same: the echo takes its subject.
    private func inheritEchoedSubjects(_ items: inout [LocatedFinding]) {
        let about = items.filter { $0.finding.subject != nil }
        guard !about.isEmpty else { return }
        for index in items.indices where items[index].finding.subject == nil && items[index].finding.unit != nil && messages[items[index].message].role == .seller {
            let item = items[index]
            guard let said = about.last(where: { earlier in
                earlier.message < item.message && item.message - earlier.message <= 4
                    && earlier.finding.unit == item.finding.unit && earlier.finding.value == item.finding.value && item.finding.value != nil
            }) else { continue }
            items[index].finding.subject = said.finding.subject
            renameForSubject(&items[index].finding)
        }
    }

    /// A figure about something else takes the name of what it measures there: a carton's
    /// length is `carton_length`, a person's height `body_height`, a room's width
    /// `room_width`, so that no reader takes it for the item's.
    private func renameForSubject(_ finding: inout Finding) {
        let vocabulary = words.vocabulary
        let family: String? = finding.unit.flatMap { vocabulary.units[$0]?.quantity }
        if let subject = finding.subject {
            let girth = !finding.attribute.isEmpty && finding.kind == .dimension && vocabulary.attributes[finding.attribute]?.comparison != .label
                && !["length", "width", "height", "depth", "thickness", "diameter"].contains(finding.attribute)
            if (subject == "buyer" || subject == "person") && girth {
                // 我腰围2尺2: the buyer's own waist.
                if !finding.attribute.hasPrefix("body_") { finding.attribute = "body_" + finding.attribute }
            } else if subject == "buyer" || subject == "person",
               let body = vocabulary.attributes.values.first(where: { $0.quantity != nil && $0.quantity == family }) {
                finding.attribute = body.name
                finding.kind = body.kind
            } else if !finding.attribute.hasPrefix(subject + "_") {
                finding.attribute = subject + "_" + (finding.attribute.isEmpty ? family ?? "value" : finding.attribute)
            }
        } else if finding.level == "carton", [.dimension, .weight, .volume].contains(finding.kind), !finding.attribute.hasPrefix("carton_") {
            // A carton weighed (整箱过秤 15.8kg, carton G.W.) is its gross weight, packing and all.
            let named = "carton_" + (finding.attribute.isEmpty ? family ?? "value" : finding.attribute)
            finding.attribute = finding.kind == .weight && vocabulary.attributes[named] == nil ? "carton_gross_weight" : named
        }
    }

    /// End of the clause holding `offset`: the next clause mark after it (bounded by the window).
    static func clauseEnd(_ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, after offset: Int) -> Int {
        var index = offset
        let limit = min(body.upperBound, offset + window)
        while index < limit {
            let byte = buffer[index]
            if isClauseEnd(byte) { return index }
            if byte >= 0xE2, index + 3 <= limit, isClauseMark(byte, buffer[index + 1], buffer[index + 2]) { return index }
            index += 1
        }
        return limit
    }

    /// Start of the clause holding `offset`: after the last clause mark before it.
    /// With `throughLists`, an enumeration comma (、) does not end a clause.
    static func clauseStart(_ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, before offset: Int, throughLists: Bool = false) -> Int {
        var index = offset
        let limit = max(body.lowerBound, offset - Self.window)
        while index > limit {
            let byte = buffer[index - 1]
            // The point of 1.5 and the comma of 1,000 end no clause.
            let inNumber = (byte == 0x2E || byte == 0x2C) && index - 2 >= body.lowerBound && index < body.upperBound
                && (0x30...0x39).contains(buffer[index - 2]) && (0x30...0x39).contains(buffer[index])
            if isClauseEnd(byte), !inNumber { return index }
            // A three-byte CJK punctuation mark ends here?
            if byte >= 0x80, byte < 0xC0, index - 3 >= body.lowerBound, isClauseMark(buffer[index - 3], buffer[index - 2], byte),
               !(throughLists && buffer[index - 3] == 0xE3 && buffer[index - 2] == 0x80 && byte == 0x81) {
                return index
            }
            index -= 1
        }
        return limit
    }

    /// Whether a sentence ends in `range` before its last one (ok confirm 2 seat, grey. How
    /// many boxes? — the question is the last sentence only): . ! ? followed by a blank, 。！？.
    static func sentenceEnds(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var end = range.upperBound
        // The closing punctuation of the last sentence does not count.
        while end > range.lowerBound, [0x3F, 0x21, 0x2E, 0x20, 0x7E, 0x0A, 0x0D].contains(buffer[end - 1]) || end - 3 >= range.lowerBound && isClauseMark(buffer[end - 3], buffer[end - 2], buffer[end - 1]) {
            end -= buffer[end - 1] >= 0x80 ? 3 : 1
        }
        var index = range.lowerBound
        while index < end {
            let byte = buffer[index]
            if [0x2E, 0x21, 0x3F].contains(byte), index + 1 < end, buffer[index + 1] == 0x20 { return true }
            if byte == 0xE3 || byte == 0xEF, index + 3 <= end {
                let (b, c) = (buffer[index + 1], buffer[index + 2])
                if byte == 0xE3 && b == 0x80 && c == 0x82 || byte == 0xEF && b == 0xBC && (c == 0x81 || c == 0x9F) { return true }
            }
            index += 1
        }
        return false
    }

    /// Whether a clause mark (，。、…) lies in `range`.
    static func hasClauseMark(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.contains { index in
            isClauseEnd(buffer[index]) || index + 3 <= range.upperBound && isClauseMark(buffer[index], buffer[index + 1], buffer[index + 2])
        }
    }

    /// , . ! ? ; and line ends.
    @inline(__always) static func isClauseEnd(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x3B || byte == 0x0A || byte == 0x0D
    }

    /// The UTF-8 of ， 。 ！ ？ ； 、 … (checked byte by byte: this runs for every finding).
    @inline(__always) static func isClauseMark(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        switch (a, b) {
        case (0xEF, 0xBC): return c == 0x8C || c == 0x81 || c == 0x9F || c == 0x9B   // ， ！ ？ ；
        case (0xE3, 0x80): return c == 0x82 || c == 0x81                             // 。 、
        case (0xE2, 0x80): return c == 0xA6                                          // …
        default: return false
        }
    }

    /// The seller restating the buyer's own figures: 您腰围2尺3建议拍31码, 你身高165的话…
    private func addressesTheBuyer(_ buffer: UnsafeBufferPointer<UInt8>, _ clause: Int, _ offset: Int) -> Bool {
        var before = Substring(UTF8Text.string(buffer, clause..<offset).trimmingBlanks())
        // 您好～80cm款…: a greeting addresses nothing to the buyer.
        while let greeting = words.greetings.first(where: before.hasPrefix) {
            before = before.dropFirst(greeting.count).drop { " ~～!！,，。".contains($0) }
        }
        // 您拍的这个… names the item the buyer chose, not the buyer.
        if let address = words.buyerAddress.first(where: before.hasPrefix),
           words.buyersChoice.contains(where: { before.dropFirst(address.count).hasPrefix($0) }) { return false }
        return words.buyerAddress.contains { before.hasPrefix($0) || before.hasSuffix($0) }
    }

    /// A listing's model statistics (模特身高175cm 试穿L码) describe the model, not the item.
    private func aboutTheModel(_ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, _ range: Range<Int>) -> Bool {
        let before = UTF8Text.string(buffer, max(body.lowerBound, range.lowerBound - Self.window)..<range.lowerBound)
        let sentence = before.split(whereSeparator: { "。！？!?\n".contains($0) }).last.map(String.init) ?? ""
        let lowered = sentence.lowercased()
        return words.modelWords.contains { lowered.contains($0) }
    }

    /// A size label that only says which variant the numbers after it belong to (M码衣长98cm,
    /// 20寸的长55cm) is not a finding of its own.
    private func dropVariantMarkers(_ items: inout [LocatedFinding]) {
        let markers = Set(items.compactMap { item in item.finding.kind == .size ? nil : item.finding.variant.map { "\(item.message)|\($0)" } })
        items.removeAll { item in
            // A nominal size in a known unit (24寸拉杆箱, 36 inch) is a figure as well as the name
            // of its figures; one that may be inches or 寸 (20寸的长55cm) only names them.
            guard item.finding.kind == .size, item.finding.attribute != "nominal_size" || !item.finding.ambiguous.isEmpty else { return false }
            var raw = item.finding.raw.uppercased()
            if raw.hasSuffix("码") || raw.hasSuffix("号") { raw.removeLast() }
            if raw.hasSuffix("的") { raw.removeLast() }
            return markers.contains("\(item.message)|\(raw)")
        }
    }

    /// The clause holding the match ends in a question mark or a question particle.
    private func isQuestion(_ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, after offset: Int) -> Bool {
        // Byte by byte to the end of the clause: ? or ？ asks; ， , 。 ！ ! ； ; `. ` or a line end closes it.
        let end = min(body.upperBound, offset + 240)
        var index = offset
        while index < end {
            let byte = buffer[index]
            if byte == 0x3F { return true }
            if [0x2C, 0x21, 0x3B, 0x0A, 0x0D].contains(byte) { break }
            // A full stop and a blank end the sentence (… two groups. Do you have balls?).
            if byte == 0x2E, index + 1 < end, buffer[index + 1] == 0x20 { break }
            if byte == 0xEF, index + 2 < end, buffer[index + 1] == 0xBC {
                if buffer[index + 2] == 0x9F { return true }                       // ？
                if [0x8C, 0x81, 0x9B].contains(buffer[index + 2]) { break }        // ， ！ ；
            }
            if byte == 0xE3, index + 2 < end, buffer[index + 1] == 0x80, buffer[index + 2] == 0x82 { break }  // 。
            index += 1
        }
        while index > offset, index < buffer.count, buffer[index] & 0xC0 == 0x80 { index -= 1 }
        return endsWithParticle(UTF8Text.string(buffer, offset..<index))
    }

    /// The whole message is a question (a buyer's "这款是纯棉的对吧？").
    private func endsAsQuestion(_ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) -> Bool {
        var start = max(body.lowerBound, body.upperBound - 64)
        while start > body.lowerBound, buffer[start] & 0xC0 == 0x80 { start -= 1 }
        let text = UTF8Text.string(buffer, start..<body.upperBound).trimmingBlanks()
        return text.hasSuffix("?") || text.hasSuffix("？") || endsWithParticle(text)
    }

    private func endsWithParticle(_ text: String) -> Bool {
        let tail = text.trimmingBlanks().trimmingCharacters(in: "~～!！。.呀啊哈")
        return words.questionEndings.contains { tail.hasSuffix($0) }
    }

    /// The variant the nearest mention before the match (in the same message) names, or
    /// else one the match is said to be (50L是大号).
    private func variant(_ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, before range: Range<Int>) -> String? {
        var position = max(body.lowerBound, range.lowerBound - Self.window)
        var last: String?
        while position < range.lowerBound,
              let captures = try? Self.variant.find(in: buffer, from: position, to: range.lowerBound, scratch: scratch) {
            last = Self.variant.text("v", captures, buffer)?.uppercased()
            position = captures.range.upperBound
            // A line that names a variant and gives its figures (- Size XL: chest 114cm) speaks
            // for itself only, unless it breaks off mid-sentence (M码衣长98cm，⏎胸围88cm); a
            // variant alone on its line (L码：) heads the lines after it.
            if let newline = buffer[position..<range.lowerBound].firstIndex(of: 0x0A),
               buffer[position..<newline].contains(where: { (0x30...0x39).contains($0) }),
               !["，", ",", "、"].contains(where: { UTF8Text.string(buffer, position..<newline).trimmingBlanks().hasSuffix($0) }) { last = nil }
        }
        if last != nil { return last }
        let end = min(body.upperBound, range.upperBound + 24)
        guard let captures = try? Self.variant.find(in: buffer, from: range.upperBound, to: end, scratch: scratch),
              ["是", "为", "的是", "是的"].contains(UTF8Text.string(buffer, range.upperBound..<captures.range.lowerBound).trimmingBlanks())
        else { return nil }
        return Self.variant.text("v", captures, buffer)?.uppercased()
    }

    /// Conditions and exclusions (不影响二次销售, 拆封后不退) stay findings of their own and are
    /// also listed on every other return commitment of the same message.
    private func attachConditions(_ items: inout [LocatedFinding]) {
        var conditions: [Int: [String]] = [:]
        for item in items where words.conditions.contains(item.finding.attribute) {
            conditions[item.message, default: []].append(item.finding.raw)
        }
        guard !conditions.isEmpty else { return }
        for index in items.indices where items[index].finding.kind == .return && !words.conditions.contains(items[index].finding.attribute) {
            items[index].finding.conditions = conditions[items[index].message] ?? []
        }
    }

    /// A whole number of inches with no attribute word (36 inch size: 91*61*67cm; 42 inch USD
    /// 24.50) names the model, as crates, cases, screens and wheels are named: a size,
    /// `nominal_size`, never compared as a length, and the variant it names. A length said to
    /// equal it (24 inch = 610mm) is that variant's length (see `lengthOfNominalSizes`).
    private func nameInchSize(_ item: inout LocatedFinding, _ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) {
        guard item.finding.kind == .dimension, item.finding.attribute.isEmpty || item.answerOnly, words.vocabulary.attributes["nominal_size"] != nil else { return }
        // One size (36 inch) or a range of them (screens from 17 to 32 inch).
        let ends = [item.finding.value?.number, item.finding.min, item.finding.max].compactMap { $0 }
        let raw = item.finding.raw.lowercased()
        // Not feet and inches (5'9"), not a side of a tuple (18" W x 14" H, 10 x 12 in).
        let before = UTF8Text.string(buffer, max(body.lowerBound, item.range.lowerBound - 3)..<item.range.lowerBound)
        let after = UTF8Text.string(buffer, item.range.upperBound..<min(body.upperBound, item.range.upperBound + 3)).trimmingBlanks()
        guard !raw.contains("'"), !raw.contains("ft"), !raw.contains("尺"), !(before + after).contains(where: { "xX×*＊".contains($0) }),
              !["W", "H", "D", "L"].contains(where: { after.hasPrefix($0) }), !ends.isEmpty, ends.allSatisfy({ abs($0 / 2.54 - ($0 / 2.54).rounded()) < 0.001 && $0 / 2.54 >= 5 }),
              ["inch", "in", "\"", "″", "”", "寸", "吋"].contains(where: { raw.hasSuffix($0) }) else { return }
        item.finding.attribute = "nominal_size"
        item.finding.kind = .size
        item.finding.inference = "a bare size in inches names the model (\(item.finding.raw)), not a measured length"
    }

    /// `24 inch = 610mm`: a figure set equal to a nominal size is that size's length.
    private func lengthOfNominalSizes(_ items: inout [LocatedFinding]) {
        log.bytes.withUnsafeBufferPointer { buffer in
            for index in items.indices.dropLast() where items[index].finding.attribute == "nominal_size" {
                let next = index + 1
                guard items[next].message == items[index].message, items[next].finding.kind == .dimension, items[next].finding.attribute.isEmpty,
                      items[index].range.upperBound <= items[next].range.lowerBound,
                      UTF8Text.string(buffer, items[index].range.upperBound..<items[next].range.lowerBound).trimmingBlanks() == "=" else { continue }
                items[next].finding.attribute = "length"
                items[next].finding.variant = items[index].finding.variant ?? items[index].finding.raw
                items[next].finding.inference = "length: the figure said to equal the size \(items[index].finding.raw)"
            }
        }
    }

    /// A later figure of one match that lists figures with commas (handle diameter 35mm, height
    /// 26cm): the part named before the list is the first figure's, not this one's.
    static func laterInAList(_ item: LocatedFinding, after previous: LocatedFinding?, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let previous, previous.message == item.message, previous.range == item.range else { return false }
        return UTF8Text.string(buffer, item.range).contains { $0 == "," || $0 == "，" }
    }

    /// `New 2025 version 36 inch is 91x58x64cm, 48 inch 122x76x84cm`, `36 inch: net weight
    /// 9.8kg`: a nominal size is its own variant, and a figure after it in its sentence is
    /// that size's, unless a name between the two names it otherwise.
    private func nameByNominalSizes(_ items: inout [LocatedFinding]) {
        log.bytes.withUnsafeBufferPointer { buffer in
            var size: Int?
            for index in items.indices {
                let item = items[index]
                if item.finding.attribute == "nominal_size" {
                    // The size names itself, whatever name came before it.
                    items[index].finding.variant = item.finding.raw
                    size = index
                    continue
                }
                guard let named = size, items[named].message == item.message, items[named].range.upperBound <= item.range.lowerBound, item.finding.kind != .size else { continue }
                let between = UTF8Text.string(buffer, items[named].range.upperBound..<item.range.lowerBound)
                if between.contains(where: { "\n\r。；;！？!?".contains($0) }) || between.contains(". ") { size = nil; continue }
                if let own = item.finding.variant, between.lowercased().contains(own.lowercased()) || items[named].finding.raw.contains(own) && own.contains(where: \.isLetter) { continue }
                items[index].finding.variant = items[named].finding.raw
            }
        }
    }

    /// `1.2米（120*75*75cm） 1.4米（140*80*75cm）`: a bare size with its sides in brackets right
    /// after it names them; each option is that size's.
    private func nameBracketedSizes(_ items: inout [LocatedFinding]) {
        log.bytes.withUnsafeBufferPointer { buffer in
            for index in items.indices.dropLast() where items[index].finding.kind == .dimension && items[index].finding.attribute.isEmpty {
                let size = items[index]
                for next in (index + 1)..<items.count {
                    guard items[next].message == size.message, items[next].finding.kind == .dimension, size.range.upperBound <= items[next].range.lowerBound,
                          ["(", "（"].contains(UTF8Text.string(buffer, size.range.upperBound..<items[next].range.lowerBound).trimmingBlanks()),
                          items[next].finding.raw.contains(where: { "*×xX＊".contains($0) }) else { break }
                    items[next].finding.variant = size.finding.raw
                }
            }
        }
    }

    /// Grams right before a paper (内页100g道林纸, 300g cardstock) are the paper's grams per
    /// square metre: `paper_weight`, not the item's weight.
    private func readPaperWeight(_ item: inout LocatedFinding, _ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) {
        guard item.finding.kind == .weight, item.finding.unit == "g", ["weight", ""].contains(item.finding.attribute),
              item.finding.raw.last.map({ $0 == "g" || $0 == "克" }) == true,
              (try? words.paperAfter.find(in: buffer, from: item.range.upperBound, to: body.upperBound, scratch: scratch)) != nil else { return }
        item.finding.attribute = "paper_weight"
        item.finding.kind = .spec
        item.finding.unit = "gsm"
    }

    /// A seller who takes back a figure (不好意思，刚才说错了，是45cm; correction: the roll is
    /// 2.6 kg): the seller's earlier figures for the same thing (attribute, part, level, variant)
    /// that differ stop being promises. The correcting figure is the one after the correction
    /// word, in its message or, when that message gives none, in the seller's next message.
    private func markCorrected(_ items: inout [LocatedFinding]) {
        /// How many messages back a correction reaches.
        let reach = 12
        // Only a message with figures in it or just after it, and promises before it, can correct one.
        let promised = items.filter(\.finding.isPromise).map(\.message)
        guard let firstPromise = promised.min() else { return }
        let withFigures = Set(items.map(\.message))
        log.bytes.withUnsafeBufferPointer { buffer in
            for (index, message) in messages.enumerated() where index >= firstPromise && message.role == .seller && message.body.count < 4096
                && (index...(index + 2)).contains(where: withFigures.contains) {
                guard let cue = try? words.corrections.find(in: buffer, from: message.body.lowerBound, to: message.body.upperBound, scratch: scratch) else { continue }
                let after = { (item: LocatedFinding) in item.message == index && item.range.lowerBound >= cue.range.upperBound }
                var correcting = items.indices.filter { after(items[$0]) && items[$0].finding.isPromise }
                if correcting.isEmpty, let next = messages.indices.dropFirst(index + 1).prefix(2).first(where: { messages[$0].role == .seller }) {
                    correcting = items.indices.filter { items[$0].message == next && items[$0].finding.isPromise }
                }
                let before = { (item: LocatedFinding) in
                    item.finding.isPromise && ((item.message < index && index - item.message <= reach)
                        || (item.message == index && item.range.upperBound <= cue.range.lowerBound))
                }
                for later in correcting {
                    // A bare figure (说错了，是45cm) corrects the last figure of its kind.
                    if items[later].finding.attribute.isEmpty,
                       let last = items.last(where: { before($0) && $0.finding.kind == items[later].finding.kind && !$0.finding.attribute.isEmpty }) {
                        items[later].finding.attribute = last.finding.attribute
                        items[later].finding.part = last.finding.part
                        items[later].finding.inference = "attribute of the figure it corrects (line \(last.finding.line))"
                    }
                    let new = items[later].finding
                    for earlier in items.indices where before(items[earlier]) {
                        let old = items[earlier].finding
                        guard old.attribute == new.attribute, old.part == new.part, old.level == new.level, old.variant == nil || old.variant == new.variant,
                              ValueText.of(old) != ValueText.of(new) else { continue }
                        items[earlier].finding.stance = .corrected
                        items[earlier].finding.correctedLine = new.line
                    }
                }
            }
        }
    }

    /// The reply opens with a yes (对的, 是的, 可以, yes).
    private func confirms(_ reply: Message) -> Bool {
        let text = Array(log.text(of: reply).utf8)
        return text.withUnsafeBufferPointer { (try? words.confirmation.find(in: $0, from: 0, to: $0.count, scratch: scratch)) != nil }
    }

    /// For each buyer question, a seller's yes in the next few messages makes it the seller's promise.
    private func addConfirmations(_ items: [LocatedFinding]) -> [Finding] {
        var result: [Finding] = []
        let byMessage = Dictionary(grouping: items, by: \.message)
        log.bytes.withUnsafeBufferPointer { buffer in
            for item in items {
                result.append(item.finding)
                // The buyer's own figures (我一米八五，躺得下吗): a yes promises nothing about them.
                guard item.finding.stance == .question, item.finding.subject == nil, messages[item.message].role != .seller else { continue }
                for next in (item.message + 1)..<min(messages.count, item.message + 4) where messages[next].role == .seller {
                    let reply = messages[next]
                    let answers = (byMessage[next] ?? []).contains { $0.finding.attribute == item.finding.attribute }
                    if !answers, confirms(reply) {
                        var promise = item.finding
                        promise.stance = .confirmed
                        promise.asked = item.finding.quote
                        promise.askedLine = item.finding.line
                        promise.askedBy = item.finding.speaker
                        promise.askedTime = item.finding.time
                        promise.speaker = reply.speaker
                        promise.role = reply.role
                        promise.time = reply.time?.iso8601
                        promise.line = reply.bodyLine
                        promise.messageLine = reply.line
                        promise.quote = log.writtenText(of: reply)
                        result.append(promise)
                    }
                    break
                }
            }
        }
        return result
    }
}
