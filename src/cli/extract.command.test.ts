import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { buildDocx, buildPdf } from "../extract/read/fixtures.js";
import { main } from "./main.js";
import { captureIo } from "./testing.js";

const shared = new URL("../../../shared/", import.meta.url).pathname;
const seeds = readdirSync(join(shared, "seeds"))
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => join(shared, "seeds", f));
const seed001 = seeds.find((f) => f.includes("001_")) ?? "";

const tmp = mkdtempSync(join(tmpdir(), "mubiao-cli-"));
const write = (name: string, bytes: Uint8Array | string): string => {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
};

const plan = [
  "某市卫生健康委员会",
  "2024年全市卫生健康工作要点",
  "一、主要目标",
  "到2024年底，居民健康素养水平达到30%以上，孕产妇死亡率控制在10/10万以下。",
  "二、重点任务",
  "(一)深化医药卫生体制改革。推进紧密型县域医共体建设。（牵头单位：医政医管科；配合单位：财务科；完成时限：2024年12月底）",
].join("\n");

describe("mubiao extract", () => {
  it("prints an outline per file and exits 0", async () => {
    const io = captureIo();
    expect(await main(["extract", seed001, write("plan.txt", plan)], io)).toBe(0);
    expect(io.err()).toBe("");
    expect(io.out()).toContain(`== ${seed001} (txt, utf-8)`);
    expect(io.out()).toMatch(/^\s+◎ .+ (≥|=|≤|<|>|≈|提高|降低) [\d.]+/m);
    expect(io.out()).toContain("节 sections");
    // No colour when stdout is not a terminal.
    expect(io.out()).not.toContain("\x1b[");
  });

  it("colours the outline only on a terminal, and not under NO_COLOR", async () => {
    const tty = captureIo({ tty: true });
    await main(["extract", seed001], tty);
    expect(tty.out()).toContain("\x1b[");
    const noColor = captureIo({ tty: true, env: { NO_COLOR: "1" } });
    await main(["extract", seed001], noColor);
    expect(noColor.out()).not.toContain("\x1b[");
  });

  it("reads GBK text, docx and pdf files", async () => {
    const files = [
      write("gbk.txt", iconv.encode(plan, "gbk")),
      write("plan.docx", buildDocx(plan.split("\n"))),
      write("plan.pdf", buildPdf([plan.split("\n").map((text, i) => ({ text, x: 40, y: 800 - 20 * i }))])),
    ];
    const io = captureIo();
    expect(await main(["extract", "--json", ...files], io)).toBe(0);
    const out = JSON.parse(io.out()) as Array<{ file: string; plans: Array<{ year: number | null }> }>;
    expect(out.map((r) => r.file)).toEqual(files);
    for (const r of out) expect(r.plans.map((p) => p.year)).toContain(2024);
  });

  it("reports each bad file in one line, still prints the good ones, and exits 2", async () => {
    const badDocx = write("x.docx", "this is not a zip");
    const empty = write("empty.txt", "");
    const missing = join(tmp, "missing.txt");
    const dir = join(tmp, "a-directory");
    mkdirSync(dir, { recursive: true });
    const io = captureIo();
    const code = await main(["extract", badDocx, seed001, empty, missing, dir], io);
    expect(code).toBe(2);
    expect(io.err().split("\n")).toEqual([
      `mubiao: 文件 ${badDocx}: 不是有效的 Word 文档 (corrupt docx: not a zip archive)`,
      `mubiao: 文件 ${empty}: 文件为空 (empty file)`,
      `mubiao: 文件 ${missing}: 文件不存在 (no such file)`,
      `mubiao: 文件 ${dir}: 是目录而不是文件 (is a directory)`,
      "",
    ]);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.out()).toContain(`== ${seed001}`);
  });

  it("keeps --json valid when a file fails", async () => {
    const io = captureIo();
    expect(await main(["extract", "--json", seed001, join(tmp, "nope.pdf")], io)).toBe(2);
    const out = JSON.parse(io.out()) as Array<{ file: string; plans: unknown[]; dropped: unknown[] }>;
    expect(out).toHaveLength(1);
    expect(Object.keys(out[0] ?? {})).toEqual(["file", "plans", "dropped"]);
  });

  it("writes --targets-json that the shared scorer accepts", async () => {
    const io = captureIo();
    expect(await main(["extract", "--targets-json", ...seeds], io)).toBe(0);
    const out = JSON.parse(io.out()) as Array<{ doc: string; items: Array<Record<string, unknown>> }>;
    expect(out.map((d) => d.doc)).toEqual(seeds.map((f) => f.split("/").pop()));
    const items = out.flatMap((d) => d.items);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(Object.keys(item)).toEqual([
        "kind",
        "metric",
        "comparator",
        "value",
        "unit",
        "deadline",
        "quote",
      ]);
    }
    const pred = write("targets.json", io.out());
    const scored = JSON.parse(
      execFileSync("node", [join(shared, "eval/score-targets.mjs"), join(shared, "gold"), pred, "--json"], {
        encoding: "utf8",
      }),
    ) as { targets: { tp: number; fn: number } };
    expect(scored.targets.tp).toBeGreaterThan(0);
  });

  it("shows a progress bar on a terminal's stderr for several files, and clears it", async () => {
    const io = captureIo({ tty: true });
    await main(["extract", "--targets-json", ...seeds.slice(0, 2)], io);
    expect(io.err()).toContain(`] 2/2 `);
    expect(io.err().endsWith("\r\x1b[K")).toBe(true);
    const piped = captureIo();
    await main(["extract", "--targets-json", ...seeds.slice(0, 2)], piped);
    expect(piped.err()).toBe("");
  });

  it("rejects unknown options and conflicting outputs with exit code 2", async () => {
    const unknown = captureIo();
    expect(await main(["extract", "--xml", seed001], unknown)).toBe(2);
    expect(unknown.err()).toMatch(/^mubiao: extract: 参数错误 \(.*--xml/);
    const both = captureIo();
    expect(await main(["extract", "--json", "--targets-json", seed001], both)).toBe(2);
    const none = captureIo();
    expect(await main(["extract"], none)).toBe(2);
    expect(none.err()).toContain("no FILE given");
  });
});
