/** The starter catalogue reaches the database at first open, once, with its aliases, on both engines. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.js";
import { seedCatalogue } from "../../src/db/catalogue.seed.js";
import { STARTER_CATALOGUE } from "../../src/domain/indicators/index.js";
import { enginesToRun } from "./engines.js";

describe.each(enginesToRun())("starter catalogue on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle.close());

  it("holds every catalogue indicator with its code, type and aliases after opening", async () => {
    const rows = await handle.db.selectFrom("indicators").selectAll().execute();
    expect(rows.length).toBe(STARTER_CATALOGUE.length);
    expect(STARTER_CATALOGUE.length).toBeGreaterThanOrEqual(60);
    const mmr = rows.find((r) => r.code === "MATERNAL_MORTALITY");
    expect(mmr).toMatchObject({ name: "孕产妇死亡率", type: "per_100k", direction: "lower" });
    const aliases = await handle.db.selectFrom("indicator_aliases").selectAll().execute();
    const life = rows.find((r) => r.code === "LIFE_EXPECTANCY");
    expect(aliases.filter((a) => a.indicator_id === life?.id).map((a) => a.alias)).toContain("人均期望寿命");
  });

  it("adds nothing the second time, and keeps an admin's edit", async () => {
    await handle.db
      .updateTable("indicators")
      .set({ name: "人均预期寿命（岁）" })
      .where("code", "=", "LIFE_EXPECTANCY")
      .execute();
    expect(await seedCatalogue(handle.db)).toBe(0);
    const again = await handle.db.selectFrom("indicators").select("name").execute();
    expect(again.length).toBe(STARTER_CATALOGUE.length);
    expect(again.map((r) => r.name)).toContain("人均预期寿命（岁）");
  });

  it("restores an indicator deleted by code but never steals a name held by another", async () => {
    const life = await handle.db
      .selectFrom("indicators")
      .select("id")
      .where("code", "=", "INFANT_MORTALITY")
      .executeTakeFirstOrThrow();
    await handle.db.deleteFrom("indicators").where("id", "=", life.id).execute();
    await handle.db
      .insertInto("indicators")
      .values({
        id: "hand-made",
        name: "婴儿死亡率",
        unit: "‰",
        direction: "lower",
        description: null,
        version: 1,
        code: null,
        type: null,
        numerator: null,
        denominator: null,
        references_json: null,
      })
      .execute();
    expect(await seedCatalogue(handle.db)).toBe(0);
    const rows = await handle.db.selectFrom("indicators").select("code").execute();
    expect(rows.filter((r) => r.code === "INFANT_MORTALITY")).toEqual([]);
  });
});
