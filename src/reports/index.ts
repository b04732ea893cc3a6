/** Bulletin renderers (adapters over plain data): Word, Excel and printable HTML, and the chart they embed. */
export { renderBulletinDocx, DOCX_FONTS } from "./bulletin-docx.js";
export { renderBulletinXlsx, SHEET_NAMES } from "./bulletin-xlsx.js";
export { renderBulletinHtml, escapeHtml } from "./bulletin-html.js";
export { attainmentChartPng } from "./chart.js";
export { sampleBulletinInput } from "./sample-bulletin.js";
