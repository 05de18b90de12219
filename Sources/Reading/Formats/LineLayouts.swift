import ChatModel
import Matching

/// The line layouts the reader knows, most specific first.
enum LineLayouts {
    private static let M = Fragment.marks
    private static let S = Fragment.space
    private static let date = "(?:" + Fragment.ymd + "|" + Fragment.dmyOrMdy + ")"

    /// WhatsApp iOS: `[29/01/2018, 11:46:03 PM] Alice: text`, system notices authored by the
    /// chat, and notices with no name, which iOS opens with a left-to-right mark (`[…] ‎Lily
    /// created group "Bags"`, `‎Lily added Ken`); without the mark a line is no notice (other
    /// bracketed layouts look alike), unless the line has no colon at all (`[…] You were added`).
    static let whatsappIOS = LineLayout(
        name: "whatsapp-ios", shape: .oneLine,
        header: .reader("^" + M + #"\["# + M + date + ",?" + S + "+" + Fragment.time + #"\]"# + S + "*" + M + "(?:~" + S + "?)?"
            + "(?:" + #"(?<name>[^\r\n:]{1,80}?):"# + S + "?" + #"(?<text>.*)|(?<sys>\x{200E}[^\r\n]+|[^\r\n:：]+))$"#),
        cue: .reader(#"<attached: |image omitted|omitted>|end-to-end encrypted|端到端加密|‎"#),
        systemByPhrase: true)

    /// WhatsApp Android: `12/07/2017, 22:35 - Johannes: text`; system lines have no name.
    static let whatsappAndroid = LineLayout(
        name: "whatsapp-android", shape: .oneLine,
        header: .reader("^" + M + date + "[,.]?" + S + "+(?:(?:à|klo|um)" + S + "+)?" + Fragment.time + #"\.?"# + S + "*,?" + S + "*[-–]" + S + "+"
            + "(?:" + M + "(?:~" + S + "?)?" + #"(?<name>[^\r\n:]{1,80}?):"# + S + "?" + #"(?<text>.*)|(?<sys>[^\r\n]+))$"#),
        cue: .reader(#"<Media omitted>|\(file attached\)|end-to-end encrypted|端到端加密|<省略影音内容>|Medien ausgeschlossen"#),
        systemByPhrase: true)

    /// WechatExporter TXT: `name (2024-03-12 14:22:01):text` under a `… - 微信聊天记录` title.
    static let wechatExporter = LineLayout(
        name: "wechatexporter-txt", shape: .oneLine,
        header: .reader("^" + M + #"(?<name>[^\r\n]+?) \("# + Fragment.ymd + S + "+" + Fragment.time + #"\):(?<text>.*)$"#),
        systemLine: .reader(#"^System Message:.*$"#),
        cue: .reader(#"^.+ - (?:微信聊天记录|WeChat Chat History)\s*$"#))

    /// WeFlow / EchoTrace TXT: `2024-03-12 14:22:01 'sender'` then the text.
    static let weflow = LineLayout(
        name: "weflow-txt", shape: .twoLine,
        header: .reader("^" + M + Fragment.ymd + S + "+" + Fragment.time + S + #"+'(?<name>[^'\r\n]+)'"# + S + "*$"))

    /// The notices of Alibaba's chat clients: recalls (`name`), hand-offs (`from`, `to`), system lines.
    private static let aliNotice = PCRE2Regex.reader("^(?:cntaobao|cnalichn|enaliint)?(?<name>[^\\r\\n]+?)" + S + "*撤回了一条消息" + S + "*$|^由" + S + "*(?<from>[^\\r\\n]+?)" + S + "*转交给" + S
        + "*(?<to>[^\\r\\n]+?)" + S + "*$|^(?<from>[^\\r\\n]+?)" + S + "*-->" + S + "*(?<to>[^\\r\\n]+?)(?:" + S + "+" + Fragment.ymd
        + S + "+" + Fragment.time + ")?" + S + "*$|^(?:原因：|当前用户来自|系统消息|以下为新消息).*$")

    /// Qianniu / Wangwang desktop copy: `[shop:sub] 2024-01-01 10:00:00` or `nick2024-1-1 10:01:05`,
    /// the text below, 已读/未读 status lines, recalls and hand-offs. Without those cues: `two-line`.
    static let qianniuDesktop = LineLayout(
        name: "qianniu-desktop", shape: .twoLine,
        header: .reader("^" + M + #"(?:\[(?<name>[^\]\r\n]+)\]|(?<name>[^\r\n]+?))"# + S + "?" + Fragment.ymd + S + "+" + Fragment.time + S + "*$"),
        noise: .reader("^" + S + "*(?:已读|未读|发送中|对方已读)" + S + "*$"),
        systemLine: aliNotice,
        cue: .reader(#"^\s*(?:已读|未读)\s*$|撤回了一条消息|转交给|item\.taobao\.com|detail\.tmall\.com|detail\.1688\.com|[^\s:：\[]:[^\s:：\]]+\]? ?\d{4}-"#),
        genericName: "two-line")

    /// `消息对象:X` above a QQ or Wangwang message manager's export: the other party.
    private static let partner = PCRE2Regex.reader("^" + M + #"消息对象[:：]\s*(?:cntaobao|cnalichn|enaliint)?(?<other>[^\r\n]+?)\s*$"#)

    /// WeChatMsg / 留痕 and QQ TXT: `2024-03-12 14:22:01 name` (QQ: `name(10001)`), the text below.
    static let wechatText = LineLayout(
        name: "wechat-txt", shape: .twoLine,
        header: .reader("^" + M + Fragment.ymd + S + "+" + Fragment.time + S + #"+(?:【[^】\r\n]*】)?(?<name>[^\r\n]+?)(?:\(\d{5,}\)|<[^>\r\n]+>)?"# + S + "*$"),
        cue: .reader(#"消息记录（此消息记录为文本格式|^消息对象:|引用:|\[图片\]|\[表情\]|撤回了一条消息"#), partnerLine: partner)

    /// Aliwangwang's message manager TXT: `cntaobaonick (2025-03-05 13:22:08):`, the text
    /// below; the site prefix of a Wangwang ID (cntaobao, cnalichn, enaliint) is not the name.
    static let wangwang = LineLayout(
        name: "wangwang-txt", shape: .twoLine,
        header: .reader("^" + M + #"(?:cntaobao|cnalichn|enaliint)?(?<name>[^\r\n]+?)"# + S + "*[(（]" + Fragment.ymd + S + "+" + Fragment.time + "[)）][:：]?" + S + "*$"),
        systemLine: aliNotice, cue: .reader(#"^(?:cntaobao|cnalichn|enaliint)|消息记录（此消息记录为文本格式|^消息对象:"#), partnerLine: partner)

    /// The generic one-line layout: `2024-03-12 14:22:01 name: text`, `[2024/3/12 14:22] 名字：内容`.
    /// A name may contain `:` (示例旗舰店:小美) when the text is set off by `：` or `: `.
    static let plainChat = LineLayout(
        name: "plain-chat", shape: .oneLine,
        header: .reader("^" + M + #"\[?"# + M + date + "(?:" + S + "|[,T])+" + Fragment.time + #"\]?"# + S + "+"
            + #"(?:(?<name>[^\r\n]{1,60}?)(?:：|:(?=[ \t]|$))|(?<name>[^:：\r\n]{1,60}):)"# + S + "*" + #"(?<text>.*)$"#))

    static let all = [whatsappIOS, whatsappAndroid, wechatExporter, weflow, qianniuDesktop, wechatText, plainChat, wangwang]
}
