import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import {
  type AdmissionConfig,
  type AdmissionGate,
  createAdmissionGate,
  type Release,
  readAdmissionConfig,
  requestKind,
} from "../../app/utils/admission.server";
import { crossSiteRefusal } from "../../app/utils/csrf.server";
import { logger } from "../../app/utils/logger.server";
import { runWithRequestContext } from "../../app/utils/request-context.server";

export type AppOptions = {
  /** The Remix server build, or a function returning the newest one (dev rebuilds). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development" | "test";
  /** Folder holding public/ (static files and the client build). */
  publicDir?: string;
  /** Extra origins mutations may come from (behind a proxy that rewrites Host). */
  allowedOrigins?: string[];
  /** Concurrency limits (admission control); from MAX_REQUESTS_IN_FLIGHT etc. when absent. */
  admission?: AdmissionConfig;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Vendor portal links carry a secret token in the path (/v/<token>): never write it to the logs. */
export function loggablePath(path: string) {
  return path.replace(/^\/v\/[^/]+/, "/v/…");
}

/**
 * The HTTP layer in one place: request ids, security headers with a per-request CSP nonce,
 * compression, static files, the cross-site check for mutations, request logging, admission
 * control (503 for page loads under overload), then Remix.
 */
export function createApp(options: AppOptions) {
  const app = express();
  const publicDir = options.publicDir ?? path.resolve("public");
  const isProduction = options.mode === "production";
  app.disable("x-powered-by");
  // Behind a reverse proxy set TRUST_PROXY (e.g. "1" or "loopback") so req.ip and req.secure
  // come from X-Forwarded-For / X-Forwarded-Proto.
  const trustProxy = process.env.TRUST_PROXY;
  if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);

  app.use((req, res, next) => {
    const incoming = req.get("X-Request-Id");
    const requestId = incoming && trustProxy && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.setHeader("X-Request-Id", requestId);
    const context = { requestId, ip: req.ip ?? null, queries: 0 };
    if (process.env.QUERY_COUNTING === "1") {
      // Loaders finish before the first byte, so the count is complete when headers are written.
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => express.Response;
      res.writeHead = ((...args: unknown[]) => {
        if (!res.headersSent) res.setHeader("X-Query-Count", String(context.queries));
        return writeHead(...args);
      }) as typeof res.writeHead;
    }
    runWithRequestContext(context, next);
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          // React and recharts set inline style attributes; styles cannot run code.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: isProduction ? ["'self'"] : ["'self'", "ws:"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      referrerPolicy: { policy: "same-origin" },
      xFrameOptions: { action: "deny" },
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use((req, res, next) => {
    // HSTS only means something over TLS; sending it on plain http is ignored at best.
    if (isProduction && req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  app.use(compression());
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  // Only the files at public/'s top level (favicon.svg) are looked up on disk: a catch-all static
  // middleware cost a stat() on every page request (about 5% of a page's CPU in the profile).
  const publicStatic = express.static(publicDir, { maxAge: "1h", index: false });
  const publicFiles = new Set(
    fs.existsSync(publicDir)
      ? fs
          .readdirSync(publicDir, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => `/${entry.name}`)
      : [],
  );
  app.use((req, res, next) => (isProduction && !publicFiles.has(req.path) ? next() : publicStatic(req, res, next)));

  app.use((req, res, next) => {
    const allowedOrigins = [`${req.protocol}://${req.get("host")}`.toLowerCase(), ...(options.allowedOrigins ?? [])];
    const refusal = crossSiteRefusal({
      method: req.method,
      origin: req.get("Origin"),
      secFetchSite: req.get("Sec-Fetch-Site"),
      allowedOrigins,
    });
    if (!refusal) return next();
    logger.warn({ refusal, path: loggablePath(req.path) }, "cross-site request refused");
    res.status(403).type("text/plain").send("Forbidden: this request did not come from a Shortlist page.");
  });

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path: loggablePath(req.path),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        "request",
      );
    });
    next();
  });

  app.use(admissionControl(createAdmissionGate(options.admission ?? readAdmissionConfig())));

  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      mode: options.mode,
      getLoadContext: (_req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        requestId: res.locals.requestId as string,
      }),
    }),
  );

  return app;
}

const RETRY_AFTER_SECONDS = 2;

/**
 * Waits for a slot before Remix sees the request (see admission.server.ts for who is shed) and
 * frees it when the response is done or the client goes away. The probes bypass the gate: liveness
 * (/healthz) must answer under load and is the benchmark's baseline; readiness (/readyz) says whether
 * the database answers, and failing it for load would take every busy instance out of a load
 * balancer at once (an overload turned into an outage).
 */
function admissionControl(gate: AdmissionGate): express.RequestHandler {
  return (req, res, next) => {
    if (req.path === "/healthz" || req.path === "/readyz") return next();
    let done = false;
    let release: Release | null = null;
    const finish = () => {
      done = true;
      release?.();
    };
    res.once("finish", finish);
    res.once("close", finish);
    gate.enter(requestKind(req.method, req.path)).then((admitted) => {
      // The client gave up while it waited: nobody is left to answer.
      if (done) return admitted?.();
      if (admitted) {
        release = admitted;
        return next();
      }
      const { inFlight, queued } = gate.stats();
      logger.warn({ path: loggablePath(req.path), inFlight, queued }, "busy: page load shed");
      res
        .status(503)
        .set({ "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" })
        .type("html")
        .send(busyPage(req.originalUrl));
    }, next);
  };
}

/** Self-contained (no scripts: the CSP allows only nonced ones); the browser retries on its own. */
function busyPage(retryUrl: string) {
  const href = retryUrl.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>Shortlist is busy</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937;max-width:32rem;margin:4rem auto;padding:0 1rem}</style>
</head>
<body>
<main>
<h1>Shortlist is busy</h1>
<p>Too many requests are arriving at once. This page will try again in a few seconds.</p>
<p><a href="${href}">Try again now</a></p>
</main>
</body>
</html>
`;
}
