import { prisma, type TransactionClient } from "~/db.server";
import {
  type Declaration,
  isRecusedFromPanel,
  mayReadProposal,
  undeclaredVendors,
  type VendorAccess,
  vendorAccess,
} from "~/domain/conflict";
import { owesSheet, panelSeat } from "~/domain/consensus";
import { priceScheduleTotals } from "~/domain/price-schedule";
import { criteriaOnPage, sectionPaging } from "~/domain/sections";
import {
  assignedCriteria,
  incompleteSheetMessage,
  mayRemindAgain,
  REMINDER_INTERVAL_HOURS,
  reopenProblem,
  type SheetEntry,
  type SheetStatus,
  scoringClosedReason,
  sheetChanges,
  sheetIssues,
  sheetLockReason,
  sheetProgress,
} from "~/domain/sheet";
import type { Prisma } from "~/generated/prisma/client";
import type { SheetIntent } from "~/schemas/sheet";
import { ConflictError, FieldError } from "~/utils/errors.server";
import type { FormFailure } from "~/utils/forms";
import { errorResponse, forbidden, notFound } from "~/utils/http.server";
import { evaluationReminderMessage, sheetReopenedMessage } from "~/utils/messages";
import { recordAudit, type UserActor } from "./audit.server";
import { queueMessage } from "./outbox.server";
import {
  criterionTreeSelect,
  evaluatedVendors,
  evaluatedVendorsQuery,
  evaluationState,
  evaluationStateSelect,
  lockPanelMember,
  toDeclaration,
  toEvaluatedVendors,
  toEvaluationState,
  toWrittenCriteria,
  type WrittenCriterion,
  writtenCriteria,
} from "./panel.server";
import { isUniqueViolation } from "./portal.server";

/**
 * Independent, sealed scoring. Each panel member scores each vendor they may read on their own
 * sheet. The sealed rule: before consensus opens, nothing here returns another evaluator's scores,
 * comments or per-sheet status to an evaluator (only the panel's "x of y sheets submitted"), and
 * nothing returns score values to the lead (only who declared and who submitted which sheet).
 * Every query for a sheet is scoped by the signed-in member.
 */

const NOT_ON_PANEL = "You are not on this RFP's evaluation panel.";

type Client = TransactionClient;

/**
 * What is read of the signed-in member: declarations, assignments and own sheets (with their own
 * scores): all of them, or only the sheet for one vendor (a member's sheets across 40 vendors hold
 * 3,200 scores).
 */
function ownEvaluationSelect(invitationId?: string) {
  return {
    id: true,
    assignments: { select: { criterionId: true } },
    conflicts: { select: { invitationId: true, hasConflict: true, decision: true, decisionNote: true } },
    scoreSheets: {
      where: invitationId === undefined ? undefined : { invitationId },
      select: {
        id: true,
        invitationId: true,
        status: true,
        version: true,
        submittedAt: true,
        reopenedAt: true,
        reopenReason: true,
        updatedAt: true,
        scores: { select: { criterionId: true, value: true, comment: true } },
      },
    },
  } satisfies Prisma.RfpMemberSelect;
}

async function ownEvaluation(client: Client, rfpId: string, userId: string) {
  return client.rfpMember.findFirst({ where: { rfpId, userId, role: "PANEL" }, select: ownEvaluationSelect() });
}

function entriesOf(criteria: readonly { id: string }[], scores: readonly SheetEntry[] | undefined): SheetEntry[] {
  const byCriterion = new Map((scores ?? []).map((score) => [score.criterionId, score]));
  return criteria.map((criterion) => ({
    criterionId: criterion.id,
    value: byCriterion.get(criterion.id)?.value ?? null,
    comment: byCriterion.get(criterion.id)?.comment ?? "",
  }));
}

function accessMessage(access: VendorAccess) {
  switch (access.kind) {
    case "declare_first":
      return "Declare your conflicts of interest for every vendor first: proposals open once you have.";
    case "pending":
      return "You declared a conflict with this vendor. Its proposal stays closed to you until the lead decides.";
    case "recused_vendor":
      return "You are recused from evaluating this vendor.";
    case "recused_panel":
      return "You are recused from this RFP's evaluation panel.";
    case "open":
      return null;
  }
}

const panelMemberSelect = {
  id: true,
  functionalGroup: true,
  user: { select: { name: true, email: true, disabledAt: true } },
  assignments: { select: { criterionId: true } },
  conflicts: { select: { invitationId: true, hasConflict: true, decision: true, decisionNote: true } },
  scoreSheets: { select: { id: true, invitationId: true, status: true, submittedAt: true, reopenedAt: true } },
} satisfies Prisma.RfpMemberSelect;

