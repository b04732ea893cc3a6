/**
 * Reporting periods by ISO-like id: "2024" (year), "2024H1" (half), "2024Q1" (quarter), "2024M03" (month),
 * with their first and last day. Pure.
 */
export type PeriodKind = "year" | "half" | "quarter" | "month";

export interface Period {
  id: string;
  kind: PeriodKind;
  startsOn: string;
  endsOn: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function span(id: string, kind: PeriodKind, year: number, first: number, last: number): Period {
  return {
    id,
    kind,
    startsOn: `${year}-${pad(first)}-01`,
    endsOn: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
  };
}

/** The period an id names, or null when the id is not one. */
export function parsePeriod(id: string): Period | null {
  const m = /^(\d{4})(?:(H)([12])|(Q)([1-4])|(M)(0[1-9]|1[0-2]))?$/.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return span(id, "half", year, Number(m[3]) * 6 - 5, Number(m[3]) * 6);
  if (m[4]) return span(id, "quarter", year, Number(m[5]) * 3 - 2, Number(m[5]) * 3);
  if (m[6]) return span(id, "month", year, Number(m[7]), Number(m[7]));
  return span(id, "year", year, 1, 12);
}
