import { prisma, type TransactionClient } from "~/db.server";
import { requirementCode } from "~/domain/document";
import { BUILT_IN_TEMPLATES, builtInTemplate, type TemplateContent, templateSummary } from "~/domain/templates";
import type { Timeline } from "~/domain/timeline";
import { Prisma } from "~/generated/prisma/client";
import type { RfpDetailsInput } from "~/schemas/rfp";
import { type RfpSource, templateContentSchema } from "~/schemas/template";
import { FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit, type UserActor } from "./audit.server";
import { createRfp } from "./rfp.server";

/**
 * Templates and reuse: built-in templates (domain/templates), a lead's own templates
 * (RfpTemplate, content as JSON), and duplicating an RFP. Content never includes vendors,
 * dates, budget, team or anything vendors sent.
 */

/** The reusable content of an RFP's working copy. Criterion keys are the criteria's ids. */
export async function loadRfpContent(rfpId: string, client: TransactionClient = prisma): Promise<TemplateContent> {
  const rfp = await client.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      sections: {
        orderBy: { position: "asc" },
        select: {
          title: true,
          body: true,
          requirements: {
            orderBy: { position: "asc" },
            select: { text: true, kind: true, criterionId: true, evidenceRequested: true },
          },
        },
      },
      criteria: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          parentId: true,
          name: true,
          description: true,
          weight: true,
          stage: true,
          scaleMin: true,
          scaleMax: true,
          descriptors: true,
        },
      },
      interviewQuestions: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { category: true, text: true, standard: true },
      },
    },
  });
  // Parents before children, siblings in position order, as templates list them.
  const criteria: TemplateContent["criteria"] = [];
  const visit = (parentId: string | null) => {
    for (const criterion of rfp.criteria.filter((candidate) => candidate.parentId === parentId)) {
      criteria.push({
        key: criterion.id,
        parentKey: criterion.parentId,
        name: criterion.name,
        description: criterion.description,
        weight: Number(criterion.weight),
        stage: criterion.stage,
        scaleMin: criterion.scaleMin,
        scaleMax: criterion.scaleMax,
        descriptors: Array.isArray(criterion.descriptors) ? criterion.descriptors.map(String) : [],
      });
    }
    for (const criterion of rfp.criteria.filter((candidate) => candidate.parentId === parentId)) visit(criterion.id);
  };
  visit(null);
  return {
    sections: rfp.sections.map((section) => ({
      title: section.title,
      body: section.body,
      requirements: section.requirements.map((requirement) => ({
        text: requirement.text,
        kind: requirement.kind,
        criterionKey: requirement.criterionId,
        evidenceRequested: requirement.evidenceRequested,
      })),
    })),
    criteria,
    interviewQuestions: rfp.interviewQuestions,
  };
}

/**
 * Fill a new, empty RFP with template content inside the caller's transaction: criteria first
 * (keys become ids), then sections with requirements coded … and the question bank.
 */
async function insertContent(
  tx: TransactionClient,
  actor: Actor,
  rfpId: string,
  content: TemplateContent,
  sourceLabel: string,
) {
  const idByKey = new Map<string, string>();
  const siblings = new Map<string | null, number>();
  let criteriaCount = 0;
  for (const criterion of content.criteria) {
    // A criterion whose parent is unknown (a damaged template) is skipped with its subtree.
    const parentId = criterion.parentKey === null ? null : idByKey.get(criterion.parentKey);
    if (parentId === undefined || idByKey.has(criterion.key)) continue;
    const position = siblings.get(parentId) ?? 0;
    siblings.set(parentId, position + 1);
    const created = await tx.criterion.create({
      data: {
        rfpId,
        parentId,
        position,
        name: criterion.name,
        description: criterion.description,
        weight: new Prisma.Decimal(criterion.weight),
        stage: criterion.stage,
        scaleMin: criterion.scaleMin,
        scaleMax: criterion.scaleMax,
        descriptors: criterion.descriptors,
      },
      select: { id: true },
    });
    idByKey.set(criterion.key, created.id);
    criteriaCount += 1;
  }
  let sequence = 0;
  for (const [position, section] of content.sections.entries()) {
    const created = await tx.rfpSection.create({
      data: { rfpId, position, title: section.title, body: section.body },
      select: { id: true },
    });
    for (const [index, requirement] of section.requirements.entries()) {
      sequence += 1;
      await tx.requirement.create({
        data: {
          rfpId,
          sectionId: created.id,
          position: index,
          code: requirementCode(sequence),
          text: requirement.text,
          kind: requirement.kind,
          criterionId:
            requirement.kind === "SCORED" && requirement.criterionKey
              ? (idByKey.get(requirement.criterionKey) ?? null)
              : null,
          evidenceRequested: requirement.evidenceRequested,
        },
      });
    }
  }
  await tx.rfp.update({ where: { id: rfpId }, data: { nextRequirementNumber: sequence + 1 } });
  await tx.interviewQuestion.createMany({
    data: content.interviewQuestions.map((question, position) => ({ rfpId, position, ...question })),
  });
  await recordAudit(tx, {
    actor,
    action: "rfp.content_copied",
    entityType: "Rfp",
    entityId: rfpId,
    rfpId,
    after: {
      source: sourceLabel,
      sections: content.sections.length,
      requirements: sequence,
      criteria: criteriaCount,
      questions: content.interviewQuestions.length,
    },
  });
}

