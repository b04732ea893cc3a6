// The readers and the extractor together: a plan as a Word file with a task table (任务分工表) yields its
// tasks with their units and deadlines, as it does from plain text.
import { describe, expect, it } from "vitest";
import { readDocument } from "../src/extract/read/index.js";
import { buildDocx } from "../src/extract/read/fixtures.js";
import { extractDocument } from "../src/extract/index.js";

describe("a .docx plan with a task table", () => {
  it("gives one task per table row, with its lead and partner units and its deadline", async () => {
    const docx = buildDocx([
      "某市2025年卫生健康重点工作任务分工方案",
      "一、主要目标",
      "全市居民健康素养水平达到38%以上,孕产妇死亡率控制在8/10万以下。",
      "二、任务分工",
      {
        table: [
          ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
          [
            "1",
            "推进紧密型县域医共体建设,实现县域全覆盖",
            "市卫健委",
            "市医保局、市财政局",
            "2025年12月底前",
          ],
          ["2", "新建标准化预防接种门诊15个", "市疾控中心", "各县(市、区)卫健局", "9月底前"],
        ],
      },
    ]);
    const { text, format } = await readDocument(docx, "分工方案.docx");
    expect(format).toBe("docx");
    const [plan] = extractDocument(text).plans;
    expect(plan?.year).toBe(2025);
    const rows = plan?.tasks.filter((t) => /医共体|预防接种门诊/.test(t.text)) ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.leadUnits).toEqual(["市卫健委"]);
    expect(rows[0]?.partnerUnits).toEqual(["市医保局", "市财政局"]);
    expect(rows[0]?.deadline?.due).toBe("2025-12-31");
    expect(rows[1]?.leadUnits).toEqual(["市疾控中心"]);
    expect(rows[1]?.deadline?.due).toBe("2025-09-30");
    const metrics = plan?.targets.map((t) => `${t.metric} ${t.comparator} ${t.value}${t.unit}`);
    expect(metrics).toContain("居民健康素养水平 >= 38%");
    expect(metrics).toContain("孕产妇死亡率 <= 8/10万");
  });
});
