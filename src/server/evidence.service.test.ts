import { describe, expect, it } from "vitest";
import { contentDisposition, evidenceMime } from "./evidence.service.js";

const bytes = (...xs: number[]) => new Uint8Array(xs);
const text = (s: string) => new TextEncoder().encode(s);

describe("evidenceMime", () => {
  it("accepts the kinds ledgers are made of when their first bytes agree", () => {
    expect(evidenceMime("台账.PDF", text("%PDF-1.7\n"))).toBe("application/pdf");
    expect(evidenceMime("现场.png", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a))).toBe("image/png");
    expect(evidenceMime("现场.jpeg", bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(evidenceMime("通知.docx", bytes(0x50, 0x4b, 0x03, 0x04, 0))).toMatch(/wordprocessingml/);
    expect(evidenceMime("明细.xlsx", bytes(0x50, 0x4b, 0x03, 0x04, 0))).toMatch(/spreadsheetml/);
    expect(evidenceMime("说明.txt", text("統計口徑：常住人口"))).toBe("text/plain; charset=utf-8");
  });
  it("refuses other kinds, and files whose bytes belie their name", () => {
    expect(evidenceMime("run.exe", bytes(0x4d, 0x5a))).toBeNull();
    expect(evidenceMime("台账.pdf", bytes(0x4d, 0x5a, 0x90))).toBeNull();
    expect(evidenceMime("图.png", text("%PDF"))).toBeNull();
    expect(evidenceMime("旧版.doc", bytes(0xd0, 0xcf, 0x11, 0xe0))).toBeNull();
    expect(evidenceMime("说明.txt", bytes(0x61, 0, 0x62))).toBeNull();
    // GBK bytes are not UTF-8 text
    expect(evidenceMime("说明.txt", bytes(0xcd, 0xb3, 0xbc, 0xc6))).toBeNull();
    expect(evidenceMime("没有扩展名", text("%PDF"))).toBeNull();
  });
});

describe("contentDisposition", () => {
  it("keeps a Chinese name as RFC 5987 UTF-8 with an ASCII fallback", () => {
    const h = contentDisposition("高血压台账(一季度).pdf");
    expect(h).toBe(
      `attachment; filename="_____(___).pdf"; filename*=UTF-8''${encodeURIComponent("高血压台账")}%28${encodeURIComponent("一季度")}%29.pdf`,
    );
  });
  it("never lets a quote or backslash end the fallback early", () => {
    expect(contentDisposition('a"b\\c.txt')).toMatch(
      /^attachment; filename="a_b_c.txt"; filename\*=UTF-8''a%22b%5Cc.txt$/,
    );
  });
});
