import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/rfps.$rfpId.shortlist";

/** The shortlist page's data as the browser receives it. */
export type ShortlistPageData = ReturnType<typeof useLoaderData<typeof loader>>;
export type VisibleShortlist = Extract<ShortlistPageData, { visible: true }>;
export type ShortlistVendor = VisibleShortlist["vendors"][number];
