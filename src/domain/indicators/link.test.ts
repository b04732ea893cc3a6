import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { STARTER_CATALOGUE } from "./catalogue.js";
import { bigramSimilarity, linkIndicator, metricKey } from "./link.js";

const link = (metric: string, unit: string, comparator?: string) =>
  linkIndicator(metric, unit, STARTER_CATALOGUE, { comparator });

describe("metricKey", () => {
  it("drops scope words, 以…为单位, quotes and spaces, and folds full-width parentheses", () => {
    expect(metricKey("全市居民健康素养水平")).toBe("居民健康素养水平");
    expect(metricKey("以乡(镇、街道)为单位的适龄儿童国家免疫规划疫苗接种率")).toBe(
      "适龄儿童免疫规划疫苗接种率",
    );
    expect(metricKey("每千常住人口执业（助理）医师数")).toBe("每千常住人口执业(助理)医师数");
    expect(metricKey("“两癌”筛查覆盖率")).toBe("两癌筛查覆盖率");
  });
});

describe("bigramSimilarity", () => {
  it("is 1 for equal strings and 0 for disjoint ones", () => {
    expect(bigramSimilarity("婴儿死亡率", "婴儿死亡率")).toBe(1);
    expect(bigramSimilarity("婴儿死亡率", "床位数")).toBe(0);
    expect(bigramSimilarity("县域内就诊率", "县域就诊率")).toBeCloseTo((2 * 3) / (5 + 4));
  });
});

describe("linkIndicator", () => {
  it("links names and aliases as plans write them", () => {
    expect(link("孕产妇死亡率", "/10万")).toMatchObject({
      status: "linked",
      code: "MATERNAL_MORTALITY",
      score: 1,
    });
    expect(link("人均居民期望寿命", "岁")).toMatchObject({ status: "linked", code: "LIFE_EXPECTANCY" });
    expect(link("县域就诊率", "%")).toMatchObject({ status: "linked", code: "COUNTY_VISIT_RATE" });
    expect(link("每千人口拥有3岁以下婴幼儿托位数", "个")).toMatchObject({
      code: "CHILDCARE_PLACES_PER_1000",
    });
  });

  it("links through scope words and population qualifiers", () => {
    expect(link("以镇(街道)为单位适龄儿童国家免疫规划疫苗报告接种率", "%")).toMatchObject({
      status: "linked",
      code: "IMMUNIZATION_RATE",
    });
    expect(link("全省婴儿死亡率", "‰")).toMatchObject({ status: "linked", code: "INFANT_MORTALITY" });
    expect(link("30-70岁人群重大慢性病过早死亡率", "%")).toMatchObject({ code: "PREMATURE_NCD_MORTALITY" });
    // a three-character alias inside a longer metric is only offered
    expect(link("公立医院药占比", "%").candidates[0]?.code).toBe("DRUG_REVENUE_SHARE");
  });

  it("prefers the more specific indicator when one name contains another", () => {
    expect(link("重点人群家庭医生签约率", "%")).toMatchObject({ code: "FAMILY_DOCTOR_KEY_SIGNING" });
    expect(link("家庭医生签约率", "%")).toMatchObject({ code: "FAMILY_DOCTOR_SIGNING" });
    expect(link("严重致残致畸出生缺陷发生率", "‰")).toMatchObject({ code: "SEVERE_BIRTH_DEFECT_RATE" });
  });

  it("does not link a count to a rate of the same words", () => {
    const r = link("高血压患者管理人数", "人");
    expect(r).toMatchObject({ status: "linked", code: "HTN_MANAGED" });
    const rate = link("高血压患者规范管理人数占比", "人");
    expect(rate.code).not.toBe("HTN_STANDARD_MGMT");
  });

  it("gives the reviewer candidates rather than a guess for a weak or close match", () => {
    const r = link("老弱慢病等人群签约率", "%");
    expect(r.status).not.toBe("linked");
    expect(r.code).toBeNull();
    const none = link("新建绿道", "公里");
    expect(none).toMatchObject({ status: "unlinked", code: null });
  });

  it("hands a list of metrics to the reviewer with every indicator it names, never one of them", () => {
    const both = link("高血压、糖尿病患者规范管理率", "%");
    expect(both).toMatchObject({ status: "candidates", code: null });
    expect(both.candidates.map((c) => c.code).sort()).toEqual(["HTN_STANDARD_MGMT", "T2DM_STANDARD_MGMT"]);
    const mortality = link("孕产妇和婴儿死亡率", "");
    expect(mortality.candidates.map((c) => c.code).sort()).toEqual([
      "INFANT_MORTALITY",
      "MATERNAL_MORTALITY",
    ]);
    expect(mortality.reason).toMatch(/lists several indicators/);
    // a name that itself holds 和 stays one indicator
    expect(link("农村适龄妇女宫颈癌和乳腺癌筛查覆盖率", "%")).toMatchObject({ status: "linked" });
  });

  it("offers a 分别 fragment's indicator as a candidate only", () => {
    const r = link("3岁以下儿童", "%");
    expect(r.status).toBe("candidates");
    expect(r.candidates[0]?.code).toBe("CHILD_SYSTEM_MGMT");
  });

  it("explains each match", () => {
    expect(link("全市孕产妇死亡率", "/10万").reason).toBe('exact "孕产妇死亡率"');
    expect(link("孕产妇死亡率", "%").candidates[0]?.reason).toMatch(/does not fit/);
  });

  it("reads a % of an increase_by/decrease_by target as a relative change, not the indicator's unit", () => {
    expect(link("心脑血管疾病死亡率", "%").status).toBe("candidates");
    expect(link("心脑血管疾病死亡率", "%", "decrease_by")).toMatchObject({
      status: "linked",
      code: "CVD_MORTALITY",
    });
  });
});

