// Template detection when the tables are cut off, stripped or images (issue 10): the template's
// structure marks a template report, never free text; the cited notice, the 2021-only parts of
// 总体情况 or the year say which template. Texts written for these tests.
import { describe, expect, it } from "vitest";
import { parseReport } from "../loaders/parse-report.ts";
import { detectTemplate } from "../loaders/detect-template.ts";

const parseText = (text: string) => parseReport("inline.txt", new TextEncoder().encode(text));

describe("template reports without table labels", () => {
  it("a report whose tables were stripped: section headings and the cited 2021 notice", () => {
    const r = parseText([
      "青石县石岭镇2021年政府信息公开工作年度报告",
      "本报告依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。",
      "一、总体情况", "（一）主动公开方面。全年在镇政府网站公开信息85条。",
      "二、主动公开政府信息的情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况", "更新不够及时。", "石岭镇人民政府", "2022年1月20日",
    ].join("\n"));
    expect(r.template).toBe("template-2021");
    expect(r.warnings.join()).toMatch(/所引用的通知文号判断为2021年模板/);
    expect(r.checks.filter((c) => /^t[234]_present$/.test(c.rule)).map((c) => c.status)).toEqual(["fail", "fail", "fail"]);
  });

  it("a cut-off page: only the preamble's list of the template's parts, the year says 2021", () => {
    const text = "石岭镇2022年政府信息公开工作年度报告\n全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况以及其他需要报告的事项组成。\n一、总体情况\n（一）主动公开方面。2022年主动公开政府信息60余条";
    const r = parseText(text);
    expect(r.template).toBe("template-2021");
    expect(r.warnings.join()).toMatch(/报告年度判断为2021年模板/);
    expect(detectTemplate(text, 2020).template).toBe("template-2019");
    expect(detectTemplate(text, null).template).toBe("unknown");
  });

  it("the five parts of the 2021 总体情况 (政府信息管理, 平台建设, 监督保障), with no other sign", () => {
    const text = ["一、总体情况", "（一）主动公开情况。公开各类信息40条。", "（二）依申请公开情况。未收到申请。",
      "（三）政府信息管理情况。落实审核制度。", "（四）政府信息公开平台建设情况。维护公开栏。", "（五）监督保障情况。纳入考核。"].join("\n");
    expect(detectTemplate(text, 2019)).toMatchObject({ template: "template-2021", decidedBy: "sections" });
  });

  it("a cited notice with characters lost (〔202130号) or a space (〔2021〕30 号)", () => {
    expect(detectTemplate("按照国办公开办函〔202130号要求，现将本镇2022年度报告公布如下。", 2022)).toMatchObject({ template: "template-2021", decidedBy: "notice" });
    expect(detectTemplate("按照国办公开办函〔2019〕60 号要求编制。", 2021)).toMatchObject({ template: "template-2019", decidedBy: "notice" });
  });

  it("table 二's block label cut off at the end of a page (第二十条第( …)", () => {
    expect(detectTemplate("一、总体情况\n公开信息30条。\n二、主动公开政府信息情况\n第二十条第(", 2020).template).toBe("template-2019");
  });

  it("stays free text when the report's own section on applications is the old one, even if the preamble lists the template's parts", () => {
    const text = ["本报告包括：总体情况；主动公开政府信息情况；收到和处理政府信息公开申请的情况；其他需要报告的事项。",
      "一、总体情况", "二、主动公开政府信息情况", "全年公开信息12条。", "三、政府信息依申请公开办理情况", "未收到申请。"].join("\n");
    expect(detectTemplate(text, 2019).template).toBe("free-text-2008");
  });

  it("labels decide over everything else (a 2021 report printing the 2019 table)", () => {
    expect(detectTemplate("国办公开办函〔2021〕30号\n本年新制作数量 本年新公开数量 对外公开总数量", 2022)).toMatchObject({ template: "template-2019", decidedBy: "labels" });
  });
});
