/**
 * Fuzzing the upload parsers and the extractor (fast-check, seeded, bounded run counts): random bytes
 * under every extension, bit flips and truncations of a real .docx and PDF built from a seed plan, zip
 * bombs (a lying size, a huge declared size, many entries, deep paths), malformed PDF cross-references,
 * a 5 MB single line and HTML nested 100,000 deep. Each input either reads or throws a DocumentError
 * with a message in both languages — never another exception — and within a generous time per MB (a hang
 * detector, not a speed test). FUZZ_SEED=n replays a run, FUZZ_RUNS=n runs longer.
 */
import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { extractDocument } from "../../src/extract/index.js";
import { buildDocx, buildPdf } from "../../src/extract/read/fixtures.js";
import { DocumentError, readDocument } from "../../src/extract/read/index.js";

const seed = Number(process.env.FUZZ_SEED ?? 6_2026);
const runs = Number(process.env.FUZZ_RUNS ?? 40);
const seedDir = new URL("../../../shared/seeds/", import.meta.url);
const seedTexts = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(new URL(f, seedDir), "utf8"));
const firstLines = (seedTexts[0] ?? "")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .slice(0, 40);

const realDocx = buildDocx(firstLines);
const realPdf = buildPdf([
  firstLines.slice(0, 20).map((text, i) => ({ text: text.slice(0, 40), x: 50, y: 800 - i * 30 })),
]);

/** Seconds allowed per MB of input (at least a few): far above any real reading, short of a hang. */
const budgetMs = (bytes: number) => 5_000 + (bytes / 1_048_576) * 20_000;

type Outcome = { ok: true; text: string } | { ok: false; error: DocumentError };

/** Reads `bytes` and checks the contract: text, or a DocumentError with a clear message, in bounded time. */
async function read(bytes: Uint8Array, fileName: string): Promise<Outcome> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    const { text } = await readDocument(bytes, fileName);
    expect(typeof text).toBe("string");
    expect(text.trim()).not.toBe("");
    outcome = { ok: true, text };
  } catch (error) {
    if (!(error instanceof DocumentError))
      throw new Error(`${fileName}: ${String(error)} is not a DocumentError`, { cause: error });
    // "中文 (english: detail)": both languages, one line.
    expect(error.message).toMatch(/^[^ -~]+.* \(.+\)$/s);
    outcome = { ok: false, error };
  }
  const elapsed = performance.now() - started;
  expect(elapsed, `${fileName} (${bytes.length} bytes) took ${Math.round(elapsed)} ms`).toBeLessThan(
    budgetMs(bytes.length),
  );
  return outcome;
}

/** Flips bits at the given positions (modulo the length). */
function flip(bytes: Uint8Array, flips: Array<{ at: number; bit: number }>): Uint8Array {
  const out = bytes.slice();
  for (const f of flips) out[f.at % out.length] = (out[f.at % out.length] ?? 0) ^ (1 << f.bit);
  return out;
}
const flips = fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), {
  minLength: 1,
  maxLength: 12,
});

/** Sets every zip header's uncompressed size (local 0x04034b50 at +22, central 0x02014b50 at +24). */
function patchUncompressedSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    else if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

const property = { seed, numRuns: runs, endOnFailure: true };

