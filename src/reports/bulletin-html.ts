/**
 * The bulletin as one self-contained HTML page (styles inline, the chart as a data: URL, no script) that
 * prints on A4 in the official layout, so a browser's "print to PDF" gives the PDF version. Every piece of
 * text from the input is escaped, and a CSP forbids scripts outright, so a plan title or a metric carrying
 * markup renders as text.
 */
import { ATTAINMENT_LABELS } from "../domain/attainment/index.js";
import {
  attainmentCounts,
  bulletinTitle,
  formatChineseDate,
  formatLatest,
  formatNumber,
  formatTarget,
  isTaskOverdue,
  parseBulletinInput,
  signingDate,
  writeNarrative,
  type BulletinInput,
  type BulletinInputData,
  type NarrativeBlock,
} from "../domain/bulletin/index.js";
import { attainmentChartCaption, attainmentChartPng } from "./chart.js";
import { STATUS_COLORS } from "./status-style.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const FONTS = {
  title: `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "SimHei", "黑体", serif`,
  heading1: `"黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif`,
  heading2: `"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", serif`,
  body: `"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", serif`,
};

const statusCss = (Object.keys(STATUS_COLORS) as (keyof typeof STATUS_COLORS)[])
  .map((s) => `.status-${s}{background:#${STATUS_COLORS[s].fill};color:#${STATUS_COLORS[s].strong};}`)
  .join("\n");

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #f0f0f0; font-family: ${FONTS.body}; font-size: 16pt; line-height: 28pt; color: #000; }
.page { width: 210mm; min-height: 297mm; margin: 12px auto; padding: 37mm 26mm 35mm 28mm; background: #fff; }
.docno { text-align: center; border-bottom: 1.5pt solid #c00000; padding-bottom: 6pt; margin-bottom: 28pt; }
h1.title { font-family: ${FONTS.title}; font-size: 22pt; line-height: 35pt; font-weight: normal; text-align: center; margin: 0 0 28pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.h1 { font-family: ${FONTS.heading1}; }
p.h2 { font-family: ${FONTS.heading2}; }
.sign { text-align: right; text-indent: 0; }
.attachments { margin-top: 28pt; }
figure { margin: 8pt 0; text-align: center; }
figure img { width: 150mm; }
figcaption { font-family: ${FONTS.heading2}; font-size: 12pt; line-height: 18pt; }
section.attachment { break-before: page; page-break-before: always; margin-top: 28pt; }
section.attachment h2 { font-family: ${FONTS.heading1}; font-size: 16pt; font-weight: normal; margin: 0; }
section.attachment h3 { font-family: ${FONTS.title}; font-size: 22pt; font-weight: normal; text-align: center; margin: 12pt 0; line-height: 35pt; }
table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 18pt; }
th, td { border: 1px solid #000; padding: 3pt 4pt; }
th { font-family: ${FONTS.heading1}; font-weight: normal; background: #f2f2f2; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.c { text-align: center; white-space: nowrap; }
td.status { text-align: center; font-weight: bold; white-space: nowrap; }
th { white-space: nowrap; }
td.late { color: #${STATUS_COLORS.off_track.strong}; text-align: center; }
${statusCss}
@media print { body { background: none; } .page { width: auto; min-height: 0; margin: 0; padding: 0; } }
`;

const block = (b: NarrativeBlock): string => `<p class="${b.kind}">${escapeHtml(b.text)}</p>`;

function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join("")}</tr>`).join("")}</tbody></table>`;
}
/** A cell from plain text; `cls` is ours, never input. */
const td = (text: string, cls = ""): string => `<td${cls ? ` class="${cls}"` : ""}>${escapeHtml(text)}</td>`;

function targetsTable(input: BulletinInput): string {
  return table(
    ["序号", "指标", "目标值", "最新值", "状态", "责任单位"],
    input.targets.map((t, i) => [
      td(String(i + 1), "c"),
      td(t.metric),
      td(formatTarget(t)),
      td(formatLatest(t)),
      td(ATTAINMENT_LABELS[t.status], `status status-${t.status}`),
      td(t.responsibleUnit || "—"),
    ]),
  );
}

function overdueTable(input: BulletinInput): string {
  const overdue = input.tasks.filter(isTaskOverdue).sort((a, b) => b.overdueDays - a.overdueDays);
  return table(
    ["序号", "任务", "牵头单位", "办理时限", "超期工作日"],
    overdue.map((t, i) => [
      td(String(i + 1), "c"),
      td(t.text),
      td(t.leadUnits.join("、") || "—"),
      td(formatChineseDate(t.deadline), "c"),
      td(String(t.overdueDays), "late"),
    ]),
  );
}

function rankingTable(input: BulletinInput): string {
  const sorted = [...input.units].sort((a, b) => a.rank - b.rank || b.score - a.score);
  return table(
    ["排名", "单位", "综合得分"],
    sorted.map((u) => [td(String(u.rank), "c"), td(u.unit), td(formatNumber(u.score), "c")]),
  );
}

function chart(input: BulletinInput): string {
  const png = attainmentChartPng(attainmentCounts(input.targets)).toString("base64");
  const caption = escapeHtml(attainmentChartCaption(ATTAINMENT_LABELS));
  return `<figure><img alt="各状态指标数量柱状图" src="data:image/png;base64,${png}"><figcaption>${caption}</figcaption></figure>`;
}

export function renderBulletinHtml(data: BulletinInputData | BulletinInput): string {
  const input = parseBulletinInput(data);
  const title = escapeHtml(bulletinTitle(input));
  const date = signingDate(input.generatedAt);
  const blocks = writeNarrative(input);
  const summaryIndex = blocks.findIndex((b, i) => i > 0 && blocks[i - 1]!.kind === "h1");
  const body = blocks
    .map((b, i) => block(b) + (i === summaryIndex && input.targets.length > 0 ? chart(input) : ""))
    .join("\n");

  const attachments: { title: string; html: string }[] = [];
  if (input.targets.length > 0) attachments.push({ title: "主要指标完成情况表", html: targetsTable(input) });
  if (input.tasks.some(isTaskOverdue))
    attachments.push({ title: "超期未办结任务清单", html: overdueTable(input) });
  if (input.units.length > 0) attachments.push({ title: "综合考评得分排名", html: rankingTable(input) });
  const list = attachments
    .map((a, i) => `<p>${i === 0 ? "附件：" : "\u3000\u3000\u3000"}${i + 1}.${escapeHtml(a.title)}</p>`)
    .join("\n");
  const sections = attachments
    .map(
      (a, i) =>
        `<section class="attachment"><h2>附件${i + 1}</h2><h3>${escapeHtml(a.title)}</h3>${a.html}</section>`,
    )
    .join("\n");

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
<main class="page">
<div class="docno">〔${date.slice(0, 4)}〕\u3000\u3000号</div>
<h1 class="title">${title}</h1>
${body}
${list ? `<div class="attachments">${list}</div>` : ""}
<p class="sign" style="margin-top:28pt">${escapeHtml(input.issuer)}</p>
<p class="sign">${formatChineseDate(date)}</p>
${sections}
</main>
</body>
</html>
`;
}