export type ResolvedSource = {
  label: string;
  content: TemplateContent | null;
  /** Details to start the form with (duplicates copy the RFP's own; templates their category). */
  details: {
    title?: string;
    summary?: string;
    category?: string;
    budgetAmount?: string;
    currency?: string;
    timeZone?: string;
  };
};

/**
 * What a source holds for this user, or a FieldError on "source": own templates only, and only
 * RFPs the user leads can be duplicated.
 */
export async function resolveSource(userId: string, source: RfpSource): Promise<ResolvedSource> {
  switch (source.kind) {
    case "blank":
      return { label: "Blank document", content: null, details: {} };
    case "builtin": {
      const template = builtInTemplate(source.id);
      if (!template) throw new FieldError("source", "That built-in template does not exist.");
      return {
        label: `Built-in template “${template.name}”`,
        content: template.content,
        details: { category: template.category },
      };
    }
    case "template": {
      const template = await prisma.rfpTemplate.findFirst({
        where: { id: source.id, createdById: userId },
        select: { name: true, category: true, content: true },
      });
      if (!template) throw new FieldError("source", "That template does not exist or is not yours.");
      const content = templateContentSchema.safeParse(template.content);
      if (!content.success)
        throw new FieldError("source", `The template “${template.name}” is damaged and cannot be used.`);
      return { label: `Template “${template.name}”`, content: content.data, details: { category: template.category } };
    }
    case "rfp": {
      const rfp = await prisma.rfp.findFirst({
        where: { id: source.id, members: { some: { userId, role: "LEAD" } } },
        select: {
          reference: true,
          title: true,
          summary: true,
          category: true,
          budgetAmount: true,
          currency: true,
          timeZone: true,
        },
      });
      if (!rfp) throw new FieldError("source", "You can only duplicate an RFP you lead.");
      return {
        label: `Duplicate of ${rfp.reference} “${rfp.title}”`,
        content: await loadRfpContent(source.id),
        details: {
          title: `${rfp.title} (copy)`,
          summary: rfp.summary,
          category: rfp.category,
          budgetAmount: rfp.budgetAmount?.toString() ?? "",
          currency: rfp.currency,
          timeZone: rfp.timeZone,
        },
      };
    }
  }
}

type NewRfpDetails = Omit<RfpDetailsInput, keyof Timeline> & { timeline: Timeline };

/** Create a draft RFP (you are its lead) and fill it from `source`, all in one transaction, audited. */
export async function createRfpFromSource(actor: UserActor, details: NewRfpDetails, source: RfpSource) {
  const resolved = await resolveSource(actor.id, source);
  const { content } = resolved;
  return createRfp(
    actor,
    details,
    content ? (tx, rfp) => insertContent(tx, actor, rfp.id, content, resolved.label) : undefined,
  );
}

/** The choices on "New RFP": built-in templates, the lead's own templates, RFPs they lead. */
export async function listRfpSources(userId: string) {
  const [templates, rfps] = await Promise.all([
    listOwnTemplates(userId),
    prisma.rfp.findMany({
      where: { members: { some: { userId, role: "LEAD" } } },
      orderBy: { createdAt: "desc" },
      select: { id: true, reference: true, title: true, stage: true },
    }),
  ]);
  return {
    builtIn: BUILT_IN_TEMPLATES.map((template) => ({
      id: template.id,
      name: template.name,
      description: template.description,
      category: template.category,
      summary: templateSummary(template.content),
    })),
    templates,
    rfps,
  };
}

export async function listOwnTemplates(userId: string) {
  const templates = await prisma.rfpTemplate.findMany({
    where: { createdById: userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, description: true, category: true, createdAt: true, content: true },
  });
  return templates.map(({ content, ...template }) => {
    const parsed = templateContentSchema.safeParse(content);
    return { ...template, summary: parsed.success ? templateSummary(parsed.data) : null };
  });
}

/** "Save as template": the RFP's document, criteria and question bank, nothing about vendors. */
export async function saveRfpAsTemplate(actor: UserActor, rfpId: string, input: { name: string; description: string }) {
  return prisma.$transaction(async (tx) => {
    const rfp = await tx.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { category: true, reference: true } });
    const content = await loadRfpContent(rfpId, tx);
    const template = await tx.rfpTemplate.create({
      data: {
        name: input.name,
        description: input.description,
        category: rfp.category,
        content: content as unknown as Prisma.InputJsonValue,
        createdById: actor.id,
      },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      actor,
      action: "template.saved",
      entityType: "RfpTemplate",
      entityId: template.id,
      rfpId,
      after: { name: input.name, from: rfp.reference, ...templateSummary(content) },
    });
    return template;
  });
}

export async function deleteOwnTemplate(actor: UserActor, templateId: string) {
  return prisma.$transaction(async (tx) => {
    const template = await tx.rfpTemplate.findFirst({
      where: { id: templateId, createdById: actor.id },
      select: { id: true, name: true, category: true },
    });
    if (!template) throw new FieldError("form", "That template does not exist or is not yours.");
    await tx.rfpTemplate.delete({ where: { id: templateId } });
    await recordAudit(tx, {
      actor,
      action: "template.deleted",
      entityType: "RfpTemplate",
      entityId: templateId,
      before: { name: template.name, category: template.category },
    });
    return template;
  });
}
