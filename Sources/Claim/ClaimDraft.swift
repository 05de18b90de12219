import Catalog
import ChatModel
import Compare
import Foundation
import Model

/// What the buyer files: the platform's reason label, the refund to ask for, a short
/// description that fits the form, a full statement, the discrepancies with the seller's
/// exact words, a timeline and the evidence still to attach. Every sentence is built from a
/// finding or a measurement; nothing is invented.
public struct ClaimDraft: Sendable {
    public struct Refund: Sendable {
        public let zh: String
        public let en: String
        /// Yuan, when `--price` makes it computable.
        public let amount: Double?
        public let basis: String?
    }

    public struct TimelineEntry: Sendable {
        /// `2024-03-12T14:21:40`, or a date, or nil when unknown.
        public let time: String?
        public let zh: String
        public let en: String
    }

    public struct EvidenceItem: Sendable {
        public let zh: String
        public let en: String
        /// `have`: the tool saw it (attach a screenshot); `needed`: the buyer must still make it.
        public let status: String
    }

    public let platform: PlatformRules
    public let reasonKind: String
    public let reasonLabel: String
    public let refund: Refund
    /// Fits the platform's description box (`limit`).
    public let summaryZH: String
    public let summaryEN: String
    public let statementZH: String
    public let statementEN: String
    public let limit: String
    public let discrepancies: [ComparedItem]
    public let quotes: [Finding]
    public let timeline: [TimelineEntry]
    public let evidence: [EvidenceItem]
    public let comparison: Comparison
}

/// The case details a claim needs beyond the comparison.
public struct ClaimContext: Sendable {
    public var platform: String
    /// What the buyer paid for the order, in yuan.
    public var price: Double?
    public var ordered: String?
    public var shipped: String?
    public var received: String?
    public var chatFiles: [String]
    public var listingFiles: [String]

    public init(platform: String, price: Double? = nil, ordered: String? = nil, shipped: String? = nil, received: String? = nil,
                chatFiles: [String] = [], listingFiles: [String] = []) {
        self.platform = platform
        self.price = price
        self.ordered = ordered
        self.shipped = shipped
        self.received = received
        self.chatFiles = chatFiles
        self.listingFiles = listingFiles
    }
}

public struct ClaimBuilder {
    let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// Discrepancy kinds, strongest first: what the buyer can show at a glance (wrong item,
    /// pieces missing, a size off) before what needs a label or a test (material), per the
    /// burden of proof in 《淘宝平台争议处理规则》 Arts. 73–74.
    static let severity = ["wrong_item", "quantity_short", "size", "color_style", "material", "net_content_short", "function_spec", "late_shipment"]

    static func discrepancyKind(_ item: ComparedItem) -> String {
        if item.attribute == "size_label" { return "wrong_item" }
        if ["color", "print_pattern"].contains(item.attribute) { return "color_style" }
        switch item.kind {
        case .material: return "material"
        case .quantity: return "quantity_short"
        case .weight, .volume: return "net_content_short"
        case .dimension: return "size"
        case .size: return "size"
        case .delivery: return "late_shipment"
        default: return "function_spec"
        }
    }

