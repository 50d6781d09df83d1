import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/rfps.$rfpId.consensus";

/** The consensus page's data as the browser receives it. */
export type ConsensusPageData = ReturnType<typeof useLoaderData<typeof loader>>;
export type VisibleConsensus = Extract<ConsensusPageData, { visible: true }>;
export type ConsensusVendor = VisibleConsensus["vendors"][number];
export type ConsensusItem = ConsensusVendor["items"][number];
export type ConsensusCriterion = VisibleConsensus["criteria"][number];
export type ConsensusEvaluator = VisibleConsensus["evaluators"][number];
