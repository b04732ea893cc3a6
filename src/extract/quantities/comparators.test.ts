import { describe, expect, it } from "vitest";
import { changeComparator, prefixComparator, scanSuffix } from "./comparators.js";

describe("scanSuffix", () => {
  it.each([
    ["以上", ">="],
    ["及以上", ">="],
    ["以下", "<="],
    ["以內", null],
    ["以内", "<="],
    ["内即实现", "<="],
    ["左右", "~"],
  ])("%s → %s", (text, c) => {
    expect(scanSuffix(text, 0)?.comparator ?? null).toBe(c);
  });

  it("does not read 内容 or 上下联动 as comparators", () => {
    expect(scanSuffix("内容", 0)).toBeNull();
    expect(scanSuffix("上下联动", 0)).toBeNull();
  });
});

describe("prefixComparator", () => {
  it.each([
    ["满意度不低于", ">="],
    ["每个乡镇至少建成", ">="],
    ["至少要有", ">="],
    ["人数超过", ">"],
    ["控制在", "<="],
    ["不超过", "<="],
    ["低于", "<"],
    ["约为", "~"],
    ["达到", null],
    ["不少于总量的", ">="],
  ])("%s → %s", (text, c) => {
    expect(prefixComparator(text)).toBe(c);
  });
});

describe("changeComparator", () => {
  it("reads a change verb before the value as a change", () => {
    expect(changeComparator("比上年提高")).toBe("increase_by");
    expect(changeComparator("同比下降")).toBe("decrease_by");
    expect(changeComparator("降低三高慢性病标准化死亡率")).toBe("decrease_by");
  });

  it("reads 提高到/降至 as a new level and 新增 as a count", () => {
    expect(changeComparator("补助标准提高到")).toBeNull();
    expect(changeComparator("降低财政拨款比例至")).toBeNull();
    expect(changeComparator("新增")).toBeNull();
    expect(changeComparator("平均降幅")).toBeNull();
  });
});
