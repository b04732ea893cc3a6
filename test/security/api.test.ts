/**
 * Hostile requests through the API, on each engine. Routes are taken from the app's own route list, so a
 * route added tomorrow is covered without editing this file: no session → 401, no CSRF token → 403. Then
 * a reporter writing for another unit's resources, SQL-injection and XSS payloads in every text field we
 * can reach (stored verbatim, returned as JSON data, tables intact), path traversal and NUL bytes in upload
 * names, oversized bodies (413 JSON) and the login rate limit (429).
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, importHandMade, multipartFile, startApi, type Api } from "../server/harness.js";

const seedDir = new URL("../../../shared/seeds/", import.meta.url);
const seedText = readFileSync(
  new URL(
    readdirSync(seedDir)
      .filter((f) => f.endsWith(".txt"))
      .sort()[0] ?? "",
    seedDir,
  ),
  "utf8",
);

export const payloads = [
  "'; drop table plans;--",
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(document.cookie)">',
  "Robert'); DROP TABLE units;--",
  '" OR "1"="1',
  "\\'; select pg_sleep(5); --",
  "{{constructor.constructor('alert(1)')()}}",
];

const fill = (url: string) => url.replace(/:[A-Za-z]+/g, () => randomUUID());
const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);

describe.each(enginesToRun())("security through the API ($name)", (engine) => {
  let api: Api;
  let planId = "";
  beforeAll(async () => {
    api = await startApi(engine);
    planId = await importHandMade(api, 2070);
  });
  afterAll(async () => api.close());

  it("answers 401 JSON to every non-public route without a session", async () => {
    const guarded = api.routes.filter((r) => r.access !== undefined && r.access !== "public");
    expect(guarded.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const r of guarded) {
      const res = await api.as.anonymous.call(
        r.method as "GET",
        fill(r.url),
        stateChanging.has(r.method) ? {} : undefined,
      );
      if (res.statusCode !== 401 || errorOf(res).code !== "UNAUTHENTICATED")
        failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
    // A forged cookie is no session either.
    const forged = await api.app.inject({
      method: "GET",
      url: "/api/plans",
      headers: { cookie: "mubiao_session=forged" },
    });
    expect(forged.statusCode).toBe(401);
  });

  it("refuses every state-changing route without the session's CSRF token (403), writing nothing", async () => {
    const writes = api.routes.filter(
      (r) => stateChanging.has(r.method) && r.access !== undefined && r.access !== "public",
    );
    expect(writes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const r of writes)
      for (const token of ["", "forged", api.as.planner.csrf]) {
        // The admin passes every role check: only the token decides. Another user's token is no token.
        const res = await api.as.admin.call(r.method as "POST", fill(r.url), {}, { "x-csrf-token": token });
        if (res.statusCode !== 403 || errorOf(res).code !== "CSRF_TOKEN_INVALID")
          failures.push(`${r.method} ${r.url} (token "${token.slice(0, 6)}") → ${res.statusCode}`);
      }
    expect(failures).toEqual([]);
    const before = (await api.as.admin.call("GET", "/api/units")).json<{ total: number }>().total;
    const res = await api.as.admin.call(
      "POST",
      "/api/units",
      { name: "无令牌单位", aliases: [], status: "confirmed" },
      { "x-csrf-token": "" },
    );
    expect(res.statusCode).toBe(403);
    expect((await api.as.admin.call("GET", "/api/units")).json<{ total: number }>().total).toBe(before);
  });

  it("forbids a reporter to write for another unit (403) and writes nothing", async () => {
    const { reporter, reporter2, planner } = api.as;
    const indicatorId = (await api.as.viewer.call("GET", "/api/indicators?pageSize=1")).json<{
      items: Array<{ id: string }>;
    }>().items[0]?.id;
    expect(indicatorId).toBeDefined();
    const count = async (table: "observations" | "submissions" | "task_progress") =>
      Number(
        (
          await api.handle.db
            .selectFrom(table)
            .select((e) => e.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      observations: await count("observations"),
      submissions: await count("submissions"),
      progress: await count("task_progress"),
    };

    // Observations and submissions for unit B by unit A's reporter.
    const obs = await reporter.call("POST", "/api/observations", {
      indicatorId,
      unitId: api.unitB,
      periodId: "2070",
      value: 1,
    });
    expect(obs.statusCode).toBe(403);
    const sub = await reporter.call("POST", "/api/submissions", { unitId: api.unitB, periodId: "2070Q1" });
    expect(sub.statusCode).toBe(403);

    // Unit B's own submission, opened by its reporter: unit A's reporter cannot submit it.
    const own = await reporter2.call("POST", "/api/submissions", { unitId: api.unitB, periodId: "2070Q2" });
    expect(own.statusCode).toBe(201);
    const subId = own.json<{ id: string }>().id;
    expect((await reporter.call("POST", `/api/submissions/${subId}/submit`)).statusCode).toBe(403);
    if (api.routes.some((r) => r.url === "/api/submissions/:id/values" && r.method === "PUT"))
      expect(
        (await reporter.call("PUT", `/api/submissions/${subId}/values`, { values: [] })).statusCode,
      ).toBeOneOf([403, 400]);
    // The reporter also cannot approve anything (a planner's act).
    expect((await reporter2.call("POST", `/api/submissions/${subId}/approve`)).statusCode).toBe(403);

    // Task progress on unit B's task.
    await planner.call("POST", `/api/plans/${planId}/publish`, { version: 1 });
    const tasks = (await api.as.viewer.call("GET", `/api/plans/${planId}/tasks`)).json<{
      items: Array<{ id: string }>;
    }>().items;
    const t2 = tasks[1]?.id ?? "";
    const progress = await reporter.call("POST", `/api/tasks/${t2}/progress`, {
      unitId: api.unitB,
      status: "done",
      note: "越权",
    });
    expect(progress.statusCode).toBe(403);

    // Supervision (督办) of unit B's task, where it exists: unit A's reporter can neither accept nor report.
    if (api.routes.some((r) => r.url === "/api/tasks/:taskId/supervision/accept")) {
      const assign = await planner.call("POST", `/api/tasks/${t2}/supervision/assign`, {
        note: "请按期完成",
      });
      expect(assign.statusCode, assign.body).toBeLessThan(300);
      for (const [action, body] of [
        ["accept", { note: "越权接收" }],
        ["feedback", { text: "越权反馈", percent: 50 }],
        ["extension-request", { newDeadline: "2070-12-31", reason: "越权" }],
        ["request-closure", { note: "越权" }],
      ] as const) {
        const res = await reporter.call("POST", `/api/tasks/${t2}/supervision/${action}`, body);
        expect(res.statusCode, `${action}: ${res.body}`).toBe(403);
      }
      // The lead unit's own reporter may: the refusal above is about the unit, not the action.
      const own = await reporter2.call("POST", `/api/tasks/${t2}/supervision/accept`, { note: "收到" });
      expect(own.statusCode, own.body).toBeLessThan(300);
    }

    // An org unit the reporter is not bound to.
    const org = (
      await api.as.admin.call("POST", "/api/org-units", {
        name: "他县",
        level: "county",
        parentId: null,
        code: null,
      })
    ).json<{ id: string }>();
    const orgObs = await reporter.call("POST", `/api/org-units/${org.id}/observations`, {
      indicatorId,
      periodId: "2070",
      submissionId: subId,
      value: 3,
    });
    expect(orgObs.statusCode).toBe(403);

    // Evidence on unit B's observation, where evidence exists.
    if (api.routes.some((r) => r.url === "/api/observations/:id/evidence" && r.method === "POST")) {
      const theirs = await reporter2.call("POST", "/api/observations", {
        indicatorId,
        unitId: api.unitB,
        periodId: "2070Q2",
        value: 2,
        submissionId: subId,
      });
      expect(theirs.statusCode, theirs.body).toBe(201);
      const upload = multipartFile("证明.txt", new TextEncoder().encode("证明材料"));
      const ev = await reporter.call(
        "POST",
        `/api/observations/${theirs.json<{ id: string }>().id}/evidence`,
        upload.body,
        upload.headers,
      );
      expect(ev.statusCode).toBe(403);
      before.observations++;
      // Its own reporter attaches evidence under a hostile name: stored as a plain name (a NUL was a 500
      // on PostgreSQL).
      const hostile = multipartFile("../../证明\u0000材料.txt", new TextEncoder().encode("证明材料"));
      const own = await reporter2.call(
        "POST",
        `/api/observations/${theirs.json<{ id: string }>().id}/evidence`,
        hostile.body,
        hostile.headers,
      );
      expect(own.statusCode, own.body).toBe(201);
      expect(own.json<{ fileName: string }>().fileName).toBe("证明材料.txt");
    }
    expect(await count("observations")).toBe(before.observations);
    expect(await count("submissions")).toBe(before.submissions + 1);
    expect(await count("task_progress")).toBe(before.progress);
  });

  it("stores SQL-injection and XSS payloads verbatim and returns them as JSON data", async () => {
    const { planner, admin, reporter } = api.as;
    // A draft plan: its title and tasks are still editable.
    const draftId = await importHandMade(api, 2071);
    for (const [i, p] of payloads.entries()) {
      // Plan title.
      const plan = (await planner.call("GET", `/api/plans/${draftId}`)).json<{ version: number }>();
      const patched = await planner.call("PATCH", `/api/plans/${draftId}`, {
        title: p,
        version: plan.version,
      });
      expect(patched.statusCode, `${p}: ${patched.body}`).toBe(200);
      expect(patched.headers["content-type"]).toMatch(/^application\/json/);
      expect((await planner.call("GET", `/api/plans/${draftId}`)).json<{ title: string }>().title).toBe(p);
      // Task text.
      const tasks = (await planner.call("GET", `/api/plans/${draftId}/tasks`)).json<{
        items: Array<{ id: string; version: number }>;
      }>().items;
      const task = tasks[0];
      if (task) {
        const t = await planner.call("PATCH", `/api/plans/${draftId}/tasks/${task.id}`, {
          text: p,
          version: task.version,
        });
        expect(t.statusCode, t.body).toBe(200);
        expect(t.json<{ text: string }>().text).toBe(p);
      }
      // Unit and org unit names (unique, so numbered).
      const unit = await planner.call("POST", "/api/units", {
        name: `${p}#${i}`,
        aliases: [],
        status: "confirmed",
      });
      expect(unit.statusCode, unit.body).toBe(201);
      const unitId = unit.json<{ id: string }>().id;
      expect((await planner.call("GET", `/api/units/${unitId}`)).json<{ name: string }>().name).toBe(
        `${p}#${i}`,
      );
      const org = await admin.call("POST", "/api/org-units", {
        name: p,
        level: "county",
        parentId: null,
        code: null,
      });
      expect(org.statusCode, org.body).toBe(201);
      expect(org.json<{ name: string }>().name).toBe(p);
      // Notes: a submission's and a progress report's.
      const sub = await reporter.call("POST", "/api/submissions", {
        unitId: api.unitA,
        periodId: `2070M${String(i + 1).padStart(2, "0")}`,
        note: p,
      });
      expect(sub.statusCode, sub.body).toBe(201);
      expect(sub.json<{ note: string }>().note).toBe(p);
      // As search terms too: a filter with a payload finds nothing and breaks nothing.
      const search = await planner.call("GET", `/api/audit?action=${encodeURIComponent(p)}`);
      expect([200, 403]).toContain(search.statusCode);
      const search2 = await admin.call("GET", `/api/audit?action=${encodeURIComponent(p)}`);
      expect(search2.statusCode).toBe(200);
    }
    const tasks = (await planner.call("GET", `/api/plans/${planId}/tasks`)).json<{
      items: Array<{ id: string }>;
    }>().items;
    const note = payloads.join(" ");
    const progress = await reporter.call("POST", `/api/tasks/${tasks[0]?.id ?? ""}/progress`, {
      unitId: api.unitA,
      status: "in_progress",
      note,
    });
    expect(progress.statusCode, progress.body).toBe(201);
    expect(progress.json<{ note: string }>().note).toBe(note);
    // The tables are all still there and hold the payloads as plain text.
    for (const table of ["plans", "units", "tasks", "org_units", "submissions", "audit_log"])
      await expect(
        sql`select count(*) from ${sql.table(table)}`.execute(api.handle.db),
      ).resolves.toBeTruthy();
    const units = await api.handle.db.selectFrom("units").select("name").execute();
    expect(units.filter((u) => payloads.some((p) => u.name.startsWith(p))).length).toBe(payloads.length);
  });

  it("refuses a NUL character in any request text with 400 on both engines (it was a 500 on PostgreSQL)", async () => {
    const before = (await api.as.planner.call("GET", "/api/units")).json<{ total: number }>().total;
    const res = await api.as.planner.call("POST", "/api/units", {
      name: "甲\u0000乙",
      aliases: ["丙\u0000"],
      status: "confirmed",
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).code).toBe("VALIDATION_FAILED");
    expect(errorOf(res).details).toEqual([
      { path: "body.name", message: expect.stringContaining("NUL") },
      { path: "body.aliases.0", message: expect.stringContaining("NUL") },
    ]);
    const query = await api.as.admin.call("GET", `/api/audit?action=${encodeURIComponent("a\u0000")}`);
    expect(query.statusCode).toBe(400);
    expect((await api.as.planner.call("GET", "/api/units")).json<{ total: number }>().total).toBe(before);
    // Without a session it is still 401 first: the check comes after authentication.
    expect((await api.as.anonymous.call("POST", "/api/units", { name: "\u0000" })).statusCode).toBe(401);
  });

  it("keeps traversal and control characters in upload names as a plain stored name, writing no file", async () => {
    const names = [
      "../../mubiao-probe-a.txt",
      "/tmp/mubiao-probe-b.txt",
      "..\\..\\mubiao-probe-c.txt",
      "mubiao\u0000probe-d.txt",
      "mubiao-probe-e.txt\r\nX-Injected: 1",
    ];
    for (const [i, name] of names.entries()) {
      const upload = multipartFile(name, new TextEncoder().encode(`${seedText}\n${" ".repeat(i + 1)}`));
      const res = await api.as.planner.call("POST", "/api/plans", upload.body, upload.headers);
      expect(res.statusCode, `${JSON.stringify(name)}: ${res.body}`).toBe(201);
      const { documentId, fileName, plans } = res.json<{
        documentId: string;
        fileName: string;
        plans: Array<{ id: string }>;
      }>();
      // A plain name: no directory part, no control characters.
      // eslint-disable-next-line no-control-regex
      expect(fileName).not.toMatch(/[/\\\u0000-\u001f]/);
      expect(fileName).toMatch(/mubiao.?probe-[a-e]\.txt/);
      const stored = await api.handle.db
        .selectFrom("documents")
        .select("file_name")
        .where("id", "=", documentId)
        .executeTakeFirstOrThrow();
      expect(stored.file_name).toBe(fileName);
      const download = await api.as.viewer.call("GET", `/api/plans/${plans[0]?.id ?? ""}/document`);
      expect(download.statusCode).toBe(200);
      expect(download.headers["x-injected"]).toBeUndefined();
      expect(String(download.headers["content-disposition"])).not.toMatch(/[\r\n]/);
    }
    for (const probe of ["mubiao-probe-a.txt", "/tmp/mubiao-probe-b.txt", "../mubiao-probe-a.txt"])
      expect(existsSync(resolve(probe)), probe).toBe(false);
  });

  it("answers an oversized JSON body or upload with 413 JSON, storing nothing", async () => {
    const before = (await api.as.viewer.call("GET", "/api/plans")).json<{ total: number }>().total;
    const big = await api.as.planner.call(
      "POST",
      "/api/units",
      JSON.stringify({ name: "x".repeat(2 * 1024 * 1024), aliases: [], status: "confirmed" }),
      { "content-type": "application/json" },
    );
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe("PAYLOAD_TOO_LARGE");
    const upload = multipartFile("big.txt", new TextEncoder().encode(seedText.repeat(40)));
    expect(upload.body.length).toBeGreaterThan(200_000);
    const res = await api.as.planner.call("POST", "/api/plans", upload.body, upload.headers);
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe("PAYLOAD_TOO_LARGE");
    expect(errorOf(res).message).toMatch(/^文件过大/);
    expect((await api.as.viewer.call("GET", "/api/plans")).json<{ total: number }>().total).toBe(before);
    expect((await api.as.viewer.call("GET", "/api/health")).statusCode).toBe(200);
  });

  it("rate-limits password guessing with 429 and Retry-After, even for the right password", async () => {
    const attempt = (pw: string) =>
      api.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "viewer", password: pw },
      });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await attempt(`guess-${i}`)).statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes.slice(3)).toEqual([429, 429]);
    const right = await attempt("correct horse battery");
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers["retry-after"])).toBeGreaterThan(0);
    expect(errorOf(right).code).toMatch(/RATE|TOO_MANY/);
  });
});
