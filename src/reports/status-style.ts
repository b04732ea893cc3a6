/** The colours of attainment statuses, one set for the Word tables, the Excel cells, the HTML and the chart. */
import type { AttainmentStatus } from "../domain/attainment/index.js";

/** Strong colour (text, bars) and light fill (cell background), as RRGGBB. */
export const STATUS_COLORS: Record<AttainmentStatus, { strong: string; fill: string }> = {
  achieved: { strong: "2E7D32", fill: "E8F5E9" },
  on_track: { strong: "1565C0", fill: "E3F2FD" },
  at_risk: { strong: "B26A00", fill: "FFF3E0" },
  off_track: { strong: "C62828", fill: "FFEBEE" },
  no_data: { strong: "757575", fill: "F5F5F5" },
};
