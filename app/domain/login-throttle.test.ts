import { describe, expect, it } from "vitest";
import { decideLoginThrottle, LOGIN_THROTTLE } from "./login-throttle";

const now = new Date("2027-03-01T12:00:00Z");
const msAgo = (ms: number) => new Date(now.getTime() - ms);
const secondsAgo = (seconds: number) => msAgo(seconds * 1000);
const minutesAgo = (minutes: number) => msAgo(minutes * 60_000);
/** `count` failures, one a minute, the newest `newest` minutes ago. */
const failuresEveryMinute = (count: number, newest = 1) =>
  Array.from({ length: count }, (_, index) => minutesAgo(newest + index));
/** `count` failures, one every 20 seconds, the newest at this instant (all inside the window when < 45). */
const failuresEvery20Seconds = (count: number) => Array.from({ length: count }, (_, index) => secondsAgo(index * 20));

describe("LOGIN_THROTTLE", () => {
  it("allows 5 failures per account and 30 per address in 15 minutes", () => {
    expect(LOGIN_THROTTLE).toEqual({ windowMinutes: 15, maxFailuresPerAccount: 5, maxFailuresPerIp: 30 });
  });
});

describe("decideLoginThrottle: per account", () => {
  it("allows a clean slate", () => {
    expect(decideLoginThrottle({ now, accountFailures: [], ipFailures: [] })).toEqual({ allowed: true });
  });

  it("allows four recent failures", () => {
    const decision = decideLoginThrottle({ now, accountFailures: failuresEveryMinute(4), ipFailures: [] });
    expect(decision).toEqual({ allowed: true });
  });

  it("blocks at five failures until the oldest of them leaves the window", () => {
    // Failures 1..5 minutes ago; the one 5 minutes ago ages out in 10 minutes.
    const decision = decideLoginThrottle({ now, accountFailures: failuresEveryMinute(5), ipFailures: [] });
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 600 });
  });

  it("waits for the fifth most recent failure when there are more than five", () => {
    // Failures 1..8 minutes ago: the fifth newest is 5 minutes ago, so 10 more minutes.
    const decision = decideLoginThrottle({ now, accountFailures: failuresEveryMinute(8), ipFailures: [] });
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 600 });
  });

  it("does not depend on the order failures are given in", () => {
    const shuffled = [minutesAgo(3), minutesAgo(12), minutesAgo(1), minutesAgo(7), minutesAgo(5), minutesAgo(9)];
    // Newest first: 1, 3, 5, 7, 9, 12 → the fifth is 9 minutes ago → 6 minutes to wait.
    expect(decideLoginThrottle({ now, accountFailures: shuffled, ipFailures: [] })).toEqual({
      allowed: false,
      retryAfterSeconds: 360,
    });
  });

  it("blocks for the whole window when five failures happen at this instant", () => {
    const burst = Array.from({ length: 5 }, () => new Date(now));
    expect(decideLoginThrottle({ now, accountFailures: burst, ipFailures: [] })).toEqual({
      allowed: false,
      retryAfterSeconds: 900,
    });
  });
});

describe("decideLoginThrottle: window expiry", () => {
  it("ignores a failure exactly one window old", () => {
    const failures = [...failuresEveryMinute(4), minutesAgo(15)];
    expect(decideLoginThrottle({ now, accountFailures: failures, ipFailures: [] })).toEqual({ allowed: true });
  });

  it("ignores failures older than the window", () => {
    const failures = [...failuresEveryMinute(4), minutesAgo(16), minutesAgo(60), minutesAgo(24 * 60)];
    expect(decideLoginThrottle({ now, accountFailures: failures, ipFailures: [] })).toEqual({ allowed: true });
  });

  it("still counts a failure one millisecond inside the window, rounding the wait up to a second", () => {
    const failures = [...failuresEveryMinute(4), msAgo(15 * 60_000 - 1)];
    expect(decideLoginThrottle({ now, accountFailures: failures, ipFailures: [] })).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
  });

  it("rounds a fractional wait up to the next second", () => {
    // Blocking failure 10 min 0.5 s ago → 4 min 59.5 s left → 300 s.
    const failures = [...failuresEveryMinute(4), msAgo(10 * 60_000 + 500)];
    expect(decideLoginThrottle({ now, accountFailures: failures, ipFailures: [] })).toEqual({
      allowed: false,
      retryAfterSeconds: 300,
    });
  });

  it("gives exact waits as the blocking failure ages", () => {
    const burst = Array.from({ length: 4 }, () => new Date(now));
    const waitWhenOldestIs = (age: Date) =>
      decideLoginThrottle({ now, accountFailures: [...burst, age], ipFailures: [] });
    expect(waitWhenOldestIs(secondsAgo(1))).toEqual({ allowed: false, retryAfterSeconds: 899 });
    expect(waitWhenOldestIs(secondsAgo(14 * 60 + 59))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe("decideLoginThrottle: per address", () => {
  it("allows 29 failures from one address", () => {
    expect(decideLoginThrottle({ now, accountFailures: [], ipFailures: failuresEvery20Seconds(29) })).toEqual({
      allowed: true,
    });
  });

  it("blocks the address at 30 failures, waiting for the 30th most recent", () => {
    // 30 failures, every 20 seconds, newest now: the 30th is 580 s ago → 320 s left.
    expect(decideLoginThrottle({ now, accountFailures: [], ipFailures: failuresEvery20Seconds(30) })).toEqual({
      allowed: false,
      retryAfterSeconds: 320,
    });
  });

  it("does not apply the account limit to the address", () => {
    expect(decideLoginThrottle({ now, accountFailures: [], ipFailures: failuresEveryMinute(10) })).toEqual({
      allowed: true,
    });
  });
});

describe("decideLoginThrottle: both limits", () => {
  it("waits for the longer of the two", () => {
    const accountFailures = failuresEveryMinute(5, 10); // fifth newest 14 min ago → 60 s
    const ipFailures = Array.from({ length: 30 }, () => minutesAgo(2)); // → 13 min = 780 s
    expect(decideLoginThrottle({ now, accountFailures, ipFailures })).toEqual({
      allowed: false,
      retryAfterSeconds: 780,
    });
    expect(decideLoginThrottle({ now, accountFailures: failuresEveryMinute(5, 1), ipFailures: [] })).toEqual({
      allowed: false,
      retryAfterSeconds: 600,
    });
  });

  it("blocks on the account alone when the address is under its limit", () => {
    const decision = decideLoginThrottle({
      now,
      accountFailures: failuresEveryMinute(5, 10),
      ipFailures: failuresEvery20Seconds(29),
    });
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });
});
