/** Bulletins (通报): the input model and the narrative written from the numbers. */
export * from "./bulletin.js";
export * from "./narrative.js";
export * from "./from-domain.js";
