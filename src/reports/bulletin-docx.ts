/**
 * The bulletin (通报) as a Word document in official-document layout (公文格式, after GB/T 9704): A4 with the
 * standard margins, the title in 方正小标宋 22pt centred, a 文号 placeholder over a red rule, first-level
 * headings in 黑体 and second-level in 楷体, body in 仿宋_GB2312 三号 (16pt) with a two-character first-line
 * indent and an exact 28pt line pitch, the issuer and date at the foot, then the attachments: the targets
 * with their status (coloured), the overdue tasks and the ranking. The attainment chart is a PNG drawn here.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from "docx";
import { ATTAINMENT_LABELS } from "../domain/attainment/index.js";
import {
  attainmentCounts,
  bulletinTitle,
  formatChineseDate,
  formatLatest,
  formatTarget,
  isTaskOverdue,
  parseBulletinInput,
  signingDate,
  writeNarrative,
  type BulletinInput,
  type BulletinInputData,
  type NarrativeBlock,
} from "../domain/bulletin/index.js";
import { attainmentChartCaption, attainmentChartPng, CHART_SIZE } from "./chart.js";
import { STATUS_COLORS } from "./status-style.js";

export const DOCX_FONTS = {
  title: "方正小标宋简体",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  body: "仿宋_GB2312",
  /** Latin letters and digits in body text. */
  latin: "Times New Roman",
} as const;

/** Sizes in half-points, as Word stores them: 二号 22pt, 三号 16pt, 小四 12pt, 四号 14pt. */
const SIZE = { title: 44, body: 32, table: 24, footer: 28 } as const;
/** Twips (1/20 pt). */
const LINE_PITCH = 560; // exact 28pt
const FIRST_LINE_INDENT = 2 * 16 * 20; // two 三号 characters
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 } as const;
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** U+3000, the full-width space official documents pad with. */
const IDEOGRAPHIC_SPACE = "\u3000";

const font = (eastAsia: string) => ({ eastAsia, ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin });
const run = (text: string, face: string, size: number, extra: Partial<IRunOptions> = {}): TextRun =>
  new TextRun({ text, font: font(face), size, ...extra });

const bodySpacing = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function blockParagraph(block: NarrativeBlock): Paragraph {
  const face =
    block.kind === "h1" ? DOCX_FONTS.heading1 : block.kind === "h2" ? DOCX_FONTS.heading2 : DOCX_FONTS.body;
  return new Paragraph({
    children: [run(block.text, face, SIZE.body)],
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: bodySpacing,
    alignment: AlignmentType.JUSTIFIED,
  });
}

const bodyParagraph = (
  text: string,
  extra: { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) => new Paragraph({ children: [run(text, DOCX_FONTS.body, SIZE.body)], spacing: bodySpacing, ...extra });

function cell(
  text: string,
  width: number,
  opts: { header?: boolean; fill?: string; color?: string; center?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    ...(opts.fill ? { shading: { type: ShadingType.CLEAR, fill: opts.fill, color: "auto" } } : {}),
    children: [
      new Paragraph({
        alignment: opts.center || opts.header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [
          run(text, opts.header ? DOCX_FONTS.heading1 : DOCX_FONTS.body, SIZE.table, {
            ...(opts.color ? { color: opts.color, bold: true } : {}),
          }),
        ],
      }),
    ],
  });
}

function table(headers: string[], widths: number[], rows: TableCell[][]): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const scaled = widths.map((w) => Math.floor((w / total) * CONTENT_WIDTH));
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: scaled,
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, i) => cell(h, scaled[i]!, { header: true, fill: "F2F2F2" })),
      }),
      ...rows.map((children) => new TableRow({ cantSplit: true, children })),
    ],
  });
}

/** Column widths are relative; `table` scales them to the text width. */
function targetsTable(input: BulletinInput): Table {
  const w = [6, 30, 16, 22, 12, 14];
  return table(
    ["序号", "指标", "目标值", "最新值", "状态", "责任单位"],
    w,
    input.targets.map((t, i) => [
      cell(String(i + 1), w[0]!, { center: true }),
      cell(t.metric, w[1]!),
      cell(formatTarget(t), w[2]!),
      cell(formatLatest(t), w[3]!),
      cell(ATTAINMENT_LABELS[t.status], w[4]!, {
        center: true,
        fill: STATUS_COLORS[t.status].fill,
        color: STATUS_COLORS[t.status].strong,
      }),
      cell(t.responsibleUnit || "—", w[5]!),
    ]),
  );
}

