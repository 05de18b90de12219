import ChatModel
import Matching

/// Tells sellers from buyers: `--seller`/`--buyer` names first; then what the export records
/// of who exported it (WeChat CSV `IsSender`, a speaker named 我 or Me, Telegram's own account,
/// WhatsApp's "You deleted this message", or the other party named by "You added Lily"),
/// that person being on the `me` side (the buyer, unless a seller exported); then the cues
/// in a name (旗舰店, 客服, `shop:sub`, "Co., Ltd"; tb123…, 买家, 采购); agents who take over
/// a chat (由 A 转交给 B) keep the side of the one they took over from; "the other side of a
/// two-party chat"; last what each side writes (亲, 给您, 发货 against 我拍的, 收到了, 退款).
public struct RoleHints: Sendable {
    public var sellers: [String]
    public var buyers: [String]
    /// The side of the person who exported the chat (`--me`).
    public var me: Role
    /// Whether `me` was said (`--me`), not assumed.
    public var meGiven: Bool
    /// Roles decided in an earlier part of the same long file (`ChatFileParts`): kept, so a
    /// speaker keeps one side through the file.
    public var carried: [String: (role: Role, source: RoleSource)] = [:]

    public init(sellers: [String] = [], buyers: [String] = [], me: Role = .buyer, meGiven: Bool = false) {
        self.sellers = sellers
        self.buyers = buyers
        self.me = me
        self.meGiven = meGiven
    }

    /// Speaker names exports give the person who exported the chat.
    static let exporterNames: Set<String> = ["我", "自己", "本人", "me", "Me", "ME", "You", "you", "你"]
    /// What WhatsApp writes in place of a message its exporter deleted.
    static let exporterDeleted = ["You deleted this message", "Du hast diese Nachricht gelöscht", "Eliminaste este mensaje", "Vous avez supprimé ce message", "你删除了此消息", "你已刪除此訊息"]

