/** Attainment status of targets: thresholds, projection to the deadline, and the explanation. */
export * from "./trend.js";
export * from "./attainment.js";
