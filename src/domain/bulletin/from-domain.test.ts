import { describe, expect, it } from "vitest";
import { assessAttainment, type AttainmentTarget } from "../attainment/attainment.js";
import { assess, type AssessmentScheme } from "../scoring/scoring.js";
import { taskLight } from "../supervision/traffic-light.js";
import { parseBulletinInput } from "./bulletin.js";
import { bulletinTargetFrom, bulletinTaskFrom, bulletinUnitsFrom } from "./from-domain.js";
import { writeNarrative } from "./narrative.js";

describe("bulletin rows from domain results", () => {
  it("carries computed statuses, lateness and ranks into the narrative", () => {
    const literacy: AttainmentTarget = {
      comparator: ">=",
      value: 30,
      unit: "%",
      deadline: "2024",
      direction: "higher_is_better",
    };
    const literacySeries = [
      { periodId: "2024Q1", value: 20 },
      { periodId: "2024Q2", value: 20.5 },
      { periodId: "2024Q3", value: 21 },
    ];
    const mortality: AttainmentTarget = {
      comparator: "<=",
      value: 9.5,
      unit: "/10万",
      deadline: "2024",
      direction: "lower_is_better",
    };
    const a1 = assessAttainment(literacy, literacySeries);
    const a2 = assessAttainment(mortality, [{ periodId: "2024Q3", value: 8 }]);
    const a3 = assessAttainment(literacy, []);
    const targets = [
      bulletinTargetFrom(literacy, a1, { metric: "居民健康素养水平", responsibleUnit: "健康促进处" }),
      bulletinTargetFrom(mortality, a2, { metric: "孕产妇死亡率" }),
      bulletinTargetFrom(literacy, a3, { metric: "某县居民健康素养水平" }),
    ];
    expect(targets.map((t) => t.status)).toEqual(["off_track", "achieved", "no_data"]);

    // Deadline Monday 2024-09-30; today Friday 2024-10-11. The National Day holiday (1–7 October) does not
    // count, so the open task is 4 working days late (8–11 October); closed on 8 October, 1 working day late.
    const open = taskLight({ deadline: "2024-09-30", today: "2024-10-11", reminderWorkdays: 3 });
    const late = taskLight({
      deadline: "2024-09-30",
      closedOn: "2024-10-08",
      today: "2024-10-11",
      reminderWorkdays: 3,
    });
    const tasks = [
      bulletinTaskFrom(
        { text: "推进医共体建设", leadUnits: ["体改处"], deadline: "2024-09-30", status: "in_progress" },
        open,
      ),
      bulletinTaskFrom(
        { text: "建成胸痛中心", leadUnits: ["医政处"], deadline: "2024-09-30", status: "closed" },
        late,
      ),
    ];
    expect([open.workdaysLate, late.workdaysLate]).toEqual([4, 1]);
    expect(tasks[1]!.closedLate).toBe(true);

    const scheme: AssessmentScheme = {
      items: [{ kind: "target", id: "lit", label: "健康素养", weight: 10, partial: "all_or_nothing" }],
    };
    const ranked = assess(scheme, [
      {
        unitId: "u1",
        targets: { lit: { status: "off_track", latest: 21, baseline: null, threshold: 30 } },
        tasks: {},
      },
      {
        unitId: "u2",
        targets: { lit: { status: "achieved", latest: 31, baseline: null, threshold: 30 } },
        tasks: {},
      },
    ]);
    const names: Record<string, string> = { u1: "甲县", u2: "乙县" };
    const units = bulletinUnitsFrom(ranked, (id) => names[id] ?? id);
    expect(units).toEqual([
      { unit: "乙县", score: 10, rank: 1 },
      { unit: "甲县", score: 0, rank: 2 },
    ]);

    const text = writeNarrative(
      parseBulletinInput({
        planTitle: "工作要点",
        issuer: "卫健委",
        periodId: "2024Q3",
        generatedAt: "2024-10-11T08:00:00+08:00",
        targets,
        tasks,
        units,
      }),
    )
      .map((b) => b.text)
      .join("\n");
    expect(text).toContain("3项指标中，1项已达标，1项进度滞后，1项暂无监测数据。");
    expect(text).toContain("居民健康素养水平（2024年第三季度为21%，目标不低于30%，责任单位：健康促进处）");
    expect(text).toContain(`已超期${open.workdaysLate}个工作日`);
    expect(text).toContain(`建成胸痛中心（超期${late.workdaysLate}个工作日，医政处）`);
    expect(text).toContain("乙县（10分）、甲县（0分）");
  });
});
