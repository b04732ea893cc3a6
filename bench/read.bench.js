// Reader throughput on the built readers (run `npm run build` first): one large document per format, made
// from a seed (UTF-8, GBK, HTML, docx, a 200-page PDF), read with readDocument. Prints MB/s of file bytes.
// usage: node bench/read.bench.js [--shared DIR]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import iconv from "iconv-lite";
import { buildDocx, buildPdf } from "../dist/extract/read/fixtures.js";
import { readDocument } from "../dist/extract/read/index.js";

const { values } = parseArgs({
  options: { shared: { type: "string", default: new URL("../../shared/", import.meta.url).pathname } },
});
const seed = readFileSync(join(values.shared, "seeds", "003_f6f232f780b6b288.txt"), "utf8");
let text = "";
while (text.length < 3_000_000) text += seed;
const lines = text.split("\n").filter((l) => l.trim() !== "");

const pages = Array.from({ length: 200 }, (_, p) =>
  lines.slice(p * 40, p * 40 + 40).map((line, i) => ({ text: line.slice(0, 40), x: 40, y: 800 - 18 * i })),
);
const cases = [
  ["utf-8 text", "plan.txt", Buffer.from(text, "utf8")],
  ["gbk text", "plan.txt", iconv.encode(text, "gbk")],
  [
    "html",
    "plan.html",
    Buffer.from(`<html><body>${lines.map((l) => `<p>${l}</p>`).join("")}</body></html>`, "utf8"),
  ],
  ["docx", "plan.docx", buildDocx(lines)],
  ["pdf, 200 pages", "plan.pdf", buildPdf(pages)],
];

for (const [label, name, bytes] of cases) {
  await readDocument(bytes.slice(0, 1 << 16), name).catch(() => undefined); // warm-up
  const t0 = performance.now();
  const result = await readDocument(bytes, name);
  const seconds = (performance.now() - t0) / 1000;
  const mb = bytes.length / 1024 / 1024;
  console.log(
    `${label.padEnd(15)} ${mb.toFixed(1).padStart(5)} MB in ${(seconds * 1000).toFixed(0).padStart(5)} ms: ${(mb / seconds).toFixed(1)} MB/s (${result.text.length} characters)`,
  );
}
