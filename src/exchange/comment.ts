/**
 * Numerator and denominator travel in a data value's comment ("numerator=4;denominator=18157"): one DHIS2
 * row stays one Mubiao observation, and DHIS2 shows the parts to whoever opens the value. See
 * docs/exchange.md.
 */

export interface Parts {
  numerator: number | null;
  denominator: number | null;
}

/** The comment that carries a value's parts; empty when it has none. */
export function partsComment(numerator: number | null, denominator: number | null): string {
  if (numerator === null && denominator === null) return "";
  const out: string[] = [];
  if (numerator !== null) out.push(`numerator=${numerator}`);
  if (denominator !== null) out.push(`denominator=${denominator}`);
  return out.join(";");
}

const PART = /(?:^|[;,\s])(numerator|denominator|分子|分母)\s*[=:：]\s*([^;,\s]*)/g;

/**
 * The parts a comment carries; a comment without them gives nulls (free text is allowed). `bad` names a
 * part whose number cannot be read, so the importer reports it instead of dropping it silently.
 */
export function parsePartsComment(comment: string | null | undefined): Parts & { bad: string | null } {
  const parts: Parts & { bad: string | null } = { numerator: null, denominator: null, bad: null };
  if (!comment) return parts;
  for (const m of comment.matchAll(PART)) {
    const key = m[1] === "numerator" || m[1] === "分子" ? "numerator" : "denominator";
    const raw = m[2] ?? "";
    const x = raw === "" ? NaN : Number(raw);
    if (Number.isFinite(x)) parts[key] = x;
    else parts.bad ??= `${key}=${raw}`;
  }
  return parts;
}
