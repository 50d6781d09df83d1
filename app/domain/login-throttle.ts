/**
 * Login rate limits, per account and per client address, over a sliding window. Limits apply to
 * the email as typed whether or not an account exists, so being throttled reveals nothing.
 */
export const LOGIN_THROTTLE = {
  windowMinutes: 15,
  maxFailuresPerAccount: 5,
  maxFailuresPerIp: 30,
} as const;

export type ThrottleInput = {
  now: Date;
  /** Failed attempts for this email inside the window, after its last successful login. */
  accountFailures: Date[];
  /** Failed attempts from this address inside the window. */
  ipFailures: Date[];
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type ThrottleLimits = { windowMinutes: number; maxFailuresPerAccount: number; maxFailuresPerIp: number };

export function decideLoginThrottle(input: ThrottleInput, limits: ThrottleLimits = LOGIN_THROTTLE): ThrottleDecision {
  const windowMs = limits.windowMinutes * 60_000;
  const waits = [
    waitFor(input.accountFailures, limits.maxFailuresPerAccount, windowMs, input.now),
    waitFor(input.ipFailures, limits.maxFailuresPerIp, windowMs, input.now),
  ];
  const wait = Math.max(...waits);
  return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true };
}

/** Milliseconds until fewer than `max` failures remain inside the window (0 if already so). */
function waitFor(failures: Date[], max: number, windowMs: number, now: Date) {
  const recent = failures
    .map((at) => at.getTime())
    .filter((at) => at > now.getTime() - windowMs)
    .sort((a, b) => b - a);
  if (recent.length < max) return 0;
  // The attempt that must age out is the max-th most recent one.
  const blocking = recent[max - 1] as number;
  return Math.max(0, blocking + windowMs - now.getTime());
}
