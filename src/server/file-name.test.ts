import { describe, expect, it } from "vitest";
import { plainFileName } from "./file-name.js";

describe("plainFileName", () => {
  it("keeps the last path segment of Unix and Windows paths", () => {
    expect(plainFileName("../../etc/passwd.txt")).toBe("passwd.txt");
    expect(plainFileName("/abs/工作要点.docx")).toBe("工作要点.docx");
    expect(plainFileName("..\\..\\windows\\計畫.pdf")).toBe("計畫.pdf");
  });
  it("drops NUL, CR/LF and other control characters", () => {
    expect(plainFileName("a\u0000b.txt")).toBe("ab.txt");
    expect(plainFileName("x.txt\r\nX-Injected: 1")).toBe("x.txtX-Injected: 1");
  });
  it("never returns an empty name or a dot path, and keeps the extension of a very long one", () => {
    expect(plainFileName("")).toBe("document");
    expect(plainFileName("../..")).toBe("document");
    expect(plainFileName("\u0000")).toBe("document");
    const long = plainFileName(`${"长".repeat(400)}.docx`);
    expect([...long]).toHaveLength(255);
    expect(long.endsWith(".docx")).toBe(true);
  });
});