const panelProgressSelect = {
  ...panelMemberSelect,
  scoreSheets: {
    select: {
      ...panelMemberSelect.scoreSheets.select,
      scores: { where: { value: { not: null } }, select: { criterionId: true } },
    },
  },
} satisfies Prisma.RfpMemberSelect;

type PanelMemberRow = Prisma.RfpMemberGetPayload<{ select: typeof panelMemberSelect }>;
type PanelSheetRow = PanelMemberRow["scoreSheets"][number] & { scores?: readonly { criterionId: string }[] };
/** A panel member as read for the matrix: with each sheet's scored criteria, or without. */
type PanelMatrixRow = Omit<PanelMemberRow, "scoreSheets"> & { scoreSheets: PanelSheetRow[] };

/**
 * Panel-wide counts for "x of y sheets submitted" and the lead's progress: per member and vendor,
 * the declaration, whether a sheet is expected, its status and — with `"progress"` — how many
 * criteria are scored (`scored`, null with `"counts"`). Score values are never loaded here; with
 * `"counts"` not even which criteria have one: at benchmark scale that is 38,400 rows, read for
 * nothing by the pages that only say how many sheets are in.
 */
async function panelMatrix(client: Client, rfpId: string, detail: "counts" | "progress" = "progress") {
  const [vendors, criteria, members] = await Promise.all([
    evaluatedVendors(client, rfpId),
    writtenCriteria(client, rfpId),
    client.rfpMember.findMany({
      where: { rfpId, role: "PANEL" },
      orderBy: { addedAt: "asc" },
      select: detail === "progress" ? panelProgressSelect : panelMemberSelect,
    }),
  ]);
  const vendorIds = vendors.map((vendor) => vendor.invitationId);
  const rows: PanelMatrixRow[] = members;
  return {
    vendors,
    members: rows.map((member) => {
      const declarations = member.conflicts.map(toDeclaration);
      const assigned = new Set(
        assignedCriteria(
          criteria,
          member.assignments.map((assignment) => assignment.criterionId),
        ).map((criterion) => criterion.id),
      );
      // The member as the sheet rule sees them (domain/consensus owesSheet, the rule the consensus
      // readiness and the stage guards count by too).
      const seat = panelSeat(member.id, [...assigned], declarations);
      const cells = vendors.map((vendor) => {
        const access = vendorAccess(vendor.invitationId, vendorIds, declarations);
        const declaration = declarations.find((candidate) => candidate.invitationId === vendor.invitationId);
        const sheet = member.scoreSheets.find((candidate) => candidate.invitationId === vendor.invitationId);
        return {
          invitationId: vendor.invitationId,
          vendorName: vendor.vendorName,
          access: access.kind,
          expected: owesSheet(seat, vendor.invitationId),
          declaration: declaration ? { hasConflict: declaration.hasConflict, decision: declaration.decision } : null,
          sheet: sheet
            ? {
                id: sheet.id,
                status: sheet.status as SheetStatus,
                submittedAt: sheet.submittedAt,
                reopenedAt: sheet.reopenedAt,
                scored: sheet.scores?.filter((score) => assigned.has(score.criterionId)).length ?? null,
                total: assigned.size,
              }
            : null,
        };
      });
      return {
        id: member.id,
        name: member.user.name,
        email: member.user.email,
        disabled: member.user.disabledAt !== null,
        functionalGroup: member.functionalGroup,
        criteriaCount: assigned.size,
        undeclared: undeclaredVendors(vendorIds, declarations).length,
        recusedFromPanel: seat.recusedFromPanel,
        cells,
      };
    }),
  };
}

type PanelMatrix = Awaited<ReturnType<typeof panelMatrix>>;

function submissionCounts(matrix: PanelMatrix) {
  const cells = matrix.members.flatMap((member) => member.cells.filter((cell) => cell.expected));
  return {
    expected: cells.length,
    submitted: cells.filter((cell) => cell.sheet?.status === "SUBMITTED").length,
  };
}

/** A member's outstanding work: vendors to declare for, sheets to (re)submit. */
function outstandingOf(member: PanelMatrix["members"][number]) {
  if (member.recusedFromPanel) return { undeclared: 0, sheets: [] };
  return {
    undeclared: member.undeclared,
    sheets: member.cells.filter(
      (cell) => cell.expected && cell.access === "open" && cell.sheet?.status !== "SUBMITTED",
    ),
  };
}

