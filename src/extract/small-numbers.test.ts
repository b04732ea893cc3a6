import { describe, expect, it } from "vitest";
import { smallNumber } from "./small-numbers.js";

describe("smallNumber", () => {
  it("reads the small numerals headings use", () => {
    expect(smallNumber("一")).toBe(1);
    expect(smallNumber("九")).toBe(9);
    expect(smallNumber("十")).toBe(10);
    expect(smallNumber("十二")).toBe(12);
    expect(smallNumber("二十")).toBe(20);
    expect(smallNumber("二十三")).toBe(23);
    expect(smallNumber("7")).toBe(7);
  });

  it("rejects what is not such a numeral", () => {
    expect(smallNumber("")).toBeNull();
    expect(smallNumber("是")).toBeNull();
    expect(smallNumber("十十")).toBeNull();
    expect(smallNumber("二十五")).toBe(25);
    expect(smallNumber("两")).toBe(2);
    expect(smallNumber("一二")).toBeNull();
  });
});
