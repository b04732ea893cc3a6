/**
 * Every migration, by timestamped name. Kysely applies them in name order and records each in
 * `kysely_migration`, so a database only ever moves forward through this list.
 */
import type { Migration } from "kysely";
import * as initialSchema from "./2026-11-23T2015_initial-schema.js";
import * as indicatorVersion from "./2026-11-23T2100_indicator-version-observation-index.js";
import * as monitoring from "./2026-11-23T2200_monitoring.js";
import * as reporting from "./2026-11-23T2300_reporting.js";
import * as exchange from "./2026-11-23T2310_exchange.js";
import * as supervision from "./2026-11-23T2320_supervision.js";
import * as assessment from "./2026-11-23T2330_assessment.js";
import * as analytics from "./2026-11-23T2340_analytics.js";

export const migrations: Record<string, Migration> = {
  "2026-11-23T2015_initial-schema": initialSchema,
  "2026-11-23T2100_indicator-version-observation-index": indicatorVersion,
  "2026-11-23T2200_monitoring": monitoring,
  "2026-11-23T2300_reporting": reporting,
  "2026-11-23T2310_exchange": exchange,
  "2026-11-23T2320_supervision": supervision,
  "2026-11-23T2330_assessment": assessment,
  "2026-11-23T2340_analytics": analytics,
};