// ───────────── The evaluator's own screens ─────────────

/** "My sheets": each vendor under evaluation, what the member may do with it, their sheet's state. */
export async function getMySheets(userId: string, rfpId: string) {
  const [state, vendors, criteria, member, matrix] = await Promise.all([
    evaluationState(prisma, rfpId),
    evaluatedVendors(prisma, rfpId),
    writtenCriteria(prisma, rfpId),
    ownEvaluation(prisma, rfpId, userId),
    panelMatrix(prisma, rfpId, "counts"),
  ]);
  if (!member) throw forbidden(NOT_ON_PANEL);
  const declarations = member.conflicts.map(toDeclaration);
  const vendorIds = vendors.map((vendor) => vendor.invitationId);
  const assigned = assignedCriteria(
    criteria,
    member.assignments.map((assignment) => assignment.criterionId),
  );
  return {
    closedReason: scoringClosedReason(state),
    timeZone: state.timeZone,
    criteria: assigned.map(({ id, outline, name }) => ({ id, outline, name })),
    undeclared: undeclaredVendors(vendorIds, declarations).length,
    recusedFromPanel: isRecusedFromPanel(declarations),
    panel: submissionCounts(matrix),
    vendors: vendors.map((vendor) => {
      const access = vendorAccess(vendor.invitationId, vendorIds, declarations);
      const sheet = member.scoreSheets.find((candidate) => candidate.invitationId === vendor.invitationId);
      return {
        ...vendor,
        access: access.kind,
        accessMessage: accessMessage(access),
        sheet: sheet
          ? {
              status: sheet.status as SheetStatus,
              submittedAt: sheet.submittedAt,
              reopenedAt: sheet.reopenedAt,
              updatedAt: sheet.updatedAt,
              progress: sheetProgress(assigned, entriesOf(assigned, sheet.scores)),
            }
          : null,
      };
    }),
  };
}

/**
 * One sheet's scope for the signed-in member: 404 for a vendor not under evaluation, 403 (with the
 * reason) for a vendor whose proposal is closed to them. Used by the sheet's loader and action and
 * by the attachment download, so all three apply the same rules.
 */
export async function loadSheetScope(client: Client, userId: string, rfpId: string, invitationId: string) {
  // One query (the relations are joined): the sheet's save reads this inside its transaction.
  const rfp = await client.rfp.findUnique({
    where: { id: rfpId },
    select: {
      ...evaluationStateSelect,
      criteria: { select: criterionTreeSelect },
      invitations: evaluatedVendorsQuery,
      members: { where: { userId, role: "PANEL" }, take: 1, select: ownEvaluationSelect(invitationId) },
    },
  });
  if (!rfp) throw notFound("We could not find that RFP.");
  const state = toEvaluationState(rfp);
  const vendors = toEvaluatedVendors(rfp.invitations);
  const criteria = toWrittenCriteria(rfp.criteria);
  const member = rfp.members[0];
  if (!member) throw forbidden(NOT_ON_PANEL);
  if (!state.proposalsOpened) throw notFound("Proposals stay sealed until the lead opens them.");
  const vendor = vendors.find((candidate) => candidate.invitationId === invitationId);
  if (!vendor) throw notFound("That vendor is not under evaluation.");
  const declarations: Declaration[] = member.conflicts.map(toDeclaration);
  const access = vendorAccess(
    invitationId,
    vendors.map((candidate) => candidate.invitationId),
    declarations,
  );
  if (!mayReadProposal(access)) throw errorResponse(403, accessMessage(access) ?? "");
  const assigned = assignedCriteria(
    criteria,
    member.assignments.map((assignment) => assignment.criterionId),
  );
  const sheet = member.scoreSheets.find((candidate) => candidate.invitationId === invitationId) ?? null;
  return {
    state,
    memberId: member.id,
    vendor,
    mitigation: access.kind === "open" ? access.mitigation : null,
    criteria: assigned,
    sheet,
    entries: entriesOf(assigned, sheet?.scores),
    lockReason: sheetLockReason(state, (sheet?.status as SheetStatus | undefined) ?? null),
  };
}

/**
 * The sheet page: the vendor's responses next to each assigned criterion, and the member's scores.
 * A long sheet shows one section at a time (`section`, domain/sections): only that section's
 * criteria, responses and scores are sent, with every section's progress for the navigator.
 */