    /// Nil when nothing falls short: there is nothing to claim.
    public func draft(_ comparison: Comparison, context: ClaimContext) -> ClaimDraft? {
        let mismatches = comparison.items.filter { $0.verdict == .mismatch }
            .sorted { a, b in
                let (ka, kb) = (Self.severity.firstIndex(of: Self.discrepancyKind(a)) ?? 9, Self.severity.firstIndex(of: Self.discrepancyKind(b)) ?? 9)
                return (ka, -abs(a.differencePercent ?? 100)) < (kb, -abs(b.differencePercent ?? 100))
            }
        guard let strongest = mismatches.first, let platform = catalog.platforms[context.platform] ?? catalog.platforms["other"] else { return nil }
        let kind = Self.discrepancyKind(strongest)
        let label = platform.reasons[kind] ?? platform.reasons["size"] ?? kind
        let refund = self.refund(kind, strongest, comparison, context)
        let sentences = mismatches.map { sentence($0) }
        let shipping = comparison.commitments.first { $0.attribute == "return_shipping" && $0.value == .text("seller") }
        let returns = !["quantity_short", "late_shipment"].contains(kind)
        let refundZH = "申请\(refund.zh)" + (refund.amount.map { "¥\(Self.money($0))" } ?? "") + (returns ? "，退货运费由卖家承担。" : "。")
        let refundEN = "Requesting \(refund.en)" + (refund.amount.map { " of ¥\(Self.money($0))" } ?? "") + (returns ? "; return shipping at the seller's cost." : ".")
        let (summaryZH, summaryEN) = fit(label: label, labelEN: kind == "late_shipment" ? "Not shipped on time" : "Not as described",
                                             sentences: sentences, refundZH: refundZH, refundEN: refundEN, platform: platform)

        var statementZH = "\(label)。\n"
        var statementEN = "Reason: \(label).\n"
        for (item, sentence) in zip(mismatches, sentences) {
            statementZH += "- " + sentence.zh + (item.promised.map { "（卖家原话：“\($0.raw)”，\(Self.where($0))）" } ?? "") + "\n"
            statementEN += "- " + sentence.en + (item.promised.map { " (seller's words: “\($0.raw)”, \(Self.where($0)))" } ?? "") + "\n"
        }
        if let shipping {
            statementZH += "卖家承诺“\(shipping.raw)”（\(Self.where(shipping))）。\n"
            statementEN += "The seller promised “\(shipping.raw)” (\(Self.where(shipping))).\n"
        }
        var stated = Set([shipping?.raw].compactMap { $0 })
        for commitment in comparison.commitments where ["quality_return", "returns_accepted", "return_window", "exchange_window"].contains(commitment.attribute)
            && stated.insert(commitment.raw).inserted {
            statementZH += "卖家承诺“\(commitment.raw)”（\(Self.where(commitment))）。\n"
            statementEN += "The seller promised “\(commitment.raw)” (\(Self.where(commitment))).\n"
        }
        // The seller's own limits on returns (拆封后不退, 定制不退) are for changes of mind, not for goods not as described.
        let limits = comparison.commitments.filter { ["return_exclusion", "no_returns"].contains($0.attribute) }
        if let limit = limits.first {
            statementZH += "卖家所说“\(limit.raw)”（\(Self.where(limit))）只限无理由退货，不适用于商品与描述不符；排除卖家责任的格式条款无效（《消费者权益保护法》第26条）。\n"
            statementEN += "The seller's “\(limit.raw)” (\(Self.where(limit))) limits returns for a change of mind, not for goods that are not as described; terms that exclude the seller's liability are void (Consumer Rights Protection Law, Art. 26).\n"
        }
        // 色差 excuses a shade, not another colour.
        if mismatches.contains(where: { $0.attribute == "color" }), let shade = comparison.disclaimers.first(where: { $0.attribute == "color_difference" }) {
            statementZH += "卖家所说“\(shade.raw)”（\(Self.where(shade))）只涉及颜色深浅，不包括发来的是另一种颜色。\n"
            statementEN += "The seller's “\(shade.raw)” (\(Self.where(shade))) covers a shade, not a different colour.\n"
        }
        // A penalty the seller promised (晚发必赔) is owed when the breach happens (《淘宝平台争议处理规则》 Art. 15).
        if kind == "late_shipment", let pledge = comparison.commitments.first(where: { $0.attribute == "late_dispatch_compensation" }) {
            statementZH += "卖家承诺“\(pledge.raw)”（\(Self.where(pledge))），违反承诺应按承诺赔付（《淘宝平台争议处理规则》第15条）。\n"
            statementEN += "The seller pledged “\(pledge.raw)” (\(Self.where(pledge))); a penalty the seller promised is owed when the promise is broken (Taobao dispute rules, Art. 15).\n"
        }
        statementZH += refundZH
        statementEN += refundEN

        // One quote per message, and a commitment the chat already holds is not repeated from the listing.
        var quotes = mismatches.compactMap(\.promised) + mismatches.flatMap(\.promisedComposition)
        quotes += comparison.commitments.filter { ["return_shipping", "quality_return", "returns_accepted", "return_window", "exchange_window", "warranty", "late_dispatch_compensation"].contains($0.attribute) }
        var seenMessages = Set<String>(), seenCommitments = Set<String>()
        quotes = quotes.filter { quote in
            let isCommitment = [.return, .warranty, .delivery].contains(quote.kind)
            if isCommitment, !seenCommitments.insert(quote.raw).inserted { return false }
            return seenMessages.insert("\(quote.path):\(quote.messageLine):\(quote.raw)").inserted
        }

        let limitText = "≤\(platform.maxCharacters) characters" + (platform.maxBytes.map { " and ≤\($0) bytes of UTF-8" } ?? "") + " (\(platform.limitSource))"
        return ClaimDraft(platform: platform, reasonKind: kind, reasonLabel: label, refund: refund, summaryZH: summaryZH, summaryEN: summaryEN,
                          statementZH: statementZH, statementEN: statementEN, limit: limitText, discrepancies: mismatches, quotes: quotes,
                          timeline: timeline(quotes, comparison, context), evidence: evidence(mismatches, comparison, context), comparison: comparison)
    }

