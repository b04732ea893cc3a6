import { describe, expect, it } from "vitest";
import { scanUnit } from "./units.js";

describe("scanUnit", () => {
  it.each([
    ["个百分点", "个百分点"],
    ["百分点", "个百分点"],
    ["个点", "个点"],
    ["名医生", "人"],
    ["位患者", "人"],
    ["人次", "人次"],
    ["周岁", "岁"],
    ["场次", "场次"],
    ["批次", "批次"],
    ["吨/日", "吨/日"],
    ["管/日", "管/日"],
    ["大类器械", "类"],
    ["號次", null],
  ])("%s → %s", (text, unit) => {
    expect(scanUnit(text, 0)?.unit ?? null).toBe(unit);
  });

  it("refuses a classifier glued into a longer word", () => {
    expect(scanUnit("次性", 0)).toBeNull();
    expect(scanUnit("所有", 0)).toBeNull();
    expect(scanUnit("位一体", 0)).toBeNull();
    expect(scanUnit("家庭", 0)).toBeNull();
  });

  it("keeps a classifier before a comparator even when it looks glued", () => {
    expect(scanUnit("所以上", 0)?.unit).toBe("所");
  });
});
