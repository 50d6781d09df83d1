/**
 * The negotiation's child rows (service levels, fees, obligations, price lines) all change the same
 * way: claim the negotiation at the form's version, find the row on THIS negotiation, change it,
 * re-run the risk review and audit. This pins what each change records, so the shared code behind
 * them keeps every audit action, entity and before/after as it was.
 */
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { userActor } from "~/models/audit.server";
import { addPriceLine, deletePriceLine, updatePriceLine } from "~/models/negotiation-contract.server";
import {
  addFee,
  addObligation,
  addSlaLine,
  deleteFee,
  deleteObligation,
  deleteSlaLine,
  updateFee,
  updateObligation,
  updateSlaLine,
} from "~/models/negotiation-service-levels.server";
import { decideFlag, getRiskReview } from "~/models/risk-review.server";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { createNegotiationRfp, negotiationVersion } from "../fixtures/negotiation";

type Setup = Awaited<ReturnType<typeof createNegotiationRfp>>;

const keys = async (setup: Setup) => ({
  negotiationId: setup.negotiationId,
  version: Number(await negotiationVersion(setup.negotiationId)),
});

/** The audit events of these actions, oldest first, as stored. */
async function events(rfpId: string, prefix: string) {
  const rows = await prisma.auditEvent.findMany({
    where: { rfpId, action: { startsWith: prefix } },
    orderBy: { id: "asc" },
    select: { action: true, entityType: true, entityId: true, before: true, after: true, actorLabel: true },
  });
  return rows;
}

/** What recordAudit stores for a value: its JSON form (Decimals as strings). */
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

