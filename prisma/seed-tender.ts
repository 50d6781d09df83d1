/**
 * Demo data, part two: a published tender whose proposal deadline has passed, run through
 * the real model functions (so its audit trail, outbox and frozen document are what a real run
 * leaves): "Contact Centre Services 2027" from the built-in contact-centre template, five
 * invited vendors, clarification questions answered and published, an addendum, four submitted
 * proposals (one of them failing a mandatory requirement), and one vendor whose submission
 * arrived after the deadline and was refused. The lead's next steps: open the proposals and
 * screen them for compliance.
 */
import { prisma } from "../app/db.server";
import type { ProposalDraft } from "../app/domain/proposal-rules";
import { issueAddendum } from "../app/models/addendum.server";
import { userActor } from "../app/models/audit.server";
import { answerQuestion } from "../app/models/clarification.server";
import { latestDocumentVersion } from "../app/models/document.server";
import { inviteVendor } from "../app/models/invitation.server";
import { acknowledgeAddendum, setBidIntent } from "../app/models/portal.server";
import { findPortalSession, openPortalSession, type PortalVendor } from "../app/models/portal-session.server";
import { saveProposalDraft, submitProposal } from "../app/models/proposal.server";
import { askQuestion } from "../app/models/question-vendor.server";
import { transitionRfp } from "../app/models/rfp.server";
import { createRfpFromSource } from "../app/models/template.server";
import { createVendor } from "../app/models/vendor.server";
import { newVendorSchema } from "../app/schemas/vendor";

const DAY = 86_400_000;
const ORIGIN = process.env.APP_URL ?? "http://localhost:3000";

type DemoVendor = {
  name: string;
  website: string;
  country: string;
  size: "SMALL" | "MEDIUM" | "LARGE" | "ENTERPRISE";
  industry: string;
  contact: { name: string; email: string; title: string };
  /** What this vendor does in the story. */
  plays: "submits" | "non-compliant" | "late";
  monthly: number;
  transition: number;
};

const VENDORS: DemoVendor[] = [
  {
    name: "Brightline Customer Care Ltd",
    website: "https://brightline-care.example",
    country: "GB",
    size: "LARGE",
    industry: "Business process outsourcing",
    contact: { name: "Joanne Pike", email: "bids@brightline-care.example", title: "Bid director" },
    plays: "submits",
    monthly: 184_000,
    transition: 240_000,
  },
  {
    name: "Nordvoice AB",
    website: "https://nordvoice.example",
    country: "SE",
    size: "MEDIUM",
    industry: "Contact centres",
    contact: { name: "Erik Dahl", email: "tenders@nordvoice.example", title: "Head of sales" },
    plays: "submits",
    monthly: 169_500,
    transition: 310_000,
  },
  {
    name: "Atlas Interaction Services BV",
    website: "https://atlas-interaction.example",
    country: "NL",
    size: "ENTERPRISE",
    industry: "Customer experience",
    contact: { name: "Sanne de Vries", email: "rfp@atlas-interaction.example", title: "Solutions lead" },
    plays: "submits",
    monthly: 201_000,
    transition: 180_000,
  },
  {
    name: "QuickReply Outsourcing GmbH",
    website: "https://quickreply.example",
    country: "DE",
    size: "MEDIUM",
    industry: "Contact centres",
    contact: { name: "Lukas Brandt", email: "angebote@quickreply.example", title: "Key account manager" },
    plays: "non-compliant",
    monthly: 142_000,
    transition: 95_000,
  },
  {
    name: "Harbour Contact Partners Ltd",
    website: "https://harbourcontact.example",
    country: "IE",
    size: "SMALL",
    industry: "Contact centres",
    contact: { name: "Aoife Byrne", email: "hello@harbourcontact.example", title: "Managing director" },
    plays: "late",
    monthly: 158_000,
    transition: 120_000,
  },
];

function hour(date: Date, hourOfDay: number) {
  const copy = new Date(date);
  copy.setUTCHours(hourOfDay, 0, 0, 0);
  return copy;
}

/** Portal links only leave in emails: read the one publishing queued for this invitation. */
async function portalVendorFor(invitationId: string): Promise<PortalVendor> {
  const message = await prisma.outboxMessage.findFirstOrThrow({
    where: { invitationId, kind: "invitation" },
    orderBy: { createdAt: "desc" },
    select: { bodyText: true },
  });
  const token = /\/v\/([A-Za-z0-9_-]{20,})/.exec(message.bodyText)?.[1];
  if (!token) throw new Error("demo seed: no portal link in the invitation email");
  const opened = await openPortalSession(token, { ip: "127.0.0.1", previousSecret: null });
  if (!opened.ok) throw new Error(`demo seed: portal link refused (${opened.problem})`);
  const session = await findPortalSession(opened.secret);
  if (!session) throw new Error("demo seed: portal session missing");
  return { ...session.invitation, sessionId: session.sessionId };
}

