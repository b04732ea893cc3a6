import { describe, expect, it } from "vitest";
import { splitClauses } from "./clauses.js";

const texts = (body: string) => splitClauses(body).map((c) => body.slice(c.start, c.end));

describe("splitClauses", () => {
  it("keeps a paragraph without enumeration whole", () => {
    expect(texts("推进健康城市建设。开展健康城市评价。")).toEqual(["推进健康城市建设。开展健康城市评价。"]);
  });

  it("splits 一是/二是 clauses, dropping their markers and marking the title before them", () => {
    const body = "全力抓好医改。一是推动公立医院高质量发展。二是推进医共体提质升级。";
    expect(texts(body)).toEqual(["全力抓好医改。", "推动公立医院高质量发展。", "推进医共体提质升级。"]);
    expect(splitClauses(body).map((c) => c.lead)).toEqual([true, false, false]);
  });

  it("needs a clause break before 一是 and counts without gaps", () => {
    expect(texts("统一是前提,推进建设。")).toEqual(["统一是前提,推进建设。"]);
    expect(texts("一是加强监测。三是完善制度。")).toEqual(["加强监测。三是完善制度。"]);
  });

  it("continues a count that a line starts with and restarts at 一是", () => {
    expect(texts("二是做好托育服务。三是巩固妇幼服务。")).toEqual(["做好托育服务。", "巩固妇幼服务。"]);
    expect(texts("一是加强应急。二是强化防控。医疗方面。一是规范行为。")).toEqual([
      "加强应急。",
      "强化防控。医疗方面。",
      "规范行为。",
    ]);
  });

  it("splits numbered items run together, even when the excerpt starts mid-count", () => {
    expect(texts("承诺书1.认真履行依法行政。2.认真办理代表建议。")).toEqual([
      "承诺书",
      "认真履行依法行政。",
      "认真办理代表建议。",
    ]);
    expect(texts("项目建设。5.办好十件民生实事。6.深化公立医院改革工作。")).toEqual([
      "项目建设。",
      "办好十件民生实事。",
      "深化公立医院改革工作。",
    ]);
    expect(texts("占比分别为1.5%、2.5%和3.5%。")).toEqual(["占比分别为1.5%、2.5%和3.5%。"]);
  });

  it("splits circled items run together", () => {
    expect(texts("加强慢病管理:①开展高血压筛查;②推进糖尿病规范管理。")).toEqual([
      "加强慢病管理:",
      "开展高血压筛查;",
      "推进糖尿病规范管理。",
    ]);
  });

  it("ends a task at a unit parenthesis followed by more work, each with its own units", () => {
    const clauses = splitClauses("推进农村厕所革命。(农业农村部负责)做好客运站环境卫生。(交通运输部负责)");
    expect(clauses.map((c) => c.units?.leadUnits)).toEqual([["农业农村部"], ["交通运输部"]]);
  });

  it("keeps a closing unit parenthesis with its task", () => {
    const body = "开展爱国卫生月活动。(全国爱卫办牵头,有关成员单位参与)";
    expect(texts(body)).toEqual([body]);
  });
});
