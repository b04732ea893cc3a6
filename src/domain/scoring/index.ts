/** Assessment (考核): scoring schemes, unit scores with the detail of every point, and ranking. */
export * from "./scoring.js";