async function proposalFor(vendor: DemoVendor, rfpId: string): Promise<ProposalDraft> {
  const version = await latestDocumentVersion(rfpId);
  const requirements = version?.snapshot.sections.flatMap((section) => section.requirements) ?? [];
  const failsMandatory = vendor.plays === "non-compliant";
  let failed = false;
  return {
    executiveSummary: `${vendor.name} proposes a multilingual customer contact service run from our own centres, with a named service manager and quarterly improvement reviews.`,
    termMonths: "36",
    responses: requirements.map((requirement) => {
      // The non-compliant vendor cannot meet the first mandatory requirement, and says so.
      const fails = failsMandatory && !failed && requirement.kind === "MANDATORY";
      if (fails) failed = true;
      return {
        requirementId: requirement.id,
        compliance: fails ? "DOES_NOT_COMPLY" : "COMPLIES",
        explanation: fails
          ? "We do not meet this today; we could offer it from year two."
          : `${vendor.name} meets this: see section ${requirement.code} of our response for evidence and references.`,
      };
    }),
    priceLines: [
      {
        description: "Transition and knowledge transfer",
        kind: "ONE_TIME",
        unit: "project",
        quantity: "1",
        unitPrice: String(vendor.transition),
      },
      {
        description: "Managed contact centre service",
        kind: "RECURRING",
        unit: "month",
        quantity: "1",
        unitPrice: String(vendor.monthly),
      },
    ],
    serviceTiers: [
      {
        name: "Standard",
        description: "Business hours in four languages, email and chat.",
        termsOfService:
          "Service as described in our response; monthly reporting; service credits per the SLA schedule.",
        slaTargets: [
          {
            metric: "Calls answered within 20 seconds",
            target: "80%",
            measurementWindow: "Monthly",
            serviceCredit: "2% of the monthly fee per point below target",
          },
          {
            metric: "First-contact resolution",
            target: "75%",
            measurementWindow: "Monthly",
            serviceCredit: "1% of the monthly fee per point below target",
          },
        ],
      },
    ],
    commitments: [
      { kind: "COMMITMENT", text: "A named service manager on site two days a week." },
      { kind: "CLAIM", text: "We run similar services for three European retailers." },
    ],
  };
}

/**
 * `deadlineDaysAgo` places the story in time: 1 leaves the tender waiting for its opening; the
 * full demo journey (seed-journey.ts) needs the deadline weeks back so interviews are over.
 */
export type TenderStory = { title: string; summary: string; deadlineDaysAgo: number };

export const CONTACT_CENTRE_STORY: TenderStory = {
  title: "Contact Centre Services 2027",
  summary:
    "Northwind Logistics seeks a partner to run customer contact for its parcel and freight customers in English, German, Dutch and Swedish, across phone, email and chat, from 1 April 2027.",
  deadlineDaysAgo: 40,
};

