import { CRITERION_STAGE_INFO, withEffectiveWeights } from "~/domain/criteria";
import type { DocumentSnapshot } from "~/domain/document";
import { TIMELINE_FIELDS } from "~/domain/timeline";
import { formatDate, formatDateTime } from "./dates";

/**
 * The printable RFP: one model of what the printed page and the PDF say, computed from a frozen
 * version (or the working copy, marked as a draft), so both renderings carry the same content.
 */
export type PrintableRfp = ReturnType<typeof printableRfp>;

export function printableRfp(
  document: DocumentSnapshot,
  meta: { buyer: string; version: { number: number; frozenAt: Date | string } | null; locale?: string },
) {
  const { rfp } = document;
  const locale = meta.locale ?? "en-GB";
  const when = (iso: string | null) =>
    iso ? formatDateTime(iso, { timeZone: rfp.timeZone, locale }) : "To be announced";
  const criteria = withEffectiveWeights(document.criteria);
  const criterionName = new Map(criteria.map((criterion) => [criterion.id, `${criterion.outline} ${criterion.name}`]));
  const sections = document.sections.map((section, index) => ({
    id: `section-${index + 1}`,
    number: index + 1,
    title: section.title,
    body: section.body,
  }));
  const chapter = (offset: number, id: string, title: string) => ({ id, number: sections.length + offset, title });
  const chapters = {
    requirements: chapter(1, "requirements", "Requirements"),
    criteria: chapter(2, "criteria", "Evaluation criteria and weights"),
    timeline: chapter(3, "timeline", "Timeline"),
    submission: chapter(4, "submission", "Submission instructions"),
  };
  return {
    buyer: meta.buyer,
    reference: rfp.reference,
    title: rfp.title,
    summary: rfp.summary,
    category: rfp.category,
    timeZone: rfp.timeZone,
    draft: meta.version === null,
    versionLabel: meta.version ? `Version ${meta.version.number}` : "Draft (not published)",
    versionNumber: meta.version?.number ?? null,
    frozenOn: meta.version ? formatDate(meta.version.frozenAt, { timeZone: rfp.timeZone, locale }) : null,
    issueDate: rfp.timeline.issueDate ? formatDate(rfp.timeline.issueDate, { timeZone: rfp.timeZone, locale }) : null,
    proposalDeadline: when(rfp.timeline.proposalDeadline),
    sections,
    chapters,
    contents: [...sections.map(({ id, number, title }) => ({ id, number, title })), ...Object.values(chapters)],
    requirements: document.sections.flatMap((section) =>
      section.requirements.map((requirement) => ({
        code: requirement.code,
        text: requirement.text,
        section: section.title,
        kind: requirement.kind === "MANDATORY" ? "Mandatory (pass/fail)" : "Scored",
        criterion: requirement.criterionId ? (criterionName.get(requirement.criterionId) ?? null) : null,
        evidence: requirement.evidenceRequested ?? "",
      })),
    ),
    criteria: criteria.map((criterion) => ({
      outline: criterion.outline,
      name: criterion.name,
      description: criterion.description ?? "",
      depth: criterion.depth,
      stage: CRITERION_STAGE_INFO[criterion.stage].label,
      weight: formatPercent(criterion.weight, locale),
      effectiveWeight: formatPercent(criterion.effectiveWeight, locale),
      scale: `${criterion.scaleMin}–${criterion.scaleMax}`,
      isLeaf: criterion.isLeaf,
    })),
    timeline: TIMELINE_FIELDS.map((field) => ({ label: field.label, at: when(rfp.timeline[field.key]) })),
    instructions: submissionInstructions(
      rfp.currency,
      when(rfp.timeline.proposalDeadline),
      when(rfp.timeline.questionsDeadline),
      rfp.timeZone,
    ),
  };
}

function formatPercent(value: number, locale: string) {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)}%`;
}

function submissionInstructions(currency: string, deadline: string, questionsDeadline: string, timeZone: string) {
  return [
    "Proposals are submitted only through your private vendor portal, opened with the link in your invitation email. Proposals sent by email, post or any other way cannot be accepted.",
    `In the portal, answer every requirement (complies, partially complies or does not comply, with an explanation); complete the price schedule in ${currency} with one-time and monthly recurring lines and the contract term in months; describe each service tier you offer with its terms of service and SLA targets; and list your claims, commitments and known limitations. Supporting documents may be attached as PDF, DOCX, XLSX, PNG or JPEG files.`,
    `Proposal deadline: ${deadline} (${timeZone}). The portal refuses submissions after the deadline; late proposals cannot be accepted. Until the deadline you may withdraw and resubmit your proposal.`,
    `Clarification questions can be asked in the portal until ${questionsDeadline}. Every answer is published to all invited vendors without naming the vendor who asked.`,
    "Changes to this RFP are issued as numbered addenda. Please acknowledge each addendum in the portal.",
    "Mandatory requirements are pass/fail: a proposal that does not meet one may be disqualified. Scored requirements are evaluated against the criteria and weights in this document.",
  ];
}