function overdueTable(input: BulletinInput): Table {
  const w = [6, 46, 20, 16, 12];
  const overdue = input.tasks.filter(isTaskOverdue).sort((a, b) => b.overdueDays - a.overdueDays);
  return table(
    ["序号", "任务", "牵头单位", "办理时限", "超期工作日"],
    w,
    overdue.map((t, i) => [
      cell(String(i + 1), w[0]!, { center: true }),
      cell(t.text, w[1]!),
      cell(t.leadUnits.join("、") || "—", w[2]!),
      cell(formatChineseDate(t.deadline), w[3]!, { center: true }),
      cell(String(t.overdueDays), w[4]!, { center: true, color: STATUS_COLORS.off_track.strong }),
    ]),
  );
}

function rankingTable(input: BulletinInput): Table {
  const w = [10, 60, 30];
  const sorted = [...input.units].sort((a, b) => a.rank - b.rank || b.score - a.score);
  return table(
    ["排名", "单位", "综合得分"],
    w,
    sorted.map((u) => [
      cell(String(u.rank), w[0]!, { center: true }),
      cell(u.unit, w[1]!),
      cell(String(Math.round(u.score * 100) / 100), w[2]!, { center: true }),
    ]),
  );
}

function attachment(number: number, title: string, body: Table | Paragraph): (Paragraph | Table)[] {
  return [
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ children: [run(`附件${number}`, DOCX_FONTS.heading1, SIZE.body)], spacing: bodySpacing }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [run(title, DOCX_FONTS.title, SIZE.title)],
    }),
    body,
  ];
}

function chart(input: BulletinInput): Paragraph[] {
  const png = attainmentChartPng(attainmentCounts(input.targets));
  const width = 480; // points on the page; the bitmap keeps its aspect ratio
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: "png",
          data: png,
          transformation: { width, height: Math.round((width * CHART_SIZE.height) / CHART_SIZE.width) },
          altText: { name: "chart", title: "指标完成情况", description: "各状态指标数量柱状图" },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run(attainmentChartCaption(ATTAINMENT_LABELS), DOCX_FONTS.heading2, SIZE.table)],
    }),
  ];
}

export async function renderBulletinDocx(data: BulletinInputData | BulletinInput): Promise<Buffer> {
  const input = parseBulletinInput(data);
  const blocks = writeNarrative(input);
  const date = signingDate(input.generatedAt);

  const body: (Paragraph | Table)[] = [];
  // The chart goes right after the summary sentence of the targets section.
  const summaryIndex = blocks.findIndex((b, i) => i > 0 && blocks[i - 1]!.kind === "h1");
  blocks.forEach((b, i) => {
    body.push(blockParagraph(b));
    if (i === summaryIndex && input.targets.length > 0) body.push(...chart(input));
  });

  const attachments: { title: string; body: Table | Paragraph }[] = [];
  if (input.targets.length > 0) attachments.push({ title: "主要指标完成情况表", body: targetsTable(input) });
  if (input.tasks.some(isTaskOverdue))
    attachments.push({ title: "超期未办结任务清单", body: overdueTable(input) });
  if (input.units.length > 0) attachments.push({ title: "综合考评得分排名", body: rankingTable(input) });

  const doc = new Document({
    creator: input.issuer,
    title: bulletinTitle(input),
    styles: { default: { document: { run: { font: font(DOCX_FONTS.body), size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ["— ", PageNumber.CURRENT, " —"],
                    font: font("宋体"),
                    size: SIZE.footer,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 0, after: 0, line: 700, lineRule: LineRuleType.EXACT },
            border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: "C00000", space: 6 } },
            children: [
              run(`〔${date.slice(0, 4)}〕${IDEOGRAPHIC_SPACE.repeat(2)}号`, DOCX_FONTS.body, SIZE.body),
            ],
          }),
          new Paragraph({ spacing: bodySpacing, children: [] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE_PITCH },
            children: [run(bulletinTitle(input), DOCX_FONTS.title, SIZE.title)],
          }),
          ...body,
          ...(attachments.length > 0
            ? [
                new Paragraph({ spacing: bodySpacing, children: [] }),
                ...attachments.map((a, i) =>
                  blockParagraph({
                    kind: "p",
                    text: `${i === 0 ? "附件：" : IDEOGRAPHIC_SPACE.repeat(3)}${i + 1}.${a.title}`,
                  }),
                ),
              ]
            : []),
          new Paragraph({ spacing: bodySpacing, children: [] }),
          bodyParagraph(input.issuer, { alignment: AlignmentType.RIGHT }),
          bodyParagraph(formatChineseDate(date), { alignment: AlignmentType.RIGHT }),
          ...attachments.flatMap((a, i) => attachment(i + 1, a.title, a.body)),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
