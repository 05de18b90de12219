/// Tells sellers from buyers: `--seller`/`--buyer` names first, then the cues in a name
/// (旗舰店, 客服, `shop:sub`, "Co., Ltd"; tb123…, 买家, 采购), then what each side writes
/// (亲, 给您, 发货 against 我拍的, 收到了, 退款), then "the other side of a two-party chat".
/// Agents who take over a chat (由 A 转交给 B) keep the side of the one they took over from.
public struct RoleHints: Sendable {
    public var sellers: [String]
    public var buyers: [String]

    public init(sellers: [String] = [], buyers: [String] = []) {
        self.sellers = sellers
        self.buyers = buyers
    }

    private static let sellerName = PCRE2Regex.reader(
        #"旗舰店|专营店|专卖店|官方|客服|售后|售前|小二|小店|店铺|商行|工厂|厂家|公司|贸易|实业|有限|[^\s:：]:[^\s:：]|(?i:\bshop\b|\bstore\b|official|\bco\.|\bltd\b|limited|factory|trading|supplier|seller|manufacturer|\binc\b)|店$"#)
    private static let buyerName = PCRE2Regex.reader(#"^(?:tb|jd)_?\d{4,}|^(?:tb|jd)_|买家|采购|顾客|(?i:buyer|customer|purchasing|sourcing agent)"#)
    private static let sellerWords = PCRE2Regex.reader(
        #"亲(?!戚|自)|给您|您好|欢迎光临|有什么可以帮|本店|我们家|小店|包邮|发货|现货|库存|拍下|老板|(?i:\bwe (?:can|will|offer|accept|ship|have)|\bour (?:factory|products?|price|company)|\bMOQ\b|lead time|thank you for your (?:order|inquiry))"#)
    private static let buyerWords = PCRE2Regex.reader(
        #"我拍了|我拍的|我买的|我下单|收到了|收到货|我要|便宜|有货吗|包邮吗|可以退|退款|发错|少发|不合适|(?i:\bI (?:want|need|ordered|received|bought|paid)|\bmy order\b|do you have|can you|please send)"#)

    /// A role for every speaker of `messages`.
    func roles(for messages: [RawMessage], bytes: [UInt8], handoffs: [(from: String, to: String)], scratch: MatchScratch) -> [String: Role] {
        var speakers: [String] = []
        var score: [String: Int] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            for message in messages {
                guard let speaker = message.speaker, message.type != .system else { continue }
                if score[speaker] == nil {
                    speakers.append(speaker)
                    score[speaker] = RoleHints.nameScore(speaker, scratch: scratch)
                }
                guard message.type == .text, message.body.count < 4096 else { continue }
                if (try? RoleHints.sellerWords.find(in: buffer, from: message.body.lowerBound, to: message.body.upperBound, scratch: scratch)) != nil {
                    score[speaker, default: 0] += 1
                }
                if (try? RoleHints.buyerWords.find(in: buffer, from: message.body.lowerBound, to: message.body.upperBound, scratch: scratch)) != nil {
                    score[speaker, default: 0] -= 1
                }
            }
        }
        var roles: [String: Role] = [:]
        for speaker in speakers {
            if sellers.contains(speaker) { roles[speaker] = .seller; continue }
            if buyers.contains(speaker) { roles[speaker] = .buyer; continue }
            let value = score[speaker] ?? 0
            if value != 0 { roles[speaker] = value > 0 ? .seller : .buyer }
        }
        for handoff in handoffs where !sellers.contains(handoff.to) && !buyers.contains(handoff.to) {
            if let side = roles[handoff.from] { roles[handoff.to] = side }
        }
        let open = speakers.filter { roles[$0] == nil }
        let decided = Set(speakers.compactMap { roles[$0] })
        if open.count == 1, decided.count == 1, let side = decided.first {
            roles[open[0]] = side == .seller ? .buyer : .seller
        }
        for speaker in open where roles[speaker] == nil { roles[speaker] = .unknown }
        return roles
    }

    /// Name cues weigh more than any one message: +5 seller, -5 buyer.
    static func nameScore(_ name: String, scratch: MatchScratch) -> Int {
        let bytes = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            if (try? sellerName.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)) != nil { return 5 }
            if (try? buyerName.find(in: buffer, from: 0, to: buffer.count, scratch: scratch)) != nil { return -5 }
            return 0
        }
    }
}