export async function getScoreSheet(
  userId: string,
  rfpId: string,
  invitationId: string,
  section: string | null = null,
) {
  const scope = await loadSheetScope(prisma, userId, rfpId, invitationId);
  const paging = sectionPaging(scope.criteria, section);
  const shown = criteriaOnPage(scope.criteria, paging);
  const shownIds = new Set(shown.map((criterion) => criterion.id));
  const mine = new Set(scope.criteria.map((criterion) => criterion.id));
  // The requirements on this page: the shown criteria's, and those under no criterion of the
  // member's (listed on every page); with only their responses — not a long sheet's every section.
  const onPage = {
    OR: [{ criterionId: { in: [...shownIds] } }, { criterionId: null }, { criterionId: { notIn: [...mine] } }],
  } satisfies Prisma.RequirementWhereInput;
  const [proposal, requirements] = await Promise.all([
    prisma.proposal.findFirstOrThrow({
      where: { rfpId, invitationId, status: "SUBMITTED" },
      select: {
        id: true,
        executiveSummary: true,
        termMonths: true,
        currency: true,
        responses: {
          where: { requirement: onPage },
          select: { requirementId: true, compliance: true, explanation: true },
        },
        serviceTiers: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            name: true,
            description: true,
            termsOfService: true,
            slaTargets: {
              orderBy: { position: "asc" },
              select: { id: true, metric: true, target: true, measurementWindow: true, serviceCredit: true },
            },
          },
        },
        commitments: { orderBy: { position: "asc" }, select: { id: true, kind: true, text: true } },
        attachments: {
          orderBy: { uploadedAt: "asc" },
          select: { id: true, originalName: true, mimeType: true, sizeBytes: true },
        },
      },
    }),
    prisma.requirement.findMany({
      where: { rfpId, ...onPage },
      orderBy: [{ section: { position: "asc" } }, { position: "asc" }],
      select: { id: true, code: true, text: true, kind: true, criterionId: true, evidenceRequested: true },
    }),
  ]);
  // Prices only when the lead lets the panel see them: otherwise not even loaded.
  const prices = scope.state.pricesVisibleToPanel ? await priceSchedule(proposal.id, proposal.termMonths) : null;
  const responses = new Map(proposal.responses.map((response) => [response.requirementId, response]));
  const withResponse = (requirement: (typeof requirements)[number]) => ({
    id: requirement.id,
    code: requirement.code,
    text: requirement.text,
    kind: requirement.kind,
    evidenceRequested: requirement.evidenceRequested,
    compliance: responses.get(requirement.id)?.compliance ?? null,
    explanation: responses.get(requirement.id)?.explanation ?? "",
  });
  const { responses: _responses, id: _proposalId, ...content } = proposal;
  return {
    vendorName: scope.vendor.vendorName,
    invitationId,
    timeZone: scope.state.timeZone,
    mitigation: scope.mitigation,
    lockReason: scope.lockReason,
    sheet: scope.sheet
      ? {
          status: scope.sheet.status as SheetStatus,
          version: scope.sheet.version,
          submittedAt: scope.sheet.submittedAt,
          reopenedAt: scope.sheet.reopenedAt,
          reopenReason: scope.sheet.reopenReason,
          updatedAt: scope.sheet.updatedAt,
        }
      : null,
    entries: scope.entries.filter((entry) => shownIds.has(entry.criterionId)),
    paging: paging.current
      ? {
          current: paging.current.number,
          previous: paging.previous && { number: paging.previous.number, name: paging.previous.name },
          next: paging.next && { number: paging.next.number, name: paging.next.name },
          sections: paging.sections.map((part) => {
            const ids = new Set(part.criterionIds);
            const criteria = scope.criteria.filter((criterion) => ids.has(criterion.id));
            return {
              number: part.number,
              name: part.name,
              progress: sheetProgress(
                criteria,
                scope.entries.filter((entry) => ids.has(entry.criterionId)),
              ),
            };
          }),
          overall: sheetProgress(scope.criteria, scope.entries),
        }
      : null,
    criteria: shown.map((criterion: WrittenCriterion) => ({
      ...criterion,
      requirements: requirements.filter((requirement) => requirement.criterionId === criterion.id).map(withResponse),
    })),
    otherRequirements: requirements
      .filter((requirement) => !requirement.criterionId || !mine.has(requirement.criterionId))
      .map(withResponse),
    proposal: { ...content, prices },
  };
}

