import ChatModel
import Matching

/// Recognises what exporters write in place of content — `[图片]`, `<Media omitted>`,
/// `<attached: …>`, recalls, deletions, system notices — so that they are typed, not read
/// as text, and strips the `<This message was edited>` marker into a flag.
enum MessageKinds {
    /// Whole-body placeholders (compared after trimming blanks and invisible marks).
    private static let placeholders: [String: MessageType] = {
        var table: [String: MessageType] = [:]
        let groups: [(MessageType, [String])] = [
            (.image, ["[图片]", "[照片]", "[Photo]", "[写真]", "[圖片]", "image omitted", "Bild weggelassen", "imagen omitida", "图片已忽略", "圖片已略去", "photo omitted"]),
            (.video, ["[视频]", "[Video]", "[影片]", "video omitted", "Video weggelassen", "vídeo omitido"]),
            (.audio, ["[语音]", "[Voice message]", "[語音訊息]", "audio omitted", "Audio weggelassen", "[语音消息 - 转文字失败]", "[其他消息]"]),
            (.sticker, ["[表情]", "[表情包]", "[动画表情]", "[Sticker]", "[貼圖]", "[スタンプ]", "sticker omitted", "GIF omitted", "Sticker weggelassen", "貼圖已略去"]),
            (.file, ["[文件]", "[File]", "document omitted", "<Media omitted>", "<Medien ausgeschlossen>", "<Multimedia omitido>", "<省略影音内容>", "<已省略多媒體檔案>", "<Médias omis>", "null"]),
            (.link, ["[链接]", "[Link]", "[聊天记录]", "[小程序]"]),
            (.card, ["请在客户端查看原始聊天记录，网页版无法展示", "[个人名片]", "[名片]", "Contact card omitted", "[Contact]"]),
            (.location, ["[位置]", "[Location]", "[位置信息]", "location omitted"]),
            (.transfer, ["[转账]", "[红包]", "[Transfer]"]),
            (.call, ["[视频/语音通话]", "[语音通话]", "[视频通话]", "Missed voice call", "Missed video call", "[通话]"]),
            (.deleted, ["This message was deleted", "This message was deleted.", "You deleted this message", "You deleted this message.",
                        "此消息已删除", "此訊息已刪除", "Diese Nachricht wurde gelöscht.", "Du hast diese Nachricht gelöscht.", "Se eliminó este mensaje."]),
        ]
        for (type, texts) in groups { for text in texts { table[text] = type } }
        return table
    }()

    /// Body prefixes that decide the type.
    private static let prefixes: [(String, MessageType)] = [
        ("[链接]", .link), ("[文件]", .file), ("[名片]", .card), ("[小程序]", .link), ("[音乐", .link), ("<attached:", .file),
        ("<Anhang:", .file), ("<adjunto:", .file), ("<已附加:", .file), ("<附件:", .file), ("Standort:", .location),
        ("location:", .location), ("Location:", .location), ("纬度:【", .location), ("微信转账", .transfer), ("转账：", .transfer),
        ("已收款：", .transfer), ("语音时长：", .audio), ("语音/视频通话", .call), ("System Message:", .system),
    ]

    /// Phrases of system notices (WhatsApp and others) wherever they stand in a short body.
    private static let systemPhrases = [
        "Messages and calls are end-to-end encrypted", "Messages to this chat and calls are now secured", "消息和通话已进行端到端加密",
        "訊息與通話已受端對端加密保護", "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt", "Los mensajes y las llamadas están cifrados",
        "Les messages et les appels sont chiffrés de bout en bout", "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta",
        "I messaggi e le chiamate sono crittografati end-to-end", "Сообщения и звонки защищены сквозным шифрованием",
        "メッセージと通話はエンドツーエンドで暗号化されています", "a créé le groupe", "criou o grupo", "ha creato il gruppo",
        "This business uses a secure service", "This business is now using", "created group", "changed the group name",
        "changed the subject", "changed this group's icon", "security code with", "joined using this group's invite link",
        "You were added", "此聊天从 Facebook", "created this group", "hat die Gruppe erstellt",
    ]

