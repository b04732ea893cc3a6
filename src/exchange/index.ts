/**
 * DHIS2 dataValueSets exchange (JSON and CSV): periods to and from DHIS2 form, numerator and denominator in
 * the comment, a streaming CSV reader, per-row reading with numbered errors, and the writers. Pure: the
 * importer and the export route (src/server/exchange.*) do the database work.
 */
export * from "./period.js";
export * from "./comment.js";
export * from "./data-value.js";
export * from "./csv.js";
export * from "./format.js";