async function refusal(change: Promise<unknown>) {
  const error = await change.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("child rows of a negotiation", () => {
  it("service levels: positioned after the last, audited on the line, refused once gone", async () => {
    const setup = await createNegotiationRfp();
    const actor = userActor(setup.lead);
    const sla = {
      metric: "Availability",
      target: "99.5%",
      measurementWindow: "calendar month",
      reporting: "Monthly report",
      serviceCredit: "5%",
      setBy: "CUSTOMER" as const,
    };
    const before = Number(await negotiationVersion(setup.negotiationId));
    const added = await addSlaLine(actor, setup.rfp.id, { ...(await keys(setup)), ...sla });
    expect(added).toEqual({ id: expect.any(String), ...sla });
    expect(Number(await negotiationVersion(setup.negotiationId))).toBe(before + 1);
    const positions = await prisma.slaLine.findMany({
      where: { negotiationId: setup.negotiationId },
      orderBy: { position: "asc" },
      select: { id: true, position: true },
    });
    expect(positions.map((line) => line.position)).toEqual([0, 1]);
    expect(positions.at(-1)?.id).toBe(added.id);

    const updated = await updateSlaLine(actor, setup.rfp.id, {
      ...(await keys(setup)),
      ...sla,
      target: "99.9%",
      slaLineId: added.id,
    });
    expect(updated).toEqual({ ...added, target: "99.9%" });
    const removed = await deleteSlaLine(actor, setup.rfp.id, { ...(await keys(setup)), slaLineId: added.id });
    expect(removed).toEqual(updated);

    expect(
      (await refusal(updateSlaLine(actor, setup.rfp.id, { ...(await keys(setup)), ...sla, slaLineId: added.id })))
        .message,
    ).toBe("This service level was removed by someone else.");
    const gone = await refusal(deleteSlaLine(actor, setup.rfp.id, { ...(await keys(setup)), slaLineId: added.id }));
    expect(gone).toBeInstanceOf(FieldError);
    expect(gone.message).toBe("This service level was already removed.");

    expect(await events(setup.rfp.id, "negotiation.sla_")).toEqual([
      {
        action: "negotiation.sla_added",
        entityType: "SlaLine",
        entityId: added.id,
        before: null,
        after: json(added),
        actorLabel: setup.lead.email,
      },
      {
        action: "negotiation.sla_updated",
        entityType: "SlaLine",
        entityId: added.id,
        before: json(added),
        after: json(updated),
        actorLabel: setup.lead.email,
      },
      {
        action: "negotiation.sla_deleted",
        entityType: "SlaLine",
        entityId: added.id,
        before: json(updated),
        after: null,
        actorLabel: setup.lead.email,
      },
    ]);
  });

  it("fees: audited on the fee; removing one re-runs the risk review (its accepted flag goes)", async () => {
    const setup = await createNegotiationRfp();
    const actor = userActor(setup.lead);
    const fee = await addFee(actor, setup.rfp.id, {
      ...(await keys(setup)),
      kind: "EARLY_TERMINATION",
      description: "Six months' fees.",
    });
    expect(fee).toEqual({ id: expect.any(String), kind: "EARLY_TERMINATION", description: "Six months' fees." });
    const flag = (await getRiskReview(setup.rfp.id))?.flags.find((each) => each.ruleId === "EARLY_TERMINATION_FEE");
    expect(flag).toBeDefined();
    await decideFlag(actor, setup.rfp.id, {
      ...(await keys(setup)),
      flagKey: flag?.key ?? "",
      status: "ACCEPTED",
      note: "Accepted.",
    });
    const updated = await updateFee(actor, setup.rfp.id, {
      ...(await keys(setup)),
      feeId: fee.id,
      kind: "EARLY_TERMINATION",
      description: "Three months' fees.",
    });
    expect(await prisma.riskFlagDecision.count({ where: { negotiationId: setup.negotiationId } })).toBe(1);
    const removed = await deleteFee(actor, setup.rfp.id, { ...(await keys(setup)), feeId: fee.id });
    expect(removed).toEqual(updated);
    expect(await prisma.riskFlagDecision.count({ where: { negotiationId: setup.negotiationId } })).toBe(0);

    expect(
      (
        await refusal(
          updateFee(actor, setup.rfp.id, { ...(await keys(setup)), feeId: fee.id, kind: "ONE_OFF", description: "x" }),
        )
      ).message,
    ).toBe("This fee was removed by someone else.");
    expect((await refusal(deleteFee(actor, setup.rfp.id, { ...(await keys(setup)), feeId: fee.id }))).message).toBe(
      "This fee was already removed.",
    );
    expect(await events(setup.rfp.id, "negotiation.fee_")).toEqual([
      {
        action: "negotiation.fee_added",
        entityType: "ContractFee",
        entityId: fee.id,
        before: null,
        after: json(fee),
        actorLabel: setup.lead.email,
      },
      {
        action: "negotiation.fee_updated",
        entityType: "ContractFee",
        entityId: fee.id,
        before: json(fee),
        after: json(updated),
        actorLabel: setup.lead.email,
      },
      {
        action: "negotiation.fee_deleted",
        entityType: "ContractFee",
        entityId: fee.id,
        before: json(updated),
        after: null,
        actorLabel: setup.lead.email,
      },
    ]);
  });

  it("obligations: audited on the obligation; a row of another negotiation is not found and nothing changes", async () => {
    const [setup, other] = await Promise.all([createNegotiationRfp(), createNegotiationRfp()]);
    const actor = userActor(setup.lead);
    const foreign = await addObligation(userActor(other.lead), other.rfp.id, {
      ...(await keys(other)),
      party: "VENDOR",
      text: "Theirs.",
    });
    const version = await negotiationVersion(setup.negotiationId);
    expect(
      (
        await refusal(
          updateObligation(actor, setup.rfp.id, {
            ...(await keys(setup)),
            obligationId: foreign.id,
            party: "VENDOR",
            text: "Mine now.",
          }),
        )
      ).message,
    ).toBe("This obligation was removed by someone else.");
    expect(
      (await refusal(deleteObligation(actor, setup.rfp.id, { ...(await keys(setup)), obligationId: foreign.id })))
        .message,
    ).toBe("This obligation was already removed.");
    expect(await negotiationVersion(setup.negotiationId)).toBe(version);
    expect(await prisma.contractObligation.findUnique({ where: { id: foreign.id } })).toMatchObject({
      text: "Theirs.",
    });

    const stale = await refusal(
      addObligation(actor, setup.rfp.id, {
        negotiationId: setup.negotiationId,
        version: 0,
        party: "VENDOR",
        text: "x",
      }),
    );
    expect(stale).toBeInstanceOf(ConflictError);

    const added = await addObligation(actor, setup.rfp.id, {
      ...(await keys(setup)),
      party: "CUSTOMER",
      text: "Access.",
    });
    const updated = await updateObligation(actor, setup.rfp.id, {
      ...(await keys(setup)),
      obligationId: added.id,
      party: "CUSTOMER",
      text: "Access within 2 days.",
    });
    const removed = await deleteObligation(actor, setup.rfp.id, { ...(await keys(setup)), obligationId: added.id });
    expect(removed).toEqual(updated);
    expect(await events(setup.rfp.id, "negotiation.obligation_")).toEqual([
      {
        action: "negotiation.obligation_added",
        entityType: "ContractObligation",
        entityId: added.id,
        before: null,
        after: json(added),
        actorLabel: setup.lead.email,
      },
      {
        action: "negotiation.obligation_updated",
        entityType: "ContractObligation",
        entityId: added.id,
        before: json(added),
        after: json(updated),
        actorLabel: setup.lead.email,
      },
      {
        action: "negotiation.obligation_deleted",
        entityType: "ContractObligation",
        entityId: added.id,
        before: json(updated),
        after: null,
        actorLabel: setup.lead.email,
      },
    ]);
  });

  it("price lines: positioned after the last, audited on the negotiation, refused once gone", async () => {
    const setup = await createNegotiationRfp();
    const actor = userActor(setup.lead);
    const price = {
      description: "Monitoring",
      kind: "RECURRING" as const,
      unit: "month",
      quantity: "1",
      unitPrice: "1000",
    };
    const added = await addPriceLine(actor, setup.rfp.id, { ...(await keys(setup)), ...price });
    expect(json(added)).toEqual({ id: added.id, ...price });
    const positions = await prisma.negotiationPriceLine.findMany({
      where: { negotiationId: setup.negotiationId },
      orderBy: { position: "asc" },
      select: { id: true, position: true },
    });
    expect(positions.map((line) => line.position)).toEqual([0, 1, 2]);
    expect(positions.at(-1)?.id).toBe(added.id);

    const updated = await updatePriceLine(actor, setup.rfp.id, {
      ...(await keys(setup)),
      ...price,
      quantity: "2.5",
      lineId: added.id,
    });
    expect(json(updated)).toEqual({ id: added.id, ...price, quantity: "2.5" });
    const removed = await deletePriceLine(actor, setup.rfp.id, { ...(await keys(setup)), lineId: added.id });
    expect(json(removed)).toEqual(json(updated));
    expect(
      (await refusal(updatePriceLine(actor, setup.rfp.id, { ...(await keys(setup)), ...price, lineId: added.id })))
        .message,
    ).toBe("This price line was removed by someone else.");
    expect(
      (await refusal(deletePriceLine(actor, setup.rfp.id, { ...(await keys(setup)), lineId: added.id }))).message,
    ).toBe("This price line was already removed.");

    expect(await events(setup.rfp.id, "negotiation.price_line_")).toEqual([
      {
        action: "negotiation.price_line_added",
        entityType: "Negotiation",
        entityId: setup.negotiationId,
        before: null,
        after: json(added),
        actorLabel: setup.lead.email,
      },
      {
        action: "negotiation.price_line_updated",
        entityType: "Negotiation",
        entityId: setup.negotiationId,
        before: json(added),
        after: json(updated),
        actorLabel: setup.lead.email,
      },
      {
        action: "negotiation.price_line_deleted",
        entityType: "Negotiation",
        entityId: setup.negotiationId,
        before: json(updated),
        after: null,
        actorLabel: setup.lead.email,
      },
    ]);
  });
});
