import Catalog
import ChatModel
import Claim
import Compare
import Foundation
import Model

/// Writes a claim (or a comparison with nothing to claim) as one self-contained HTML page:
/// inline CSS and SVG, no network, no script needed to read it, print CSS for an A4 sheet.
/// Every text from a chat, a listing or the notes is escaped.
public struct ClaimPage {
    let vocabulary: Vocabulary
    let language: ClaimLanguage
    /// The chats and listings read, for the messages around each quote.
    let logs: [ChatLog]
    /// How many messages before and after a quote are shown.
    static let contextMessages = 2

    public init(vocabulary: Vocabulary, language: ClaimLanguage, logs: [ChatLog]) {
        self.vocabulary = vocabulary
        self.language = language
        self.logs = logs
    }

    /// Text made safe for HTML: `&`, `<`, `>`, `"` and `'` as entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private func both(_ zh: String, _ en: String) -> String {
        switch language {
        case .zh: return zh
        case .en: return en
        case .both: return zh + " / " + en
        }
    }

    private func both(_ text: Bilingual) -> String { both(text.zh, text.en) }

    /// The page for a claim, or for a comparison with nothing to claim (`claim` nil).
    public func html(_ claim: ClaimDraft?, _ comparison: Comparison, strategy: Strategy? = nil, title: String? = nil) -> String {
        let heading = claim.map { both("退款申请草稿", "Claim draft") + " — " + $0.platform.name } ?? both("比对结果：无需申请", "Comparison: nothing to claim")
        var body = "<header><h1>\(Self.escape(heading))</h1>"
        if let title { body += "<p class=\"order\">\(Self.escape(title))</p>" }
        body += "</header>\n"
        if let claim {
            body += summary(claim)
        } else {
            body += "<section class=\"verdict none\"><p>\(Self.escape(ComparisonPrinter.noClaim(comparison)))</p></section>\n"
        }
        if let strategy { body += self.strategy(strategy) }
        body += items(comparison)
        if let claim {
            body += quotes(claim.quotes)
            body += timeline(claim.timeline)
            body += checklist(claim.evidence)
            body += "<section><h2>\(Self.escape(both("完整陈述（客服介入时使用）", "Full statement (for the seller chat or platform intervention)")))</h2>"
            if language.zh { body += "<p class=\"statement\">\(Self.escape(claim.statement.zh))</p>" }
            if language.en { body += "<p class=\"statement\">\(Self.escape(claim.statement.en))</p>" }
            body += "</section>\n"
        }
        let notes = comparison.warnings.map { "warning: " + $0 } + comparison.unread.map { "not read: " + ComparisonPrinter.unread($0) }
        if !notes.isEmpty {
            body += "<section class=\"notes\"><h2>\(Self.escape(both("注意", "Notes")))</h2><ul>" + notes.map { "<li>\(Self.escape($0))</li>" }.joined() + "</ul></section>\n"
        }
        return document(title: heading, body: body, script: Self.copyScript)
    }

    /// Reason, remedy, and the description in a box ready to copy.
    private func summary(_ claim: ClaimDraft) -> String {
        let amount = claim.refund.amount.map { " ¥" + ClaimBuilder.money($0) } ?? ""
        let basis = claim.refund.basis.map { " (\($0))" } ?? ""
        let strong = claim.discrepancies.filter { $0.tier != .weak }.count, weak = claim.discrepancies.count - strong
        var out = "<section class=\"verdict \(claim.comparison.onlyWeak ? "weak" : "strong")\">"
        out += "<dl><dt>\(Self.escape(both("退款原因", "Reason")))</dt><dd class=\"reason\">\(Self.escape(claim.reasonLabel))</dd>"
        out += "<dt>\(Self.escape(both("申请", "Ask for")))</dt><dd>\(Self.escape(both(claim.refund.text.zh + amount, claim.refund.text.en + amount) + basis))</dd>"
        out += "<dt>\(Self.escape(both("不符项", "Discrepancies")))</dt><dd>\(strong) \(Self.escape(both("项明显不符", "strong")))"
            + (weak > 0 ? ", \(weak) \(Self.escape(both("项在品类默认误差内（弱）", "weak: within the category's default tolerance")))" : "") + "</dd></dl>"
        if claim.comparison.onlyWeak {
            out += "<p class=\"warn\">\(Self.escape(both("所有不符项都在该品类的默认误差内：建议协商部分退款，而不是全额退货退款。", "Every discrepancy is within the category's default tolerance: negotiate a partial refund rather than ask for a full return.")))</p>"
        }
        out += "<h2>\(Self.escape(both("退款说明（可直接复制）", "Description (ready to copy)")))</h2>"
        for (text, lang) in [(claim.summary.zh, "zh"), (claim.summary.en, "en")] where lang == "zh" ? language.zh : language.en {
            out += "<div class=\"copy\"><textarea readonly rows=\"5\" lang=\"\(lang)\">\(Self.escape(text))</textarea>"
                + "<button type=\"button\" class=\"js-only\" data-copy>\(Self.escape(both("复制", "Copy")))</button></div>"
        }
        if language.zh { out += "<p class=\"small\">\(claim.summary.zh.count) 字 (\(Self.escape(both("上限", "limit"))) \(Self.escape(claim.limit)))</p>" }
        return out + "</section>\n"
    }

    /// The strategy: the case and the path to take, each line with its source; the platform's
    /// evidence set.
    private func strategy(_ strategy: Strategy) -> String {
        let printer = ClaimPrinter(vocabulary: vocabulary, language: language)
        var out = "<section class=\"strategy\"><h2>\(Self.escape(both("策略", "Strategy")))</h2><ul>"
        out += printer.lines(strategy).map { "<li>\(Self.escape($0))</li>" }.joined() + "</ul>"
        if !strategy.evidence.isEmpty {
            out += "<h3>\(Self.escape(both("平台需要的证据", "The evidence the platform expects")))</h3>" + evidenceList(strategy.evidence, withStatus: false)
        }
        return out + "</section>\n"
    }

    /// Evidence items as a list, each with its box (☐ needed, ◩ in the inputs, ☑ drafted or
    /// shown in the inputs as a screenshot to take) and, `withStatus`, what the buyer still does.
    private func evidenceList(_ items: [ClaimDraft.EvidenceItem], withStatus: Bool) -> String {
        var out = "<ul class=\"checklist\">"
        for item in items {
            let needed = item.status == "needed"
            let mark = needed ? "☐" : item.status == "in_inputs" ? "◩" : "☑"
            out += "<li class=\"\(needed ? "needed" : "have")\"><span class=\"box\">\(mark)</span> \(Self.escape(both(item.text)))"
            if withStatus {
                out += " <span class=\"small\">(\(Self.escape(needed ? both("尚缺", "still needed") : both("已有，截图附上", "you have it: attach a screenshot"))))</span>"
            }
            out += "</li>"
        }
        return out + "</ul>"
    }

    /// Every attribute compared: a row with its chart (promise, tolerance band, measurement).
    private func items(_ comparison: Comparison) -> String {
        var out = "<section><h2>\(Self.escape(both("逐项比对", "Attribute by attribute")))</h2>"
        if let variant = comparison.variant { out += "<p class=\"small\">\(Self.escape(both("所拍规格", "Ordered variant"))): \(Self.escape(variant.value)) (\(Self.escape(variant.source)))</p>" }
        if let category = ComparisonPrinter.category(comparison) { out += "<p class=\"small\">\(Self.escape(category))</p>" }
        out += "<table class=\"items\"><thead><tr><th>\(Self.escape(both("项目", "Attribute")))</th><th>\(Self.escape(both("承诺", "Promised")))</th><th>\(Self.escape(both("实测", "Measured")))</th>"
            + "<th>\(Self.escape(both("差值", "Difference")))</th><th>\(Self.escape(both("误差", "Tolerance")))</th><th>\(Self.escape(both("结论", "Verdict")))</th><th>\(Self.escape(both("图示", "Chart")))</th></tr></thead><tbody>"
        let order: [Verdict] = [.mismatch, .withinTolerance, .matches, .notMeasured, .measuredNotPromised]
        let sorted = comparison.items.enumerated().sorted { a, b in
            let (x, y) = (order.firstIndex(of: a.element.verdict)!, order.firstIndex(of: b.element.verdict)!)
            return x != y ? x < y : (a.element.tier == .strong) != (b.element.tier == .strong) ? a.element.tier == .strong : a.offset < b.offset
        }.map(\.element)
        for item in sorted {
            let name = vocabulary.chineseName(item.attribute) + " " + item.attribute + (ComparisonPrinter.part(item).map { " (\($0))" } ?? "")
            var cell = "<td>\(Self.escape(name))"
            if let tolerance = item.tolerance, item.verdict != .notMeasured { cell += "<div class=\"small\">\(Self.escape(tolerance.detail))</div>" }
            for note in item.notes { cell += "<div class=\"small note\">\(Self.escape(note))</div>" }
            cell += "</td>"
            out += "<tr class=\"\(Self.verdictClass(item))\">" + cell + "<td>\(Self.escape(item.promisedText))</td><td>\(Self.escape(item.measuredText))</td>"
                + "<td>\(Self.escape(ComparisonPrinter.difference(item)))</td><td>\(Self.escape(ComparisonPrinter.tolerance(item)))</td>"
                + "<td class=\"v\">\(Self.escape(ComparisonPrinter.verdict(item)))</td><td>\(Self.chart(item))</td></tr>"
        }
        return out + "</tbody></table><p class=\"small\">\(Self.escape(both("图示：深色条为承诺值（或范围），浅色带为误差范围，圆点为实测值；红色明显不符，橙色在品类默认误差内（弱），绿色相符。", "Chart: the dark bar is the promise (or its range), the light band its tolerance, the dot the measurement; red a strong mismatch, orange a weak one (within the category's default), green as promised.")))</p></section>\n"
    }

    /// `strong`, `weak`, `within`, `matches` or `other`: the colour of a row and its chart.
    static func verdictClass(_ item: ComparedItem) -> String {
        switch item.verdict {
        case .mismatch: return item.tier == .weak ? "weak" : "strong"
        case .withinTolerance: return "within"
        case .matches: return "matches"
        case .notMeasured, .measuredNotPromised: return "other"
        }
    }

    /// A small SVG: the promised value (or range) as a bar, the tolerance as a band around it
    /// (below it only, for goods that may not fall short), the measurement as a dot. Nil when
    /// the item has no number on both sides.
    static func chart(_ item: ComparedItem) -> String {
        if item.kind == .material { return compositionChart(item) }
        guard let promise = item.promised, case .number(let measured)? = item.measured.last?.value else { return "" }
        let low: Double, high: Double
        if case .number(let value)? = promise.value { (low, high) = (value, value) }
        else if let min = promise.min, let max = promise.max { (low, high) = (min, max) }
        else { return "" }
        let allowance = item.tolerance?.value ?? 0
        let short = item.tolerance?.direction == .short
        let bandLow = low - allowance, bandHigh = short ? Swift.max(high + allowance, measured, high) : high + allowance
        var start = Swift.min(bandLow, measured), end = Swift.max(bandHigh, measured)
        let span = end - start
        let pad = span > 0 ? span * 0.15 : Swift.max(abs(low) * 0.1, 1)
        start -= pad
        end += pad
        let width = 240.0, left = 8.0, usable = width - 2 * left
        func position(_ value: Double) -> Double { ((left + (value - start) / (end - start) * usable) * 10).rounded() / 10 }
        func x(_ value: Double) -> String { NumberFormat.short(position(value)) }
        let unit = promise.unit.map { $0 == "%" ? "%" : " " + $0 } ?? ""
        let label = "promised \(NumberFormat.short(low))\(low == high ? "" : "–" + NumberFormat.short(high))\(unit), tolerance ±\(NumberFormat.short(allowance)), measured \(NumberFormat.short(measured))\(unit)"
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) 34\" width=\"\(Int(width))\" height=\"34\" role=\"img\" aria-label=\"\(escape(label))\"><title>\(escape(label))</title>"
        svg += "<line x1=\"\(x(start))\" y1=\"17\" x2=\"\(x(end))\" y2=\"17\" class=\"axis\"/>"
        svg += "<rect x=\"\(x(bandLow))\" y=\"9\" width=\"\(NumberFormat.short(Swift.max(1, position(bandHigh) - position(bandLow))))\" height=\"16\" class=\"band\"/>"
        svg += "<rect x=\"\(x(low))\" y=\"6\" width=\"\(NumberFormat.short(Swift.max(2, position(high) - position(low))))\" height=\"22\" class=\"promise\"/>"
        svg += "<circle cx=\"\(x(measured))\" cy=\"17\" r=\"6\" class=\"dot\"/>"
        return svg + "</svg>"
    }

    /// Two stacked bars for a material: the promised shares above, the measured below, each
    /// fibre in its own colour (a share not given takes the rest of the bar).
    static func compositionChart(_ item: ComparedItem) -> String {
        let promised = item.promisedComposition.isEmpty ? item.promised.map { [$0] } ?? [] : item.promisedComposition
        let sides: [[(name: String, share: Double?)]] = [
            promised.map { (ValueText.plain($0.value ?? .text("?")), $0.percent) },
            item.measured.map { (ValueText.plain($0.value), $0.percent) },
        ]
        guard !sides[0].isEmpty, !sides[1].isEmpty else { return "" }
        let colours = ["#1f4e8c", "#e3a21a", "#6a9f3a", "#9c4dcc", "#c0504d", "#4bacc6"]
        var names: [String] = []
        for side in sides { for part in side where !names.contains(part.name) { names.append(part.name) } }
        let width = 240.0
        let label = "promised " + sides[0].map { "\($0.name) \($0.share.map(NumberFormat.short) ?? "")%" }.joined(separator: ", ")
            + "; measured " + sides[1].map { "\($0.name) \($0.share.map(NumberFormat.short) ?? "")%" }.joined(separator: ", ")
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) 34\" width=\"\(Int(width))\" height=\"34\" role=\"img\" aria-label=\"\(escape(label))\"><title>\(escape(label))</title>"
        for (row, side) in sides.enumerated() {
            let given = side.compactMap(\.share).reduce(0, +), missing = side.filter { $0.share == nil }.count
            var x = 0.0
            for part in side {
                let share = part.share ?? (missing > 0 ? Swift.max(0, 100 - given) / Double(missing) : 0)
                let w = width * Swift.min(share, 100) / 100
                let colour = colours[(names.firstIndex(of: part.name) ?? 0) % colours.count]
                svg += "<rect x=\"\(NumberFormat.short((x * 10).rounded() / 10))\" y=\"\(row * 17 + 1)\" width=\"\(NumberFormat.short((w * 10).rounded() / 10))\" height=\"15\" fill=\"\(colour)\"/>"
                if w > 40 {
                    svg += "<text x=\"\(NumberFormat.short(((x + 3) * 10).rounded() / 10))\" y=\"\(row * 17 + 12)\" class=\"share\">\(escape(part.name)) \(part.share.map(NumberFormat.short).map { $0 + "%" } ?? "")</text>"
                }
                x += w
            }
        }
        return svg + "</svg>"
    }

    /// The seller's words, each in its chat: a few messages before and after, the quoted
    /// words marked, with time and speaker.
    private func quotes(_ quotes: [Finding]) -> String {
        guard !quotes.isEmpty else { return "" }
        var out = "<section><h2>\(Self.escape(both("卖家原话（含上下文）", "The seller's words, in their chat")))</h2>"
        // Quotes from one message are shown once, every quoted phrase marked.
        var groups: [[Finding]] = []
        for quote in quotes {
            if let index = groups.firstIndex(where: { $0[0].path == quote.path && $0[0].messageLine == quote.messageLine && $0[0].stance == quote.stance }) {
                groups[index].append(quote)
            } else {
                groups.append([quote])
            }
        }
        for group in groups {
            let quote = group[0], phrases = group.map(\.raw)
            out += "<figure class=\"quote\"><figcaption>" + group.map { Self.escape(ComparisonPrinter.citation($0)) }.joined(separator: "<br>") + "</figcaption>"
            let context = messages(around: quote)
            if context.isEmpty {
                out += "<blockquote>\(Self.highlight(quote.quote, phrases))</blockquote>"
            } else {
                out += "<ol class=\"chat\">"
                for (message, text, isQuote) in context {
                    let who = message.speaker ?? message.role.rawValue
                    let time = message.time?.iso8601.replacingOccurrences(of: "T", with: " ") ?? ""
                    out += "<li class=\"\(message.role.rawValue)\(isQuote ? " quoted" : "")\"><span class=\"who\">\(Self.escape(who)) · \(Self.escape(message.role.rawValue))</span>"
                        + "<span class=\"time\">\(Self.escape(time))</span><span class=\"text\">\(isQuote ? Self.highlight(text, phrases) : Self.escape(text))</span></li>"
                }
                out += "</ol>"
            }
            out += "</figure>"
        }
        return out + "</section>\n"
    }

    /// The messages around a finding's message in its chat, as written; empty when the file
    /// is not among those read.
    private func messages(around finding: Finding) -> [(Message, String, Bool)] {
        guard let log = logs.first(where: { $0.path == finding.path }),
              let index = log.messages.lastIndex(where: { $0.line <= finding.messageLine }) else { return [] }
        let range = Swift.max(0, index - Self.contextMessages)...Swift.min(log.messages.count - 1, index + Self.contextMessages)
        return range.map { position in
            let message = log.messages[position]
            return (message, String(decoding: log.written[message.body], as: UTF8.self), position == index)
        }
    }

    /// `text` escaped, with the first occurrence of each phrase marked.
    static func highlight(_ text: String, _ phrases: [String]) -> String {
        var marked: [Range<String.Index>] = []
        for phrase in phrases where !phrase.isEmpty {
            if let range = text.range(of: phrase), !marked.contains(where: { $0.overlaps(range) }) { marked.append(range) }
        }
        var out = "", position = text.startIndex
        for range in marked.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            out += escape(String(text[position..<range.lowerBound])) + "<mark>" + escape(String(text[range])) + "</mark>"
            position = range.upperBound
        }
        return out + escape(String(text[position...]))
    }

    /// The timeline as a strip (dated entries placed by day) and the list it numbers.
    private func timeline(_ entries: [ClaimDraft.TimelineEntry]) -> String {
        guard !entries.isEmpty else { return "" }
        var out = "<section><h2>\(Self.escape(both("时间线", "Timeline")))</h2>"
        let days = entries.map { $0.time.flatMap { OrderDate.moment(String($0.prefix(10)))?.hours }.map { $0 / 24 } }
        if let first = days.compactMap({ $0 }).min(), let last = days.compactMap({ $0 }).max() {
            let width = 680.0, left = 20.0, span = Swift.max(1.0, last - first)
            out += "<svg class=\"strip\" viewBox=\"0 0 \(Int(width)) 48\" width=\"100%\" height=\"48\" role=\"img\" aria-label=\"timeline\"><line x1=\"\(Int(left))\" y1=\"18\" x2=\"\(Int(width - left))\" y2=\"18\" class=\"axis\"/>"
            // One dot a day, numbered with its entries (1–6), its date below.
            var byDay: [(day: Double, numbers: [Int], date: String)] = []
            for (number, day) in days.enumerated() {
                guard let day else { continue }
                if let index = byDay.firstIndex(where: { $0.day == day }) { byDay[index].numbers.append(number + 1) }
                else { byDay.append((day, [number + 1], String(entries[number].time!.prefix(10)))) }
            }
            for (position, mark) in byDay.enumerated() {
                let x = NumberFormat.short((left + (mark.day - first) / span * (width - 2 * left)).rounded())
                let numbers = mark.numbers.count > 2 ? "\(mark.numbers.first!)–\(mark.numbers.last!)" : mark.numbers.map(String.init).joined(separator: ",")
                out += "<circle cx=\"\(x)\" cy=\"18\" r=\"5\" class=\"tick\"/><text x=\"\(x)\" y=\"10\" text-anchor=\"middle\">\(numbers)</text>"
                    + "<text x=\"\(x)\" y=\"\(position % 2 == 0 ? 36 : 44)\" text-anchor=\"middle\" class=\"date\">\(Self.escape(String(mark.date.dropFirst(5))))</text>"
            }
            out += "</svg>"
        }
        out += "<ol class=\"timeline\">"
        for entry in entries {
            out += "<li><span class=\"time\">\(Self.escape(entry.time?.replacingOccurrences(of: "T", with: " ") ?? "—"))</span> \(Self.escape(both(entry.text)))</li>"
        }
        return out + "</ol></section>\n"
    }

    private func checklist(_ items: [ClaimDraft.EvidenceItem]) -> String {
        guard !items.isEmpty else { return "" }
        return "<section><h2>\(Self.escape(both("需要附上的证据", "Evidence to attach")))</h2>" + evidenceList(items, withStatus: true) + "</section>\n"
    }

    /// One order of a manifest, as the index lists it.
    public struct IndexRow: Sendable {
        public let id: String
        /// `claim`, `no_discrepancy` or `error`.
        public let status: String
        public let platform: String
        public let reason: String
        public let refund: String
        public let strong: Int
        public let weak: Int
        /// The order's page, relative to the index; nil when none was written.
        public let link: String?
        public let problems: [String]

        public init(id: String, status: String, platform: String, reason: String, refund: String, strong: Int, weak: Int, link: String?, problems: [String]) {
            (self.id, self.status, self.platform, self.reason, self.refund) = (id, status, platform, reason, refund)
            (self.strong, self.weak, self.link, self.problems) = (strong, weak, link, problems)
        }
    }

    /// The manifest's index: every order with its status, reason, refund and discrepancies,
    /// linked to its page; a few lines of script sort by column and filter by status.
    public func index(_ rows: [IndexRow]) -> String {
        let title = both("订单索引", "Orders")
        var body = "<header><h1>\(Self.escape(title))</h1><p class=\"order\">\(rows.count) \(Self.escape(both("个订单", "orders"))): "
        body += ["claim", "no_discrepancy", "error"].map { status in "\(rows.filter { $0.status == status }.count) \(status)" }.joined(separator: ", ") + "</p></header>\n"
        body += "<p class=\"js-only\"><label>\(Self.escape(both("按状态筛选", "Filter by status"))) <select id=\"status\"><option value=\"\">all</option>"
            + "<option>claim</option><option>no_discrepancy</option><option>error</option></select></label></p>"
        let headings = [both("订单", "Order"), both("状态", "Status"), both("平台", "Platform"), both("退款原因", "Reason"), both("申请", "Refund"),
                        both("明显不符", "Strong"), both("弱不符", "Weak"), both("问题", "Problems")]
        body += "<table class=\"index\"><thead><tr>" + headings.enumerated().map { "<th data-column=\"\($0.offset)\">\(Self.escape($0.element))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            let id = row.link.map { "<a href=\"\(Self.escape(Self.percentEncoded($0)))\">\(Self.escape(row.id))</a>" } ?? Self.escape(row.id)
            let cells = [id, Self.escape(row.status), Self.escape(row.platform), Self.escape(row.reason), Self.escape(row.refund),
                         String(row.strong), String(row.weak), Self.escape(row.problems.joined(separator: "; "))]
            body += "<tr class=\"\(row.status == "claim" ? (row.strong > 0 ? "strong" : "weak") : row.status == "error" ? "strong" : "matches")\" data-status=\"\(Self.escape(row.status))\">"
                + cells.enumerated().map { $0.offset == 1 ? "<td class=\"v\">\($0.element)</td>" : "<td>\($0.element)</td>" }.joined() + "</tr>"
        }
        body += "</tbody></table>\n"
        return document(title: title, body: body, script: Self.indexScript)
    }

    /// A file name as a link: every byte but unreserved ASCII percent-encoded.
    static func percentEncoded(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? name
    }

    /// Sorts the index by a clicked column and filters it by status.
    static let indexScript = """
    document.documentElement.classList.add('js');
    (function(){var body=document.querySelector('table.index tbody');if(!body)return;
    document.getElementById('status').addEventListener('change',function(e){var v=e.target.value;
    body.querySelectorAll('tr').forEach(function(r){r.style.display=(!v||r.dataset.status===v)?'':'none';});});
    document.querySelectorAll('th[data-column]').forEach(function(th){var up=true;th.style.cursor='pointer';th.addEventListener('click',function(){
    var c=+th.dataset.column;var rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,b){var x=a.cells[c].textContent,y=b.cells[c].textContent;
    var n=parseFloat(x)-parseFloat(y);var d=isNaN(n)?x.localeCompare(y):n;return up?d:-d;});up=!up;rows.forEach(function(r){body.appendChild(r);});});});})();
    """

    /// A whole page: the styles inline, an optional script that only adds conveniences.
    func document(title: String, body: String, script: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language == .en ? "en" : "zh-CN")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <title>\(Self.escape(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        \(body)
        <script>\(script)</script>
        </body>
        </html>

        """
    }

    static let style = """
    body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px auto;max-width:1100px;color:#222;line-height:1.5;padding:0 12px}
    h1{font-size:22px;margin:0 0 4px}h3{font-size:14px;margin:10px 0 4px}.strategy ul{font-size:13px}h2{font-size:17px;margin:20px 0 8px;border-bottom:1px solid #ddd}
    .order,.small{color:#666;font-size:12px}.note{font-style:italic}
    .verdict{border-left:6px solid #c62828;background:#fff5f5;padding:8px 14px}.verdict.weak{border-color:#ef6c00;background:#fff8ef}.verdict.none{border-color:#2e7d32;background:#f3fbf3}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:6px 0}dt{font-weight:bold}.reason{font-size:18px;font-weight:bold}
    .warn{color:#8a4b00;font-weight:bold}
    .copy{display:flex;gap:8px;align-items:flex-start;margin:6px 0}textarea{width:100%;font:inherit;padding:6px;border:1px solid #bbb;border-radius:4px;resize:vertical}
    button{font:inherit;padding:4px 10px}.js-only{display:none}.js .js-only{display:inline-block}
    table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}th{background:#f4f4f4}
    tr.strong .v{color:#c62828;font-weight:bold}tr.weak .v{color:#ef6c00;font-weight:bold}tr.within .v{color:#00897b}tr.matches .v{color:#2e7d32}tr.other .v{color:#757575}
    svg .axis{stroke:#999;stroke-width:1}svg .band{fill:#dfe9f5}svg .promise{fill:#1f4e8c;opacity:.75}svg text{font-size:11px;fill:#333}svg text.share{fill:#fff;font-size:10px}svg text.date{fill:#777;font-size:10px}svg .tick{fill:#1f4e8c}
    tr.strong .dot{fill:#c62828}tr.weak .dot{fill:#ef6c00}tr.within .dot{fill:#00897b}tr.matches .dot{fill:#2e7d32}tr.other .dot{fill:#757575}
    .quote{margin:10px 0;border:1px solid #e3e3e3;border-radius:4px;padding:6px 10px}figcaption{font-size:12px;color:#555}
    ol.chat{list-style:none;padding:0;margin:6px 0}ol.chat li{display:grid;grid-template-columns:200px 150px 1fr;gap:8px;padding:2px 4px;font-size:13px;white-space:pre-wrap}
    ol.chat li.quoted{background:#fffbe0}ol.chat .who{font-weight:bold}ol.chat li.buyer .who{color:#1f4e8c}ol.chat li.seller .who{color:#8a2a00}.time{color:#777;font-size:12px}
    mark{background:#ffe066;padding:0 1px}
    ol.timeline{font-size:13px}.strip{max-width:100%}
    ul.checklist{list-style:none;padding-left:0}ul.checklist li.needed{color:#8a2a00}.box{font-size:16px}
    .statement{white-space:pre-wrap;font-size:13px}
    @media print{@page{size:A4;margin:14mm}body{margin:0;max-width:none;font-size:11pt}button,.js-only{display:none!important}
    tr,figure,.quote,li{break-inside:avoid}thead{display:table-header-group}textarea{border:none;resize:none;overflow:visible}h2{break-after:avoid}}
    """

    /// Adds the copy buttons; the page reads the same without it.
    static let copyScript = """
    document.documentElement.classList.add('js');
    document.querySelectorAll('[data-copy]').forEach(function(b){b.addEventListener('click',function(){var t=b.previousElementSibling;t.select();if(navigator.clipboard){navigator.clipboard.writeText(t.value);}else{document.execCommand('copy');}});});
    """
}
