import { describe, expect, it } from "vitest";
import type { OrgUnitRow } from "../db/schema.js";
import { cellOrgUnits, deadlineRuleOf } from "./reporting-form.service.js";

const node = (id: string, level: string, parent: string | null): OrgUnitRow => ({
  id,
  parent_id: parent,
  name: id,
  level,
  code: null,
  version: 1,
});

// 市 → 县A (乡1, 乡2 → 村), 县B (乡3); 县A also has a hospital
const tree = [
  node("city", "city", null),
  node("countyA", "county", "city"),
  node("countyB", "county", "city"),
  node("t1", "township", "countyA"),
  node("t2", "township", "countyA"),
  node("v1", "village", "t2"),
  node("t3", "township", "countyB"),
  node("hospital", "institution", "countyA"),
];
const ids = (rows: OrgUnitRow[]) => rows.map((r) => r.id);

describe("cellOrgUnits", () => {
  it("without a level: the bound org units themselves, each once", () => {
    expect(ids(cellOrgUnits(tree, ["countyA", "countyA"], null))).toEqual(["countyA"]);
    expect(ids(cellOrgUnits(tree, ["unknown"], null))).toEqual([]);
  });
  it("with a level: the org units of that level inside the bound subtrees, in tree order", () => {
    expect(ids(cellOrgUnits(tree, ["countyA"], "township"))).toEqual(["t1", "t2"]);
    expect(ids(cellOrgUnits(tree, ["city"], "township"))).toEqual(["t1", "t2", "t3"]);
    expect(ids(cellOrgUnits(tree, ["city"], "institution"))).toEqual(["hospital"]);
    // two levels down, and a bound org unit already at the level counts itself
    expect(ids(cellOrgUnits(tree, ["countyA"], "village"))).toEqual(["v1"]);
    expect(ids(cellOrgUnits(tree, ["t3"], "township"))).toEqual(["t3"]);
    // overlapping bindings do not repeat a cell
    expect(ids(cellOrgUnits(tree, ["city", "countyA"], "township"))).toEqual(["t1", "t2", "t3"]);
  });
  it("with a level above the bound org unit: no cells (a township does not report for its county)", () => {
    expect(ids(cellOrgUnits(tree, ["t1"], "county"))).toEqual([]);
  });
  it("handles a wide tree (20,000 townships under one county)", () => {
    const wide = [node("root", "county", null)];
    for (let i = 0; i < 20_000; i++) wide.push(node(`t${i}`, "township", "root"));
    const cells = cellOrgUnits(wide, ["root"], "township");
    expect(cells).toHaveLength(20_000);
    expect(cells[19_999]?.id).toBe("t19999");
  });
});

describe("deadlineRuleOf", () => {
  it("reads a stored rule, and falls back to 10 working days for none or a broken one", () => {
    expect(deadlineRuleOf(JSON.stringify({ kind: "days_after_end", days: 15 }))).toEqual({
      kind: "days_after_end",
      days: 15,
    });
    expect(deadlineRuleOf(null)).toEqual({ kind: "workdays_after_end", days: 10 });
    expect(deadlineRuleOf(JSON.stringify({ kind: "weekly" }))).toEqual({
      kind: "workdays_after_end",
      days: 10,
    });
  });
});
