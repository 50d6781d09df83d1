import "@remix-run/node";
import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  // Single fetch: loaders return plain values; useLoaderData infers them without json().
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** Per-request CSP nonce, created by the Express server. */
    cspNonce: string;
    requestId: string;
  }
}
