import { describe, expect, it } from "vitest";
import { findNoiseLines, hasQuantity, isNoiseLine } from "./noise.js";
import { splitLines } from "./lines.js";

describe("isNoiseLine", () => {
  it("drops bread crumbs, whatever the site", () => {
    expect(isNoiseLine("当前位置:某某网>范文>工作计划>卫生工作计划")).toBe(true);
    expect(isNoiseLine("您的位置:首页>政务公开>通知公告")).toBe(true);
    expect(isNoiseLine("首页>新闻>本地")).toBe(true);
    expect(isNoiseLine(">>政务公开>>市卫生健康委>>统计信息")).toBe(true);
  });

  it("drops publish-time, source and editor lines", () => {
    expect(isNoiseLine("发布时间:2023-10-16 18:53浏览次数:信息来源:市卫生健康委")).toBe(true);
    expect(isNoiseLine("来源:县卫生健康局")).toBe(true);
    expect(isNoiseLine("责任编辑:张三")).toBe(true);
    expect(isNoiseLine("2021-05-06 08:00:01 356")).toBe(true);
    expect(isNoiseLine("•2019-01-02 10:00")).toBe(true);
  });

  it("drops contact, copyright and share lines", () => {
    expect(isNoiseLine("联系电话:0731-84822000 邮箱:abc@example.com")).toBe(true);
    expect(isNoiseLine("版权所有:某市卫生健康委员会 湘ICP备12345678号")).toBe(true);
    expect(isNoiseLine("分享到:微信 微博")).toBe(true);
    expect(isNoiseLine("扫一扫在手机打开当前页")).toBe(true);
    expect(isNoiseLine("【打印本页】【关闭窗口】")).toBe(true);
    expect(isNoiseLine("相关热词搜索:卫生工作计划")).toBe(true);
    expect(isNoiseLine("联系客服")).toBe(true);
  });

  it("drops government-site and public-account chrome", () => {
    expect(isNoiseLine("发布日期:2024-03-01")).toBe(true);
    expect(isNoiseLine("来源丨健康中国")).toBe(true);
    expect(isNoiseLine("【字体:大 中 小】")).toBe(true);
    expect(isNoiseLine("主办单位:某市卫生健康委员会 网站标识码:1234000001")).toBe(true);
    expect(isNoiseLine("点击上方蓝字关注我们")).toBe(true);
    expect(isNoiseLine("【打印本页】【关闭窗口】")).toBe(true);
    expect(isNoiseLine("第 3 页 共 12 页")).toBe(true);
    expect(isNoiseLine("首页 上一页 下一页 尾页")).toBe(true);
  });

  it("drops a site's blurb that introduces a copied text", () => {
    expect(isNoiseLine("下面是小编为大家整理的卫生院工作计划,供大家参考。")).toBe(true);
  });

  it("drops lines of separators and prices", () => {
    expect(isNoiseLine("|||")).toBe(true);
    expect(isNoiseLine("¥6.66")).toBe(true);
    expect(isNoiseLine("新闻 | 通知 | 政策 | 解读")).toBe(true);
  });

  it("keeps short heading lines that merely mention a web word", () => {
    expect(isNoiseLine("加强网络舆情评论引导和回应工作")).toBe(false);
    expect(isNoiseLine("规范护士执业注册和电子化注册管理")).toBe(false);
    expect(isNoiseLine("开通微信公众号预约挂号服务,推进智慧医院建设")).toBe(false);
    expect(isNoiseLine("欢迎大家积极参与健康素养促进活动")).toBe(false);
    expect(isNoiseLine("返回首页")).toBe(true);
    expect(isNoiseLine("网友评论")).toBe(true);
  });

  it("keeps plan content: headings, numbered targets, sentences, lone heading numbers", () => {
    expect(isNoiseLine("一、总体要求")).toBe(false);
    expect(isNoiseLine("(三)分享发展成果")).toBe(false);
    expect(isNoiseLine("1.居民健康素养水平达到30%以上。")).toBe(false);
    expect(isNoiseLine("全市居民健康素养水平达40%以上,人均期望寿命达80岁。")).toBe(false);
    expect(isNoiseLine("每年最高省30%")).toBe(false);
    expect(isNoiseLine("1")).toBe(false);
    expect(isNoiseLine("2024年市卫生健康工作要点")).toBe(false);
    expect(isNoiseLine("依托12355热线,为青少年提供心理健康咨询服务。")).toBe(false);
  });
});

describe("hasQuantity", () => {
  it("sees numbers with units, not years or dates", () => {
    expect(hasQuantity("达到95%")).toBe(true);
    expect(hasQuantity("新增床位200张")).toBe(true);
    expect(hasQuantity("2024年工作要点")).toBe(false);
    expect(hasQuantity("2024-01-02 10:00")).toBe(false);
  });
});

describe("findNoiseLines", () => {
  it("drops runs of menu words but keeps a number alone on its line", () => {
    const lines = splitLines(
      "工作总结\n工作计划\n心得体会\n述职报告\n1\n全面实施健康行动。\n内容很长的一段话。",
    );
    expect(findNoiseLines(lines)).toEqual([true, true, true, true, false, false, false]);
  });

  it("drops a printed table of contents up to the document title", () => {
    const lines = splitLines(
      "目录:\n一、工作情况\n1、深化改革\n……\n县卫生局2015年度述职报告\n一、工作情况\n1、深化改革。继续巩固基本药物制度。",
    );
    expect(findNoiseLines(lines)).toEqual([true, true, true, true, false, false, false]);
  });

  it("drops the short links under a footer at the end of a page", () => {
    const body = "全面推进健康城市建设,持续改善城乡环境卫生面貌。".repeat(6);
    const lines = splitLines(
      `${body}\n推荐阅读\n卫生新闻\n某县2023年卫生健康工作总结和2024年工作计划\n健康生活`,
    );
    expect(findNoiseLines(lines)).toEqual([false, true, true, true, true]);
  });
});

describe("table rows", () => {
  it("keeps the rows of a task table, header included, and still drops a menu bar", () => {
    expect(isNoiseLine("序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限")).toBe(false);
    expect(
      isNoiseLine("1 | 推进紧密型县域医共体建设,年底前覆盖所有乡镇 | 市卫健委 | 市医保局 | 2024年12月"),
    ).toBe(false);
    expect(isNoiseLine("首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流")).toBe(true);
  });
});
