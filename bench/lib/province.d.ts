// Types of the synthetic province (province.js), for TypeScript callers such as the tests.
export type Scale = "small" | "medium" | "large";

export interface SyntheticOrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  level: "province" | "city" | "county" | "township" | "institution";
  code: string;
}

export interface SyntheticIndicator {
  id: string | null;
  code: string;
  name: string;
  unit: string;
  type: string;
  direction: "higher_is_better" | "lower_is_better";
  numerator: string | null;
  denominator: string | null;
  level: "county" | "township" | "institution";
  frequency: "month" | "quarter" | "year";
  synthetic: boolean;
  base: number;
}

export interface SyntheticTarget {
  id: string;
  indicatorIndex: number;
  comparator: ">=" | "<=";
  value: number;
  unit: string;
  deadline: string;
  start: number;
  end: number;
  quote: string;
}

export interface SyntheticPlan {
  id: string;
  documentId: string;
  orgUnitId: string;
  year: number;
  title: string;
  text: string;
  targets: SyntheticTarget[];
}

export interface SyntheticObservation {
  indicatorIndex: number;
  orgUnitIndex: number;
  periodId: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

export interface Province {
  scale: Scale;
  seed: number;
  years: number[];
  orgUnits: SyntheticOrgUnit[];
  indicators: SyntheticIndicator[];
  plans: SyntheticPlan[];
  periods: Array<{ id: string; kind: string; startsOn: string; endsOn: string }>;
  observations(): Generator<SyntheticObservation>;
  expectedCells: number;
}

export const SCALES: Record<Scale, Record<string, unknown>>;
export const LAST_YEAR: number;
export const ID_KIND: Record<string, number>;
export function prng(seed: number): () => number;
export function syntheticId(seed: number, kind: number, n: number): string;
export function generateProvince(options?: { scale?: Scale; seed?: number }): Province;
export function countObservations(province: Province): number;