    // MARK: Sentences

    /// `98cm`, `66–68cm`, `约30cm`, `50个`: a value the Chinese way.
    static func zh(_ text: String) -> String {
        var result = text.replacingOccurrences(of: " ", with: "")
        for (unit, word) in [("pcs", "个"), ("days", "天"), ("hours", "小时"), ("months", "个月")] where result.hasSuffix(unit) {
            result = String(result.dropLast(unit.count)) + word
        }
        return result.hasPrefix("≈") ? "约" + result.dropFirst() : result
    }

    private func zhValue(_ finding: Finding) -> String {
        var plain = finding
        plain.variant = nil
        return Self.zh(ValueText.of(plain))
    }

    /// `棉95%、氨纶5%`.
    private func zhComposition(_ values: [(FindingValue?, Double?)]) -> String {
        values.map { value, percent in catalog.vocabulary.materials.chinese(ValueText.plain(value)) + (percent.map { NumberFormat.short($0) + "%" } ?? "") }
            .joined(separator: "、")
    }

    private func sentence(_ item: ComparedItem) -> (zh: String, en: String) {
        let zhName = catalog.vocabulary.chineseName(item.attribute)
        let enName = catalog.vocabulary.englishName(item.attribute)
        let measured = item.measuredText
        let promised = item.promisedText
        if item.attribute == "size_label" {
            let note = item.notes.first ?? ""
            return ("尺码不符：\(note)", "Wrong size: \(note)")
        }
        if item.attribute == "dispatch_within", let difference = item.difference, let promise = item.promised {
            let unit = promise.unit == "hours" ? ("小时", "hours") : ("天", "days")
            let (allowed, taken) = (ValueText.plain(promise.value), ValueText.plain(item.measured.first?.value))
            let sameDay = allowed == "0" && unit.1 == "days"
            return ((sameDay ? "承诺当天发货" : "承诺下单后\(allowed)\(unit.0)内发货") + "，实际\(taken)\(unit.0)后才发出，晚了\(NumberFormat.short(difference))\(unit.0)",
                    (sameDay ? "promised same-day dispatch" : "promised dispatch within \(allowed) \(unit.1) of the order")
                        + ", shipped after \(taken) \(unit.1): \(NumberFormat.short(difference)) \(unit.1) late")
        }
        if item.attribute == "color" {
            let colors = catalog.vocabulary.colors
            return ("颜色承诺\(colors.chinese(ValueText.plain(item.promised?.value)))，实为\(colors.chinese(ValueText.plain(item.measured.last?.value)))",
                    "colour promised \(promised), actually \(measured)")
        }
        if item.kind == .material {
            let zhPromised = zhComposition(item.promisedComposition.map { ($0.value, $0.percent) })
            let zhMeasured = zhComposition(item.measured.map { ($0.value, $0.percent) })
            return ("材质承诺\(zhPromised)，实为\(zhMeasured)", "material promised \(promised), actually \(measured)")
        }
        let variantZH = item.promised?.variant.map { "\($0)码" } ?? ""
        let variantEN = item.promised?.variant.map { " (size \($0))" } ?? ""
        let zhPromised = item.promised.map(zhValue) ?? promised
        let zhMeasured = Self.zh(measured)
        guard let difference = item.difference else {
            return ("\(variantZH)\(zhName)承诺\(zhPromised)，实测\(zhMeasured)", "\(enName)\(variantEN) promised \(promised), measured \(measured)")
        }
        let unit = item.promised?.unit ?? ""
        let amount = NumberFormat.short((abs(difference) * 100).rounded() / 100)
        let gap = Self.zh(amount + " " + unit)
        var zh = "\(variantZH)\(zhName)承诺\(zhPromised)，实测\(zhMeasured)，\(difference < 0 ? "少" : "多")\(gap)"
        var en = "\(enName)\(variantEN) promised \(ValueText.of(item.promised!).replacingOccurrences(of: " @\(item.promised!.variant ?? "")", with: "")), measured \(measured): \(amount) \(unit) \(difference < 0 ? "short" : "over")"
        if let tolerance = item.tolerance, tolerance.value > 0 {
            let amount = tolerance.percent.map { "±\(NumberFormat.short($0))%" } ?? "±\(NumberFormat.short((tolerance.value * 100).rounded() / 100))\(unit)"
            let amountEN = tolerance.percent.map { "±\(NumberFormat.short($0))%" } ?? "±\(NumberFormat.short((tolerance.value * 100).rounded() / 100)) \(unit)"
            switch tolerance.source {
            case .seller: zh += "，超出卖家自称的误差\(amount)"; en += ", beyond the seller's own \(amountEN) tolerance"
            case .user, .standard: zh += "，超出允许偏差\(amount)"; en += ", beyond the \(amountEN) allowance"
            }
        }
        return (zh, en)
    }

