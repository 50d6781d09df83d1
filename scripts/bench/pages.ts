/** The pages the benchmark measures and the ids the seed prints (scripts/bench/seed.ts). */
import type { AutosaveIds } from "./autosave";

export type PageSpec = {
  name: string;
  path: (ids: SeedIds) => string;
  /** Whose session loads the page (default: the lead); anonymous: no session. */
  as?: "evaluator" | "anonymous";
  /** One of the pages issue 7 names: judged against its goals (scripts/bench/goals.ts). */
  named?: true;
};

export type SeedIds = {
  rfpId: string;
  leadEmail: string;
  password: string;
  evaluatorEmail: string;
  evaluatorSheetInvitationId: string;
  autosave: AutosaveIds;
};

/** The pages the issue names, as far as they exist; later modules add theirs here. */
export const PAGES: PageSpec[] = [
  { name: "health (baseline)", path: () => "/healthz" },
  // The cheapest document the app serves (a form, one query): what any server-rendered page costs
  // before it does its own work — Remix's document pipeline, React, the root layout.
  { name: "sign-in page (document floor)", path: () => "/login", as: "anonymous" },
  { name: "dashboard", path: () => "/dashboard", named: true },
  { name: "RFP overview", path: (ids) => `/rfps/${ids.rfpId}` },
  { name: "RFP list", path: () => "/rfps" },
  { name: "consensus matrix", path: (ids) => `/rfps/${ids.rfpId}/consensus`, named: true },
  {
    name: "scoring sheet (evaluator, 1st of 4 sections)",
    path: (ids) => `/rfps/${ids.rfpId}/scoring/${ids.evaluatorSheetInvitationId}`,
    as: "evaluator",
    named: true,
  },
  { name: "executive review", path: (ids) => `/rfps/${ids.rfpId}/review`, named: true },
  { name: "negotiation (60 terms)", path: (ids) => `/rfps/${ids.rfpId}/negotiation/terms` },
  // Not named by the issue; here because it reads every score (38,400) on each view.
  { name: "results (every score)", path: (ids) => `/rfps/${ids.rfpId}/results` },
];
