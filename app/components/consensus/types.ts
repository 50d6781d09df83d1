import type { useLoaderData } from "@remix-run/react";
import type { ServerFormResult } from "~/components/form";
import type { loader } from "~/routes/rfps.$rfpId.consensus";

/** The consensus page's data as the browser receives it. */
export type ConsensusPageData = ReturnType<typeof useLoaderData<typeof loader>>;
export type VisibleConsensus = Extract<ConsensusPageData, { visible: true }>;
/** One row of the vendor picker: a vendor with its flagged, agreed and remaining counts. */
export type ConsensusVendorProgress = VisibleConsensus["vendors"][number];
/** The vendor on screen, with its items. */
export type ConsensusVendor = NonNullable<VisibleConsensus["vendor"]>;
export type ConsensusItem = ConsensusVendor["items"][number];
export type ConsensusCriterion = ConsensusItem["criterion"];
export type ConsensusEvaluator = VisibleConsensus["evaluators"][number];
/** A top-level section of a long list of items, with the shown vendor's flagged items in it. */
export type ConsensusSection = VisibleConsensus["sections"][number];

/** Who may record what on the page, and how dates show: the same for every discussed item. */
export type RecordSettings = {
  evaluators: ConsensusEvaluator[];
  canRecord: boolean;
  canRecordMinority: boolean;
  isLead: boolean;
  timeZone: string;
  locale?: string;
  lastResult?: ServerFormResult;
};