    /// The short description: the reason, as many discrepancies as fit, the remedy.
    private func fit(label: String, labelEN: String, sentences: [(zh: String, en: String)], refundZH: String, refundEN: String, platform: PlatformRules) -> (String, String) {
        func fits(_ text: String) -> Bool {
            text.count <= platform.maxCharacters && (platform.maxBytes.map { text.utf8.count <= $0 } ?? true)
        }
        var zh = ""
        for count in stride(from: sentences.count, through: 1, by: -1) {
            let candidate = "\(label)：" + sentences.prefix(count).map(\.zh).joined(separator: "；") + "。" + refundZH
            if fits(candidate) { zh = candidate; break }
        }
        if zh.isEmpty {
            // Even one discrepancy is too long: keep its start, then the remedy.
            var first = sentences[0].zh
            while !first.isEmpty, !fits("\(label)：\(first)…。\(refundZH)") { first.removeLast() }
            zh = "\(label)：\(first)…。\(refundZH)"
        }
        var en = ""
        for count in stride(from: sentences.count, through: 1, by: -1) {
            let candidate = "\(labelEN): " + sentences.prefix(count).map(\.en).joined(separator: "; ") + ". " + refundEN
            if candidate.count <= max(platform.maxCharacters * 3, 300) { en = candidate; break }
        }
        return (zh, en.isEmpty ? "\(labelEN): " + sentences[0].en + ". " + refundEN : en)
    }

    // MARK: Remedy