async function priceSchedule(proposalId: string, termMonths: number | null) {
  const lines = await prisma.priceLine.findMany({
    where: { proposalId },
    orderBy: { position: "asc" },
    select: { id: true, description: true, kind: true, unit: true, quantity: true, unitPrice: true },
  });
  return priceScheduleTotals(
    lines.map((line) => ({ ...line, quantity: line.quantity.toString(), unitPrice: line.unitPrice.toString() })),
    termMonths,
  );
}

/** An attachment of a proposal the member may read: the same rules as the sheet. */
export async function getSheetAttachment(userId: string, rfpId: string, invitationId: string, attachmentId: string) {
  await loadSheetScope(prisma, userId, rfpId, invitationId);
  const attachment = await prisma.attachment.findFirst({
    where: { id: attachmentId, proposal: { rfpId, invitationId, status: "SUBMITTED" } },
    select: { originalName: true, mimeType: true, blob: { select: { data: true } } },
  });
  if (!attachment?.blob) throw notFound("We could not find that attachment.");
  return { originalName: attachment.originalName, mimeType: attachment.mimeType, data: attachment.blob.data };
}

const AUTOSAVE_AUDIT_MINUTES = 10;
const SAVED_ELSEWHERE = "This sheet was saved from another window or tab after you opened it.";

/** What a sheet's form says once parsed: the sheet's own criteria build its schema. */
export type SheetInput = { intent: SheetIntent; version: number; section: string | null; entries: SheetEntry[] };

/**
 * Save the member's sheet (autosave, save) or submit it (complete, then sealed). The form is
 * parsed here, by the caller's `parse`, against the criteria read in the save's own transaction:
 * one read of the sheet per save, and the schema always matches what is saved. A form that does
 * not parse writes nothing and comes back as it is.
 *
 * The version the page was based on must still be current (0: the sheet does not exist yet), so a
 * second tab never overwrites unseen. An autosave carries only the criteria edited since the last
 * save; whatever the form posted, only the score rows that change are written
 * (domain/sheet.sheetChanges), so a save costs the same on a sheet of 80 criteria as on one of 10.
 * Audit events name the vendor and the sheet's version, never a score.
 */
export async function saveScoreSheet(
  actor: UserActor,
  rfpId: string,
  invitationId: string,
  parse: (
    criteria: readonly WrittenCriterion[],
  ) => { success: true; data: SheetInput } | ({ success: false } & FormFailure),
  now = new Date(),
) {
  return prisma
    .$transaction(async (tx) => {
      await lockPanelMember(tx, rfpId, { userId: actor.id });
      const scope = await loadSheetScope(tx, actor.id, rfpId, invitationId);
      const parsed = parse(scope.criteria);
      if (!parsed.success) return { saved: false as const, failure: parsed };
      const input = parsed.data;
      if (scope.lockReason) throw new FieldError("form", scope.lockReason);
      const stored = scope.sheet?.scores ?? [];
      const changes = sheetChanges(scope.criteria, stored, input.entries);
      const submitting = input.intent === "submit";
      if (submitting) {
        const issues = sheetIssues(scope.criteria, changes.entries);
        if (issues.length > 0) throw new FieldError("form", incompleteSheetMessage(scope.criteria, issues));
      }
      const current = scope.sheet?.version ?? 0;
      if (current !== input.version) throw new ConflictError(SAVED_ELSEWHERE);
      const data = {
        status: submitting ? ("SUBMITTED" as const) : ("DRAFT" as const),
        submittedAt: submitting ? now : null,
      };
      let sheetId: string;
      if (scope.sheet) {
        const { count } = await tx.scoreSheet.updateMany({
          where: { id: scope.sheet.id, version: input.version, status: "DRAFT" },
          data: { ...data, version: { increment: 1 } },
        });
        if (count === 0) throw new ConflictError(SAVED_ELSEWHERE);
        sheetId = scope.sheet.id;
      } else {
        sheetId = (
          await tx.scoreSheet.create({
            data: { rfpId, memberId: scope.memberId, invitationId, ...data, version: 1 },
            select: { id: true },
          })
        ).id;
      }
      await writeScores(tx, sheetId, stored, changes);
      const version = input.version + 1;
      await auditSheet(tx, actor, {
        rfpId,
        sheetId,
        vendor: scope.vendor.vendorName,
        version,
        intent: input.intent,
        now,
      });
      return {
        saved: true as const,
        intent: input.intent,
        version,
        savedAt: now,
        status: data.status,
        section: input.section,
      };
    })
    .catch((error: unknown) => {
      // Two tabs creating the sheet at the same moment: one wins, the other is told.
      if (isUniqueViolation(error)) throw new ConflictError(SAVED_ELSEWHERE);
      throw error;
    });
}

