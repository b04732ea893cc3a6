import { describe, expect, it } from "vitest";
import type { AttainmentStatus } from "../attainment/attainment.js";
import { bulletinTitle, formatTarget, parseBulletinInput, type BulletinInputData } from "./bulletin.js";
import { writeNarrative, type NarrativeBlock } from "./narrative.js";

type TargetData = NonNullable<BulletinInputData["targets"]>[number];
type TaskData = NonNullable<BulletinInputData["tasks"]>[number];

function target(metric: string, status: AttainmentStatus, over: Partial<TargetData> = {}): TargetData {
  return {
    metric,
    comparator: ">=",
    value: 90,
    unit: "%",
    deadline: "2024",
    latestValue: status === "no_data" ? null : 85,
    latestPeriod: status === "no_data" ? null : "2024Q3",
    status,
    responsibleUnit: "疾控处",
    ...over,
  };
}

function task(text: string, over: Partial<TaskData> = {}): TaskData {
  return {
    text,
    leadUnits: ["医政医管处"],
    deadline: "2024-06-30",
    status: "in_progress",
    overdueDays: 0,
    ...over,
  };
}

function narrate(over: Partial<BulletinInputData>): NarrativeBlock[] {
  return writeNarrative(
    parseBulletinInput({
      planTitle: "2024年全市卫生健康工作要点",
      issuer: "某市卫生健康委员会",
      periodId: "2024Q3",
      generatedAt: "2024-10-15T02:00:00Z",
      ...over,
    }),
  );
}
const text = (blocks: NarrativeBlock[]): string => blocks.map((b) => b.text).join("\n");

describe("writeNarrative: targets", () => {
  it("counts 18 targets by status and names the lagging ones with their values and targets", () => {
    const targets = [
      ...Array.from({ length: 12 }, (_, i) => target(`达标指标${i + 1}`, "achieved")),
      target("家庭医生签约率", "on_track"),
      target("高血压患者规范管理率", "on_track"),
      target("居民健康素养水平", "off_track", {
        latestValue: 26.4,
        value: 30,
        responsibleUnit: "健康促进处",
      }),
      target("孕产妇死亡率", "off_track", {
        comparator: "<=",
        value: 9.5,
        unit: "/10万",
        latestValue: 12,
        latestPeriod: "2024Q2",
        responsibleUnit: "妇幼处",
      }),
      target("每千人口3岁以下婴幼儿托位数", "off_track", { unit: "个", value: 4.5, latestValue: 3.2 }),
      target("结核病报告发病率", "off_track", {
        comparator: "decrease_by",
        value: 5,
        unit: "%",
        relative: true,
      }),
    ];
    const out = text(narrate({ targets }));
    expect(out).toContain("截至2024年第三季度，纳入监测的18项指标中，12项已达标，2项进度正常，4项进度滞后。");
    expect(out).toContain("居民健康素养水平（2024年第三季度为26.4%，目标不低于30%，责任单位：健康促进处）");
    expect(out).toContain("孕产妇死亡率（2024年第二季度为12/10万，目标不高于9.5/10万，责任单位：妇幼处）");
    expect(out).toContain("每千人口3岁以下婴幼儿托位数（2024年第三季度为3.2个，目标不低于4.5个");
    expect(out).toContain("目标降低5%");
    expect(out).not.toContain("个百分点");
    expect(out).not.toMatch(/存在未达标风险的指标是/);
    expect(out).toContain("已达标的指标是：达标指标1、");
    expect(out).toContain("请健康促进处、妇幼处、疾控处对进度滞后");
  });

  it("says all achieved, and asks nothing of lagging units", () => {
    const out = text(narrate({ targets: [target("A", "achieved"), target("B", "achieved")] }));
    expect(out).toContain("纳入监测的2项指标全部达标。");
    expect(out).not.toContain("需重点关注");
    expect(out).not.toContain("已达标的指标是");
    expect(out).toContain("保持良好态势");
  });

  it("says when no target has data yet and asks the units to report", () => {
    const out = text(
      narrate({ targets: [target("A", "no_data"), target("B", "no_data", { responsibleUnit: "" })] }),
    );
    expect(out).toContain("纳入监测的2项指标均暂无监测数据。");
    expect(out).toContain("暂无监测数据的指标是：A（疾控处）、B。");
    expect(out).toContain("请疾控处按照统计口径及时报送监测数据");
  });

  it("names at-risk targets apart from lagging ones", () => {
    const out = text(
      narrate({ targets: [target("甲", "at_risk"), target("乙", "achieved"), target("丙", "no_data")] }),
    );
    expect(out).toContain("3项指标中，1项已达标，1项存在未达标风险，1项暂无监测数据。");
    expect(out).toContain("存在未达标风险的指标是：甲（");
    expect(out).toContain("（二）已达标的指标");
  });

  it("has a sentence when there are no targets at all", () => {
    expect(text(narrate({}))).toContain("截至2024年第三季度，本期暂无纳入监测的指标。");
  });
});

