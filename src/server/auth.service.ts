/**
 * Accounts and sessions: sign-in with a scrypt-checked password, a session whose cookie token is stored
 * only as its sha256, a CSRF token per session, password change, and the first admin of a new database.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { RoleName } from "../db/schema.js";
import type { AuditRepository } from "../db/audit.repository.js";
import type { UnitOfWork } from "../db/transaction.js";
import type { UserRepository, UserWithGrants } from "../db/user.repository.js";
import { errors } from "./errors.js";
import { generatePassword, hashPassword, verifyPassword } from "./password.js";
import { FailureLimiter } from "./rate-limit.js";

export interface Principal {
  id: string;
  username: string;
  displayName: string;
  roles: RoleName[];
  unitIds: string[];
  mustChangePassword: boolean;
}

export interface SessionContext {
  sessionId: string;
  csrfToken: string;
  user: Principal;
}

export function toPrincipal(u: UserWithGrants): Principal {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles,
    unitIds: u.unitIds,
    mustChangePassword: u.must_change_password === 1,
  };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface NewUserInput {
  username: string;
  displayName: string;
  roles: RoleName[];
  unitIds: string[];
  /** Absent: a one-time password is generated, returned once and must be changed at first sign-in. */
  password?: string | undefined;
}

export interface AuthRepos {
  users: UserRepository;
  audit: AuditRepository;
}

export class AuthService {
  private readonly limiter: FailureLimiter;
  private readonly users: UserRepository;
  private readonly audit: AuditRepository;

  constructor(
    repos: AuthRepos,
    private readonly transact: UnitOfWork<AuthRepos>,
    private readonly sessionTtlMs = 12 * 3600_000,
    limits = { maxFailures: 5, windowMs: 15 * 60_000 },
  ) {
    this.limiter = new FailureLimiter(limits.maxFailures, limits.windowMs);
    this.users = repos.users;
    this.audit = repos.audit;
  }

  async login(
    username: string,
    password: string,
    client: string,
  ): Promise<{ token: string; session: SessionContext }> {
    const key = `${client}|${username}`;
    const wait = this.limiter.retryAfter(key);
    if (wait > 0) throw errors.tooManyAttempts(wait);
    const row = await this.users.findByUsername(username);
    // Hash even for an unknown user, so the answer's timing does not tell which usernames exist.
    const ok = row
      ? await verifyPassword(password, row.password_hash)
      : (await hashPassword(password), false);
    if (!row || !ok || row.disabled === 1) {
      this.limiter.fail(key);
      await this.audit.record({
        userId: row?.id ?? null,
        action: "auth.login_failed",
        entity: "user",
        entityId: row?.id ?? null,
        after: { username },
      });
      throw errors.badCredentials();
    }
    this.limiter.succeed(key);
    const token = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    const now = Date.now();
    await this.users.deleteExpiredSessions(new Date(now).toISOString());
    await this.transact(async ({ users, audit }) => {
      await users.insertSession({
        id: sha256(token),
        user_id: row.id,
        csrf_token: csrfToken,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + this.sessionTtlMs).toISOString(),
      });
      await audit.record({ userId: row.id, action: "auth.login", entity: "user", entityId: row.id });
    });
    const user = await this.users.get(row.id);
    if (!user) throw errors.badCredentials();
    return { token, session: { sessionId: sha256(token), csrfToken, user: toPrincipal(user) } };
  }

  /** The session a cookie token opens, or null when it is unknown, expired or its user is disabled. */
  async resolve(token: string | undefined): Promise<SessionContext | null> {
    if (!token) return null;
    const session = await this.users.findSession(sha256(token));
    if (!session || session.expires_at < new Date().toISOString()) return null;
    const user = await this.users.get(session.user_id);
    if (!user || user.disabled === 1) return null;
    return { sessionId: session.id, csrfToken: session.csrf_token, user: toPrincipal(user) };
  }

  async logout(session: SessionContext): Promise<void> {
    await this.users.deleteSession(session.sessionId);
    await this.audit.record({
      userId: session.user.id,
      action: "auth.logout",
      entity: "user",
      entityId: session.user.id,
    });
  }

  async changePassword(session: SessionContext, current: string, next: string): Promise<void> {
    const row = await this.users.findByUsername(session.user.username);
    if (!row || !(await verifyPassword(current, row.password_hash))) throw errors.badCredentials();
    await this.users.update(row.id, { password_hash: await hashPassword(next), must_change_password: 0 });
    await this.users.deleteSessionsOf(row.id, session.sessionId);
    await this.audit.record({
      userId: row.id,
      action: "user.password_change",
      entity: "user",
      entityId: row.id,
    });
  }

  async createUser(
    input: NewUserInput,
    actorId: string | null,
  ): Promise<{ user: Principal; oneTimePassword: string | null }> {
    if (await this.users.findByUsername(input.username))
      throw errors.conflict("USERNAME_TAKEN", "用户名已存在", "This username is taken", {
        username: input.username,
      });
    const oneTimePassword = input.password ? null : generatePassword();
    const hash = await hashPassword(input.password ?? oneTimePassword ?? "");
    const id = randomUUID();
    const principal = await this.transact(async ({ users, audit }) => {
      await users.insert({
        id,
        username: input.username,
        display_name: input.displayName,
        password_hash: hash,
        must_change_password: oneTimePassword ? 1 : 0,
        disabled: 0,
        version: 1,
        created_at: new Date().toISOString(),
      });
      await users.setRoles(id, input.roles);
      await users.setUnits(id, input.unitIds);
      const user = await users.get(id);
      if (!user) throw errors.notFound("user", id);
      const created = toPrincipal(user);
      await audit.record({
        userId: actorId,
        action: "user.create",
        entity: "user",
        entityId: id,
        after: created,
      });
      return created;
    });
    return { user: principal, oneTimePassword };
  }

  /** On a database without users: an `admin` account with a one-time password, to be printed once. */
  async ensureFirstAdmin(): Promise<{ username: string; password: string } | null> {
    if ((await this.users.count()) > 0) return null;
    const { oneTimePassword } = await this.createUser(
      { username: "admin", displayName: "管理员 Administrator", roles: ["admin"], unitIds: [] },
      null,
    );
    return oneTimePassword ? { username: "admin", password: oneTimePassword } : null;
  }
}
