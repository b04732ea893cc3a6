/**
 * Hostile files through the upload route, on each engine: each is answered 413/415/422 with the JSON
 * error shape, nothing is stored, and the server stays healthy; a real PDF and .docx still import.
 */
import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocx, buildPdf } from "../../src/extract/read/fixtures.js";
import { enginesToRun } from "../db/engines.js";
import { errorOf, multipartFile, startApi, type Api } from "../server/harness.js";

const seed = Number(process.env.FUZZ_SEED ?? 6_2026);
const seedDir = new URL("../../../shared/seeds/", import.meta.url);
const seedText = readFileSync(
  new URL(
    readdirSync(seedDir)
      .filter((f) => f.endsWith(".txt"))
      .sort()[0] ?? "",
    seedDir,
  ),
  "utf8",
);
const lines = seedText
  .split("\n")
  .filter((l) => l.trim() !== "")
  .slice(0, 30);

function hostileFiles(): Array<[string, Uint8Array]> {
  const docx = buildDocx(lines);
  const bomb = zipSync({
    "word/document.xml": strToU8(
      `<w:document><w:body>${"<w:p><w:r><w:t>一</w:t></w:r></w:p>".repeat(600_000)}</w:body></w:document>`,
    ),
  });
  const lying = bomb.slice();
  const view = new DataView(lying.buffer);
  for (let i = 0; i + 46 <= lying.length; i++) {
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 0xfffffff0, true);
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
  }
  const pdf = Buffer.from(buildPdf([[{ text: "2025年卫生健康工作要点", x: 50, y: 800 }]])).toString("latin1");
  return [
    ["截断.docx", docx.subarray(0, Math.floor(docx.length / 2))],
    ["炸弹.docx", lying],
    [
      "嵌套.docx",
      buildDocx([], {
        "word/document.xml": `<w:document><w:body>${"<w:sdt>".repeat(50_000)}</w:body></w:document>`,
      }),
    ],
    [
      "坏.pdf",
      Buffer.from(
        pdf.replace(/xref[\s\S]*?trailer/, "trailer").replace(/\/Root \d+ 0 R/, "/Root 99 0 R"),
        "latin1",
      ),
    ],
    ["截断.pdf", Buffer.from(pdf.slice(0, 200), "latin1")],
    ["深.html", new TextEncoder().encode(`${"<div>".repeat(60_000)}2025年工作要点`)],
    ["程序.txt", Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1")],
    ["空.txt", new Uint8Array([0x20, 0x0a])],
    ["表格.docx", zipSync({ "xl/workbook.xml": strToU8("<workbook/>") })],
  ];
}

describe.each(enginesToRun())("hostile uploads through the API ($name)", (engine) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(engine);
  });
  afterAll(async () => api.close());

  const documents = async () =>
    Number(
      (
        await api.handle.db
          .selectFrom("documents")
          .select((e) => e.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const upload = (name: string, bytes: Uint8Array) => {
    const { body, headers } = multipartFile(name, bytes);
    return api.as.planner.call("POST", "/api/plans", body, headers);
  };

  it("answers broken, bombed and disguised files with a JSON 4xx, storing nothing", async () => {
    const before = await documents();
    for (const [name, bytes] of hostileFiles()) {
      const res = await upload(name, bytes);
      expect([413, 415, 422], `${name}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      const error = errorOf(res);
      expect(error.code).toMatch(/^[A-Z_]+$/);
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body).not.toMatch(/at .*\.(js|ts):\d+/);
      expect((await api.as.viewer.call("GET", "/api/health")).statusCode).toBe(200);
    }
    expect(await documents()).toBe(before);
  }, 120_000);

  it("answers random bytes under any name with a JSON 4xx, or imports what decodes as text", async () => {
    const before = await documents();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.constantFrom("x.txt", "x.html", "x.docx", "x.pdf", "x.exe", "x"),
        async (bytes, name) => {
          const res = await upload(name, bytes);
          // A few bytes that decode as text are a (planless) text document: stored like any other.
          if (res.statusCode === 201 && /\.(txt|html)$/.test(name)) {
            accepted++;
            return;
          }
          expect([413, 415, 422], `${name}: ${res.body}`).toContain(res.statusCode);
          expect(errorOf(res).code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { seed, numRuns: 15 },
    );
    expect(await documents()).toBe(before + accepted);
    expect((await api.as.viewer.call("GET", "/api/health")).statusCode).toBe(200);
  }, 120_000);

  it("still imports a real .docx and a real PDF", async () => {
    const docx = await upload("要点.docx", buildDocx(lines));
    expect(docx.statusCode, docx.body).toBe(201);
    const pdf = await upload(
      "要点.pdf",
      buildPdf([lines.slice(0, 12).map((text, i) => ({ text: text.slice(0, 40), x: 50, y: 800 - i * 30 }))]),
    );
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json<{ plans: unknown[] }>().plans.length).toBeGreaterThan(0);
  }, 60_000);
});
