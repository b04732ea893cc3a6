/** Reporting periods and their reporting deadlines. */
export * from "./period.js";
export * from "./deadline.js";