    /// WhatsApp notices that name someone the exporter added or was added by (`You added
    /// Lily`, `Lily added you`, 你添加了Lily): that person is not the exporter (group `other`).
    private static let addedByOrTo = PCRE2Regex.reader(
        #"\G[\x{200E}\s]*(?:(?:You|you) (?:added|removed) (?<other>.+?)|(?<other>.+?) added you|你(?:添加了|邀请了?)(?<other>.+?)(?:加入了?群聊)?|(?<other>.+?)(?:添加了你|邀请你加入了?群聊)|Du hast (?<other>.+?) hinzugefügt|(?<other>.+?) hat dich hinzugefügt|Añadiste a (?<other>.+?)|(?<other>.+?) te añadió)[.。]?\s*$"#)

    private static let sellerName = PCRE2Regex.reader(
        #"旗舰店|专营店|专卖店|官方|客服|售后|售前|小二|小店|店铺|商行|工厂|厂家|公司|贸易|实业|有限|[^\s:：]:[^\s:：]|(?i:\bshop\b|\bstore\b|official|\bco\.|\bltd\b|limited|factory|trading|supplier|seller|manufacturer|\binc\b)|店$"#)
    private static let buyerName = PCRE2Regex.reader(#"^(?:tb|jd)_?\d{4,}|^(?:tb|jd)_|买家|采购|顾客|(?i:buyer|customer|purchasing|sourcing agent)"#)
    private static let sellerWords = PCRE2Regex.reader(
        #"亲(?!戚|自)|给您|每箱|起批|质保|保修|包退|包换|无理由|误差|您好|欢迎光临|有什么可以帮|本店|我们家|小店|包邮|发货|现货|库存|拍下|老板|有限公司|销售经理|业务经理|(?i:co\.,? ltd|sales (?:manager|representative|rep)\b|\bwe (?:can|will|offer|accept|ship|have)|\bour (?:factory|products?|price|company)|\bMOQ\b|lead time|thank you for your (?:order|inquiry))"#)
    /// A maker's signature (Co., Ltd, 有限公司): on a tie of wording, the side that signs so sells.
    private static let companySignature = PCRE2Regex.reader(#"(?i:co\.,?\s?ltd)|有限公司"#)
    private static let buyerWords = PCRE2Regex.reader(
        #"(?i:I'm interested|interested in)|我拍了|我拍的|我买的|我下单|收到了|收到货|我要|便宜|有货吗|包邮吗|可以退|退款|发错|少发|不合适|(?i:\bI (?:want|need|ordered|received|bought|paid)|\bmy order\b|do you have|can you|please (?:send|confirm)|before we pay)"#)

    /// The other party a WhatsApp export's file is named after (`WhatsApp Chat with Lily.txt`,
    /// `WhatsApp Chat - Lily.txt`, `WhatsApp-Chat mit Lily.txt`, `Chat de WhatsApp con Lily.txt`):
    /// whoever exported the chat is the one it is not named after.
    static func otherParty(fileName path: String) -> String? {
        var name = String(path.split(separator: "/").last ?? "")
        for suffix in [".txt", ".TXT", ".zip"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        for opening in ["WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp-Chat mit ", "Chat de WhatsApp con ", "Discussion WhatsApp avec ", "Conversa do WhatsApp com "]
        where name.hasPrefix(opening) {
            let other = String(name.dropFirst(opening.count)).trimmingBlanks()
            return other.isEmpty ? nil : other
        }
        return nil
    }

    /// A role for every speaker of `messages`, how each was decided, and a warning when the
    /// exporter, taken as the buyer by default, writes like a seller (say `--me seller`).
    /// `otherParty`: the speaker the export's file is named after, if any (see `otherParty(fileName:)`).
    func roles(for messages: [RawMessage], bytes: [UInt8], handoffs: [(from: String, to: String)], otherParty: String? = nil, scratch: MatchScratch)
        -> (roles: [String: (role: Role, source: RoleSource)], warning: String?) {
        var speakers: [String] = []
        // Each speaker's text messages, scored for wording only when wording is what decides.
        var texts: [String: [Range<Int>]] = [:]
        var exporters: Set<String> = []
        var notExporters: Set<String> = []
        bytes.withUnsafeBufferPointer { buffer in
            for message in messages {
                if message.type == .system, message.body.count < 200,
                   let captures = try? RoleHints.addedByOrTo.find(in: buffer, from: message.body.lowerBound, to: message.body.upperBound, scratch: scratch),
                   let other = RoleHints.addedByOrTo.text("other", captures, buffer) {
                    notExporters.insert(other)
                }
                guard let speaker = message.speaker, message.type != .system else { continue }
                if texts[speaker] == nil {
                    speakers.append(speaker)
                    texts[speaker] = []
                }
                if message.fromExporter || RoleHints.exporterNames.contains(speaker) { exporters.insert(speaker) }
                if message.type == .deleted, message.body.count < 80,
                   RoleHints.exporterDeleted.contains(where: { UTF8Text.string(buffer, message.body).hasPrefix($0) }) { exporters.insert(speaker) }
                guard message.type == .text, message.body.count < 4096 else { continue }
                texts[speaker, default: []].append(message.body)
            }
        }
        // In a two-party chat, the one a notice names as added by or to the exporter, or the
        // one the file is named after, is the other party: the exporter is the one left.
        if let otherParty { notExporters.insert(otherParty) }
        if exporters.isEmpty, speakers.count == 2, let named = speakers.first(where: notExporters.contains) {
            exporters.insert(speakers.first { $0 != named }!)
        }
        var scores: [String: Int] = [:]
        func words(_ speaker: String) -> Int {
            if let known = scores[speaker] { return known }
            let score = bytes.withUnsafeBufferPointer { buffer in
                (texts[speaker] ?? []).reduce(0) { $0 + RoleHints.wordScore(buffer, $1, scratch: scratch) }
            }
            scores[speaker] = score
            return score
        }
        var roles: [String: (role: Role, source: RoleSource)] = [:]
        func opposite(_ role: Role) -> Role { role == .seller ? .buyer : .seller }
        // Strong evidence first: the user's word, what the export records, the speaker's name.
        for speaker in speakers {
            if sellers.contains(speaker) {
                roles[speaker] = (.seller, .option)
            } else if buyers.contains(speaker) {
                roles[speaker] = (.buyer, .option)
            } else if let earlier = carried[speaker] {
                roles[speaker] = earlier
            } else if exporters.contains(speaker) {
                roles[speaker] = (me, .flag)
            }
        }
        for speaker in speakers where roles[speaker] == nil {
            let name = RoleHints.nameScore(speaker, scratch: scratch)
            if name != 0 { roles[speaker] = (name > 0 ? .seller : .buyer, .name) }
        }
        for handoff in handoffs where roles[handoff.to] == nil {
            if let side = roles[handoff.from] { roles[handoff.to] = (side.role, .handoff) }
        }
        // In a two-party chat, the other side of a known speaker is the other role.
        if speakers.count == 2, let known = speakers.first(where: { roles[$0] != nil }), let other = speakers.first(where: { roles[$0] == nil }) {
            roles[other] = (opposite(roles[known]!.role), .twoParty)
        }
        // Weak evidence last: what the speaker writes. Two parties both left to their wording
        // are two sides: the one who writes more like a seller is the seller.
        let byWording = speakers.filter { roles[$0] == nil }
        if speakers.count == 2, byWording.count == 2, case let (a, b) = (words(byWording[0]), words(byWording[1])), a > 0 || b > 0 {
            // A tie: the one who signs as a company, if only one does.
            func signs(_ speaker: String) -> Bool {
                bytes.withUnsafeBufferPointer { buffer in
                    (texts[speaker] ?? []).contains { (try? Self.companySignature.find(in: buffer, from: $0.lowerBound, to: $0.upperBound, scratch: scratch)) != nil }
                }
            }
            let firstSells: Bool?
            if a != b {
                firstSells = a > b
            } else {
                let (first, second) = (signs(byWording[0]), signs(byWording[1]))
                firstSells = first != second ? first : nil
            }
            if let firstSells {
                roles[byWording[0]] = (firstSells ? .seller : .buyer, .wording)
                roles[byWording[1]] = (firstSells ? .buyer : .seller, .wording)
            }
        }
        for speaker in speakers where roles[speaker] == nil {
            let score = words(speaker)
            if score != 0 { roles[speaker] = (score > 0 ? .seller : .buyer, .wording) }
        }
        let open = speakers.filter { roles[$0] == nil }
        let decided = Set(speakers.compactMap { roles[$0]?.role })
        if open.count == 1, decided.count == 1, let side = decided.first {
            roles[open[0]] = (opposite(side), .twoParty)
        }
        for speaker in open where roles[speaker] == nil { roles[speaker] = (.unknown, .unknown) }
        // The flag decides; but an assumed side that the exporter's own words contradict is said.
        var warning: String?
        let sign = me == .buyer ? 1 : -1
        if !meGiven, let exporter = speakers.first(where: { roles[$0]?.source == .flag }), case let own = words(exporter) * sign, own >= 2,
           speakers.filter({ $0 != exporter }).allSatisfy({ own - words($0) * sign >= 2 }) {
            let other = me == .buyer ? "seller" : "buyer"
            warning = "\(exporter), who exported the chat, is taken as the \(me.rawValue) but writes like a \(other): if you are the \(other), rerun with --me \(other)"
        }
        return (roles, warning)
    }

    /// +1 for a message in a seller's voice (亲, 给您, we ship), -1 for a buyer's
    /// (我拍的, 收到了, I ordered) or for a question, which is what buyers mostly send.
    static func wordScore(_ buffer: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, scratch: MatchScratch) -> Int {
        var last = body.upperBound
        while last > body.lowerBound, [0x20, 0x0A, 0x0D, 0x09].contains(buffer[last - 1]) { last -= 1 }
        let question = last > body.lowerBound && (buffer[last - 1] == UInt8(ascii: "?") || (last - 3 >= body.lowerBound && Array(buffer[(last - 3)..<last]) == [0xEF, 0xBC, 0x9F]))
        if question { return -1 }
        var score = 0
        if (try? sellerWords.find(in: buffer, from: body.lowerBound, to: body.upperBound, scratch: scratch)) != nil { score += 1 }
        if (try? buyerWords.find(in: buffer, from: body.lowerBound, to: body.upperBound, scratch: scratch)) != nil { score -= 1 }
        return score
    }

    /// Name cues weigh more than any one message: +5 seller, -5 buyer. Of a mail address
    /// only a maker's domain counts (lily@factory.example); a buyer's own store may well be
    /// mia@shop.example.
    static func nameScore(_ name: String, scratch: MatchScratch) -> Int {
        let open = name.firstIndex(of: "<")
        let shown = Array((open.map { String(name[..<$0]) } ?? name).utf8), address = Array((open.map { String(name[$0...]) } ?? "").utf8)
        func found(_ regex: PCRE2Regex, _ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBufferPointer { (try? regex.find(in: $0, from: 0, to: $0.count, scratch: scratch)) != nil }
        }
        if found(sellerName, shown) { return 5 }
        if found(buyerName, shown) { return -5 }
        return found(makerAddress, address) ? 5 : 0
    }

    private static let makerAddress = PCRE2Regex.reader(#"(?i:factory|trading|manufactur|industr|ltd|supplier)"#)
}
