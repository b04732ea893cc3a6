import { describe, expect, it } from "vitest";
import { normalizeText } from "../normalize.js";
import { extractTasks } from "./index.js";
import { readHeader, readRow, splitCells } from "./table.js";

const cellsOf = (line: string) => splitCells(line) ?? [];

describe("splitCells", () => {
  it("splits a row on bars outside parentheses and drops outer bars", () => {
    expect(cellsOf("|1|推进分级诊疗(含医联体)建设|市卫健委|").map((c) => c.text)).toEqual([
      "1",
      "推进分级诊疗(含医联体)建设",
      "市卫健委",
    ]);
    expect(splitCells("推进分级诊疗|市卫健委")).toBeNull();
    expect(splitCells("没有表格的句子。")).toBeNull();
  });
});

describe("readHeader and readRow", () => {
  const header = readHeader(cellsOf("序号|重点任务|牵头单位|配合单位|完成时限"));

  it("reads the column roles of a header row", () => {
    expect(header).toEqual({ task: 1, lead: 2, partner: 3, duty: null });
    expect(readHeader(cellsOf("1|推进分级诊疗制度建设|市卫健委|市医保局|6月底前"))).toBeNull();
  });

  it("reads a row by its header: every unit of the 牵头单位 column leads", () => {
    const line = "1|推进分级诊疗制度建设|市卫健委、市医保局|市财政局|2024年6月底前";
    const row = readRow(cellsOf(line), header);
    expect(row?.units).toEqual({ leadUnits: ["市卫健委", "市医保局"], partnerUnits: ["市财政局"] });
    expect(line.slice(row?.start, row?.end)).toBe(
      "推进分级诊疗制度建设|市卫健委、市医保局|市财政局|2024年6月底前",
    );
  });

  it("reads a row without a header by the shape of its cells", () => {
    const row = readRow(cellsOf("2|加强基层卫生人才队伍建设|县卫健局、县人社局|县财政局|年底前"), null);
    expect(row?.units).toEqual({ leadUnits: ["县卫健局"], partnerUnits: ["县人社局", "县财政局"] });
  });

  it("gives no task for a row that names no work", () => {
    expect(readRow(cellsOf("合计|3项|—|—"), header)).toBeNull();
  });
});

describe("task tables through extractTasks", () => {
  it("takes each row as a task with its units and deadline", () => {
    const text = [
      "附件:2024年重点任务分解表",
      "序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限",
      "1 | 推进分级诊疗制度建设 | 市卫健委 | 市医保局、市财政局 | 2024年6月底前",
      "2 | 开展爱国卫生月活动 | 市爱卫办 | 各区、镇、街道 | 4月",
    ].join("\n");
    const norm = normalizeText(text);
    const tasks = extractTasks(norm, {
      start: 0,
      end: norm.text.length,
      title: null,
      issuer: null,
      year: 2024,
      sections: [],
    });
    expect(tasks.map((t) => [t.leadUnits, t.partnerUnits, t.deadline?.due ?? null])).toEqual([
      [["市卫健委"], ["市医保局", "市财政局"], "2024-06-30"],
      [["市爱卫办"], ["各区、镇、街道"], "2024-04-30"],
    ]);
    expect(tasks[0]?.text.startsWith("推进分级诊疗制度建设|")).toBe(true);
  });
});