    private func refund(_ kind: String, _ item: ComparedItem, _ comparison: Comparison, _ context: ClaimContext) -> ClaimDraft.Refund {
        switch kind {
        case "quantity_short":
            if let price = context.price, case .number(let promised)? = item.promised?.value, let difference = item.difference, promised > 0 {
                let amount = price * abs(difference) / promised
                return .init(zh: "补寄缺少的\(NumberFormat.short(abs(difference)))件，或部分退款", en: "re-shipping the \(NumberFormat.short(abs(difference))) missing pieces, or a partial refund",
                             amount: (amount * 100).rounded() / 100, basis: "price ¥\(Self.money(price)) × \(NumberFormat.short(abs(difference)))/\(NumberFormat.short(promised)) pieces missing")
            }
            return .init(zh: "补寄缺少的商品（补寄）", en: "re-shipping the missing pieces", amount: nil, basis: nil)
        case "late_shipment":
            let pledged = comparison.commitments.first { $0.attribute == "late_dispatch_compensation" }
            return .init(zh: pledged.map { "按卖家“\($0.raw)”的承诺赔付" } ?? "延迟发货赔付",
                         en: pledged.map { "the compensation the seller pledged (“\($0.raw)”)" } ?? "compensation for the late dispatch",
                         amount: nil, basis: nil)
        case "wrong_item":
            return .init(zh: "换货（换成所拍尺码），或退货退款", en: "an exchange for the size ordered, or a return for a full refund",
                         amount: context.price, basis: context.price.map { "the price paid, ¥\(Self.money($0)), if returned" })
        case "net_content_short":
            if let price = context.price, let percent = item.differencePercent {
                let amount = price * abs(percent) / 100
                return .init(zh: "部分退款（退差价）", en: "a partial refund for the shortfall", amount: (amount * 100).rounded() / 100,
                             basis: "price ¥\(Self.money(price)) × \(NumberFormat.short((abs(percent) * 10).rounded() / 10))% short")
            }
            return .init(zh: "退货退款", en: "a return for a full refund", amount: context.price, basis: context.price.map { "the price paid, ¥\(Self.money($0))" })
        default:
            // The seller offered exchanges (15天包换, 坏了包换): say the buyer may take one instead.
            let exchange = comparison.commitments.contains { $0.attribute == "exchange_window" || $0.attribute == "warranty_service" && $0.raw.contains("换") }
            return .init(zh: exchange ? "退货退款（或按卖家承诺换货）" : "退货退款", en: exchange ? "a return for a full refund (or the exchange the seller offered)" : "a return for a full refund",
                         amount: context.price, basis: context.price.map { "the price paid, ¥\(Self.money($0))" })
        }
    }

    // MARK: Timeline and evidence

    private func timeline(_ quotes: [Finding], _ comparison: Comparison, _ context: ClaimContext) -> [ClaimDraft.TimelineEntry] {
        var entries: [ClaimDraft.TimelineEntry] = []
        for quote in quotes {
            // The entry's time is already its first column: only the file and line here.
            let place = quote.time == nil ? Self.where(quote) : "\(quote.path):\(quote.line)"
            entries.append(.init(time: quote.time, zh: "卖家\(quote.stance == .confirmed ? "确认" : "承诺")“\(quote.raw)”（\(place)）",
                                 en: "seller \(quote.stance == .confirmed ? "confirms" : "promises") “\(quote.raw)” (\(place))"))
        }
        if let ordered = context.ordered { entries.append(.init(time: ordered, zh: "下单", en: "order placed")) }
        if let shipped = context.shipped {
            let late = comparison.items.contains { $0.attribute == "dispatch_within" && $0.verdict == .mismatch }
            entries.append(.init(time: shipped, zh: late ? "发货（晚于承诺）" : "发货", en: late ? "shipped (later than promised)" : "shipped"))
        }
        if let received = context.received {
            entries.append(.init(time: received, zh: "签收", en: "goods received"))
            entries.append(.init(time: received, zh: "实测：" + comparison.items.filter { $0.verdict == .mismatch }.map { item in
                catalog.vocabulary.chineseName(item.attribute)
                    + (item.kind == .material ? zhComposition(item.measured.map { ($0.value, $0.percent) }) : Self.zh(item.measuredText))
            }.joined(separator: "，"),
                                 en: "measured: " + comparison.items.filter { $0.verdict == .mismatch }.map { catalog.vocabulary.englishName($0.attribute) + " " + $0.measuredText }.joined(separator: ", ")))
            if let window = comparison.commitments.first(where: { $0.attribute == "return_window" }), case .number(let days)? = window.value,
               let deadline = OrderDate.adding(days: Int(days), to: received) {
                entries.append(.init(time: deadline, zh: "\(NumberFormat.short(days))天退货期截止（卖家承诺“\(window.raw)”）", en: "end of the \(NumberFormat.short(days))-day return window (seller's “\(window.raw)”)"))
            }
        }
        return entries.enumerated().sorted { ($0.element.time ?? "9999", $0.offset) < ($1.element.time ?? "9999", $1.offset) }.map(\.element)
    }