// The share of real extracted metrics (hand-annotated gold of seeds and devset) the starter catalogue links.
const SHARED = fileURLToPath(new URL("../../../../shared/", import.meta.url));
function goldMetrics(): { metric: string; unit: string; comparator: string }[] {
  const out: { metric: string; unit: string; comparator: string }[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") {
      const o = x as Record<string, unknown>;
      if (typeof o.metric === "string") {
        const unit = typeof o.unit === "string" ? o.unit : "";
        out.push({
          metric: o.metric,
          unit,
          comparator: typeof o.comparator === "string" ? o.comparator : "",
        });
      }
      Object.values(o).forEach(walk);
    }
  };
  for (const dir of ["gold", "devset/gold"]) {
    for (const f of readdirSync(SHARED + dir).filter((n) => n.endsWith(".json"))) {
      walk(JSON.parse(readFileSync(`${SHARED}${dir}/${f}`, "utf8")));
    }
  }
  return out;
}

describe("linkIndicator on the gold metrics", () => {
  it("links the catalogue's indicators among real plan metrics and never a known-wrong pair", () => {
    const metrics = goldMetrics();
    expect(metrics.length).toBeGreaterThan(300);
    const results = metrics.map((m) => ({ ...m, r: link(m.metric, m.unit, m.comparator) }));
    const linked = results.filter((x) => x.r.status === "linked");
    const share = linked.length / metrics.length;
    if (process.env.LINK_REPORT) {
      console.log(`linked ${linked.length}/${metrics.length} = ${(share * 100).toFixed(1)}%`);
      for (const x of results)
        console.log(x.r.status, x.r.code ?? "", "<-", x.metric, `[${x.unit}]`, x.r.reason);
    }
    // Most gold metrics are counts of works done (新建绿道, 招商引资…), outside any indicator catalogue.
    expect(share).toBeGreaterThan(0.15);
    const byMetric = new Map(linked.map((x) => [x.metric, x.r.code]));
    expect(byMetric.get("孕产妇死亡率")).toBe("MATERNAL_MORTALITY");
    expect(byMetric.get("居民健康素养水平")).toBe("HEALTH_LITERACY");
    expect(byMetric.get("每千常住人口执业(助理)医师数")).toBe("PHYSICIANS_PER_1000");
    expect(byMetric.has("高龄老人专项体检标准(每人)")).toBe(false);
  });
});
