/**
 * The unit register: create, rename, alias, confirm a proposed unit, merge a proposal into a known unit
 * (its name and aliases become the known unit's aliases), delete an unused unit. All changes audited.
 */
import type { AuditRepository } from "../db/audit.repository.js";
import type { PageRequest } from "../db/page.js";
import type { UnitStatus } from "../db/schema.js";
import type { UnitOfWork } from "../db/transaction.js";
import type { UnitFilter, UnitRepository, UnitWithAliases } from "../db/unit.repository.js";
import { errors } from "./errors.js";

export interface UnitRepos {
  units: UnitRepository;
  audit: AuditRepository;
}

export class UnitService {
  constructor(
    private readonly repos: UnitRepos,
    private readonly transact: UnitOfWork<UnitRepos>,
  ) {}

  list(filter: UnitFilter, page: PageRequest) {
    return this.repos.units.list(filter, page);
  }

  async get(id: string): Promise<UnitWithAliases> {
    const unit = await this.repos.units.get(id);
    if (!unit) throw errors.notFound("unit", id);
    return unit;
  }

  async create(userId: string, input: { name: string; aliases: string[]; status: UnitStatus }) {
    return this.transact(async ({ units, audit }) => {
      await this.checkNamesFree(units, [input.name, ...input.aliases], null);
      const unit = await units.create(input.name, input.status, [...new Set(input.aliases)]);
      await audit.record({ userId, action: "unit.create", entity: "unit", entityId: unit.id, after: unit });
      return unit;
    });
  }

  async update(
    id: string,
    userId: string,
    edit: {
      version: number;
      name?: string | undefined;
      aliases?: string[] | undefined;
      status?: UnitStatus | undefined;
    },
  ) {
    return this.transact(async ({ units, audit }) => {
      const before = await units.get(id);
      if (!before) throw errors.notFound("unit", id);
      await this.checkNamesFree(units, [...(edit.name ? [edit.name] : []), ...(edit.aliases ?? [])], id);
      const ok = await units.update(id, edit.version, {
        ...(edit.name ? { name: edit.name } : {}),
        ...(edit.status ? { status: edit.status } : {}),
      });
      if (!ok) throw errors.staleEdit("unit", id, before.version);
      if (edit.aliases) await units.setAliases(id, [...new Set(edit.aliases)]);
      const after = (await units.get(id)) as UnitWithAliases;
      await audit.record({ userId, action: "unit.update", entity: "unit", entityId: id, before, after });
      return after;
    });
  }

  async merge(id: string, intoId: string, userId: string) {
    if (id === intoId)
      throw errors.unprocessable(
        "MERGE_INTO_ITSELF",
        "不能与自身合并",
        "A unit cannot be merged into itself",
        { id },
      );
    return this.transact(async ({ units, audit }) => {
      const from = await units.get(id);
      if (!from) throw errors.notFound("unit", id);
      const into = await units.get(intoId);
      if (!into) throw errors.notFound("unit", intoId);
      await units.repoint(id, intoId);
      await units.delete(id);
      const aliases = [...new Set([...into.aliases, from.name, ...from.aliases])].filter(
        (a) => a !== into.name,
      );
      await units.setAliases(intoId, aliases);
      const after = (await units.get(intoId)) as UnitWithAliases;
      await audit.record({
        userId,
        action: "unit.merge",
        entity: "unit",
        entityId: intoId,
        before: { from, into },
        after,
      });
      return after;
    });
  }

  async delete(id: string, userId: string) {
    await this.transact(async ({ units, audit }) => {
      const before = await units.get(id);
      if (!before) throw errors.notFound("unit", id);
      const used = await units.usage(id);
      if (used > 0)
        throw errors.conflict(
          "UNIT_IN_USE",
          "单位仍被任务或用户引用，请先合并",
          "The unit is still in use: merge it instead",
          { uses: used },
        );
      await units.delete(id);
      await audit.record({ userId, action: "unit.delete", entity: "unit", entityId: id, before });
    });
  }

  /** Names and aliases are unique across the register: one written name means one unit. */
  private async checkNamesFree(units: UnitRepository, names: string[], self: string | null) {
    for (const name of names) {
      const byName = await units.findByName(name);
      const byAlias = await units.findAliasOwner(name);
      const owner = byName?.id ?? byAlias;
      if (owner && owner !== self)
        throw errors.conflict(
          "UNIT_NAME_TAKEN",
          "名称或别名已被其他单位使用",
          "The name or alias belongs to another unit",
          { name, unitId: owner },
        );
    }
  }
}
