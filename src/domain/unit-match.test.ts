import { describe, expect, it } from "vitest";
import { matchUnits, unitKey } from "./unit-match.js";

const register = [
  { id: "u1", name: "市卫生健康委", aliases: ["市卫健委", "卫健委"] },
  { id: "u2", name: "市教育局", aliases: [] },
  { id: "u3", name: "各区", aliases: ["各区(县)"] },
];

describe("unitKey", () => {
  it("folds traditional characters, full-width forms, spaces and a trailing 等", () => {
    expect(unitKey("市衛生健康委")).toBe("市卫生健康委");
    expect(unitKey(" 市教育局 ")).toBe("市教育局");
    expect(unitKey("市教育局等")).toBe("市教育局");
    expect(unitKey("各区（县）")).toBe(unitKey("各区(县)"));
  });
});

describe("matchUnits", () => {
  it("matches a unit by its name and by an alias", () => {
    const [byName, byAlias] = matchUnits(["市教育局", "市卫健委"], register);
    expect(byName).toMatchObject({ unitId: "u2", via: "name" });
    expect(byAlias).toMatchObject({ unitId: "u1", via: "alias" });
  });

  it("matches traditional and full-width spellings of known units", () => {
    const matches = matchUnits(["市衛健委", "各區（縣）"], register);
    expect(matches.map((m) => m.unitId)).toEqual(["u1", "u3"]);
  });

  it("proposes an unknown unit under its cleaned-up name, keeping what was written", () => {
    const [m] = matchUnits(["有关成员单位 "], register);
    expect(m).toEqual({
      written: "有关成员单位 ",
      key: "有关成员单位",
      unitId: null,
      proposedName: "有关成员单位",
    });
  });

  it("prefers a unit's own name over another unit's alias with the same key", () => {
    const units = [
      { id: "a", name: "市疾控中心", aliases: ["疾控"] },
      { id: "b", name: "疾控", aliases: [] },
    ];
    expect(matchUnits(["疾控"], units)[0]?.unitId).toBe("b");
  });
});
