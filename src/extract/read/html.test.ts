import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { declaredCharset, htmlToText, readHtml } from "./html.js";

const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>站点标题</title>
<style>.x { color: red }</style><script>var menu = "首页 新闻";</script></head>
<body>
<header><div class="logo">某市卫生健康委员会</div></header>
<nav><ul><li><a href="/">首页</a></li><li>政务公开</li></ul></nav>
<div class="article">
  <h1>2024年全市卫生健康工作要点</h1>
  <p>一、总体目标</p>
  <p>居民健康素养水平达到&nbsp;30%以上，孕产妇死亡率&lt;10/10万。</p>
  <p>二、重点任务<br>（一）深化医改</p>
  <div style="display: none">隐藏的统计代码</div>
  <span hidden>不可见</span>
  <table><tr><th>任务</th><th>牵头单位</th></tr>
  <tr><td>推进分级诊疗</td><td>医政科</td></tr></table>
</div>
<aside>热门文章</aside>
<footer>版权所有 © 2024</footer>
</body></html>`;

describe("htmlToText", () => {
  const text = htmlToText(page);

  it("keeps the visible article text with block elements on their own lines", () => {
    expect(text).toBe(
      [
        "2024年全市卫生健康工作要点",
        "一、总体目标",
        "居民健康素养水平达到\u00a030%以上，孕产妇死亡率<10/10万。",
        "二、重点任务",
        "（一）深化医改",
        "任务 | 牵头单位",
        "推进分级诊疗 | 医政科",
      ].join("\n"),
    );
  });

  it("drops scripts, styles, navigation, header, footer, aside and hidden elements", () => {
    for (const noise of [
      "首页",
      "var menu",
      "color",
      "站点标题",
      "某市卫生健康委员会",
      "隐藏",
      "不可见",
      "热门",
      "版权",
    ]) {
      expect(text).not.toContain(noise);
    }
  });

  it("keeps preformatted text as written", () => {
    expect(htmlToText("<pre>一、目标\n  1. 指标</pre><p>后文</p>")).toBe("一、目标\n  1. 指标\n后文");
  });
});

describe("readHtml", () => {
  it("decodes a GBK page by its meta charset (gb2312 label read as GB18030)", () => {
    const gbk = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>全面推进健康中国建设</p><p>鎔</p></body></html>`;
    expect(readHtml(iconv.encode(gbk, "gb18030"))).toEqual({
      text: "全面推进健康中国建设\n鎔",
      encoding: "gb18030",
    });
  });

  it("detects the charset when the page declares none", () => {
    const big5 = "<html><body><p>衛生健康工作要點</p><p>落實醫療改革任務，提升服務能力。</p></body></html>";
    const result = readHtml(iconv.encode(big5, "big5"));
    expect(result).toEqual({ text: "衛生健康工作要點\n落實醫療改革任務，提升服務能力。", encoding: "big5" });
  });

  it("falls back to detection when the declared charset is wrong", () => {
    const page =
      '<html><head><meta charset="utf-8"></head><body><p>推进健康中国行动，提升居民健康素养水平。</p></body></html>';
    expect(readHtml(iconv.encode(page, "gbk"))).toEqual({
      text: "推进健康中国行动，提升居民健康素养水平。",
      encoding: "gb18030",
    });
  });

  it("reads the declared charset name", () => {
    expect(declaredCharset(new TextEncoder().encode('<meta charset="UTF-8">'))).toBe("utf-8");
    expect(declaredCharset(new TextEncoder().encode("<p>no charset</p>"))).toBeNull();
  });
});
