import { type CriterionStage, criteriaTreeIssues } from "./criteria";
import { TIMELINE_FIELDS, type TimelineKey } from "./timeline";

/**
 * The RFP document as vendors see it: frozen at publishing (version 1) and at each addendum.
 * Plain JSON (ISO dates, numbers) so a snapshot reads the same years later. The budget is the
 * buyer's own business and is never part of it.
 */
export type DocumentRequirement = {
  id: string;
  code: string;
  text: string;
  kind: "MANDATORY" | "SCORED";
  criterionId: string | null;
  evidenceRequested: string | null;
};

export type DocumentSection = { id: string; title: string; body: string; requirements: DocumentRequirement[] };

export type DocumentCriterion = {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
  description: string | null;
  weight: number;
  stage: CriterionStage;
  scaleMin: number;
  scaleMax: number;
  descriptors: string[];
};

export type DocumentSnapshot = {
  rfp: {
    reference: string;
    title: string;
    summary: string;
    category: string;
    currency: string;
    timeZone: string;
    timeline: Record<TimelineKey, string | null>;
  };
  sections: DocumentSection[];
  criteria: DocumentCriterion[];
};

/** What must be true of the document before vendors may see it. */
export function documentReadinessIssues(document: DocumentSnapshot): string[] {
  const issues: string[] = [];
  if (document.sections.length === 0) issues.push("Add at least one section to the document.");
  const untitled = document.sections.filter((section) => !section.title.trim()).length;
  if (untitled > 0) issues.push(`${untitled} section(s) have no title.`);
  const requirements = document.sections.flatMap((section) => section.requirements);
  if (requirements.length === 0) issues.push("Add at least one requirement for vendors to answer.");
  if (document.criteria.length === 0) {
    issues.push("Define the evaluation criteria and their weights.");
  } else {
    issues.push(...criteriaTreeIssues(document.criteria).map((issue) => issue.message));
  }
  const leafIds = new Set(
    document.criteria
      .filter((criterion) => !document.criteria.some((child) => child.parentId === criterion.id))
      .map((criterion) => criterion.id),
  );
  for (const requirement of requirements) {
    if (requirement.kind !== "SCORED") continue;
    if (!requirement.criterionId) issues.push(`Scored requirement ${requirement.code} is not linked to a criterion.`);
    else if (!leafIds.has(requirement.criterionId))
      issues.push(`Scored requirement ${requirement.code} must be linked to a criterion without sub-criteria.`);
  }
  return issues;
}

/** A readable list of what changed between two frozen versions (addenda say what changed). */
export function documentChanges(previous: DocumentSnapshot, next: DocumentSnapshot): string[] {
  const changes: string[] = [];
  for (const field of TIMELINE_FIELDS) {
    const before = previous.rfp.timeline[field.key];
    const after = next.rfp.timeline[field.key];
    if (before !== after) changes.push(`${field.label} changed.`);
  }
  if (previous.rfp.title !== next.rfp.title) changes.push("Title changed.");
  if (previous.rfp.summary !== next.rfp.summary) changes.push("Summary changed.");

  const previousSections = new Map(previous.sections.map((section) => [section.id, section]));
  const nextSections = new Map(next.sections.map((section) => [section.id, section]));
  for (const section of next.sections) {
    const old = previousSections.get(section.id);
    if (!old) changes.push(`Section “${section.title}” added.`);
    else {
      if (old.title !== section.title) changes.push(`Section “${old.title}” renamed to “${section.title}”.`);
      if (old.body !== section.body) changes.push(`Section “${section.title}” text changed.`);
    }
  }
  for (const section of previous.sections) {
    if (!nextSections.has(section.id)) changes.push(`Section “${section.title}” removed.`);
  }
  const previousOrder = previous.sections.map((section) => section.id).filter((id) => nextSections.has(id));
  const nextOrder = next.sections.map((section) => section.id).filter((id) => previousSections.has(id));
  if (previousOrder.join() !== nextOrder.join()) changes.push("Sections reordered.");

  const previousRequirements = new Map(
    previous.sections.flatMap((section) => section.requirements).map((requirement) => [requirement.id, requirement]),
  );
  const nextRequirements = next.sections.flatMap((section) => section.requirements);
  for (const requirement of nextRequirements) {
    const old = previousRequirements.get(requirement.id);
    if (!old) changes.push(`Requirement ${requirement.code} added.`);
    else if (
      old.text !== requirement.text ||
      old.kind !== requirement.kind ||
      old.evidenceRequested !== requirement.evidenceRequested ||
      old.criterionId !== requirement.criterionId
    ) {
      changes.push(`Requirement ${requirement.code} changed.`);
    }
    previousRequirements.delete(requirement.id);
  }
  for (const removed of previousRequirements.values()) changes.push(`Requirement ${removed.code} removed.`);

  const criteriaKey = (snapshot: DocumentSnapshot) =>
    JSON.stringify(
      snapshot.criteria.map(({ id, parentId, name, weight, stage, scaleMin, scaleMax, descriptors }) => [
        id,
        parentId,
        name,
        weight,
        stage,
        scaleMin,
        scaleMax,
        descriptors,
      ]),
    );
  if (criteriaKey(previous) !== criteriaKey(next)) changes.push("Evaluation criteria or weights changed.");
  return changes;
}

export function requirementCode(sequence: number) {
  return `R-${String(sequence).padStart(2, "0")}`;
}
