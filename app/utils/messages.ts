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
