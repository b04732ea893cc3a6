import { describe, expect, it } from "vitest";
import { ordinalValue } from "./numerals.js";

describe("ordinalValue", () => {
  it("reads the small numerals headings use", () => {
    expect(ordinalValue("一")).toBe(1);
    expect(ordinalValue("九")).toBe(9);
    expect(ordinalValue("十")).toBe(10);
    expect(ordinalValue("十二")).toBe(12);
    expect(ordinalValue("二十")).toBe(20);
    expect(ordinalValue("二十三")).toBe(23);
    expect(ordinalValue("7")).toBe(7);
  });

  it("rejects what is not such a numeral", () => {
    expect(ordinalValue("")).toBeNull();
    expect(ordinalValue("是")).toBeNull();
    expect(ordinalValue("十十")).toBeNull();
    expect(ordinalValue("一二")).toBeNull();
  });
});
