/**
 * The attainment bar chart of a bulletin, drawn into a bitmap and encoded as PNG: one bar per status, in the
 * status colours, with its count above it. The bars carry no Chinese labels (drawing CJK glyphs needs a font
 * rasteriser); the caption under the image in the document names the statuses from left to right.
 */
import type { AttainmentStatus } from "../domain/attainment/index.js";
import { ATTAINMENT_STATUSES } from "../domain/bulletin/index.js";
import { encodePng, type Bitmap } from "./png.js";
import { STATUS_COLORS } from "./status-style.js";

/** 3×5 digits, one string per row, '#' = ink. */
const DIGITS: Record<string, string[]> = {
  "0": ["###", "#.#", "#.#", "#.#", "###"],
  "1": [".#.", "##.", ".#.", ".#.", "###"],
  "2": ["###", "..#", "###", "#..", "###"],
  "3": ["###", "..#", "###", "..#", "###"],
  "4": ["#.#", "#.#", "###", "..#", "..#"],
  "5": ["###", "#..", "###", "..#", "###"],
  "6": ["###", "#..", "###", "#.#", "###"],
  "7": ["###", "..#", "..#", "..#", "..#"],
  "8": ["###", "#.#", "###", "#.#", "###"],
  "9": ["###", "#.#", "###", "..#", "###"],
};

type Rgb = [number, number, number];
const hex = (h: string): Rgb => [
  parseInt(h.slice(0, 2), 16),
  parseInt(h.slice(2, 4), 16),
  parseInt(h.slice(4, 6), 16),
];

class Canvas implements Bitmap {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3).fill(255);
  }
  rect(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++)
      for (let xx = x0; xx < x1; xx++) {
        const i = (yy * this.width + xx) * 3;
        this.pixels[i] = r;
        this.pixels[i + 1] = g;
        this.pixels[i + 2] = b;
      }
  }
  /** Draws a number centred on `cx` with its baseline at `bottom`, `scale` pixels per font dot. */
  number(text: string, cx: number, bottom: number, scale: number, color: Rgb): void {
    const advance = 4 * scale;
    let x = cx - (text.length * advance - scale) / 2;
    for (const ch of text) {
      DIGITS[ch]?.forEach((row, r) => {
        [...row].forEach((dot, c) => {
          if (dot === "#") this.rect(x + c * scale, bottom - (5 - r) * scale, scale, scale, color);
        });
      });
      x += advance;
    }
  }
}

export interface ChartSize {
  width: number;
  height: number;
}

export const CHART_SIZE: ChartSize = { width: 800, height: 400 };

/** The bars, left to right, in the order of ATTAINMENT_STATUSES. */
export function attainmentChartPng(counts: Record<AttainmentStatus, number>, size = CHART_SIZE): Buffer {
  const { width, height } = size;
  const canvas = new Canvas(width, height);
  const pad = { left: 40, right: 40, top: 60, bottom: 40 };
  const plotH = height - pad.top - pad.bottom;
  const plotW = width - pad.left - pad.right;
  const max = Math.max(1, ...Object.values(counts));
  const grid: Rgb = [225, 225, 225];
  for (let i = 1; i <= 4; i++) canvas.rect(pad.left, pad.top + (plotH * (4 - i)) / 4, plotW, 1, grid);
  const slot = plotW / ATTAINMENT_STATUSES.length;
  const barW = slot * 0.56;
  const scale = Math.max(2, Math.round(height / 80));
  ATTAINMENT_STATUSES.forEach((status, i) => {
    const n = counts[status];
    const h = (plotH * n) / max;
    const x = pad.left + slot * i + (slot - barW) / 2;
    const color = hex(STATUS_COLORS[status].strong);
    canvas.rect(x, pad.top + plotH - h, barW, h, color);
    canvas.number(String(n), x + barW / 2, pad.top + plotH - h - scale * 2, scale, color);
  });
  canvas.rect(pad.left, pad.top + plotH, plotW, 2, [90, 90, 90]);
  return encodePng(canvas);
}

/** The caption naming the bars, for the document under the image. */
export function attainmentChartCaption(labels: Record<AttainmentStatus, string>): string {
  return `图1  各状态指标数量（自左至右：${ATTAINMENT_STATUSES.map((s) => labels[s]).join("、")}）`;
}
