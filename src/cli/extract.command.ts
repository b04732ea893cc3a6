/**
 * `mubiao extract FILE...`: read each document (txt, html, docx, pdf), extract its plans and print them as
 * an outline, as JSON (--json) or as the targets list the shared scorer reads (--targets-json). A bad file
 * is reported on one line and skipped; the exit code is then 2.
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { extractDocument, type ExtractedDocument } from "../extract/index.js";
import { DocumentError, MAX_DOCUMENT_BYTES, readDocument } from "../extract/read/index.js";
import { EXIT, type Command } from "./command.js";
import { fail, wantsColor, type CliIo } from "./io.js";
import { colorStyle, formatPlan, plainStyle } from "./outline.js";
import { progressBar } from "./progress.js";

const USAGE = `usage: mubiao extract [--json | --targets-json] FILE...

Reads work plan documents (.txt in UTF-8/UTF-16/GBK/Big5, .html, .docx, .pdf) and prints the plans found:
  (default)       a readable outline: sections, tasks [牵头][配合][时限], targets ◎ and actuals ●
  --json          the structured plans per file: [{file, plans, dropped}]
  --targets-json  targets and actuals per document: [{doc, items: [{kind, metric, comparator, value,
                  unit, deadline, quote}]}], the input of ../shared/eval/score-targets.mjs
  -h, --help      show this help

Exit code 0 when every file was read, 2 when a file could not be read (the others are still printed),
1 when the extractor itself failed on a file.
`;

interface Extracted {
  file: string;
  format: string;
  encoding: string | undefined;
  doc: ExtractedDocument;
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: "文件不存在 (no such file)",
  EISDIR: "是目录而不是文件 (is a directory)",
  EACCES: "没有读取权限 (permission denied)",
  EPERM: "没有读取权限 (permission denied)",
};

/** A failure in words for the user: the document's problem, the file system's, or a bug of ours. */
function describeFailure(error: unknown): { message: string; bug: boolean } {
  if (error instanceof DocumentError) return { message: error.message, bug: false };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const syscall = (error as NodeJS.ErrnoException | null)?.syscall;
  if (typeof code === "string" && (syscall !== undefined || code in FILE_PROBLEMS)) {
    return { message: FILE_PROBLEMS[code] ?? `无法读取 (cannot read: ${code})`, bug: false };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `提取失败，请报告此问题 (internal error: ${detail})`, bug: true };
}

async function readOne(file: string): Promise<Extracted> {
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
  // Checked before reading, so a huge file is never loaded.
  if (info.size > MAX_DOCUMENT_BYTES) {
    throw new DocumentError("too_large", `${info.size} bytes, the limit is ${MAX_DOCUMENT_BYTES}`);
  }
  const bytes = new Uint8Array(await readFile(file));
  const read = await readDocument(bytes, file);
  return { file, format: read.format, encoding: read.encoding, doc: extractDocument(read.text) };
}

function targetsJson(results: Extracted[]): unknown {
  return results.map((r) => ({
    doc: basename(r.file),
    items: r.doc.plans
      .flatMap((p) => [...p.targets, ...p.actuals])
      .map((q) => ({
        kind: q.kind,
        metric: q.metric,
        comparator: q.comparator,
        value: q.value,
        unit: q.unit,
        deadline: q.deadline,
        quote: q.quote,
      })),
  }));
}

function outline(result: Extracted, io: CliIo): string {
  const style = wantsColor(io.stdout, io.env) ? colorStyle : plainStyle;
  const source = [result.format, result.encoding].filter(Boolean).join(", ");
  const header = style.dim(`== ${result.file} (${source})`);
  if (result.doc.plans.length === 0) return `${header}\n  (未识别出工作计划 no plan found)\n`;
  return `${header}\n${result.doc.plans.map((p) => formatPlan(p, style)).join("\n\n")}\n`;
}

type Mode = "outline" | "json" | "targets";

function parse(args: string[]): { mode: Mode; files: string[]; help: boolean } | string {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: "boolean" },
        "targets-json": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.json && values["targets-json"])
      return "--json 与 --targets-json 只能选一个 (choose one output)";
    const mode: Mode = values.json ? "json" : values["targets-json"] ? "targets" : "outline";
    return { mode, files: positionals, help: values.help === true };
  } catch (error) {
    return `参数错误 (${error instanceof Error ? error.message : String(error)})`;
  }
}

export const extractCommand: Command = {
  summary: "提取工作计划 — read documents and print their plans, tasks and targets",
  usage: USAGE,
  async run(args, io) {
    const parsed = parse(args);
    if (typeof parsed === "string") {
      fail(io, `extract: ${parsed}`);
      io.stderr.write(USAGE);
      return EXIT.usage;
    }
    if (parsed.help) {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (parsed.files.length === 0) {
      fail(io, "extract: 请指定文件 (no FILE given)");
      io.stderr.write(USAGE);
      return EXIT.usage;
    }
    const progress = progressBar(io.stderr, parsed.files.length);
    const results: Extracted[] = [];
    let failed = 0;
    let bugs = 0;
    for (const file of parsed.files) {
      progress.tick(basename(file));
      try {
        const result = await readOne(file);
        results.push(result);
        if (parsed.mode === "outline") {
          progress.done();
          io.stdout.write(`${outline(result, io)}\n`);
        }
      } catch (error) {
        const { message, bug } = describeFailure(error);
        failed++;
        if (bug) bugs++;
        progress.done();
        fail(io, `文件 ${file}: ${message}`);
      }
    }
    progress.done();
    if (parsed.mode === "json") {
      const plans = results.map((r) => ({ file: r.file, plans: r.doc.plans, dropped: r.doc.dropped }));
      io.stdout.write(`${JSON.stringify(plans, null, 1)}\n`);
    } else if (parsed.mode === "targets") {
      io.stdout.write(`${JSON.stringify(targetsJson(results), null, 1)}\n`);
    }
    return bugs > 0 ? EXIT.failure : failed > 0 ? EXIT.usage : EXIT.ok;
  },
};