describe("upload parsers under random and mutated input", () => {
  it("reads the unmutated builds (the mutations start from valid files)", async () => {
    expect((await read(realDocx, "要点.docx")).ok).toBe(true);
    expect((await read(realPdf, "要点.pdf")).ok).toBe(true);
  });

  it("random bytes under every extension", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 4096 }),
        fc.constantFrom("a.txt", "a.html", "a.docx", "a.pdf", "a.doc", "a"),
        async (bytes, name) => {
          await read(bytes, name);
        },
      ),
      property,
    );
  }, 120_000);

  it("bit flips and truncations of a real .docx", async () => {
    await fc.assert(
      fc.asyncProperty(flips, fc.option(fc.nat(), { nil: undefined }), async (f, cut) => {
        let bytes = flip(realDocx, f);
        if (cut !== undefined) bytes = bytes.subarray(0, Math.max(1, cut % bytes.length));
        await read(bytes, "要点.docx");
      }),
      property,
    );
  }, 120_000);

  it("bit flips, truncations and broken cross-references of a real PDF", async () => {
    const text = Buffer.from(realPdf).toString("latin1");
    await fc.assert(
      fc.asyncProperty(
        flips,
        fc.option(fc.nat(), { nil: undefined }),
        fc.constantFrom("keep", "startxref", "xref-entries", "no-xref", "trailer"),
        async (f, cut, xref) => {
          let pdf = text;
          if (xref === "startxref")
            pdf = pdf.replace(/startxref\s+\d+/, `startxref\n${(f[0]?.at ?? 7) % 99_999_999}`);
          if (xref === "xref-entries")
            pdf = pdf.replace(/\d{10} 00000 n/g, (m, i: number) => (i % 2 ? "9999999999 00000 n" : m));
          if (xref === "no-xref") pdf = pdf.replace(/xref[\s\S]*?trailer/, "trailer");
          if (xref === "trailer") pdf = pdf.replace(/\/Root \d+ 0 R/, "/Root 999 0 R");
          let bytes: Uint8Array = flip(Buffer.from(pdf, "latin1"), f);
          if (cut !== undefined) bytes = bytes.subarray(0, Math.max(1, cut % bytes.length));
          await read(bytes, "要点.pdf");
        },
      ),
      { ...property, numRuns: Math.max(10, Math.floor(runs / 2)) },
    );
  }, 180_000);

  it("zip bombs: a lying entry size, a huge declared size, many entries, deep paths", async () => {
    // 40 MB of XML that deflates to a few KB, its headers claiming 2 KB.
    const body = `<w:p><w:r><w:t>一</w:t></w:r></w:p>`.repeat(1_200_000);
    const bomb = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8(`<w:document><w:body>${body}</w:body></w:document>`),
    });
    expect(bomb.length).toBeLessThan(1_000_000);
    const lying = await read(patchUncompressedSize(bomb, 2048), "炸弹.docx");
    if (lying.ok) expect(lying.text.length).toBeLessThanOrEqual(2048);
    const huge = await read(patchUncompressedSize(bomb, 0xfffffff0), "炸弹.docx");
    expect(huge.ok).toBe(false);

    const many: Record<string, Uint8Array> = {
      "word/document.xml": strToU8("<w:document><w:body/></w:document>"),
    };
    for (let i = 0; i < 12_000; i++) many[`x/${i}.xml`] = new Uint8Array(0);
    const manyOut = await read(zipSync(many, { level: 0 }), "多.docx");
    expect(manyOut.ok).toBe(false);
    if (!manyOut.ok) expect(manyOut.error.message).toMatch(/zip entries/);

    const deep = zipSync({
      [`${"a/".repeat(20_000)}x.xml`]: strToU8("<x/>"),
      "word/document.xml": strToU8(
        `<w:document><w:body><w:p><w:r><w:t>2025年工作要点</w:t></w:r></w:p></w:body></w:document>`,
      ),
    });
    expect(await read(deep, "深.docx")).toMatchObject({ ok: true, text: "2025年工作要点" });

    // Nesting inside the docx XML: refused quickly, not parsed for minutes.
    const nested = buildDocx([], {
      "word/document.xml": `<w:document><w:body>${"<w:sdt>".repeat(200_000)}${"</w:sdt>".repeat(200_000)}</w:body></w:document>`,
    });
    expect((await read(nested, "嵌套.docx")).ok).toBe(false);
  }, 120_000);

  it("a 5 MB single line, and HTML nested 100,000 deep", async () => {
    const line = (seedTexts[0] ?? "").replace(/\n/g, "");
    const big = new TextEncoder().encode(line.repeat(Math.ceil(5_000_000 / Buffer.byteLength(line))));
    const read5 = await read(big, "一行.txt");
    expect(read5.ok).toBe(true);
    const started = performance.now();
    if (read5.ok) extractDocument(read5.text);
    expect(performance.now() - started).toBeLessThan(budgetMs(big.length));

    const html = `${"<div>".repeat(100_000)}<p>2025年工作要点</p>${"</div>".repeat(100_000)}`;
    const deep = await read(new TextEncoder().encode(html), "深.html");
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.error.code).toBe("corrupt_html");
    // Nesting a real page may have still reads.
    const fine = `${"<div>".repeat(500)}<p>2025年工作要点</p>${"</div>".repeat(500)}`;
    expect(await read(new TextEncoder().encode(fine), "页.html")).toMatchObject({
      ok: true,
      text: "2025年工作要点",
    });
  }, 120_000);
});

describe("the extractor under random and mutated text", () => {
  const mutated = fc
    .tuple(
      fc.constantFrom(...seedTexts),
      fc.array(
        fc.record({
          at: fc.nat(),
          cut: fc.nat({ max: 400 }),
          insert: fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.string({ unit: "grapheme", maxLength: 40 }),
            fc.constantFrom(
              "（",
              "）",
              "。",
              "\n",
              "一、",
              "(一)",
              "1.",
              "%",
              "年底前",
              "牵头",
              "達到",
              "\u0000",
              "\ufeff",
            ),
          ),
        }),
        { maxLength: 8 },
      ),
    )
    .map(([text, edits]) =>
      edits.reduce(
        (t, e) => {
          const at = e.at % (t.length + 1);
          return t.slice(0, at) + e.insert + t.slice(at + e.cut);
        },
        text.slice(0, 6000),
      ),
    );

  it("never throws, and every item's offsets point at its quote", () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ unit: "binary", maxLength: 2000 })), (text) => {
        const doc = extractDocument(text);
        for (const plan of doc.plans) {
          for (const item of [plan, ...plan.sections, ...plan.tasks, ...plan.targets, ...plan.actuals]) {
            expect(item.start).toBeGreaterThanOrEqual(0);
            expect(item.end).toBeLessThanOrEqual(text.length);
            expect(item.start).toBeLessThanOrEqual(item.end);
          }
        }
      }),
      { seed, numRuns: runs * 2 },
    );
  }, 120_000);
});