/**
 * The changed rows only. A typing evaluator changes one or two criteria per autosave: each is one
 * upsert. Many changes at once (Save draft after a while without JavaScript) are replaced in two
 * statements whatever their number.
 */
async function writeScores(
  tx: Client,
  sheetId: string,
  stored: readonly { criterionId: string }[],
  changes: ReturnType<typeof sheetChanges>,
) {
  if (changes.remove.length > 0) {
    await tx.score.deleteMany({ where: { sheetId, criterionId: { in: changes.remove } } });
  }
  if (changes.write.length <= 2) {
    for (const { criterionId, value, comment } of changes.write) {
      await tx.score.upsert({
        where: { sheetId_criterionId: { sheetId, criterionId } },
        create: { sheetId, criterionId, value, comment },
        update: { value, comment },
      });
    }
    return;
  }
  const storedIds = new Set(stored.map((score) => score.criterionId));
  const replaced = changes.write.map((entry) => entry.criterionId).filter((id) => storedIds.has(id));
  if (replaced.length > 0) await tx.score.deleteMany({ where: { sheetId, criterionId: { in: replaced } } });
  await tx.score.createMany({ data: changes.write.map((entry) => ({ sheetId, ...entry })) });
}

async function auditSheet(
  tx: Client,
  actor: UserActor,
  input: { rfpId: string; sheetId: string; vendor: string; version: number; intent: SheetIntent; now: Date },
) {
  if (input.intent === "autosave") {
    // Only the last few minutes can hold a recent event: the bound keeps this lookup small on a
    // long audit trail.
    const recent = await tx.auditEvent.findFirst({
      where: {
        action: "sheet.draft_saved",
        entityType: "ScoreSheet",
        entityId: input.sheetId,
        at: { gt: new Date(input.now.getTime() - AUTOSAVE_AUDIT_MINUTES * 60_000) },
      },
      select: { id: true },
    });
    if (recent) return;
  }
  await recordAudit(tx, {
    actor,
    action: input.intent === "submit" ? "sheet.submitted" : "sheet.draft_saved",
    entityType: "ScoreSheet",
    entityId: input.sheetId,
    rfpId: input.rfpId,
    after: { vendor: input.vendor, version: input.version, automatic: input.intent === "autosave" || undefined },
  });
}

/** The sheet's current version, for a page told its save came too late. */
export async function currentSheetVersion(userId: string, rfpId: string, invitationId: string) {
  const sheet = await prisma.scoreSheet.findFirst({
    where: { rfpId, invitationId, member: { userId, role: "PANEL" } },
    select: { version: true, updatedAt: true },
  });
  return { version: sheet?.version ?? 0, savedAt: sheet?.updatedAt ?? null };
}

// ───────────── The lead's side: progress, reopen, remind ─────────────

/**
 * The lead's progress matrix: members × vendors with the declaration and the sheet's status (and
 * how many criteria are scored, never which value). When each member was last reminded.
 */
export async function getEvaluationProgress(rfpId: string, now = new Date()) {
  const [state, matrix, reminders] = await Promise.all([
    evaluationState(prisma, rfpId),
    panelMatrix(prisma, rfpId),
    prisma.outboxMessage.findMany({
      where: { rfpId, kind: "evaluation_reminder" },
      orderBy: { createdAt: "desc" },
      select: { toEmail: true, createdAt: true },
    }),
  ]);
  const lastReminder = (email: string) => reminders.find((reminder) => reminder.toEmail === email)?.createdAt ?? null;
  const members = matrix.members.map(({ email, ...member }) => {
    const outstanding = outstandingOf({ email, ...member });
    const lastRemindedAt = lastReminder(email);
    return {
      ...member,
      outstanding: { undeclared: outstanding.undeclared, sheets: outstanding.sheets.length },
      lastRemindedAt,
      remindable: hasWork(outstanding) && !member.disabled && mayRemindAgain(lastRemindedAt, now),
    };
  });
  return {
    closedReason: scoringClosedReason(state),
    timeZone: state.timeZone,
    consensusOpened: state.consensusOpened,
    vendors: matrix.vendors,
    members,
    counts: submissionCounts(matrix),
    lastReminderAt: reminders[0]?.createdAt ?? null,
  };
}

