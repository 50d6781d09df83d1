// First: configures Zod before any module defines a schema (see the module).
import "~/utils/zod-config";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { AppShell } from "./components/app-shell";
import { useNonce, useRequestId } from "./components/request-info";
import { Toasts } from "./components/toasts";
import appStyles from "./styles/app.css";
import { getOptionalUser } from "./utils/auth.server";
import { readFlash } from "./utils/flash.server";
import { preferredLocale } from "./utils/locale.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { flash, clearCookie }] = await Promise.all([getOptionalUser(request), readFlash(request)]);
  return data(
    {
      user: user ? { id: user.id, name: user.name, email: user.email, role: user.role } : null,
      flash,
      locale: preferredLocale(request),
    },
    clearCookie ? { headers: { "Set-Cookie": clearCookie } } : undefined,
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const requestId = useRequestId();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="request-id" content={requestId} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {/* Renders nothing outside `npm run dev`. */}
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

/** The vendor portal and its entry links have their own frame: never the staff navigation. */
function useIsVendorPage() {
  return useMatches().some((match) => /^routes\/(portal|v\.)/.test(match.id));
}

export default function App() {
  const root = useRootData();
  const vendorPage = useIsVendorPage();
  return (
    <>
      {root?.user && !vendorPage ? (
        <AppShell user={root.user}>
          <Outlet />
        </AppShell>
      ) : (
        <Outlet />
      )}
      <Toasts flash={root?.flash ?? null} />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <main className="main">
      <ErrorMessage error={error} />
    </main>
  );
}

const STATUS_MESSAGES: Record<number, { title: string; text: string }> = {
  400: { title: "That request was not understood", text: "Check what you entered and try again." },
  401: { title: "Please sign in", text: "Your session has ended. Sign in again to continue." },
  403: { title: "You do not have access", text: "Ask the RFP's lead or an administrator if you need access." },
  404: { title: "Not found", text: "The page or record does not exist, or it was removed." },
  405: { title: "Not allowed", text: "That page does not accept this kind of request." },
  409: { title: "Changed by someone else", text: "Reload the page to see the latest version." },
  429: { title: "Too many requests", text: "Wait a moment and try again." },
};

/** Friendly, status-specific message with the request id; never a stack trace. */
export function ErrorMessage({
  error,
  home = { to: "/dashboard", label: "Back to your dashboard" },
}: {
  error: unknown;
  /** Where "back" leads: the dashboard for staff, the portal home for vendors. */
  home?: { to: string; label: string };
}) {
  const pageRequestId = useRequestId();
  if (isRouteErrorResponse(error)) {
    const known = STATUS_MESSAGES[error.status] ?? { title: "Something went wrong", text: "Please try again." };
    const payload = error.data as { message?: string; requestId?: string | null } | string | null;
    const detail = typeof payload === "object" && payload?.message ? payload.message : known.text;
    const requestId = (typeof payload === "object" ? payload?.requestId : null) ?? pageRequestId;
    return (
      <div className="error-page" role="alert">
        <p className="error-page__code">{error.status}</p>
        <h1>{known.title}</h1>
        <p>{detail}</p>
        {requestId ? (
          <p className="muted small">
            Request id: <code>{requestId}</code>
          </p>
        ) : null}
        <p>
          <a href={home.to}>{home.label}</a>
        </p>
      </div>
    );
  }
  return (
    <div className="error-page" role="alert">
      <p className="error-page__code">500</p>
      <h1>Something went wrong on our side</h1>
      <p>The error was logged. Try again; if it keeps happening, give your administrator this request id.</p>
      {pageRequestId ? (
        <p className="muted small">
          Request id: <code>{pageRequestId}</code>
        </p>
      ) : null}
      <p>
        <a href={home.to}>{home.label}</a>
      </p>
    </div>
  );
}
