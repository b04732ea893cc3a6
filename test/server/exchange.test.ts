/**
 * DHIS2 dataValueSets exchange through the API, on each engine: import (JSON body, .json and .csv files),
 * all-or-nothing validation with numbered rows, dry runs, replacement of re-imported values, export in
 * both formats and the round trip between them, roll-up of an imported batch, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { BULK_REFRESH_ROWS, timeOrderedIds } from "../../src/server/exchange.service.js";
import { errorOf, multipartFile, startApi, type Api } from "./harness.js";

interface Summary {
  batchId: string | null;
  dryRun: boolean;
  rows: number;
  imported: number;
  replaced: number;
  ignored: number;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
}
interface DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  value: string;
  comment?: string;
  storedBy?: string;
  lastUpdated: string;
}
interface RowErrors {
  rows: number;
  errorCount: number;
  errors: Array<{ row: number; code: string; message: string; messageEn: string }>;
}

const csvFile = (name: string, text: string) => multipartFile(name, new TextEncoder().encode(text));
const sortValues = (vs: DataValue[]) =>
  vs
    .map(({ lastUpdated: _drop, ...v }) => v)
    .sort((a, b) =>
      `${a.dataElement}|${a.orgUnit}|${a.period}`.localeCompare(`${b.dataElement}|${b.orgUnit}|${b.period}`),
    );

describe.each(enginesToRun())("DHIS2 exchange on $name", (engine) => {
  let api: Api;
  const ou: Record<string, string> = {};
  const ind: Record<string, string> = {};

  const post = (body: unknown, query = "") =>
    api.as.planner.call("POST", `/api/observations/dataValueSets${query}`, body);
  const upload = (
    name: string,
    text: string,
    query = "",
    who: "planner" | "admin" | "reporter" = "planner",
  ) => {
    const { body, headers } = csvFile(name, text);
    return api.as[who].call("POST", `/api/observations/dataValueSets${query}`, body, headers);
  };
  const exportJson = async (query = "") => {
    const res = await api.as.viewer.call("GET", `/api/observations/dataValueSets.json${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ dataValues: DataValue[] }>().dataValues;
  };
  const batches = async () =>
    Number(
      (
        await api.handle.db
          .selectFrom("import_batches")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const observationCount = async () =>
    Number(
      (
        await api.handle.db
          .selectFrom("observations")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const rollup = async (code: string, orgUnit: string, period: string) => {
    const res = await api.as.viewer.call(
      "GET",
      `/api/indicators/${ind[code]}/rollup?orgUnit=${ou[orgUnit]}&period=${period}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ value: number | null; numerator: number | null; denominator: number | null }>();
  };

  beforeAll(async () => {
    api = await startApi(engine);
    const make = async (name: string, level: string, parent: string | null, code: string | null) => {
      const res = await api.as.planner.call("POST", "/api/org-units", {
        name,
        level,
        parentId: parent ? ou[parent] : null,
        code,
      });
      expect(res.statusCode, res.body).toBe(201);
      ou[name] = res.json<{ id: string }>().id;
    };
    await make("合成市", "city", null, "C01");
    await make("东县", "county", "合成市", "C01X01");
    await make("西县", "county", "合成市", "C01X02");
    await make("东县卫生院", "institution", "东县", null);
    for (const r of await api.handle.db
      .selectFrom("indicators")
      .select(["id", "code"])
      .where("code", "in", ["FAMILY_DOCTOR_SIGNING", "HTN_MANAGED", "LIFE_EXPECTANCY", "EHR_FILING"])
      .execute())
      ind[r.code ?? ""] = r.id;
  }, 120_000); // the API and its fixtures start slowly on a loaded machine
  afterAll(async () => api?.close(), 60_000);

  it("imports a JSON dataValueSet as one approved batch, and roll-up recomputes ratios from the parts", async () => {
    const res = await post({
      period: "202403",
      dataValues: [
        {
          dataElement: "FAMILY_DOCTOR_SIGNING",
          orgUnit: "C01X01",
          value: "40",
          comment: "numerator=40;denominator=100",
        },
        {
          dataElement: "FAMILY_DOCTOR_SIGNING",
          orgUnit: "C01X02",
          value: "60",
          comment: "numerator=180;denominator=300",
        },
        { dataElement: "HTN_MANAGED", orgUnit: "C01X01", value: 1200 },
        { dataElement: "HTN_MANAGED", orgUnit: "C01X02", value: "800" },
        { dataElement: "LIFE_EXPECTANCY", orgUnit: "C01", period: "2024", value: "79.3" },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<Summary>();
    expect(s).toMatchObject({ dryRun: false, rows: 5, imported: 5, replaced: 0, ignored: 0 });
    expect(s.importCount).toEqual({ imported: 5, updated: 0, ignored: 0, deleted: 0 });
    expect(s.batchId).toMatch(/^[0-9a-f-]{36}$/);
    // (40 + 180) / (100 + 300) = 55%, not the mean of 40% and 60%
    const city = await rollup("FAMILY_DOCTOR_SIGNING", "合成市", "2024M03");
    expect(city).toMatchObject({ numerator: 220, denominator: 400 });
    expect(city.value).toBeCloseTo(55, 9);
    expect((await rollup("HTN_MANAGED", "合成市", "2024M03")).value).toBe(2000);
    const audit = await api.as.admin.call("GET", `/api/audit?entity=import_batch&entityId=${s.batchId}`);
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = audit.json<{ items: Array<{ action: string; after: { imported: number } }> }>().items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "observation.import", after: { imported: 5 } });
  });

  it("exports approved values with codes, DHIS2 periods and the parts in the comment; filters by org-unit subtree", async () => {
    const all = await exportJson();
    expect(sortValues(all)).toEqual([
      {
        dataElement: "FAMILY_DOCTOR_SIGNING",
        period: "202403",
        orgUnit: "C01X01",
        value: "40",
        comment: "numerator=40;denominator=100",
        storedBy: "planner",
        followup: false,
      },
      {
        dataElement: "FAMILY_DOCTOR_SIGNING",
        period: "202403",
        orgUnit: "C01X02",
        value: "60",
        comment: "numerator=180;denominator=300",
        storedBy: "planner",
        followup: false,
      },
      {
        dataElement: "HTN_MANAGED",
        period: "202403",
        orgUnit: "C01X01",
        value: "1200",
        storedBy: "planner",
        followup: false,
      },
      {
        dataElement: "HTN_MANAGED",
        period: "202403",
        orgUnit: "C01X02",
        value: "800",
        storedBy: "planner",
        followup: false,
      },
      {
        dataElement: "LIFE_EXPECTANCY",
        period: "2024",
        orgUnit: "C01",
        value: "79.3",
        storedBy: "planner",
        followup: false,
      },
    ]);
    expect((await exportJson("?orgUnit=C01X01")).map((v) => v.dataElement).sort()).toEqual([
      "FAMILY_DOCTOR_SIGNING",
      "HTN_MANAGED",
    ]);
    expect(await exportJson("?orgUnit=C01")).toHaveLength(1);
    expect(await exportJson("?orgUnit=C01&children=true")).toHaveLength(5);
    expect(await exportJson(`?period=2024M03&indicator=${ind.HTN_MANAGED}`)).toHaveLength(2);
    expect(await exportJson("?period=202403&indicator=HTN_MANAGED&orgUnit=C01X02")).toHaveLength(1);
    const bad = await api.as.viewer.call("GET", "/api/observations/dataValueSets.json?period=2024W05");
    expect(bad.statusCode).toBe(400);
  });

  it("round-trips: exported JSON imported back replaces every value with itself, and exports the same", async () => {
    const before = await exportJson();
    const res = await post({ dataValues: before });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Summary>()).toMatchObject({ rows: 5, imported: 0, replaced: 5, ignored: 0 });
    expect(sortValues(await exportJson())).toEqual(sortValues(before));
  });

  it("round-trips CSV: the exported file uploaded again gives the same export, CSV and JSON alike", async () => {
    const csv = await api.as.viewer.call(
      "GET",
      "/api/observations/dataValueSets.csv?orgUnit=C01&children=true",
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\n");
    expect(lines[0]).toBe(
      "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup",
    );
    expect(lines).toContain(
      lines.find((l) => l.startsWith("FAMILY_DOCTOR_SIGNING,202403,C01X02,,,60,planner,")) ?? "missing",
    );
    const jsonBefore = sortValues(await exportJson());
    const res = await upload("export.csv", csv.body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Summary>()).toMatchObject({ rows: 5, imported: 0, replaced: 5 });
    expect(sortValues(await exportJson())).toEqual(jsonBefore);
    const again = await api.as.viewer.call(
      "GET",
      "/api/observations/dataValueSets.csv?orgUnit=C01&children=true",
    );
    const withoutTime = (body: string) =>
      body
        .trim()
        .split("\n")
        .map((l) =>
          l
            .split(",")
            .filter((_, i) => i !== 7)
            .join(","),
        )
        .sort();
    expect(withoutTime(again.body)).toEqual(withoutTime(csv.body));
  });

  it("imports a .json file and reads an org unit without a code by its id", async () => {
    const file = multipartFile(
      "values.json",
      new TextEncoder().encode(
        JSON.stringify({
          dataValues: [
            { dataElement: "HTN_MANAGED", period: "202404", orgUnit: ou["东县卫生院"], value: "15" },
          ],
        }),
      ),
    );
    const res = await api.as.admin.call("POST", "/api/observations/dataValueSets", file.body, file.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Summary>().imported).toBe(1);
    const exported = await exportJson("?period=202404");
    expect(exported).toEqual([expect.objectContaining({ orgUnit: ou["东县卫生院"], value: "15" })]);
    expect((await rollup("HTN_MANAGED", "东县", "2024M04")).value).toBe(15);
  });

  it("a re-imported value replaces the earlier one in roll-up and export; within a file the last row wins", async () => {
    const res = await upload(
      "fix.csv",
      [
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup",
        "HTN_MANAGED,202403,C01X02,,,900,,,,false",
        "HTN_MANAGED,202403,C01X02,,,950,,,,false",
        "HTN_MANAGED,202405,C01X02,,,10,,,,false",
      ].join("\r\n"),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Summary>()).toMatchObject({ rows: 3, imported: 1, replaced: 1, ignored: 1 });
    expect((await rollup("HTN_MANAGED", "合成市", "2024M03")).value).toBe(2150);
    expect(await exportJson("?period=202403&indicator=HTN_MANAGED&orgUnit=C01X02")).toEqual([
      expect.objectContaining({ value: "950" }),
    ]);
  });

  it("a batch above the bulk threshold refreshes roll-ups wholesale, with the same figures", async () => {
    const lines: string[] = [];
    for (let year = 2101; lines.length <= BULK_REFRESH_ROWS; year++)
      for (let m = 1; m <= 12; m++)
        for (const [code, v] of [
          ["C01X01", 10 + m],
          ["C01X02", 100 + year - 2100],
        ] as const)
          lines.push(`HTN_MANAGED,${year}${String(m).padStart(2, "0")},${code},,,${v},,,,false`);
    const res = await upload("many.csv", lines.join("\n"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Summary>().imported).toBe(lines.length);
    expect((await rollup("HTN_MANAGED", "合成市", "2101M01")).value).toBe(11 + 101);
    expect((await rollup("HTN_MANAGED", "合成市", "2110M12")).value).toBe(22 + 110);
  });

  it("rejects a file with an unknown code, a bad period, a bad number and a numerator above its denominator, naming each row, and writes nothing", async () => {
    const [obs, bat] = [await observationCount(), await batches()];
    const res = await upload(
      "bad.csv",
      [
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup",
        "HTN_MANAGED,202406,C01X01,,,5,,,,false",
        "NOPE_CODE,202406,C01X01,,,5,,,,false",
        "HTN_MANAGED,2024W23,C01X01,,,5,,,,false",
        "HTN_MANAGED,202406,C01X01,,,5万,,,,false",
        'EHR_FILING,202406,C01X01,,,120,,,"numerator=120;denominator=100",false',
        "HTN_MANAGED,202406,NO_SUCH_OU,,,5,,,,false",
      ].join("\n"),
    );
    expect(res.statusCode, res.body).toBe(422);
    const err = errorOf(res);
    expect(err.code).toBe("IMPORT_INVALID");
    const details = err.details as RowErrors;
    expect(details.rows).toBe(6);
    const messages = details.errors.map((e) => e.message);
    expect(messages).toContain("第3行：未知的指标编码 NOPE_CODE");
    expect(messages).toContain("第4行：无法识别的报告期 2024W23");
    expect(messages).toContain("第5行：数值无效 5万");
    expect(
      messages.some((m) => m.startsWith("第6行：") && m.includes("分子（120）不能大于分母（100）")),
    ).toBe(true);
    expect(messages).toContain("第7行：未知的组织机构编码 NO_SUCH_OU");
    expect(details.errors.find((e) => e.row === 3)?.messageEn).toBe(
      "row 3: unknown indicator code NOPE_CODE",
    );
    expect(details.errors.some((e) => e.row === 2)).toBe(false);
    expect([await observationCount(), await batches()]).toEqual([obs, bat]);
  });

  it("reports at most 100 row errors but counts them all", async () => {
    const dataValues = Array.from({ length: 150 }, () => ({
      dataElement: "X_UNKNOWN",
      period: "2024",
      orgUnit: "C01",
      value: "1",
    }));
    const res = await post({ dataValues });
    expect(res.statusCode).toBe(422);
    const details = errorOf(res).details as RowErrors;
    expect(details.errorCount).toBe(150);
    expect(details.errors).toHaveLength(100);
    expect(details.errors[99]?.row).toBe(100);
  });

  it("a dry run validates and counts but writes nothing", async () => {
    const [obs, bat] = [await observationCount(), await batches()];
    const res = await upload(
      "dry.csv",
      "HTN_MANAGED,202403,C01X01,,,1300,,,,false\nHTN_MANAGED,202407,C01X01,,,1,,,,false\n",
      "?dryRun=true",
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Summary>()).toMatchObject({
      batchId: null,
      dryRun: true,
      rows: 2,
      imported: 1,
      replaced: 1,
    });
    expect([await observationCount(), await batches()]).toEqual([obs, bat]);
    expect((await rollup("HTN_MANAGED", "合成市", "2024M03")).value).toBe(2150);
    const bad = await upload("dry.csv", "HTN_MANAGED,202403,C01X01,,,-3,,,,false\n", "?dryRun=true");
    expect(bad.statusCode).toBe(422);
    expect((errorOf(bad).details as RowErrors).errors[0]?.message).toBe("第1行：不能为负数");
  });

  it("refuses reporters and viewers (403) and anonymous callers (401), writing nothing", async () => {
    const obs = await observationCount();
    const set = {
      dataValues: [{ dataElement: "HTN_MANAGED", period: "202408", orgUnit: "C01X01", value: "1" }],
    };
    expect((await api.as.reporter.call("POST", "/api/observations/dataValueSets", set)).statusCode).toBe(403);
    expect((await api.as.viewer.call("POST", "/api/observations/dataValueSets", set)).statusCode).toBe(403);
    expect((await upload("r.csv", "HTN_MANAGED,202408,C01X01,,,1\n", "", "reporter")).statusCode).toBe(403);
    expect((await api.as.anonymous.call("GET", "/api/observations/dataValueSets.json")).statusCode).toBe(401);
    expect(await observationCount()).toBe(obs);
  });

  it("refuses files of other types and malformed sets", async () => {
    const xml = await upload("values.xml", "<dataValueSet/>");
    expect(xml.statusCode).toBe(415);
    const broken = multipartFile("v.json", new TextEncoder().encode("{ not json"));
    const res = await api.as.planner.call(
      "POST",
      "/api/observations/dataValueSets",
      broken.body,
      broken.headers,
    );
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe("IMPORT_UNREADABLE");
    expect((await post({ values: [] })).statusCode).toBe(400);
    expect(errorOf(await post({ dataValues: [] })).code).toBe("IMPORT_EMPTY");
  });
});

describe("timeOrderedIds", () => {
  it("gives unique, increasing UUIDv7-shaped ids, later batches after earlier ones", () => {
    const a = timeOrderedIds(40_000, 1_700_000_000_000);
    const b = timeOrderedIds(3, 1_700_000_000_001);
    expect(new Set(a).size).toBe(a.length);
    for (let i = 1; i < a.length; i++) expect((a[i - 1] as string) < (a[i] as string)).toBe(true);
    expect((a[a.length - 1] as string) < (b[0] as string)).toBe(true);
    for (const id of [a[0], a[39_999], b[2]])
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
