import ChatModel
import Matching

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
        #"亲(?!戚|自)|给您|每箱|起批|质保|保修|包退|包换|无理由|误差|您好|欢迎光临|有什么可以帮|本店|我们家|小店|包邮|发货|现货|库存|拍下|老板|(?i:\bwe (?:can|will|offer|accept|ship|have)|\bour (?:factory|products?|price|company)|\bMOQ\b|lead time|thank you for your (?:order|inquiry))"#)
    private static let buyerWords = PCRE2Regex.reader(
        #"(?i:I'm interested|interested in)|我拍了|我拍的|我买的|我下单|收到了|收到货|我要|便宜|有货吗|包邮吗|可以退|退款|发错|少发|不合适|(?i:\bI (?:want|need|ordered|received|bought|paid)|\bmy order\b|do you have|can you|please (?:send|confirm)|before we pay)"#)

    /// A role for every speaker of `messages`.
    func roles(for messages: [RawMessage], bytes: [UInt8], handoffs: [(from: String, to: String)], scratch: MatchScratch) -> [String: Role] {
        var speakers: [String] = []
        var words: [String: Int] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            for message in messages {
                guard let speaker = message.speaker, message.type != .system else { continue }
                if words[speaker] == nil {
                    speakers.append(speaker)
                    words[speaker] = 0
                }
                guard message.type == .text, message.body.count < 4096 else { continue }
                words[speaker, default: 0] += RoleHints.wordScore(buffer, message.body, scratch: scratch)
            }
        }
        // Strong evidence first: the user's word, then the speaker's name.
        var roles: [String: Role] = [:]
        for speaker in speakers {
            if sellers.contains(speaker) {
                roles[speaker] = .seller
            } else if buyers.contains(speaker) {
                roles[speaker] = .buyer
            } else {
                let name = RoleHints.nameScore(speaker, scratch: scratch)
                if name != 0 { roles[speaker] = name > 0 ? .seller : .buyer }
            }
        }
        for handoff in handoffs where roles[handoff.to] == nil {
            if let side = roles[handoff.from] { roles[handoff.to] = side }
        }
        // In a two-party chat, the other side of a known speaker is the other role.
        if speakers.count == 2, let known = speakers.first(where: { roles[$0] != nil }), let other = speakers.first(where: { roles[$0] == nil }) {
            roles[other] = roles[known] == .seller ? .buyer : .seller
        }
        // Weak evidence last: what the speaker writes.
        for speaker in speakers where roles[speaker] == nil {
            let score = words[speaker] ?? 0
            if score != 0 { roles[speaker] = score > 0 ? .seller : .buyer }
        }
        let open = speakers.filter { roles[$0] == nil }
        let decided = Set(speakers.compactMap { roles[$0] })
        if open.count == 1, decided.count == 1, let side = decided.first {
            roles[open[0]] = side == .seller ? .buyer : .seller
        }
        for speaker in open where roles[speaker] == nil { roles[speaker] = .unknown }
        return roles
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
