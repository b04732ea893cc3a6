/** Administering accounts: list, change roles, unit bindings and display name, disable, reset password. */
import type { AuditRepository } from "../db/audit.repository.js";
import type { PageRequest } from "../db/page.js";
import type { RoleName } from "../db/schema.js";
import type { UnitOfWork } from "../db/transaction.js";
import type { UnitRepository } from "../db/unit.repository.js";
import type { UserRepository } from "../db/user.repository.js";
import { toPrincipal, type Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { generatePassword, hashPassword } from "./password.js";

export interface UserRepos {
  users: UserRepository;
  units: UnitRepository;
  audit: AuditRepository;
}

export interface UserEdit {
  displayName?: string | undefined;
  roles?: RoleName[] | undefined;
  unitIds?: string[] | undefined;
  disabled?: boolean | undefined;
}

export class UserService {
  constructor(
    private readonly repos: UserRepos,
    private readonly transact: UnitOfWork<UserRepos>,
  ) {}

  async list(page: PageRequest, q?: string) {
    const result = await this.repos.users.list(page, q);
    return { ...result, items: result.items.map(toPrincipalWithState) };
  }

  async get(id: string) {
    const user = await this.repos.users.get(id);
    if (!user) throw errors.notFound("user", id);
    return toPrincipalWithState(user);
  }

  /** Unit bindings must name known units: a reporter bound to nothing real could write nowhere. */
  async checkUnits(unitIds: readonly string[]) {
    for (const id of unitIds) if (!(await this.repos.units.get(id))) throw errors.notFound("unit", id);
  }

  async update(id: string, actor: Principal, edit: UserEdit) {
    if (edit.unitIds) await this.checkUnits(edit.unitIds);
    if (id === actor.id && (edit.disabled === true || (edit.roles && !edit.roles.includes("admin"))))
      throw errors.unprocessable(
        "CANNOT_DEMOTE_SELF",
        "不能停用自己或撤销自己的管理员角色",
        "You cannot disable yourself or drop your own admin role",
      );
    return this.transact(async ({ users, audit }) => {
      const before = await users.get(id);
      if (!before) throw errors.notFound("user", id);
      if (edit.displayName !== undefined || edit.disabled !== undefined)
        await users.update(id, {
          ...(edit.displayName !== undefined ? { display_name: edit.displayName } : {}),
          ...(edit.disabled !== undefined ? { disabled: edit.disabled ? 1 : 0 } : {}),
        });
      if (edit.roles) await users.setRoles(id, [...new Set(edit.roles)]);
      if (edit.unitIds) await users.setUnits(id, [...new Set(edit.unitIds)]);
      if (edit.disabled) await users.deleteSessionsOf(id);
      const after = await users.get(id);
      if (!after) throw errors.notFound("user", id);
      await audit.record({
        userId: actor.id,
        action: "user.update",
        entity: "user",
        entityId: id,
        before: toPrincipalWithState(before),
        after: toPrincipalWithState(after),
      });
      return toPrincipalWithState(after);
    });
  }

  async resetPassword(id: string, actor: Principal): Promise<string> {
    const password = generatePassword();
    const hash = await hashPassword(password);
    await this.transact(async ({ users, audit }) => {
      if (!(await users.get(id))) throw errors.notFound("user", id);
      await users.update(id, { password_hash: hash, must_change_password: 1 });
      await users.deleteSessionsOf(id);
      await audit.record({ userId: actor.id, action: "user.password_reset", entity: "user", entityId: id });
    });
    return password;
  }
}

function toPrincipalWithState(u: Parameters<typeof toPrincipal>[0]) {
  return { ...toPrincipal(u), disabled: u.disabled === 1, createdAt: u.created_at };
}
