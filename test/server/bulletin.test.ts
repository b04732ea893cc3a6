/**
 * Bulletins from stored data through the API on both engines: the Word document (opened: word/document.xml)
 * carries the title, the 文号 placeholder, the figures the reporters entered and the planner approved
 * (rolled up to the city), the narrative counts, the overdue task with its lead unit, reporting completeness
 * and the scheme's ranking; the Excel workbook (opened with exceljs) the same figures; the HTML prints.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { seedCityPlan, TASKS, type CityPlan } from "./assessment.fixture.js";
import { errorOf, importHandMade, startApi, type Api } from "./harness.js";

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
/** The text of each paragraph of a .docx, in order. */
function docxParagraphs(bytes: Buffer): string[] {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))["word/document.xml"] as Uint8Array);
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map(([p]) =>
    [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1] ?? "")).join(""),
  );
}
const fileNameOf = (res: LightMyRequestResponse) => {
  const m = /filename\*=UTF-8''([^;]+)/.exec(String(res.headers["content-disposition"]));
  return m ? decodeURIComponent(m[1] ?? "") : null;
};

describe.each(enginesToRun())("bulletin downloads on $name", (engine) => {
  let api: Api;
  let fx: CityPlan;
  let schemeId = "";
  const url = (format: string, extra = "") =>
    `/api/plans/${fx.planId}/bulletin.${format}?period=2025Q1&orgUnit=${fx.city}${extra}`;

  beforeAll(async () => {
    api = await startApi(engine);
    fx = await seedCityPlan(api);
    const s = await api.as.planner.call("POST", `/api/plans/${fx.planId}/assessments`, {
      name: "一季度考核",
      periodId: "2025Q1",
    });
    schemeId = s.json<{ id: string }>().id;
    await api.as.planner.call("POST", `/api/assessments/${schemeId}/items/from-plan`, { version: 1 });
  });
  afterAll(async () => api.close());

  it("writes the Word bulletin from the approved figures, with counts, the overdue task and the ranking", async () => {
    const res = await api.as.viewer.call("GET", url("docx", `&scheme=${schemeId}`));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    expect(fileNameOf(res)).toBe("甲市2025年第一季度重点工作目标完成情况通报.docx");
    expect(String(res.headers["content-disposition"])).toMatch(
      /^attachment; filename="bulletin-2025Q1\.docx"; filename\*=UTF-8''/,
    );
    const paragraphs = docxParagraphs(res.rawPayload);
    const all = paragraphs.join("\n");
    expect(paragraphs).toContain("甲市卫生健康委关于2025年第一季度重点工作目标完成情况的通报");
    expect(all).toMatch(/〔\d{4}〕\u3000+号/);
    // 甲市: 高血压 (700 + 500) / 2000 = 60% (short of 65%), 签约 (900 + 600) / 2000 = 75% (met)
    expect(all).toContain("纳入监测的2项指标中，1项已达标");
    expect(all).toContain("已达标的指标是：家庭医生签约服务覆盖率");
    expect(all).toMatch(/全市高血压患者规范管理率（2025年第一季度为60%，目标不低于65%/);
    // the task due 3月20日 and still open is named with its lead unit; the one closed late too
    expect(all).toMatch(
      new RegExp(`超期未办结的任务是：1\\.${TASKS.overdue}（牵头单位：甲单位，办理时限2025年3月20日`),
    );
    expect(all).toContain(`超期办结的任务是：${TASKS.closedLate}（超期3个工作日，甲单位）`);
    expect(all).toContain(
      "纳入督办的3项重点任务中，已办结1项（其中超期办结1项），正在按期推进1项，超期未办结1项",
    );
    expect(all).toContain("本期应报送2个单位，已报送2个");
    expect(all).toMatch(/参加考评的2个单位综合得分依次为：东县（\d+(\.\d+)?分）、西县（\d+(\.\d+)?分）/);
    expect(all).toContain("甲市卫生健康委员会");
  });

  it("leaves the ranking out without a scheme; answers 422 for a scheme of another plan", async () => {
    const res = await api.as.viewer.call("GET", url("docx"));
    expect(docxParagraphs(res.rawPayload).join("\n")).not.toContain("综合考评情况");
    const otherPlan = await importHandMade(api, 2025);
    const otherScheme = await api.as.planner.call("POST", `/api/plans/${otherPlan}/assessments`, {
      name: "另一计划的考核",
      periodId: "2025",
    });
    const mismatch = await api.as.viewer.call(
      "GET",
      url("docx", `&scheme=${otherScheme.json<{ id: string }>().id}`),
    );
    expect(mismatch.statusCode).toBe(422);
    expect(errorOf(mismatch).code).toBe("SCHEME_OF_OTHER_PLAN");
    const bogus = await api.as.viewer.call(
      "GET",
      url("docx", "&scheme=00000000-0000-4000-8000-000000000000"),
    );
    expect(bogus.statusCode).toBe(404);
  });

  it("exports the data as Excel with the same figures and the overdue task", async () => {
    const res = await api.as.reporter.call("GET", url("xlsx", `&scheme=${schemeId}`));
    expect(res.statusCode).toBe(200);
    expect(fileNameOf(res)).toBe("甲市2025年第一季度重点工作目标完成情况数据.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [targets, tasks, units] = wb.worksheets;
    const rows = (ws: ExcelJS.Worksheet | undefined) =>
      (ws?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const targetRows = rows(targets);
    expect(targetRows.find((r) => r[1] === "全市高血压患者规范管理率")).toEqual(
      expect.arrayContaining(["不低于65%", 65, 60, "2025年第一季度"]),
    );
    expect(targetRows.find((r) => r[1] === "家庭医生签约服务覆盖率")).toEqual(
      expect.arrayContaining([75, "已达标"]),
    );
    expect(targetRows.some((r) => r[1] === "智慧医院建设")).toBe(false); // not linked: not monitored
    expect(rows(tasks).some((r) => r.some((c) => typeof c === "string" && c.includes(TASKS.overdue)))).toBe(
      true,
    );
    expect(rows(units).flat()).toEqual(expect.arrayContaining(["东县", "西县"]));
    // the reporting behind the narrative's line: each county expected once and received
    const reporting = rows(wb.getWorksheet("数据报送"));
    expect(reporting[0]).toEqual(["单位", "应报", "已报", "按时报送", "报送率", "及时率"]);
    expect(reporting.find((r) => r[0] === "东县")?.slice(0, 3)).toEqual(["东县", 1, 1]);
    expect(reporting.find((r) => r[0] === "甲市")?.slice(0, 5)).toEqual([
      "甲市",
      2,
      2,
      expect.any(Number),
      1,
    ]);
  });

  it("prints as HTML with the same title and figures", async () => {
    const res = await api.as.viewer.call("GET", url("html"));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(String(res.headers["content-disposition"])).toMatch(/^inline;/);
    expect(res.body).toContain("甲市卫生健康委关于2025年第一季度重点工作目标完成情况的通报");
    expect(res.body).toContain("1项已达标");
  });

  it("answers 400 for a bad period or missing org unit, 404 for an unknown plan, 401 anonymous", async () => {
    expect(
      (await api.as.viewer.call("GET", `/api/plans/${fx.planId}/bulletin.docx?period=2025Q1`)).statusCode,
    ).toBe(400);
    const bad = await api.as.viewer.call(
      "GET",
      `/api/plans/${fx.planId}/bulletin.docx?period=2025-1&orgUnit=${fx.city}`,
    );
    expect(bad.statusCode).toBe(400);
    const none = await api.as.viewer.call(
      "GET",
      `/api/plans/00000000-0000-4000-8000-000000000000/bulletin.xlsx?period=2025Q1&orgUnit=${fx.city}`,
    );
    expect(none.statusCode).toBe(404);
    expect(errorOf(none).message).toMatch(/[\u4e00-\u9fff]/);
    expect((await api.as.anonymous.call("GET", url("docx"))).statusCode).toBe(401);
  });
});
