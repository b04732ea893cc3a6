import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { DocumentError } from "./errors.js";
import { decodeText } from "./text.js";

const seed = (prefix: string): string => {
  const dir = new URL("../../../../shared/seeds/", import.meta.url);
  const name = ["000_e2d747200818f75f.txt", "001_81666edb039b5196.txt"].find((n) => n.startsWith(prefix));
  return readFileSync(new URL(name ?? "", dir), "utf8");
};

// A simplified excerpt (seed 001) and a traditional one (seed 000, with its pinyin glosses removed).
const simplified = seed("001").slice(0, 2000);
// Seed 000 holds a few characters Big5 lacks (and some mojibake): keep what Big5 can carry.
const traditional = iconv.decode(
  iconv.encode(
    seed("000")
      .replace(/\([a-zü\u0100-\u01dc]{1,7}\)/g, "")
      .slice(0, 2000),
    "big5",
  ),
  "big5",
);

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof DocumentError ? e.code : `not a DocumentError: ${String(e)}`;
  }
  return undefined;
};

describe("decodeText", () => {
  it("decodes UTF-8 with and without a BOM", () => {
    const bytes = new TextEncoder().encode(simplified);
    expect(decodeText(bytes)).toEqual({ text: simplified, encoding: "utf-8" });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(decodeText(withBom)).toEqual({ text: simplified, encoding: "utf-8" });
  });

  it("decodes UTF-16 with a BOM, little and big endian", () => {
    const le = iconv.encode(simplified, "utf-16le", { addBOM: true });
    expect(decodeText(le)).toEqual({ text: simplified, encoding: "utf-16le" });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(simplified, "utf-16be")]);
    expect(decodeText(be)).toEqual({ text: simplified, encoding: "utf-16be" });
  });

  it("recognises UTF-16 without a BOM by its NUL bytes", () => {
    expect(decodeText(iconv.encode(simplified, "utf-16le"))).toEqual({
      text: simplified,
      encoding: "utf-16le",
    });
  });

  it("detects GBK / GB18030 text", () => {
    expect(decodeText(iconv.encode(simplified, "gbk"))).toEqual({ text: simplified, encoding: "gb18030" });
  });

  it("detects a short GBK line", () => {
    const line = "居民健康素养水平达到30%以上，孕产妇死亡率控制在10/10万以下。";
    expect(decodeText(iconv.encode(line, "gbk")).text).toBe(line);
  });

  it("detects Big5 text in traditional characters", () => {
    expect(decodeText(iconv.encode(traditional, "big5"))).toEqual({ text: traditional, encoding: "big5" });
  });

  it("detects traditional text encoded in GB18030", () => {
    expect(decodeText(iconv.encode(traditional, "gb18030")).text).toBe(traditional);
  });

  it("tolerates a few broken bytes in an otherwise valid UTF-8 file", () => {
    const utf8 = (s: string) => [...new TextEncoder().encode(s)];
    // A cut three-byte sequence between two characters, as a bad copy-paste leaves.
    const broken = new Uint8Array([
      ...utf8(simplified.slice(0, 300)),
      0xe5,
      0x8d,
      ...utf8(simplified.slice(300)),
    ]);
    const { text, encoding } = decodeText(broken);
    expect(encoding).toBe("utf-8");
    expect(text.split("\ufffd")).toHaveLength(2);
    expect(text.replace("\ufffd", "")).toBe(simplified);
  });

  it("reads the seed documents as UTF-8 unchanged", () => {
    for (const prefix of ["000", "001"]) {
      const text = seed(prefix);
      expect(decodeText(new TextEncoder().encode(text)).text).toBe(text);
    }
  });

  it("rejects random high bytes as undecodable", () => {
    // Deterministic noise: every byte ≥ 0x80, which no encoding turns into plausible Chinese text.
    const noise = new Uint8Array(4000).map((_, i) => 0x80 + ((i * 7919 + (i >> 3) * 104729) % 128));
    expect(codeOf(() => decodeText(noise))).toBe("undecodable");
  });

  it("rejects binary content with control bytes", () => {
    const binary = new Uint8Array(2000).map((_, i) => (i * 31) % 256);
    expect(codeOf(() => decodeText(binary))).toBe("binary");
  });
});
