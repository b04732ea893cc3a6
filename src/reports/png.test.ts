import { describe, expect, it } from "vitest";
import { attainmentChartPng } from "./chart.js";
import { crc32, encodePng, readPng } from "./png.js";

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789")).toString(16)).toBe("cbf43926");
  });
});

describe("encodePng", () => {
  it("encodes a 2×1 bitmap that reads back pixel for pixel", () => {
    const png = encodePng({ width: 2, height: 1, pixels: new Uint8Array([255, 0, 0, 0, 0, 255]) });
    const { width, height, colorType, raw } = readPng(png);
    expect([width, height, colorType]).toEqual([2, 1, 2]);
    expect([...raw]).toEqual([0, 255, 0, 0, 0, 0, 255]);
  });

  it("refuses a pixel buffer of the wrong size", () => {
    expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(3) })).toThrow(RangeError);
  });
});

describe("attainmentChartPng", () => {
  it("draws taller bars for larger counts, in the status colours", () => {
    const png = attainmentChartPng({ achieved: 12, on_track: 2, at_risk: 0, off_track: 4, no_data: 1 });
    const { width, height, raw } = readPng(png);
    expect([width, height]).toEqual([800, 400]);
    const pixel = (x: number, y: number): string =>
      [...raw.subarray(y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 1 + x * 3 + 3)]
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("")
        .toUpperCase();
    // Column centres of the five slots; just above the axis every non-empty bar is painted.
    const slot = 720 / 5;
    const centre = (i: number): number => Math.round(40 + slot * i + slot / 2);
    const above = 355;
    expect(pixel(centre(0), above)).toBe("2E7D32");
    expect(pixel(centre(2), above)).toBe("FFFFFF"); // at risk: 0, no bar
    expect(pixel(centre(3), above)).toBe("C62828");
    // The achieved bar (12, the maximum) reaches the top of the plot; the lagging one (4) a third of it.
    expect(pixel(centre(0), 70)).toBe("2E7D32");
    expect(pixel(centre(3), 70)).toBe("FFFFFF");
    expect(pixel(centre(3), 360 - 100)).toBe("C62828");
  });
});
