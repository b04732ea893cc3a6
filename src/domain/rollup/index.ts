/** Monitoring: roll-up of observations up the org-unit tree, and completeness/timeliness of reporting. */
export * from "./rollup.js";
export * from "./completeness.js";
export * from "./aggregate.js";
