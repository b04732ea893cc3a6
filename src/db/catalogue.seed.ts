/**
 * Loads the starter catalogue (src/domain/indicators) into the indicators table at start, idempotently: an
 * indicator whose code is already there is left as the admins edited it; a name or alias another indicator
 * already holds is skipped rather than stolen. Runs after the migrations on every open, so a catalogue that
 * grows in code reaches existing databases.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { STARTER_CATALOGUE, type Indicator } from "../domain/indicators/index.js";
import type { Database } from "./schema.js";

/** The catalogue's direction in the table's words. */
export const directionWord = (d: Indicator["direction"]) => (d === "higher_is_better" ? "higher" : "lower");

/** Inserts the missing catalogue indicators; returns how many were added. */
export async function seedCatalogue(
  db: Kysely<Database>,
  catalogue: readonly Indicator[] = STARTER_CATALOGUE,
): Promise<number> {
  const codes = new Set(
    (await db.selectFrom("indicators").select("code").where("code", "is not", null).execute()).map(
      (r) => r.code,
    ),
  );
  const missing = catalogue.filter((i) => !codes.has(i.code));
  if (missing.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const taken = new Set([
      ...(await trx.selectFrom("indicators").select("name").execute()).map((r) => r.name),
      ...(await trx.selectFrom("indicator_aliases").select("alias").execute()).map((r) => r.alias),
    ]);
    let added = 0;
    for (const i of missing) {
      if (taken.has(i.name)) continue;
      const id = randomUUID();
      taken.add(i.name);
      await trx
        .insertInto("indicators")
        .values({
          id,
          code: i.code,
          name: i.name,
          unit: i.unit,
          direction: directionWord(i.direction),
          description: null,
          version: 1,
          type: i.type,
          numerator: i.numerator,
          denominator: i.denominator,
          references_json: JSON.stringify(i.references),
        })
        .execute();
      const aliases = [...new Set(i.aliases)].filter((a) => !taken.has(a));
      for (const a of aliases) taken.add(a);
      if (aliases.length > 0)
        await trx
          .insertInto("indicator_aliases")
          .values(aliases.map((alias) => ({ alias, indicator_id: id })))
          .execute();
      added++;
    }
    return added;
  });
}
