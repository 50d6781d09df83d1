import { createContext, useContext } from "react";

/**
 * Per-request facts from the Express server, passed through entry.server into this context and
 * never through loader data:
 * - the CSP nonce (in loader JSON, injected script could read it; the browser hides nonces
 *   from the DOM, so on the client this is empty, as it should be);
 * - the request id, rendered into <meta name="request-id"> so error pages can show it.
 */
type RequestInfo = { nonce: string; requestId: string };
const RequestInfoContext = createContext<RequestInfo>({ nonce: "", requestId: "" });
export const RequestInfoProvider = RequestInfoContext.Provider;

export const useNonce = () => useContext(RequestInfoContext).nonce;

export function useRequestId() {
  const fromServer = useContext(RequestInfoContext).requestId;
  if (fromServer || typeof document === "undefined") return fromServer;
  return document.querySelector('meta[name="request-id"]')?.getAttribute("content") ?? "";
}
