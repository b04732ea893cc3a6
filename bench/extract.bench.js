// Extraction throughput on the built extractor (run `npm run build` first): the seed and devset documents,
// repeated until at least 10 MB of UTF-8 input, fed through extractDocument one document at a time.
// Prints MB/s of input text, documents/s, per-document latency percentiles and peak memory.
// usage: node bench/extract.bench.js [--mb N] [--shared DIR]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { extractDocument } from "../dist/extract/index.js";

const { values } = parseArgs({
  options: {
    mb: { type: "string", default: "10" },
    shared: { type: "string", default: new URL("../../shared/", import.meta.url).pathname },
  },
});
const minBytes = Number(values.mb) * 1024 * 1024;

const dirs = [join(values.shared, "seeds"), join(values.shared, "devset", "docs")];
const corpus = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8")),
);
if (corpus.length === 0) throw new Error(`no documents under ${dirs.join(", ")}`);
const bytesOf = (s) => Buffer.byteLength(s, "utf8");
const corpusBytes = corpus.reduce((n, t) => n + bytesOf(t), 0);

const docs = [];
let inputBytes = 0;
while (inputBytes < minBytes) {
  for (const text of corpus) {
    docs.push(text);
    inputBytes += bytesOf(text);
  }
}

// Warm-up: one pass over the corpus so the JIT and the lazily built tables are ready.
for (const text of corpus) extractDocument(text);

let peakRss = 0;
let peakHeap = 0;
const sampleMemory = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

const latencies = new Float64Array(docs.length);
let sink = 0;
const cpuStart = process.cpuUsage();
const start = performance.now();
for (let i = 0; i < docs.length; i++) {
  const t0 = performance.now();
  const result = extractDocument(docs[i]);
  latencies[i] = performance.now() - t0;
  sink += result.plans.length;
  if (i % 16 === 0) sampleMemory();
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
// CPU time of this process: on a shared machine, wall-clock figures also count time spent waiting for a core.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
sampleMemory();
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

latencies.sort();
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
const mb = (n) => (n / 1024 / 1024).toFixed(1);

console.log(
  `corpus: ${corpus.length} documents, ${(corpusBytes / 1024).toFixed(0)} KB; repeated to ${docs.length} documents, ${mb(inputBytes)} MB (${sink} plans)`,
);
console.log(
  `throughput: ${(inputBytes / 1024 / 1024 / seconds).toFixed(2)} MB/s, ${(docs.length / seconds).toFixed(1)} documents/s (${seconds.toFixed(2)} s)`,
);
console.log(
  `CPU time: ${cpuSeconds.toFixed(2)} s, ${(inputBytes / 1024 / 1024 / cpuSeconds).toFixed(2)} MB per CPU-second (wall/CPU ${(seconds / cpuSeconds).toFixed(2)}; above 1 means the process waited for a core)`,
);
console.log(
  `latency per document: p50 ${pct(50).toFixed(2)} ms, p95 ${pct(95).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${latencies[latencies.length - 1].toFixed(2)} ms`,
);
console.log(`peak memory: RSS ${mb(peakRss)} MB, heap used ${mb(peakHeap)} MB`);
