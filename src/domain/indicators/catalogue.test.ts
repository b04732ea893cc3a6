import { describe, expect, it } from "vitest";
import { STARTER_CATALOGUE } from "./catalogue.js";
import { indicatorSchema, scaleOf } from "./indicator.js";

describe("STARTER_CATALOGUE", () => {
  it("holds at least 60 valid indicators with unique codes, names and aliases", () => {
    expect(STARTER_CATALOGUE.length).toBeGreaterThanOrEqual(60);
    for (const i of STARTER_CATALOGUE) expect(indicatorSchema.safeParse(i).error).toBeUndefined();
    const codes = STARTER_CATALOGUE.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    const labels = STARTER_CATALOGUE.flatMap((i) => [i.name, ...i.aliases]);
    expect(labels.filter((l, k) => labels.indexOf(l) !== k)).toEqual([]);
  });

  it("gives ratio indicators a scale and keeps reference targets on the right side of their direction", () => {
    for (const i of STARTER_CATALOGUE) {
      if (i.numerator && i.denominator) expect(scaleOf(i.type), i.code).not.toBeNull();
      for (const r of i.references) {
        const upward = r.comparator === ">=" || r.comparator === ">";
        if (r.comparator !== "=") expect(upward, i.code).toBe(i.direction === "higher_is_better");
      }
    }
  });

  it("carries the well-known national targets", () => {
    const byCode = new Map(STARTER_CATALOGUE.map((i) => [i.code, i]));
    expect(byCode.get("HEALTH_LITERACY")?.references).toContainEqual(
      expect.objectContaining({ year: 2030, comparator: ">=", value: 30 }),
    );
    expect(byCode.get("INFANT_MORTALITY")).toMatchObject({ type: "permille", direction: "lower_is_better" });
    expect(byCode.get("MATERNAL_MORTALITY")?.references).toContainEqual(
      expect.objectContaining({ year: 2022, value: 18 }),
    );
  });
});