function hasWork(outstanding: ReturnType<typeof outstandingOf>) {
  return outstanding.undeclared > 0 || outstanding.sheets.length > 0;
}

function sheetStatusText(cell: PanelMatrix["members"][number]["cells"][number]) {
  if (!cell.sheet) return "not started";
  if (cell.sheet.reopenedAt) return `reopened by the lead, ${cell.sheet.scored} of ${cell.sheet.total} criteria scored`;
  return `draft, ${cell.sheet.scored} of ${cell.sheet.total} criteria scored`;
}

/**
 * Email every member with outstanding work (undeclared vendors, sheets not submitted), at most
 * once a day each (domain/sheet); who was skipped and why is reported and audited.
 */
export async function remindPanel(actor: UserActor, rfpId: string, options: { origin: string; now?: Date }) {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const state = await evaluationState(tx, rfpId);
    const closed = scoringClosedReason(state);
    if (closed) throw new FieldError("form", closed);
    const [matrix, rfp, lead, reminders] = await Promise.all([
      panelMatrix(tx, rfpId),
      tx.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { reference: true, title: true } }),
      tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } }),
      tx.outboxMessage.findMany({
        where: { rfpId, kind: "evaluation_reminder" },
        orderBy: { createdAt: "desc" },
        select: { toEmail: true, createdAt: true },
      }),
    ]);
    const withWork = matrix.members.filter((member) => !member.disabled && hasWork(outstandingOf(member)));
    if (withWork.length === 0) throw new FieldError("form", "Nobody on the panel has outstanding work.");
    const lastOf = (email: string) => reminders.find((reminder) => reminder.toEmail === email)?.createdAt ?? null;
    const due = withWork.filter((member) => mayRemindAgain(lastOf(member.email), now));
    const skipped = withWork.filter((member) => !due.includes(member));
    if (due.length === 0) {
      throw new FieldError(
        "form",
        `Everyone with outstanding work was reminded less than ${REMINDER_INTERVAL_HOURS} hours ago; reminders go at most once a day per person.`,
      );
    }
    for (const member of due) {
      const outstanding = outstandingOf(member);
      await queueMessage(tx, {
        rfpId,
        kind: "evaluation_reminder",
        toEmail: member.email,
        toName: member.name,
        ...evaluationReminderMessage({
          rfp,
          memberName: member.name,
          leadName: lead.name,
          undeclared: outstanding.undeclared,
          sheets: outstanding.sheets.map((cell) => ({ vendorName: cell.vendorName, status: sheetStatusText(cell) })),
          link: `${options.origin}/rfps/${rfpId}/scoring`,
        }),
      });
    }
    await recordAudit(tx, {
      actor,
      action: "evaluation.reminded",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      after: {
        reminded: due.map((member) => member.email),
        skippedRecentlyReminded: skipped.length > 0 ? skipped.map((member) => member.email) : undefined,
      },
    });
    return { reminded: due.map((member) => member.name), skipped: skipped.map((member) => member.name) };
  });
}

/** The lead reopens a submitted sheet for its evaluator, with a reason; the evaluator is emailed. */
export async function reopenScoreSheet(
  actor: UserActor,
  rfpId: string,
  input: { sheetId: string; reason: string },
  options: { origin: string; now?: Date },
) {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const sheet = await tx.scoreSheet.findFirst({
      where: { id: input.sheetId, rfpId, member: { role: "PANEL" } },
      select: {
        id: true,
        status: true,
        invitationId: true,
        member: { select: { id: true, user: { select: { name: true, email: true } } } },
        invitation: { select: { vendor: { select: { name: true } } } },
      },
    });
    if (!sheet) throw new FieldError("sheetId", "That sheet no longer exists. Reload the page.");
    await lockPanelMember(tx, rfpId, { memberId: sheet.member.id });
    const state = await evaluationState(tx, rfpId);
    const problem = reopenProblem(state, sheet.status as SheetStatus);
    if (problem) throw new FieldError("sheetId", problem);
    const { count } = await tx.scoreSheet.updateMany({
      where: { id: sheet.id, status: "SUBMITTED" },
      data: {
        status: "DRAFT",
        submittedAt: null,
        reopenedAt: now,
        reopenReason: input.reason,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new FieldError("sheetId", "This sheet is not submitted; there is nothing to reopen.");
    const [rfp, lead] = await Promise.all([
      tx.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { reference: true, title: true } }),
      tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } }),
    ]);
    const names = { member: sheet.member.user.email, vendor: sheet.invitation.vendor.name };
    await recordAudit(tx, {
      actor,
      action: "sheet.reopened",
      entityType: "ScoreSheet",
      entityId: sheet.id,
      rfpId,
      before: { ...names, status: "SUBMITTED" },
      after: { ...names, status: "DRAFT", reason: input.reason },
    });
    await queueMessage(tx, {
      rfpId,
      kind: "sheet_reopened",
      toEmail: sheet.member.user.email,
      toName: sheet.member.user.name,
      ...sheetReopenedMessage({
        rfp,
        memberName: sheet.member.user.name,
        vendorName: sheet.invitation.vendor.name,
        leadName: lead.name,
        reason: input.reason,
        link: `${options.origin}/rfps/${rfpId}/scoring/${sheet.invitationId}`,
      }),
    });
    return { memberName: sheet.member.user.name, vendorName: sheet.invitation.vendor.name };
  });
}

