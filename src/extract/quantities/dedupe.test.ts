import { describe, expect, it } from "vitest";
import type { DraftQuantity } from "../draft.js";
import { dedupe, similarity } from "./dedupe.js";

const q = (
  metric: string,
  value: number,
  unit: string,
  start: number,
  over: Partial<DraftQuantity> = {},
): DraftQuantity => ({
  kind: "target",
  metric,
  comparator: "=",
  value,
  unit,
  deadline: "2024",
  sectionId: null,
  start,
  end: start + 10,
  ...over,
});

describe("dedupe", () => {
  it("keeps a commitment restated in another sentence once, at its first statement", () => {
    const first = q("市级医院安宁疗护病区", 1, "家", 0);
    const again = q("建成市级医院安宁疗护病区", 1, "个", 50, { comparator: ">=" });
    expect(dedupe([first, again])).toEqual([first]);
  });

  it("keeps distinct claims with the same value", () => {
    const a = q("孕产妇系统管理率", 90, "%", 0);
    const b = q("儿童系统管理率", 90, "%", 0);
    const c = q("城乡居民医保参保率", 90, "%", 40);
    expect(dedupe([a, b, c])).toHaveLength(3);
  });

  it("lets a headline give way to the body's statement of the same claim", () => {
    const headline = q("我国居民人均预期寿命", 76.3, "岁", 0, { comparator: ">" });
    const body = q("我国居民目前的人均预期寿命", 76.3, "岁", 80, { comparator: ">" });
    expect(dedupe([headline, body], new Set([headline]))).toEqual([body]);
  });

  it("measures metric similarity on character bigrams", () => {
    expect(similarity("居民健康素养水平", "居民健康素养水平")).toBe(1);
    expect(similarity("签约率", "死亡率")).toBeLessThan(0.5);
  });
});
