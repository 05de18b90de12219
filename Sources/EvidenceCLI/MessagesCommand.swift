import ArgumentParser
import Catalog
import ChatModel
import Claim
import Compare
import Extraction
import Matching
import Model
import Output
import Reading

/// `evidence messages`: the messages as the reader parsed them, to check a file is read right.
struct MessagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages",
        abstract: "Show the messages of chat logs as parsed: time, speaker, side, type, text.",
        discussion: """
        The layout of each file is detected (and reported with a confidence);
        --input-format forces one. Layouts:
          whatsapp-android, whatsapp-ios     WhatsApp "Export chat" .txt, any locale
          wechat-txt, wechatmsg-csv,         WeChatMsg/留痕 TXT and CSV, QQ TXT,
          pywxdump-csv, wechatexporter-txt,  PyWxDump CSV, WechatExporter TXT,
          weflow-txt                         WeFlow/EchoTrace TXT
          qianniu-web, qianniu-desktop,      千牛 chat history page / desktop copy,
          wangwang-txt                       旺旺 message manager .txt
          telegram-json, telegram-html,      result.json or messages.html,
          line, email                        LINE .txt, mail threads
          plain-chat, two-line               `time name: text`, `name time` + text
          listing                            a saved Taobao/Tmall/1688 item page
          plain-text                         anything else: one message per line

        Examples:
          evidence messages samples/taobao-dress-chat.txt
          evidence messages --format jsonl 'WhatsApp Chat with Lily.txt' \\
            | jq -c 'select(.role == "seller") | {time, text}'
          evidence messages --date-order dmy chat.txt
          evidence messages --input-format qianniu-desktop --seller '示例旗舰店:小美' qn.txt
          evidence messages --me seller wechat-export.csv   (you, 我, are the seller)

        The speakers line says each one's side and how it was decided: option,
        flag (the export's own mark: IsSender, 我, Me, Delivered-To), name, hand-off,
        two-party or wording.

        Exit codes: 0 every file read, 2 a file could not be read (the others
        are still printed), 64 bad usage.
        """
    )

    @Argument(help: ArgumentHelp("Chat logs or listing text files; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: "Output: text, or jsonl (a header object per file, then one message per line).")
    var format: MessageFormat = .text

    @OptionGroup var input: InputOptions

    enum MessageFormat: String, ExpressibleByArgument { case text, jsonl }

    func run() throws {
        var failed = false
        let columns = Console.columns
        // The bundled catalogue's folding, so that roles are told as `extract` tells them.
        let folding = (try? Catalog.load())?.vocabulary.folding ?? CharacterFolding()
        input.read(files, folding: folding, scratch: MatchScratch()) { error in
            failed = true
            if format == .jsonl {
                var writer = JSONWriter()
                writer.write(error, type: true)
                writer.newline()
                Console.write(writer.bytes)
            }
        } each: { log in
            Console.write(format == .jsonl ? MessagePrinter.jsonLines(log) : MessagePrinter.text(log, columns: columns))
        }
        if failed { throw ExitCode(ExitStatus.error) }
    }
}
