import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit.js";

describe("FailureLimiter", () => {
  it("blocks a key after the allowed failures until its window ends", () => {
    let now = 0;
    const limiter = new FailureLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter("ip|alice")).toBe(0);
      limiter.fail("ip|alice");
    }
    expect(limiter.retryAfter("ip|alice")).toBe(60);
    expect(limiter.retryAfter("ip|bob")).toBe(0);
    now = 60_001;
    expect(limiter.retryAfter("ip|alice")).toBe(0);
  });

  it("forgets failures after a success", () => {
    const limiter = new FailureLimiter(2, 1000, () => 0);
    limiter.fail("k");
    limiter.succeed("k");
    limiter.fail("k");
    expect(limiter.retryAfter("k")).toBe(0);
  });
});
