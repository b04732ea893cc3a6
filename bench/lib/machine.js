// Machine facts and process figures every benchmark prints: CPU, cores, RAM, Node, and peak RSS.
import os from "node:os";

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

/** Peak resident set size of this process so far, in MiB (getrusage's ru_maxrss). */
export function peakRssMiB() {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function printMachine(log = console.log) {
  const m = machine();
  log(`machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.platform}`);
}

/** "12.3 s" / "850 ms". */
export function seconds(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** 1234567 → "1,234,567". */
export function count(n) {
  return Math.round(n).toLocaleString("en-US");
}