describe("writeNarrative: tasks", () => {
  it("names overdue tasks with their lead units, longest overdue first, and closed-late ones", () => {
    const tasks = [
      task("推进紧密型县域医共体建设，实现县域全覆盖。", {
        leadUnits: ["基层卫生处", "体改处"],
        overdueDays: 5,
        deadline: "2024-09-30",
      }),
      task("完成二级以上公立医院绩效考核", { overdueDays: 12 }),
      task("开展爱国卫生运动", { status: "closed", closedLate: true, overdueDays: 3, leadUnits: ["爱卫办"] }),
      task("建设胸痛中心", { status: "closed" }),
      task("推进智慧医院建设", { deadline: "2024-12-31" }),
    ];
    const out = text(narrate({ tasks }));
    expect(out).toContain(
      "纳入督办的5项重点任务中，已办结2项（其中超期办结1项），正在按期推进1项，超期未办结2项。",
    );
    expect(out).toContain(
      "超期未办结的任务是：1.完成二级以上公立医院绩效考核（牵头单位：医政医管处，办理时限2024年6月30日，已超期12个工作日）；2.推进紧密型县域医共体建设，实现县域全覆盖（牵头单位：基层卫生处、体改处，办理时限2024年9月30日，已超期5个工作日）。",
    );
    expect(out).toContain("超期办结的任务是：开展爱国卫生运动（超期3个工作日，爱卫办）。");
    expect(out).toContain("请医政医管处、基层卫生处、体改处加快推进超期未办结任务");
  });

  it("says nothing is overdue when every open task is within its deadline", () => {
    const out = text(narrate({ tasks: [task("甲"), task("乙", { status: "closed" })] }));
    expect(out).toContain("无超期未办结任务");
    expect(out).not.toContain("超期未办结的任务是");
  });

  it("says all tasks are closed", () => {
    const out = text(
      narrate({ tasks: [task("甲", { status: "closed" }), task("乙", { status: "assessed" })] }),
    );
    expect(out).toContain("纳入督办的2项重点任务中，已全部办结。");
  });

  it("shortens a long task to its opening words", () => {
    const long = "加强" + "基层医疗卫生服务能力".repeat(8);
    const out = text(narrate({ tasks: [task(long, { overdueDays: 1 })] }));
    expect(out).toContain(`${long.slice(0, 40)}……（`);
  });
});