export async function seedPublishedTender(
  priya: { id: string; email: string },
  now = new Date(),
  story: TenderStory = CONTACT_CENTRE_STORY,
) {
  const { deadlineDaysAgo } = story;
  const actor = userActor(priya);
  const deadlineDay = now.getTime() - deadlineDaysAgo * DAY;
  const proposalDeadline = hour(new Date(deadlineDay), 12);
  const timeline = {
    issueDate: hour(new Date(deadlineDay - 23 * DAY), 8),
    questionsDeadline: hour(new Date(deadlineDay - 9 * DAY), 16),
    proposalDeadline,
    interviewStart: hour(new Date(deadlineDay + 15 * DAY), 8),
    interviewEnd: hour(new Date(deadlineDay + 18 * DAY), 16),
    decisionTarget: hour(new Date(deadlineDay + 31 * DAY), 10),
  };
  const rfp = await createRfpFromSource(
    actor,
    {
      title: story.title,
      summary: story.summary,
      category: "Contact centre",
      budgetAmount: "7500000",
      currency: "EUR",
      timeZone: "Europe/Amsterdam",
      timeline,
    },
    { kind: "builtin", id: "contact-centre" },
  );

  const invitations: { vendor: DemoVendor; invitationId: string }[] = [];
  for (const vendor of VENDORS) {
    // The vendor directory is the organisation's: a second tender invites the same companies.
    const existing = await prisma.vendor.findFirst({ where: { name: vendor.name }, select: { id: true } });
    const created =
      existing ??
      (await createVendor(
        actor,
        newVendorSchema.parse({
          name: vendor.name,
          website: vendor.website,
          country: vendor.country,
          size: vendor.size,
          industry: vendor.industry,
          contactName: vendor.contact.name,
          contactEmail: vendor.contact.email,
          contactTitle: vendor.contact.title,
        }),
      ));
    const contact = await prisma.vendorContact.findFirstOrThrow({
      where: { vendorId: created.id },
      select: { id: true },
    });
    const invitation = await inviteVendor(
      actor,
      rfp.id,
      { contactId: contact.id },
      { origin: ORIGIN, now: timeline.issueDate },
    );
    invitations.push({ vendor, invitationId: invitation.id });
  }

  // Published on the issue date: version 1 frozen, every vendor emailed its link.
  const { version } = await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id }, select: { version: true } });
  await transitionRfp(actor, rfp.id, { to: "PUBLISHED", expectedVersion: version, origin: ORIGIN }, timeline.issueDate);

  const portals = new Map<string, PortalVendor>();
  for (const { vendor, invitationId } of invitations) portals.set(vendor.name, await portalVendorFor(invitationId));
  const portalOf = (name: string) => {
    const portal = portals.get(name);
    if (!portal) throw new Error(`demo seed: no portal for ${name}`);
    return portal;
  };
  const asked = new Date(timeline.issueDate.getTime() + 4 * DAY);

  for (const { vendor } of invitations) await setBidIntent(portalOf(vendor.name), { to: "INTENDS_TO_BID" }, asked);

  // Clarification questions, answered and published without naming who asked.
  const questions = [
    {
      by: "Nordvoice AB",
      text: "Is weekend cover needed for Swedish, or only weekdays?",
      answer: "Weekdays 08:00–20:00 and Saturdays 09:00–14:00 for every language, Swedish included.",
    },
    {
      by: "Brightline Customer Care Ltd",
      text: "May part of the service be delivered from outside the EU?",
      answer: "No. Personal data of our customers must stay in the EEA; see the data protection section.",
    },
    {
      by: "Atlas Interaction Services BV",
      text: "Will you provide the telephony platform, or should we?",
      answer:
        "The supplier provides the platform; it must integrate with our CRM as described in the integration section.",
    },
  ];
  for (const question of questions) {
    await askQuestion(portalOf(question.by), { question: question.text }, { origin: ORIGIN }, asked);
  }
  const open = await prisma.clarificationQuestion.findMany({
    where: { rfpId: rfp.id },
    orderBy: { askedAt: "asc" },
    select: { id: true, question: true },
  });
  for (const question of open) {
    const answer = questions.find((candidate) => candidate.text === question.question)?.answer ?? "See the RFP.";
    await answerQuestion(actor, rfp.id, question.id, {
      publishedQuestion: question.question,
      answer,
      publish: true,
      allowMention: false,
    });
  }

  // An addendum, acknowledged by three of the five.
  const current = await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id }, select: { version: true } });
  await issueAddendum(
    actor,
    rfp.id,
    {
      title: "Saturday opening hours",
      summary: "Saturday cover 09:00–14:00 is required for every language (see the published answer Q-01).",
      reason: "Vendors asked about weekend cover; the answer changes the service window.",
      timeline,
      expectedVersion: current.version,
    },
    asked,
  );
  const addendum = await prisma.addendum.findFirstOrThrow({ where: { rfpId: rfp.id }, select: { id: true } });
  for (const name of ["Brightline Customer Care Ltd", "Nordvoice AB", "Atlas Interaction Services BV"]) {
    const contact = VENDORS.find((vendor) => vendor.name === name)?.contact.name ?? name;
    await acknowledgeAddendum(portalOf(name), { addendumId: addendum.id, acknowledgedBy: contact });
  }

  // Proposals: four in time, one a day late (refused, as the portal would).
  const beforeDeadline = new Date(proposalDeadline.getTime() - 2 * DAY);
  for (const { vendor } of invitations) {
    const portal = portalOf(vendor.name);
    const draft = await proposalFor(vendor, rfp.id);
    const saved = await saveProposalDraft(portal, { draft, expectedVersion: 0, automatic: false }, beforeDeadline);
    if (vendor.plays === "late") continue;
    const submitted = await submitProposal(portal, { draft, expectedVersion: saved.version }, beforeDeadline);
    if (!submitted.submitted)
      throw new Error(`demo seed: ${vendor.name} could not submit: ${JSON.stringify(submitted.issues)}`);
  }
  const late = invitations.find(({ vendor }) => vendor.plays === "late");
  if (late) {
    const portal = portalOf(late.vendor.name);
    const current = await prisma.proposal.findUniqueOrThrow({
      where: { invitationId: late.invitationId },
      select: { version: true },
    });
    const refused = await submitProposal(
      portal,
      { draft: await proposalFor(late.vendor, rfp.id), expectedVersion: current.version },
      new Date(proposalDeadline.getTime() + 3 * 3_600_000),
    ).then(
      () => false,
      () => true,
    );
    if (!refused) throw new Error("demo seed: a late submission was accepted");
  }
  await prisma.portalSession.deleteMany({ where: { invitation: { rfpId: rfp.id } } });
  return rfp;
}
