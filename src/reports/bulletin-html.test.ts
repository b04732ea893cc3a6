import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { renderBulletinHtml } from "./bulletin-html.js";
import { readPng } from "./png.js";
import { sampleBulletinInput } from "./sample-bulletin.js";

interface Node {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  data?: string;
  children?: Node[];
}

const all = (n: Node): Node[] => [n, ...(n.children ?? []).flatMap(all)];
const text = (n: Node): string =>
  n.type === "text" ? (n.data ?? "") : (n.children ?? []).map(text).join("");
const parse = (html: string): Node[] => all(parseDocument(html, { decodeEntities: true }) as unknown as Node);
const tags = (nodes: Node[], name: string): Node[] => nodes.filter((n) => n.name === name);

describe("renderBulletinHtml", () => {
  const html = renderBulletinHtml(sampleBulletinInput);
  const nodes = parse(html);

  it("is a page titled like the bulletin, printing on A4", () => {
    expect(text(tags(nodes, "title")[0]!)).toBe(
      "关于2024年第三季度《2024年全县卫生健康工作要点》落实情况的通报",
    );
    expect(html).toContain("@page { size: A4;");
    expect(text(nodes.find((n) => n.attribs?.class === "docno")!)).toBe("〔2024〕\u3000\u3000号");
  });

  it("carries the narrative, headings by level", () => {
    const ps = tags(nodes, "p");
    const h1 = ps.filter((p) => p.attribs?.class === "h1").map(text);
    expect(h1).toEqual([
      "一、主要指标完成情况",
      "二、重点任务推进情况",
      "三、综合考评情况",
      "四、下一步工作要求",
    ]);
    expect(ps.map(text)).toContain(
      "截至2024年第三季度，纳入监测的8项指标中，3项已达标，1项进度正常，1项存在未达标风险，2项进度滞后，1项暂无监测数据。",
    );
  });

  it("tabulates targets with status classes, and embeds the chart as a PNG data URL", () => {
    const rows = tags(nodes, "tr").map((tr) => tags(tr.children ?? [], "td").map(text));
    expect(rows).toContainEqual([
      "1",
      "居民健康素养水平",
      "不低于30%",
      "26.4%（2024年第三季度）",
      "进度滞后",
      "健康促进股",
    ]);
    const lagging = tags(nodes, "td").find((td) => text(td) === "进度滞后")!;
    expect(lagging.attribs?.class).toBe("status status-off_track");
    expect(html).toMatch(/\.status-off_track\{background:#FFEBEE;color:#C62828;\}/);
    const src = tags(nodes, "img")[0]!.attribs!.src!;
    expect(src.startsWith("data:image/png;base64,")).toBe(true);
    expect(readPng(Buffer.from(src.split(",")[1]!, "base64")).width).toBe(800);
  });

  it("renders markup in the input as inert text", () => {
    const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const evil = renderBulletinHtml({
      ...sampleBulletinInput,
      planTitle: `要点${payload}`,
      issuer: `局"'&<b>`,
      targets: [{ ...sampleBulletinInput.targets![0]!, metric: payload, responsibleUnit: payload }],
      tasks: [{ ...sampleBulletinInput.tasks![0]!, text: payload, leadUnits: [payload] }],
      units: [{ unit: payload, score: 1, rank: 1 }],
    });
    const n = parse(evil);
    expect(tags(n, "script")).toHaveLength(0);
    expect(tags(n, "img")).toHaveLength(1); // the chart only
    expect(n.some((x) => Object.keys(x.attribs ?? {}).some((a) => a.startsWith("on")))).toBe(false);
    expect(evil).not.toContain("<script");
    expect(n.filter((x) => x.type === "text" && x.data?.includes(payload)).length).toBeGreaterThan(3);
    expect(tags(n, "p").map(text)).toContain(`局"'&<b>`);
    expect(evil).toContain("default-src 'none'");
  });
});