describe("writeNarrative: ranking", () => {
  const units = (scores: [string, number, number][]) =>
    scores.map(([unit, score, rank]) => ({ unit, score, rank }));

  it("names the top three and the last three", () => {
    const out = text(
      narrate({
        units: units([
          ["甲县", 95.5, 1],
          ["乙县", 93, 2],
          ["丙区", 90, 3],
          ["丁县", 88, 4],
          ["戊县", 85, 5],
          ["己区", 80, 6],
          ["庚县", 79.25, 7],
        ]),
      }),
    );
    expect(out).toContain("三、综合考评情况");
    expect(out).toContain(
      "参加考评的7个单位中，综合得分前三位的是：甲县（95.5分）、乙县（93分）、丙区（90分）；排名后三位的是：戊县（85分）、己区（80分）、庚县（79.25分）。",
    );
    expect(out).toContain("四、下一步工作要求");
  });

  it("keeps ties in the top three", () => {
    const out = text(
      narrate({
        units: units([
          ["甲", 90, 1],
          ["乙", 88, 2],
          ["丙", 85, 3],
          ["丁", 85, 3],
          ["戊", 70, 5],
        ]),
      }),
    );
    expect(out).toContain(
      "前三位（含并列）的是：甲（90分）、乙（88分）、丙（85分）、丁（85分）；其余单位依次为：戊（70分）。",
    );
  });

  it("lists every unit when there are at most three, and drops the section with none", () => {
    expect(
      text(
        narrate({
          units: units([
            ["乙", 80, 2],
            ["甲", 90, 1],
          ]),
        }),
      ),
    ).toContain("参加考评的2个单位综合得分依次为：甲（90分）、乙（80分）。");
    const none = text(narrate({}));
    expect(none).not.toContain("综合考评");
    expect(none).toContain("三、下一步工作要求");
  });
});

describe("formatTarget", () => {
  it("writes an absolute change of a percentage in 个百分点 and a relative one in %", () => {
    expect(formatTarget({ comparator: "increase_by", value: 2, unit: "%" })).toBe("提高2个百分点");
    expect(formatTarget({ comparator: "increase_by", value: 10, unit: "%", relative: true })).toBe("提高10%");
    expect(formatTarget({ comparator: "decrease_by", value: 3, unit: "/10万" })).toBe("降低3/10万");
    expect(formatTarget({ comparator: "<", value: 0.35, unit: "‰" })).toBe("低于0.35‰");
    expect(formatTarget({ comparator: ">=", value: 1 / 3, unit: "人" })).toBe("不低于0.33人");
  });
});

describe("parseBulletinInput", () => {
  it("rejects a bad period and a negative overdue count", () => {
    expect(() => narrate({ periodId: "2024Q5" })).toThrow();
    expect(() => narrate({ tasks: [task("甲", { overdueDays: -1 })] })).toThrow();
  });
});

describe("writeNarrative: reporting and the title", () => {
  it("states completeness and timeliness of reporting when given, after the targets", () => {
    const blocks = narrate({
      targets: [target("家庭医生签约率", "achieved")],
      reporting: { expected: 8, received: 7, onTime: 5 },
    });
    expect(text(blocks)).toContain(
      "数据报送方面，本期应报送8个单位，已报送7个，其中按时报送5个，报送率87.5%，及时率62.5%。",
    );
    const at = blocks.findIndex((b) => b.text.startsWith("数据报送方面"));
    expect(blocks.findIndex((b) => b.text === "二、重点任务推进情况")).toBeGreaterThan(at);
    expect(text(narrate({ reporting: { expected: 0, received: 0, onTime: 0 } }))).not.toContain("数据报送");
    expect(text(narrate({}))).not.toContain("数据报送");
  });
  it("takes a title worded by the caller, else words its own", () => {
    const base = {
      planTitle: "2024年全市卫生健康工作要点",
      issuer: "某市卫生健康委员会",
      periodId: "2024Q3",
    };
    const generatedAt = "2024-10-15T02:00:00Z";
    expect(bulletinTitle(parseBulletinInput({ ...base, generatedAt }))).toBe(
      "关于2024年第三季度《2024年全市卫生健康工作要点》落实情况的通报",
    );
    const title = "某市卫生健康委关于2024年第三季度重点工作目标完成情况的通报";
    expect(bulletinTitle(parseBulletinInput({ ...base, generatedAt, title }))).toBe(title);
  });
});
