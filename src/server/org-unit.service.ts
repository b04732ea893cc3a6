/** Org units as a tree: create, move (never under itself or its descendants), rename, delete a leaf. */
import { randomUUID } from "node:crypto";
import type { AuditRepository } from "../db/audit.repository.js";
import type { OrgUnitRepository } from "../db/org-unit.repository.js";
import type { OrgUnitRow } from "../db/schema.js";
import type { UnitOfWork } from "../db/transaction.js";
import { errors } from "./errors.js";

export interface OrgUnitRepos {
  orgUnits: OrgUnitRepository;
  audit: AuditRepository;
}

export const orgUnitLevels = ["province", "city", "county", "township", "village", "institution"] as const;

export class OrgUnitService {
  constructor(
    private readonly repos: OrgUnitRepos,
    private readonly transact: UnitOfWork<OrgUnitRepos>,
  ) {}

  all(): Promise<OrgUnitRow[]> {
    return this.repos.orgUnits.all();
  }

  async get(id: string): Promise<OrgUnitRow> {
    const row = await this.repos.orgUnits.get(id);
    if (!row) throw errors.notFound("orgUnit", id);
    return row;
  }

  async create(
    userId: string,
    input: { name: string; level: string; parentId: string | null; code: string | null },
  ) {
    return this.transact(async ({ orgUnits, audit }) => {
      if (input.parentId && !(await orgUnits.get(input.parentId)))
        throw errors.notFound("orgUnit", input.parentId);
      const row: OrgUnitRow = {
        id: randomUUID(),
        parent_id: input.parentId,
        name: input.name,
        level: input.level,
        code: input.code,
        version: 1,
      };
      await orgUnits.insert(row);
      await audit.record({
        userId,
        action: "orgUnit.create",
        entity: "orgUnit",
        entityId: row.id,
        after: row,
      });
      return row;
    });
  }

  async update(
    id: string,
    userId: string,
    edit: {
      version: number;
      name?: string | undefined;
      level?: string | undefined;
      parentId?: string | null | undefined;
      code?: string | null | undefined;
    },
  ) {
    return this.transact(async ({ orgUnits, audit }) => {
      const before = await orgUnits.get(id);
      if (!before) throw errors.notFound("orgUnit", id);
      if (edit.parentId) await this.checkNoCycle(orgUnits, id, edit.parentId);
      const ok = await orgUnits.update(id, edit.version, {
        ...(edit.name !== undefined ? { name: edit.name } : {}),
        ...(edit.level !== undefined ? { level: edit.level } : {}),
        ...(edit.parentId !== undefined ? { parent_id: edit.parentId } : {}),
        ...(edit.code !== undefined ? { code: edit.code } : {}),
      });
      if (!ok) throw errors.staleEdit("orgUnit", id, before.version);
      const after = (await orgUnits.get(id)) as OrgUnitRow;
      await audit.record({
        userId,
        action: "orgUnit.update",
        entity: "orgUnit",
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async delete(id: string, userId: string) {
    await this.transact(async ({ orgUnits, audit }) => {
      const before = await orgUnits.get(id);
      if (!before) throw errors.notFound("orgUnit", id);
      if ((await orgUnits.childCount(id)) > 0)
        throw errors.conflict(
          "ORG_UNIT_HAS_CHILDREN",
          "请先删除或移走下级机构",
          "Delete or move its children first",
          { id },
        );
      await orgUnits.delete(id);
      await audit.record({ userId, action: "orgUnit.delete", entity: "orgUnit", entityId: id, before });
    });
  }

  private async checkNoCycle(orgUnits: OrgUnitRepository, id: string, parentId: string) {
    let cursor: string | null = parentId;
    const seen = new Set<string>();
    while (cursor) {
      if (cursor === id)
        throw errors.unprocessable(
          "ORG_UNIT_CYCLE",
          "不能移到自身或下级之下",
          "An org unit cannot move under itself or its descendants",
          { id, parentId },
        );
      if (seen.has(cursor)) break;
      seen.add(cursor);
      const node: OrgUnitRow | undefined = await orgUnits.get(cursor);
      if (!node) throw errors.notFound("orgUnit", cursor);
      cursor = node.parent_id;
    }
  }
}
