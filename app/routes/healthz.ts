/** Liveness: the process answers. Deliberately does no work (the benchmark's baseline route). */
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
