/** The text as lines with their offsets: the unit every segmenter rule works on. */

export interface Line {
  /** Index of the line among the non-blank lines of the text. */
  index: number;
  /** Offsets of the trimmed line in the normalised text. */
  start: number;
  end: number;
  text: string;
}

const isSpace = (ch: string | undefined): boolean =>
  ch === " " || ch === "\t" || ch === "\r" || ch === "\u00a0" || ch === "\u3000";

/** Splits on "\n" and trims each line; blank lines are left out (they carry no content). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    if (i < n && text[i] !== "\n") continue;
    let s = lineStart;
    let e = i;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) lines.push({ index: lines.length, start: s, end: e, text: text.slice(s, e) });
    lineStart = i + 1;
  }
  return lines;
}