    private static let mediaExtensions: [String: MessageType] = [
        "jpg": .image, "jpeg": .image, "png": .image, "heic": .image, "gif": .image, "webp": .sticker, "mp4": .video, "mov": .video,
        "3gp": .video, "opus": .audio, "mp3": .audio, "m4a": .audio, "aac": .audio, "ogg": .audio,
    ]

    private static let editedMarkers = ["<This message was edited>", "<Diese Nachricht wurde bearbeitet>", "<Se editó este mensaje.>", "<已编辑>"]
    private static let itemLink = ["item.taobao.com", "detail.tmall.com", "detail.1688.com", "1688.com/offer", "m.tb.cn", "item.jd.com"]

    private static let placeholderBytes: [[UInt8]: MessageType] = Dictionary(uniqueKeysWithValues: placeholders.map { (Array($0.key.utf8), $0.value) })
    private static let prefixBytes: [([UInt8], MessageType)] = prefixes.map { (Array($0.0.utf8), $0.1) }
    private static let editedBytes = editedMarkers.map { Array($0.utf8) }
    private static let recallBytes = ["撤回了一条消息", "已收回訊息"].map { Array($0.utf8) }
    private static let unsentBytes = ["unsent a message.", "unsent a message"].map { Array($0.utf8) }
    private static let attachedBytes = [" (file attached)", " (Datei angehängt)", " (archivo adjunto)", " (文件附件)", " (fichier joint)"].map { Array($0.utf8) }
    private static let itemLinkBytes = itemLink.map { Array($0.utf8) }
    private static let systemBytes = systemPhrases.map { Array($0.utf8) }

    /// The type of a message body, flags it carries, and the body range without markers.
    /// Works on bytes: an ordinary message costs a few comparisons, no string building.
    static func classify(_ bytes: [UInt8], _ body: Range<Int>, systemAllowed: Bool = true) -> (MessageType, MessageFlags, Range<Int>) {
        guard body.count <= 600 else { return (.text, [], body) }
        return bytes.withUnsafeBufferPointer { buffer in
            var range = Bytes.trimmed(buffer, body)
            var flags: MessageFlags = []
            if let last = range.last, buffer[last] == UInt8(ascii: ">") {
                for marker in editedBytes where Bytes.hasSuffix(buffer, range, marker) {
                    flags.insert(.edited)
                    range = Bytes.trimmed(buffer, range.lowerBound..<(range.upperBound - marker.count))
                }
            }
            let body = flags.isEmpty ? body : range
            if range.count <= 64, let type = placeholderBytes[Array(buffer[range])] { return (type, flags, body) }
            if recallBytes.contains(where: { Bytes.contains(buffer, range, $0) }) || unsentBytes.contains(where: { Bytes.hasSuffix(buffer, range, $0) }) {
                return (.recall, flags, body)
            }
            for (prefix, type) in prefixBytes where Bytes.hasPrefix(buffer, range, prefix) {
                if prefix.first == UInt8(ascii: "<"), let close = range.first(where: { buffer[$0] == UInt8(ascii: ">") }) {
                    return (mediaType(UTF8Text.string(buffer, range.lowerBound..<close)), flags, body)
                }
                return (type, flags, body)
            }
            let firstLine = range.lowerBound..<(range.first { buffer[$0] == 0x0A } ?? range.upperBound)
            for suffix in attachedBytes where Bytes.hasSuffix(buffer, firstLine, suffix) {
                return (mediaType(UTF8Text.string(buffer, firstLine.lowerBound..<(firstLine.upperBound - suffix.count))), flags, body)
            }
            if Bytes.hasPrefix(buffer, range, Array("http".utf8)), !range.contains(where: { buffer[$0] == 0x20 }),
               itemLinkBytes.contains(where: { Bytes.contains(buffer, range, $0) }) {
                return (.card, flags, body)
            }
            if systemAllowed, systemBytes.contains(where: { Bytes.contains(buffer, range, $0) }) { return (.system, flags, body) }
            return (.text, flags, body)
        }
    }

    /// The type of an attached file, from its extension.
    private static func mediaType(_ fileName: String) -> MessageType {
        mediaExtensions[fileName.split(separator: ".").last.map { $0.lowercased() } ?? ""] ?? .file
    }
}
