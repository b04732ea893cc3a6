/**
 * `mubiao user add|list|reset-password`: accounts from the command line, for the first planner or when
 * the admin password is lost. Generated passwords are printed once and must be changed at first sign-in.
 */
import { parseArgs } from "node:util";
import { databaseConfigFrom } from "../db/config.js";
import type { RoleName } from "../db/schema.js";
import { AppError } from "../server/errors.js";
import { roleNames } from "../server/http.js";
import { EXIT, type Command } from "./command.js";
import { fail } from "./io.js";

const USAGE = `usage: mubiao user add USERNAME --role ROLE [--role ROLE] [--unit NAME]... [--name DISPLAY] [--data DIR]
       mubiao user list [--data DIR]
       mubiao user reset-password USERNAME [--data DIR]

Roles: admin, planner, reporter (with --unit: the units it reports for, by name or alias), viewer.
A one-time password is printed; it must be changed at first sign-in.
`;

export const userCommand: Command = {
  summary: "管理账号 — add users, list them, reset a password",
  usage: USAGE,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          role: { type: "string", multiple: true },
          unit: { type: "string", multiple: true },
          name: { type: "string" },
          data: { type: "string" },
          help: { type: "boolean", short: "h" },
        },
        allowPositionals: true,
      });
    } catch (error) {
      fail(io, `user: 参数错误 (${error instanceof Error ? error.message : String(error)})`);
      return EXIT.usage;
    }
    const { values, positionals } = parsed;
    const [action, username] = positionals;
    if (values.help) {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (action !== "list" && (!username || (action !== "add" && action !== "reset-password"))) {
      fail(io, "user: 用法错误 (bad usage)");
      io.stderr.write(USAGE);
      return EXIT.usage;
    }
    const roles = (values.role ?? []) as RoleName[];
    const unknownRole = roles.find((r) => !(roleNames as readonly string[]).includes(r));
    if (action === "add" && (roles.length === 0 || unknownRole)) {
      fail(
        io,
        `user: 角色无效 (give --role, one of ${roleNames.join(", ")}${unknownRole ? `; not "${unknownRole}"` : ""})`,
      );
      return EXIT.usage;
    }
    // Loaded on demand, so other commands do not pay for the server and the database drivers.
    const [{ openDatabase }, { buildServices }] = await Promise.all([
      import("../db/database.js"),
      import("../server/app.js"),
    ]);
    const handle = await openDatabase(databaseConfigFrom(values, io.env));
    const services = buildServices(handle.db);
    try {
      if (action === "list") {
        const { items } = await services.users.list({ page: 1, pageSize: 200 });
        for (const u of items)
          io.stdout.write(
            `${u.username}\t${u.roles.join(",")}\t${u.displayName}${u.disabled ? "\t(disabled)" : ""}\n`,
          );
        return EXIT.ok;
      }
      const name = username ?? "";
      if (action === "reset-password") {
        const found = (await services.users.list({ page: 1, pageSize: 1 }, name)).items.find(
          (u) => u.username === name,
        );
        if (!found) {
          fail(io, `user: 用户不存在 (no user "${name}")`);
          return EXIT.usage;
        }
        const password = await services.users.resetPassword(found.id, found);
        io.stdout.write(`一次性密码 one-time password for ${name}: ${password}\n`);
        return EXIT.ok;
      }
      const unitIds: string[] = [];
      const all = await services.units.list({}, { page: 1, pageSize: 10_000 });
      for (const u of values.unit ?? []) {
        const hit = all.items.find((x) => x.name === u || x.aliases.includes(u));
        if (!hit) {
          fail(io, `user: 单位不存在 (no unit named "${u}")`);
          return EXIT.usage;
        }
        unitIds.push(hit.id);
      }
      const { oneTimePassword } = await services.auth.createUser(
        { username: name, displayName: values.name ?? name, roles, unitIds },
        null,
      );
      io.stdout.write(
        `已创建 created ${name} (${roles.join(", ")}); 一次性密码 one-time password: ${oneTimePassword}\n`,
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof AppError) {
        fail(io, `user: ${error.message}`);
        return EXIT.usage;
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
