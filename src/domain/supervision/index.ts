/** Supervision (督办): task traffic lights and the task workflow. */
export * from "./traffic-light.js";
export * from "./task-workflow.js";