// ───────────── The dashboard ─────────────

/**
 * "Score sheets to complete": across the RFPs where the user sits on the panel and scoring is
 * open, the declarations and sheets still to do, with links. Only the user's own work.
 */
export async function getScoringTodo(userId: string) {
  const memberships = await prisma.rfpMember.findMany({
    where: {
      userId,
      role: "PANEL",
      rfp: { stage: "EVALUATION", proposalsOpenedAt: { not: null }, consensusOpenedAt: null },
    },
    orderBy: { rfp: { proposalDeadline: "asc" } },
    select: { rfp: { select: { id: true, reference: true, title: true } } },
  });
  const todo = await Promise.all(
    memberships.map(async ({ rfp }) => {
      const sheets = await getMySheets(userId, rfp.id);
      if (sheets.recusedFromPanel) return null;
      const open = sheets.vendors.filter((vendor) => vendor.access === "open" && vendor.sheet?.status !== "SUBMITTED");
      const waiting = sheets.vendors.filter((vendor) => vendor.access === "pending").length;
      if (sheets.undeclared === 0 && open.length === 0 && waiting === 0) return null;
      return {
        rfp,
        undeclared: sheets.undeclared,
        waitingForLead: waiting,
        sheets: open.map((vendor) => ({
          invitationId: vendor.invitationId,
          vendorName: vendor.vendorName,
          status: vendor.sheet ? (vendor.sheet.reopenedAt ? "REOPENED" : "DRAFT") : "NOT_STARTED",
          scored: vendor.sheet?.progress.scored ?? 0,
          total: sheets.criteria.length,
        })),
      };
    }),
  );
  return todo.filter((item) => item !== null);
}

// ───────────── For consensus and results ─────────────

/**
 * Every submitted sheet of the RFP with its scores, for the consensus matrix and the results.
 * Sheets that no longer count are left out: a member recused from the panel, or from that vendor
 * (a recusal decided after scoring started). SEALED: score values — only for the lead and
 * observers, or for panel members once consensus is open; callers check that first.
 */
export async function loadSubmittedSheets(client: Client, rfpId: string) {
  const [vendors, sheets] = await Promise.all([
    evaluatedVendors(client, rfpId),
    client.scoreSheet.findMany({
      where: { rfpId, status: "SUBMITTED", member: { role: "PANEL" } },
      orderBy: [{ member: { addedAt: "asc" } }, { invitationId: "asc" }],
      select: {
        id: true,
        invitationId: true,
        submittedAt: true,
        member: {
          select: {
            id: true,
            functionalGroup: true,
            user: { select: { name: true } },
            conflicts: { select: { invitationId: true, hasConflict: true, decision: true, decisionNote: true } },
          },
        },
        scores: { select: { criterionId: true, value: true, comment: true } },
      },
    }),
  ]);
  const vendorIds = vendors.map((vendor) => vendor.invitationId);
  return sheets
    .filter((sheet) => {
      if (!vendorIds.includes(sheet.invitationId)) return false;
      const access = vendorAccess(sheet.invitationId, vendorIds, sheet.member.conflicts.map(toDeclaration));
      return mayReadProposal(access);
    })
    .map((sheet) => ({
      sheetId: sheet.id,
      invitationId: sheet.invitationId,
      memberId: sheet.member.id,
      memberName: sheet.member.user.name,
      functionalGroup: sheet.member.functionalGroup,
      submittedAt: sheet.submittedAt,
      scores: sheet.scores,
    }));
}
