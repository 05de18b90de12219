import Foundation
@testable import Output
import Testing

/// `claim --format html`: one self-contained page per claim and an index for a manifest, from
/// the built binary; text from the inputs always escaped.
@Suite struct ClaimPageTests {
    static let samples = Support.packageRoot.appendingPathComponent("samples").path

    @Test func theSamplesClaimPageHasEveryPartAndNothingExternal() throws {
        let run = try Support.run(["claim", "\(Self.samples)/taobao-dress-chat.txt", "--listing", "\(Self.samples)/listing-dress.txt",
                                   "--measured", "\(Self.samples)/measured-dress.txt", "--price", "189", "--received", "2024-03-15", "--format", "html"])
        #expect(run.status == 1)
        let page = run.stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        // Reason, remedy and the description to copy.
        #expect(page.contains("大小/尺寸与商品描述不符") && page.contains("<textarea readonly") && page.contains("¥189.00"))
        // A chart per numeric attribute and one for the material, coloured by verdict.
        #expect(page.components(separatedBy: "<svg class=\"chart\"").count - 1 == 4)
        #expect(page.contains("<tr class=\"strong\">") && page.contains("<tr class=\"within\">"))
        // The quote in its chat: the message before it, the words marked.
        #expect(page.contains("<mark>衣长98cm，胸围88cm，腰围72cm</mark>") && page.contains("我身高163，体重105斤，穿什么码？"))
        // The timeline strip and the checklist; print CSS for A4.
        #expect(page.contains("<svg class=\"strip\"") && page.contains("ul class=\"checklist\"") && page.contains("size:A4"))
        // No request leaves the page: no src or href to anywhere, a policy that forbids it.
        #expect(!page.contains("src=") && !page.contains("http://") && !page.contains("https://"))
        #expect(page.contains("default-src 'none'"))
    }

    @Test func htmlInAChatLineIsShownAsText() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.write("""
        2024-05-02 10:00:00 tb_买家: 长度多少？<img src=x onerror=alert(1)>
        2024-05-02 10:01:00 某某旗舰店:客服: 长度40cm哦<script>alert('x')</script>
        2024-05-02 10:02:00 tb_买家: 好的 & 谢谢 "亲"
        """, to: "chat.txt", in: folder)
        let run = try Support.run(["claim", chat, "--measure", "长度 35cm", "--format", "html"])
        #expect(run.status == 1)
        let page = run.stdout
        #expect(!page.contains("<script>alert") && !page.contains("<img src=x"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("好的 &amp; 谢谢 &quot;亲&quot;"))
        // The only script is the page's own.
        #expect(page.components(separatedBy: "<script>").count == 2)
    }

    @Test func nothingToClaimIsAPageToo() throws {
        let run = try Support.run(["claim", "\(Self.samples)/taobao-dress-chat.txt", "--measure", "衣长 97cm", "--format", "html"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("nothing to claim") && run.stdout.contains("<tr class=\"within\">"))
    }

    @Test func aManifestWritesAnIndexLinkingEveryOrder() throws {
        let folder = Support.temporaryFolder()
        Support.write("衣长 92cm\n胸围 84cm\n", to: "short.txt", in: folder)
        Support.write("衣长 97cm\n", to: "fine.txt", in: folder)
        let chat = "\(Self.samples)/taobao-dress-chat.txt"
        let manifest = Support.write("id,chat,measurements,price\nA/1,\(chat),short.txt,189\nB 2,\(chat),fine.txt,189\nC3,\(chat),missing.txt,189\n", to: "orders.csv", in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try Support.run(["claim", "--manifest", manifest, "--out", out, "--format", "html"])
        #expect(run.status == 2, "one order's notes are missing")
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("<a href=\"A_1.html\">A/1</a>") && index.contains("<a href=\"B_2.html\">B 2</a>"))
        #expect(index.contains("data-status=\"claim\"") && index.contains("data-status=\"no_discrepancy\"") && index.contains("data-status=\"error\""))
        #expect(index.contains("missing.txt") && index.contains("<select id=\"status\">"))
        let page = try String(contentsOfFile: out + "/A_1.html", encoding: .utf8)
        #expect(page.contains("<p class=\"order\">A/1</p>") && page.contains("mismatch (strong)"))
        #expect(FileManager.default.fileExists(atPath: out + "/B_2.html"))
    }

    @Test func escapingCoversEveryMarkupCharacter() {
        #expect(ClaimPage.escape("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(ClaimPage.highlight("长度40cm<b>", ["40cm", "<b>"]) == "长度<mark>40cm</mark><mark>&lt;b&gt;</mark>")
    }
}
