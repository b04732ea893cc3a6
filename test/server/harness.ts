/**
 * An API under test on one engine: the real app over a fresh database, with one signed-in client per
 * role (each carrying its session cookie and CSRF token), and a hand-made draft plan to review.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import type { DatabaseHandle } from "../../src/db/database.js";
import type { ExtractedDocument, Plan } from "../../src/extract/index.js";
import { buildApp, type RouteInfo, type Services } from "../../src/server/app.js";
import { sessionCookie } from "../../src/server/auth.routes.js";
import { ImportService } from "../../src/server/import.service.js";
import type { TestEngine } from "../db/engines.js";

export type Who = "admin" | "planner" | "reporter" | "reporter2" | "viewer" | "anonymous";

export interface Client {
  who: Who;
  userId: string;
  csrf: string;
  call(
    method: InjectOptions["method"],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export interface Api {
  app: FastifyInstance;
  services: Services;
  routes: RouteInfo[];
  handle: DatabaseHandle;
  as: Record<Who, Client>;
  /** Units the two reporters are bound to: reporter → unitA, reporter2 → unitB. */
  unitA: string;
  unitB: string;
  close(): Promise<void>;
}

export const password = "correct horse battery";

/** A document as the extractor would return it, built by hand so review routes have known items. */
export function handMadeDocument(year = 2025): ExtractedDocument {
  const text = `${year}年卫生健康工作要点\n一、重点任务\n1.推进健康城市建设（甲单位牵头，乙单位配合）。\n2.加强慢病管理（乙单位牵头）。\n人均预期寿命达到80岁。2024年孕产妇死亡率为8.5/10万。`;
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, quote: s });
  const t1 = "推进健康城市建设（甲单位牵头，乙单位配合）。";
  const t2 = "加强慢病管理（乙单位牵头）。";
  const plan: Plan = {
    ...at(text),
    title: `${year}年卫生健康工作要点`,
    issuer: null,
    year,
    sections: [
      {
        id: "s1",
        parentId: null,
        level: 1,
        marker: "一、",
        title: "重点任务",
        contentEnd: text.length,
        ...at("一、重点任务"),
      },
    ],
    tasks: [
      {
        id: "t1",
        sectionId: "s1",
        text: t1,
        leadUnits: ["甲单位"],
        partnerUnits: ["乙单位"],
        deadline: null,
        ...at(t1),
      },
      {
        id: "t2",
        sectionId: "s1",
        text: t2,
        leadUnits: ["乙单位"],
        partnerUnits: [],
        deadline: null,
        ...at(t2),
      },
    ],
    targets: [
      {
        kind: "target",
        metric: "人均预期寿命",
        comparator: ">=",
        value: 80,
        unit: "岁",
        deadline: String(year),
        baseline: null,
        sectionId: "s1",
        ...at("人均预期寿命达到80岁"),
      },
    ],
    actuals: [
      {
        kind: "actual",
        metric: "孕产妇死亡率",
        comparator: "=",
        value: 8.5,
        unit: "/10万",
        deadline: "2024",
        baseline: null,
        sectionId: "s1",
        ...at("2024年孕产妇死亡率为8.5/10万"),
      },
    ],
  };
  return { text, plans: [plan], dropped: [] };
}

function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === sessionCookie);
  if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return c.value;
}

export function clientFor(
  app: FastifyInstance,
  who: Who,
  token: string | null,
  csrf: string,
  userId: string,
): Client {
  return {
    who,
    userId,
    csrf,
    call: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        ...(body === undefined ? {} : { payload: body as InjectOptions["payload"] }),
        headers: {
          ...(token ? { cookie: `${sessionCookie}=${token}` } : {}),
          "x-csrf-token": csrf,
          ...headers,
        },
      }),
  };
}

export async function login(
  app: FastifyInstance,
  who: Who,
  username: string,
  pw = password,
): Promise<Client> {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password: pw },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const body = res.json<{ csrfToken: string; user: { id: string } }>();
  return clientFor(app, who, cookieOf(res), body.csrfToken, body.user.id);
}

export async function startApi(engine: TestEngine): Promise<Api> {
  const handle = await engine.open();
  const { app, services, routes } = await buildApp({
    db: handle.db,
    secureCookies: false,
    loginLimits: { maxFailures: 3, windowMs: 60_000 },
    maxUploadBytes: 200_000,
  });
  await app.ready();
  const unitA = (
    await services.units.create("test", { name: "甲单位", aliases: ["甲"], status: "confirmed" })
  ).id;
  const unitB = (await services.units.create("test", { name: "乙单位", aliases: [], status: "confirmed" }))
    .id;
  const make = async (
    username: string,
    roles: Array<"admin" | "planner" | "reporter" | "viewer">,
    unitIds: string[] = [],
  ) => services.auth.createUser({ username, displayName: username, roles, unitIds, password }, null);
  await make("admin", ["admin"]);
  await make("planner", ["planner"]);
  await make("reporter", ["reporter"], [unitA]);
  await make("reporter2", ["reporter"], [unitB]);
  await make("viewer", ["viewer"]);
  const as = {
    admin: await login(app, "admin", "admin"),
    planner: await login(app, "planner", "planner"),
    reporter: await login(app, "reporter", "reporter"),
    reporter2: await login(app, "reporter2", "reporter2"),
    viewer: await login(app, "viewer", "viewer"),
    anonymous: clientFor(app, "anonymous", null, "", ""),
  };
  return {
    app,
    services,
    routes,
    handle,
    as,
    unitA,
    unitB,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** Imports the hand-made draft plan (through the real import service) and returns its id. One per year. */
export async function importHandMade(api: Api, year = 2025): Promise<string> {
  const doc = handMadeDocument(year);
  const service = new ImportService(api.handle.db, () => doc);
  const bytes = new TextEncoder().encode(doc.text);
  const result = await service.importDocument({
    bytes,
    fileName: `plan-${year}.txt`,
    userId: api.as.planner.userId,
  });
  return result.plans[0]?.id ?? "";
}

export function errorOf(res: LightMyRequestResponse): { code: string; message: string; details: unknown } {
  return res.json<{ error: { code: string; message: string; details: unknown } }>().error;
}

/** A multipart/form-data body with one file field, as a browser's upload form sends it. */
export function multipartFile(fileName: string, bytes: Uint8Array, field = "file") {
  const boundary = `----mubiao${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([
    Buffer.from(head, "utf8"),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
