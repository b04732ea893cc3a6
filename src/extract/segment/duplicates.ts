/**
 * Word-for-word repeats: a page that prints the same passage twice (seed 004's 篇二 copies 篇一). Lines are
 * looked up by their text in a hash map, so finding the first occurrence is linear; a repeat is dropped only
 * when a whole passage repeats — two or more consecutive lines holding 200+ characters, or one paragraph of
 * 300+ — because plans on one page share template sentences and each keeps its own. A short title line
 * printed again right under itself (page title, then document title) is also a repeat.
 */
import type { Line } from "./lines.js";
import { HEADING_START } from "./noise.js";

const MIN_RUN_CHARS = 200;
const MIN_SINGLE_CHARS = 300;
/** A repeated title counts as a repeat only while little text separates it from the first print. */
const TITLE_REPEAT_WINDOW = 300;

const isTitleLike = (t: string): boolean => t.length <= 60 && !t.includes("。") && !HEADING_START.test(t);

/** Marks the lines (among those not already `skip`ped) that repeat an earlier passage. */
export function findDuplicateLines(lines: readonly Line[], skip: readonly boolean[]): boolean[] {
  const dup = lines.map(() => false);
  const kept = lines.filter((_, i) => !skip[i]);
  const firstAt = new Map<string, number>();
  let p = 0;
  while (p < kept.length) {
    const line = kept[p] as Line;
    const q = firstAt.get(line.text);
    if (q !== undefined) {
      let k = 0;
      let chars = 0;
      while (p + k < kept.length && q + k < p && kept[p + k]?.text === kept[q + k]?.text) {
        chars += kept[p + k]?.text.length ?? 0;
        k++;
      }
      const passage = (k >= 2 && chars >= MIN_RUN_CHARS) || chars >= MIN_SINGLE_CHARS;
      const first = kept[q] as Line;
      const nearTitle = k >= 1 && isTitleLike(line.text) && line.start - first.end <= TITLE_REPEAT_WINDOW;
      if (passage || nearTitle) {
        const n = passage ? k : 1;
        for (let j = 0; j < n; j++) dup[(kept[p + j] as Line).index] = true;
        p += n;
        continue;
      }
    } else {
      firstAt.set(line.text, p);
    }
    p++;
  }
  return dup;
}
