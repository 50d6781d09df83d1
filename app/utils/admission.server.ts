/**
 * Admission control: how many requests the process works on at once, and which ones it turns
 * away when more arrive than it can serve. Without it, requests under overload pile up inside the
 * process until they wait past the database pool's acquire timeout (5 s) and fail with a 500;
 * with it, page loads are refused early with a 503 and Retry-After, which the browser retries.
 *
 * - Fewer than `maxInFlight` requests in flight: admitted at once.
 * - Otherwise the request waits in a queue. When a slot frees, mutations (a user's save) go
 *   before queued reads; within a kind, first come first served.
 * - Only document requests (full page loads) are ever shed: when `maxQueued` requests are already
 *   waiting, or once the document has waited `maxQueueWaitMs`. Retrying a page load loses
 *   nothing: the busy page reloads itself.
 * - Data requests (Remix single-fetch `.data` URLs: client navigations and revalidations of an
 *   open page) and mutations wait their turn without a time limit. Shedding them would replace
 *   an open page with an error boundary mid-task (Remix's client cannot decode a plain 503 body
 *   for a `.data` request) and would lose what the user just typed.
 */
export type RequestKind = "document" | "data" | "mutation";

export type AdmissionConfig = {
  maxInFlight: number;
  /** How long a document may wait for a slot; below the pool's acquire timeout. */
  maxQueueWaitMs: number;
  /** Waiting requests beyond which new documents are shed at once. */
  maxQueued: number;
};

export type AdmissionStats = { inFlight: number; queued: number; shed: number };

/** Frees the request's slot; calling it again does nothing. */
export type Release = () => void;

export type AdmissionGate = {
  /** A release function once admitted, or null when the request is shed. */
  enter(kind: RequestKind): Promise<Release | null>;
  stats(): AdmissionStats;
};

type Waiter = { admit: (release: Release) => void; timer?: ReturnType<typeof setTimeout> };

export function createAdmissionGate(config: AdmissionConfig): AdmissionGate {
  let inFlight = 0;
  let shed = 0;
  const mutations: Waiter[] = [];
  const reads: Waiter[] = [];

  function occupySlot(): Release {
    inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight -= 1;
      admitWaiting();
    };
  }

  function admitWaiting() {
    while (inFlight < config.maxInFlight) {
      const next = mutations.shift() ?? reads.shift();
      if (!next) return;
      clearTimeout(next.timer);
      next.admit(occupySlot());
    }
  }

  function enter(kind: RequestKind): Promise<Release | null> {
    if (inFlight < config.maxInFlight) return Promise.resolve(occupySlot());
    if (kind === "document" && mutations.length + reads.length >= config.maxQueued) {
      shed += 1;
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = { admit: resolve };
      if (kind === "mutation") {
        mutations.push(waiter);
        return;
      }
      reads.push(waiter);
      if (kind === "document") {
        waiter.timer = setTimeout(() => {
          reads.splice(reads.indexOf(waiter), 1);
          shed += 1;
          resolve(null);
        }, config.maxQueueWaitMs);
      }
    });
  }

  return {
    enter,
    stats: () => ({ inFlight, queued: mutations.length + reads.length, shed }),
  };
}

/** Remix single-fetch data requests end in `.data`; every other GET/HEAD is a page load. */
export function requestKind(method: string, path: string): RequestKind {
  const upper = method.toUpperCase();
  if (upper !== "GET" && upper !== "HEAD") return "mutation";
  return path.endsWith(".data") ? "data" : "document";
}

/**
 * Limits from the environment. The queue wait stays below DATABASE_ACQUIRE_TIMEOUT_MS (5 s) so a
 * page load is turned away before it would fail waiting for a database connection.
 */
export function readAdmissionConfig(env: Record<string, string | undefined> = process.env): AdmissionConfig {
  return {
    maxInFlight: positiveInt(env.MAX_REQUESTS_IN_FLIGHT, 32),
    maxQueueWaitMs: positiveInt(env.MAX_QUEUE_WAIT_MS, 2_000),
    maxQueued: positiveInt(env.MAX_QUEUED_REQUESTS, 256),
  };
}

function positiveInt(value: string | undefined, fallback: number) {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
