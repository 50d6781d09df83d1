import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type AdmissionGate,
  createAdmissionGate,
  type Release,
  readAdmissionConfig,
  requestKind,
} from "./admission.server";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Settles the gate's promises, so `order` lists who has been admitted so far. */
async function settle() {
  await vi.advanceTimersByTimeAsync(0);
}

function track(gate: AdmissionGate, name: string, kind: Parameters<AdmissionGate["enter"]>[0], order: string[]) {
  const outcome: { release: Release | null; settled: boolean } = { release: null, settled: false };
  void gate.enter(kind).then((release) => {
    outcome.release = release;
    outcome.settled = true;
    order.push(release ? name : `${name} shed`);
  });
  return outcome;
}

describe("createAdmissionGate", () => {
  it("admits at once below the limit, and queues at the limit", async () => {
    const gate = createAdmissionGate({ maxInFlight: 2, maxQueueWaitMs: 1_000, maxQueued: 10 });
    const order: string[] = [];
    track(gate, "first", "document", order);
    track(gate, "second", "data", order);
    const third = track(gate, "third", "document", order);
    await settle();
    expect(order).toEqual(["first", "second"]);
    expect(third.settled).toBe(false);
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 1, shed: 0 });
  });

  it("a release admits the next request in line", async () => {
    const gate = createAdmissionGate({ maxInFlight: 1, maxQueueWaitMs: 1_000, maxQueued: 10 });
    const order: string[] = [];
    const first = track(gate, "first", "document", order);
    track(gate, "second", "document", order);
    track(gate, "third", "data", order);
    await settle();
    expect(order).toEqual(["first"]);
    first.release?.();
    await settle();
    expect(order).toEqual(["first", "second"]);
    expect(gate.stats()).toEqual({ inFlight: 1, queued: 1, shed: 0 });
  });

  it("admits queued mutations before reads that were queued earlier; each kind in arrival order", async () => {
    const gate = createAdmissionGate({ maxInFlight: 1, maxQueueWaitMs: 60_000, maxQueued: 10 });
    const order: string[] = [];
    const first = track(gate, "first", "document", order);
    const page = track(gate, "page", "document", order);
    track(gate, "navigation", "data", order);
    const save = track(gate, "save", "mutation", order);
    const autosave = track(gate, "autosave", "mutation", order);
    await settle();
    // Each release frees the slot of whoever holds it, admitting the next in line.
    for (const holder of [first, save, autosave, page]) {
      holder.release?.();
      await settle();
    }
    expect(order).toEqual(["first", "save", "autosave", "page", "navigation"]);
  });

  it("sheds a document that waited maxQueueWaitMs, and frees its place in the queue", async () => {
    const gate = createAdmissionGate({ maxInFlight: 1, maxQueueWaitMs: 2_000, maxQueued: 10 });
    const order: string[] = [];
    const first = track(gate, "first", "document", order);
    const waiting = track(gate, "waiting", "document", order);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(waiting.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting).toEqual({ release: null, settled: true });
    expect(gate.stats()).toEqual({ inFlight: 1, queued: 0, shed: 1 });
    // The shed document is not admitted later: the slot goes to the next arrival.
    first.release?.();
    track(gate, "later", "document", order);
    await settle();
    expect(order).toEqual(["first", "waiting shed", "later"]);
  });

  it("sheds a document at once when maxQueued requests are already waiting", async () => {
    const gate = createAdmissionGate({ maxInFlight: 1, maxQueueWaitMs: 60_000, maxQueued: 2 });
    const order: string[] = [];
    track(gate, "first", "document", order);
    track(gate, "queued page", "document", order);
    track(gate, "queued save", "mutation", order);
    const overflow = track(gate, "overflow", "document", order);
    await settle();
    expect(overflow).toEqual({ release: null, settled: true });
    expect(order).toEqual(["first", "overflow shed"]);
    expect(gate.stats()).toEqual({ inFlight: 1, queued: 2, shed: 1 });
  });

  it("never sheds data requests or mutations, however long they wait or however full the queue", async () => {
    const gate = createAdmissionGate({ maxInFlight: 1, maxQueueWaitMs: 100, maxQueued: 1 });
    const order: string[] = [];
    const first = track(gate, "first", "document", order);
    track(gate, "navigation", "data", order);
    track(gate, "save", "mutation", order);
    track(gate, "revalidation", "data", order);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(order).toEqual(["first"]);
    expect(gate.stats()).toEqual({ inFlight: 1, queued: 3, shed: 0 });
    first.release?.();
    await settle();
    expect(order).toEqual(["first", "save"]);
  });

  it("frees one slot only when a release is called twice", async () => {
    const gate = createAdmissionGate({ maxInFlight: 1, maxQueueWaitMs: 60_000, maxQueued: 10 });
    const order: string[] = [];
    const first = track(gate, "first", "document", order);
    track(gate, "second", "data", order);
    track(gate, "third", "data", order);
    await settle();
    first.release?.();
    first.release?.();
    await settle();
    expect(order).toEqual(["first", "second"]);
    expect(gate.stats()).toEqual({ inFlight: 1, queued: 1, shed: 0 });
  });

  it("counts in flight, queued and shed requests", async () => {
    const gate = createAdmissionGate({ maxInFlight: 2, maxQueueWaitMs: 500, maxQueued: 10 });
    expect(gate.stats()).toEqual({ inFlight: 0, queued: 0, shed: 0 });
    const order: string[] = [];
    const first = track(gate, "first", "document", order);
    track(gate, "second", "mutation", order);
    track(gate, "third", "document", order);
    track(gate, "fourth", "data", order);
    await settle();
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 2, shed: 0 });
    await vi.advanceTimersByTimeAsync(500);
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 1, shed: 1 });
    first.release?.();
    await settle();
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 0, shed: 1 });
  });
});

describe("requestKind", () => {
  it("tells page loads from single-fetch data requests and mutations", () => {
    expect(requestKind("GET", "/rfps/abc/results")).toBe("document");
    expect(requestKind("HEAD", "/dashboard")).toBe("document");
    expect(requestKind("GET", "/rfps/abc/results.data")).toBe("data");
    expect(requestKind("GET", "/_root.data")).toBe("data");
    expect(requestKind("POST", "/rfps/abc/scoring/xyz.data")).toBe("mutation");
    expect(requestKind("post", "/login")).toBe("mutation");
    expect(requestKind("DELETE", "/rfps/abc")).toBe("mutation");
  });
});

describe("readAdmissionConfig", () => {
  it("uses the defaults when nothing is set", () => {
    expect(readAdmissionConfig({})).toEqual({ maxInFlight: 32, maxQueueWaitMs: 2_000, maxQueued: 256 });
  });

  it("reads the three limits from the environment", () => {
    expect(
      readAdmissionConfig({ MAX_REQUESTS_IN_FLIGHT: "8", MAX_QUEUE_WAIT_MS: "1500", MAX_QUEUED_REQUESTS: "64" }),
    ).toEqual({ maxInFlight: 8, maxQueueWaitMs: 1_500, maxQueued: 64 });
  });

  it("falls back to the default for a value that is not a positive whole number", () => {
    expect(
      readAdmissionConfig({ MAX_REQUESTS_IN_FLIGHT: "0", MAX_QUEUE_WAIT_MS: "soon", MAX_QUEUED_REQUESTS: "-3" }),
    ).toEqual({ maxInFlight: 32, maxQueueWaitMs: 2_000, maxQueued: 256 });
  });
});
