import { formatDateTime } from "./dates";

/**
 * The words of every email Shortlist sends, in one place. Plain text: it survives every mail
 * client and is easy to audit. Tone: clear, courteous, specific about dates and what to do next.
 */
export type Message = { subject: string; bodyText: string };

type RfpFacts = {
  reference: string;
  title: string;
  timeZone: string;
  proposalDeadline: Date | string | null;
  questionsDeadline: Date | string | null;
};

function when(date: Date | string | null, timeZone: string) {
  return date ? formatDateTime(date, { timeZone, locale: "en-GB" }) : "to be announced";
}

export function invitationMessage(input: {
  rfp: RfpFacts;
  buyer: string;
  vendorName: string;
  contactName: string | null;
  link: string;
}): Message {
  const { rfp } = input;
  return {
    subject: `Invitation to tender: ${rfp.title} (${rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `${input.buyer} invites ${input.vendorName} to respond to the request for proposal "${rfp.title}" (${rfp.reference}).`,
      "",
      "Open your private portal with this link (do not forward it; anyone with the link can act for your company):",
      input.link,
      "",
      "In the portal you can read the RFP and its addenda, tell us whether you intend to bid, ask clarification questions and submit your proposal.",
      "",
      `Clarification questions close: ${when(rfp.questionsDeadline, rfp.timeZone)}`,
      `Proposal deadline: ${when(rfp.proposalDeadline, rfp.timeZone)}`,
      "Late proposals cannot be accepted.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function cancellationMessage(input: {
  rfp: { reference: string; title: string };
  buyer: string;
  vendorName: string;
  contactName: string | null;
  reason: string;
}): Message {
  return {
    subject: `Cancelled: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `${input.buyer} has cancelled the request for proposal "${input.rfp.title}" (${input.rfp.reference}).`,
      "",
      `Reason: ${input.reason}`,
      "",
      "Your portal link no longer works. Thank you for the time you have put into this tender; we regret any inconvenience.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function questionReceivedMessage(input: {
  rfp: { reference: string; title: string };
  leadName: string;
  vendorName: string;
  sectionTitle: string | null;
  question: string;
  link: string;
}): Message {
  return {
    subject: `New clarification question: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.leadName},`,
      "",
      `${input.vendorName} asked a clarification question about "${input.rfp.title}" (${input.rfp.reference})${input.sectionTitle ? `, on the section "${input.sectionTitle}"` : ""}:`,
      "",
      input.question,
      "",
      "Answer it in Shortlist and publish the answer to every invited vendor, with anything that identifies the asking vendor removed:",
      input.link,
      "",
      "Shortlist",
    ].join("\n"),
  };
}

export function proposalReceiptMessage(input: {
  rfp: RfpFacts;
  buyer: string;
  vendorName: string;
  contactName: string | null;
  submittedAt: Date;
  submission: number;
  contentHash: string;
  attachments: number;
}): Message {
  const { rfp } = input;
  return {
    subject: `Proposal received: ${rfp.title} (${rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `${input.buyer} confirms receipt of the proposal of ${input.vendorName} for "${rfp.title}" (${rfp.reference}).`,
      "",
      `Received: ${when(input.submittedAt, rfp.timeZone)}`,
      `Submission: ${input.submission === 1 ? "first submission" : `resubmission no. ${input.submission}`}`,
      `Attachments: ${input.attachments}`,
      `Content fingerprint (SHA-256): ${input.contentHash}`,
      "",
      "The fingerprint identifies exactly what you submitted; keep this email as your receipt. Proposals stay sealed until the proposal deadline.",
      `You can withdraw and resubmit in the portal until ${when(rfp.proposalDeadline, rfp.timeZone)}.`,
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}
