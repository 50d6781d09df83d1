import { Link } from "@remix-run/react";
import { type ConsensusItemsView, consensusHref } from "~/schemas/consensus";
import type { ConsensusVendorProgress } from "./types";

/** Where the panel's work is, for a vendor: what its picker entry says after the name. */
export function progressText(vendor: Pick<ConsensusVendorProgress, "flagged" | "remaining">) {
  if (vendor.flagged === 0) return "No flagged items";
  if (vendor.remaining === 0) return `${vendor.flagged} flagged, all agreed`;
  return `${vendor.remaining} of ${vendor.flagged} flagged to settle`;
}

/**
 * Every vendor with its flagged and agreed counts, as plain links (?vendor=…): the panel sees where
 * work is left and moves between vendors with or without JavaScript, by keyboard or pointer.
 */
export function VendorPicker({
  rfpId,
  vendors,
  selectedId,
  items,
  section,
}: {
  rfpId: string;
  vendors: ConsensusVendorProgress[];
  selectedId: string | null;
  /** The list asked for (null: the default), kept when moving to another vendor. */
  items: ConsensusItemsView | null;
  /** The section of a long list on screen, kept when moving to another vendor (same criteria). */
  section: string | null;
}) {
  const open = vendors.filter((vendor) => vendor.remaining > 0).length;
  return (
    <section className="card" aria-labelledby="vendor-picker-heading">
      <div className="card__title">
        <h2 id="vendor-picker-heading">Vendors</h2>
        <span className="muted small">
          {open === 0
            ? `Nothing left to settle for any of the ${vendors.length} vendors`
            : `${open} of ${vendors.length} vendors have flagged items to settle`}
        </span>
      </div>
      <nav aria-label="Vendors">
        <ul className="vendor-picker">
          {vendors.map((vendor) => {
            const state = vendor.remaining > 0 ? "open" : vendor.flagged > 0 ? "settled" : "clear";
            return (
              <li key={vendor.vendorId}>
                <Link
                  to={consensusHref(rfpId, { vendorId: vendor.vendorId, items, section })}
                  className="vendor-picker__link"
                  data-state={state}
                  aria-current={vendor.vendorId === selectedId ? "page" : undefined}
                >
                  <span className="vendor-picker__name" title={vendor.name}>
                    {vendor.name}
                  </span>
                  <span className="vendor-picker__progress">
                    <span className="visually-hidden">: </span>
                    {progressText(vendor)}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </section>
  );
}
