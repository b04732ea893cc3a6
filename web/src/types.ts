/** The API's shapes as the web app reads them (see /api/openapi.json). */
export type Role = "admin" | "planner" | "reporter" | "viewer";
export type ReviewStatus = "pending" | "accepted" | "rejected";
export type ProgressStatus = "not_started" | "in_progress" | "done" | "blocked";

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitIds: string[];
  mustChangePassword: boolean;
  disabled?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Plan {
  id: string;
  documentId: string;
  title: string | null;
  issuer: string | null;
  year: number | null;
  status: "draft" | "published";
  version: number;
  start: number;
  end: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  document?: { id: string; fileName: string; format: string; size: number; uploadedAt: string };
  counts?: { sections: number; tasks: number; targets: number; actuals: number; pending: number };
}

interface Item {
  id: string;
  planId: string;
  position: number;
  start: number;
  end: number;
  quote: string;
  reviewStatus: ReviewStatus;
  origin: "extracted" | "added";
  version: number;
}

export interface Section extends Item {
  parentId: string | null;
  level: number;
  marker: string;
  title: string;
  contentEnd: number;
}

export interface UnitRef {
  id: string;
  name: string;
  nameAsWritten?: string;
}

export interface Deadline {
  text: string;
  kind: string;
  due: string | null;
  start: number;
  end: number;
}

export interface Task extends Item {
  sectionId: string | null;
  text: string;
  leadUnits: UnitRef[];
  partnerUnits: UnitRef[];
  deadline: Deadline | null;
  deadlineDue: string | null;
}

export interface Quantity extends Item {
  sectionId: string | null;
  kind: "target" | "actual";
  metric: string;
  comparator: string;
  value: number;
  unit: string;
  deadline: string | null;
}

export interface Unit {
  id: string;
  name: string;
  aliases: string[];
  status: "confirmed" | "proposed";
  version: number;
}

export interface RegisterRow {
  no: number;
  taskId: string;
  version: number;
  text: string;
  sectionId: string | null;
  sectionTitle: string | null;
  leadUnits: UnitRef[];
  partnerUnits: UnitRef[];
  deadlineText: string | null;
  deadlineDue: string | null;
  reviewStatus: ReviewStatus;
  status: ProgressStatus;
  statusNote: string | null;
  statusAt: string | null;
  overdue: boolean;
}

export interface ImportResult {
  documentId: string;
  fileName: string;
  plans: Array<{ id: string; title: string | null; tasks: number; targets: number; actuals: number }>;
  proposedUnits: Array<{ id: string; name: string }>;
}
