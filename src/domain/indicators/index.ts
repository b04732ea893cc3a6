/** The indicator catalogue (指标库): its shape, the starter catalogue, and linking metrics to it. */
export * from "./indicator.js";
export * from "./catalogue.js";
export * from "./link.js";
export * from "./observation-checks.js";