    /// What to photograph or film for each kind of discrepancy, in checklist order.
    static let evidenceNeeded: [(kind: String, zh: String, en: String)] = [
        ("size", "平铺测量照片：卷尺读数清楚，尺码标同框（每个不符的尺寸一张）",
         "photos of each measurement laid flat, tape reading legible, size label in frame"),
        ("material", "成分标/洗水标照片；如商家否认，申请质检报告",
         "a photo of the composition (care) label; an inspection report if the seller disputes it"),
        ("quantity_short", "开箱视频（从未拆封的包裹开始），清点数量的照片",
         "an unboxing video from the sealed parcel, and a photo counting the pieces"),
        ("net_content_short", "称重/量杯照片，含去皮读数",
         "a photo of the scale or measuring cup, tare shown"),
        ("wrong_item", "订单详情截图（显示所拍规格/尺码）",
         "a screenshot of the order showing the size or SKU ordered"),
        ("late_shipment", "订单详情和物流记录截图（下单时间、发货时间）",
         "screenshots of the order and the tracking record (order and dispatch times)"),
        ("color_style", "自然光下的实物照片，与商品主图或所拍颜色的SKU图对比",
         "a daylight photo of the item beside the listing photo of the colour ordered"),
        ("function_spec", "显示实测规格的照片或视频（如功率计读数）",
         "a photo or video showing the measured specification (a meter reading)"),
    ]

    private func evidence(_ mismatches: [ComparedItem], _ comparison: Comparison, _ context: ClaimContext) -> [ClaimDraft.EvidenceItem] {
        var items: [ClaimDraft.EvidenceItem] = []
        let chatLines = Set(mismatches.compactMap(\.promised).filter { !context.listingFiles.contains($0.path) }.map { "\($0.path):\($0.line)" }).sorted()
        if !chatLines.isEmpty {
            items.append(.init(zh: "聊天记录截图，含时间和卖家账号：\(chatLines.joined(separator: "、"))", en: "chat screenshots with time and the seller's account: \(chatLines.joined(separator: ", "))", status: "have"))
        }
        if context.listingFiles.isEmpty {
            items.append(.init(zh: "商品详情页截图（卖家可能改页面，现在就保存）", en: "a screenshot of the listing page (sellers edit listings: save it now)", status: "needed"))
        } else {
            items.append(.init(zh: "商品详情页截图（已保存：\(context.listingFiles.joined(separator: "、"))）", en: "a screenshot of the listing page (saved as \(context.listingFiles.joined(separator: ", ")))", status: "have"))
        }
        let kinds = Set(mismatches.map(Self.discrepancyKind))
        // The order's SKU matters whenever a size was ordered, not only for a wrong item.
        for need in Self.evidenceNeeded where kinds.contains(need.kind) || (need.kind == "wrong_item" && comparison.variant != nil) {
            items.append(.init(zh: need.zh, en: need.en, status: "needed"))
        }
        return items
    }

    static func `where`(_ finding: Finding) -> String {
        var text = "\(finding.path):\(finding.line)"
        if let time = finding.time { text = time.replacingOccurrences(of: "T", with: " ") + "，" + text }
        return text
    }

    public static func money(_ amount: Double) -> String {
        let cents = Int((amount * 100).rounded())
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
