import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "./password.js";

describe("hashPassword / verifyPassword", () => {
  it("accepts the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("正确的密码-correct");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("正确的密码-correct", hash)).toBe(true);
    expect(await verifyPassword("正确的密码-correcT", hash)).toBe(false);
  });

  it("salts every hash, and refuses a malformed stored hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
    expect(await verifyPassword("x", "plain-text")).toBe(false);
  });
});

describe("generatePassword", () => {
  it("makes distinct passwords without look-alike characters", () => {
    const a = generatePassword();
    expect(a).toHaveLength(16);
    expect(a).not.toMatch(/[0O1lI]/);
    expect(generatePassword()).not.toBe(a);
  });
});
