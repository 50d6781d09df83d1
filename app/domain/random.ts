/**
 * A small seeded pseudo-random number generator for simulations that must be reproducible
 * (Monte Carlo sensitivity): the same seed gives the same draws in tests, on the server and in
 * the browser. Not for anything secret.
 */
export type RandomSource = () => number;

/** mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2³², uniform in [0, 1). */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
