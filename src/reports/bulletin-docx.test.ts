import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseBulletinInput, writeNarrative } from "../domain/bulletin/index.js";
import { DOCX_FONTS, renderBulletinDocx } from "./bulletin-docx.js";
import { readPng } from "./png.js";
import { sampleBulletinInput } from "./sample-bulletin.js";

const decodeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** The text of every <w:t> inside an XML fragment, joined. */
const textOf = (xml: string): string =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!)).join("");

interface DocParagraph {
  text: string;
  fonts: string[];
  sizes: string[];
  xml: string;
}

function paragraphs(xml: string): DocParagraph[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    text: textOf(p),
    fonts: [...p.matchAll(/w:eastAsia="([^"]+)"/g)].map((m) => m[1]!),
    sizes: [...p.matchAll(/<w:sz w:val="(\d+)"/g)].map((m) => m[1]!),
  }));
}

/** Each table row as its cells' texts. */
function rows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g)].map(([tr]) =>
    [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) => textOf(tc)),
  );
}

describe("renderBulletinDocx", async () => {
  const docx = await renderBulletinDocx(sampleBulletinInput);
  const files = unzipSync(new Uint8Array(docx));
  const xml = strFromU8(files["word/document.xml"]!);
  const paras = paragraphs(xml);
  const find = (s: string): DocParagraph => {
    const p = paras.find((x) => x.text.includes(s));
    if (!p) throw new Error(`no paragraph with ${s}`);
    return p;
  };

  it("is a Word package with the document part", () => {
    expect(docx.subarray(0, 2).toString("ascii")).toBe("PK");
    expect(Object.keys(files)).toContain("[Content_Types].xml");
  });

  it("opens with the 文号 placeholder and the title in 小标宋 22pt, centred", () => {
    expect(paras[0]!.text).toBe("〔2024〕　　号");
    expect(paras[0]!.xml).toMatch(/<w:bottom [^>]*w:color="C00000"/);
    const title = find("关于2024年第三季度《2024年全县卫生健康工作要点》落实情况的通报");
    expect(title.fonts).toContain(DOCX_FONTS.title);
    expect(title.sizes).toContain("44");
    expect(title.xml).toContain('<w:jc w:val="center"/>');
  });

  it("writes the narrative in 仿宋 三号 with a two-character indent and a 28pt exact line pitch", () => {
    const input = parseBulletinInput(sampleBulletinInput);
    for (const block of writeNarrative(input)) {
      const p = find(block.text);
      const face = { h1: DOCX_FONTS.heading1, h2: DOCX_FONTS.heading2, p: DOCX_FONTS.body }[block.kind];
      expect(p.fonts, block.text).toContain(face);
      expect(p.sizes).toContain("32");
      expect(p.xml).toMatch(/<w:ind [^>]*w:firstLine="640"/);
      expect(p.xml).toMatch(
        /<w:spacing [^>]*w:line="560"[^>]*w:lineRule="exact"|w:lineRule="exact"[^>]*w:line="560"/,
      );
    }
    const summary = find("纳入监测的8项指标中");
    expect(summary.text).toBe(
      "截至2024年第三季度，纳入监测的8项指标中，3项已达标，1项进度正常，1项存在未达标风险，2项进度滞后，1项暂无监测数据。",
    );
    expect(find("进度滞后的指标是").text).toContain(
      "居民健康素养水平（2024年第三季度为26.4%，目标不低于30%，责任单位：健康促进股）",
    );
    expect(find("一、主要指标完成情况").fonts).toContain("黑体");
    expect(find("（一）需重点关注的指标").fonts).toContain("楷体_GB2312");
    expect(find("综合得分前三位").text).toContain("城关镇卫生院（96.5分）");
  });

  it("signs with the issuer and the date in China", () => {
    const i = paras.findIndex((p) => p.text === "某县卫生健康局");
    expect(i).toBeGreaterThan(0);
    // 2024-10-14T17:30Z is already 15 October in Beijing.
    expect(paras[i + 1]!.text).toBe("2024年10月15日");
  });

  it("tabulates the targets with coloured status cells, and the overdue tasks", () => {
    const all = rows(xml);
    expect(all).toContainEqual(["序号", "指标", "目标值", "最新值", "状态", "责任单位"]);
    expect(all).toContainEqual([
      "1",
      "居民健康素养水平",
      "不低于30%",
      "26.4%（2024年第三季度）",
      "进度滞后",
      "健康促进股",
    ]);
    expect(all).toContainEqual([
      "8",
      "二级以上公立医院电子病历应用水平",
      "不低于4级",
      "—",
      "无数据",
      "规划信息股",
    ]);
    const lagging = [...xml.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
      .map(([c]) => c)
      .find((c) => textOf(c) === "进度滞后");
    expect(lagging).toMatch(/w:fill="FFEBEE"/);
    expect(lagging).toMatch(/<w:color w:val="C62828"\/>/);
    expect(all).toContainEqual(["序号", "任务", "牵头单位", "办理时限", "超期工作日"]);
    const overdue = all.filter((r) => r[4] === "10");
    expect(overdue).toHaveLength(1);
    expect(overdue[0]![2]).toBe("体制改革股、医政医管股");
    expect(all).toContainEqual(["1", "城关镇卫生院", "96.5"]);
  });

  it("embeds the attainment chart as a valid PNG", () => {
    const media = Object.keys(files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media).toHaveLength(1);
    const png = readPng(files[media[0]!]!);
    expect([png.width, png.height]).toEqual([800, 400]);
    expect(xml).toContain("<pic:pic");
    expect(find("图1").text).toContain("已达标、进度正常、预警、进度滞后、无数据");
  });

  it("is A4 with the official margins", () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1588"/);
  });

  it("renders a bulletin with nothing to report: no chart, no attachments", async () => {
    const empty = await renderBulletinDocx({ ...sampleBulletinInput, targets: [], tasks: [], units: [] });
    const f = unzipSync(new Uint8Array(empty));
    const x = strFromU8(f["word/document.xml"]!);
    expect(Object.keys(f).some((k) => k.startsWith("word/media/"))).toBe(false);
    expect(textOf(x)).toContain("本期暂无纳入监测的指标");
    expect(textOf(x)).not.toContain("附件");
  });
});
