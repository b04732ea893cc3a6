/** Dates as `YYYY-MM-DD` strings and the Chinese working-day calendar (holidays, 调休). */
export * from "./dates.js";
export * from "./working-days.js";
