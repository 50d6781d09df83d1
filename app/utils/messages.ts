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

type VendorGreeting = { buyer: string; vendorName: string; contactName: string | null };

const PORTAL_HINT =
  "Open your portal with the link from your invitation email (ask us for a new link if you no longer have it).";

export function addendumIssuedMessage(
  input: VendorGreeting & {
    rfp: RfpFacts;
    addendum: { number: number; title: string; summary: string; reason: string };
  },
): Message {
  const { rfp, addendum } = input;
  return {
    subject: `Addendum ${addendum.number} to ${rfp.reference}: ${addendum.title}`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `${input.buyer} has issued Addendum ${addendum.number} to the request for proposal "${rfp.title}" (${rfp.reference}).`,
      "",
      "What changed:",
      addendum.summary,
      "",
      `Why: ${addendum.reason}`,
      "",
      `Please read the addendum and acknowledge it in your portal. ${PORTAL_HINT}`,
      "",
      `Proposal deadline: ${when(rfp.proposalDeadline, rfp.timeZone)}`,
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function addendumReminderMessage(
  input: VendorGreeting & { rfp: RfpFacts; addendum: { number: number; title: string; issuedAt: Date | string } },
): Message {
  const { rfp, addendum } = input;
  return {
    subject: `Reminder: please acknowledge Addendum ${addendum.number} to ${rfp.reference}`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `On ${when(addendum.issuedAt, rfp.timeZone)} we issued Addendum ${addendum.number} ("${addendum.title}") to the request for proposal "${rfp.title}" (${rfp.reference}). We have not yet received ${input.vendorName}'s acknowledgement.`,
      "",
      `Please read it and acknowledge it in your portal, so we know your proposal takes it into account. ${PORTAL_HINT}`,
      "",
      `Proposal deadline: ${when(rfp.proposalDeadline, rfp.timeZone)}`,
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function deadlineExtendedMessage(
  input: VendorGreeting & {
    rfp: RfpFacts;
    previousDeadline: Date | string;
    addendumNumber: number;
    reason: string;
  },
): Message {
  const { rfp } = input;
  return {
    subject: `Proposal deadline extended: ${rfp.title} (${rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `${input.buyer} has extended the proposal deadline for "${rfp.title}" (${rfp.reference}) for all invited vendors.`,
      "",
      `Previous deadline: ${when(input.previousDeadline, rfp.timeZone)}`,
      `New deadline: ${when(rfp.proposalDeadline, rfp.timeZone)}`,
      "",
      `Reason: ${input.reason}`,
      "",
      `The extension is recorded as Addendum ${input.addendumNumber}; please acknowledge it in your portal. ${PORTAL_HINT}`,
      "Proposals received after the new deadline cannot be accepted.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function questionPublishedMessage(
  input: VendorGreeting & { rfp: RfpFacts; label: string; question: string; answer: string },
): Message {
  const { rfp } = input;
  return {
    subject: `Clarification ${input.label} published: ${rfp.title} (${rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `A clarification question on "${rfp.title}" (${rfp.reference}) has been answered. Every invited vendor receives the same answer; the vendor who asked is not named.`,
      "",
      `${input.label}: ${input.question}`,
      "",
      `Answer: ${input.answer}`,
      "",
      `All published answers are in your portal. ${PORTAL_HINT}`,
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function disqualificationMessage(
  input: VendorGreeting & { rfp: { reference: string; title: string }; reason: string },
): Message {
  const { rfp } = input;
  return {
    subject: `Your proposal for ${rfp.title} (${rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for the proposal ${input.vendorName} submitted for "${rfp.title}" (${rfp.reference}).`,
      "",
      "Every proposal is first checked against the mandatory requirements of the RFP. We regret to tell you that your proposal does not meet all of them, and it cannot continue to the evaluation.",
      "",
      `Reason: ${input.reason}`,
      "",
      "Your portal shows this status. If you believe we have misread your proposal, reply to this email within five working days and we will review it.",
      "",
      "We appreciate the work that went into your proposal and hope to see you in future tenders.",
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

// ── Interviews: advance questions and debriefs (issue 5) ─────────────────────────────────────

type InterviewFacts = {
  startsAt: Date | string;
  endsAt: Date | string;
  mode: "IN_PERSON" | "VIRTUAL";
  location: string;
  questionCount: number;
};

export function interviewPublishedMessage(
  input: VendorGreeting & { rfp: { reference: string; title: string; timeZone: string }; interview: InterviewFacts },
): Message {
  const { rfp, interview } = input;
  const where =
    interview.mode === "VIRTUAL"
      ? "Online; the meeting link is in your portal."
      : `In person${interview.location ? `: ${interview.location}` : "; the address is in your portal."}`;
  return {
    subject: `Your interview for ${rfp.title} (${rfp.reference}): agenda and questions`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you again for your proposal for "${rfp.title}" (${rfp.reference}). The agenda of your interview and ${
        interview.questionCount === 1
          ? "the question we would like you to answer"
          : `the ${interview.questionCount} questions we would like you to answer`
      } are now in your portal, on the Interview page, so that your team can prepare.`,
      "",
      `When: ${when(interview.startsAt, rfp.timeZone)} to ${when(interview.endsAt, rfp.timeZone)}`,
      `Where: ${where}`,
      "",
      `Please confirm that you will attend and tell us who will present (names and roles) in the portal. You can also add the interview to your calendar from there. ${PORTAL_HINT}`,
      "",
      "We look forward to meeting you.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function debriefReminderMessage(input: {
  rfp: { reference: string; title: string; timeZone: string };
  memberName: string;
  leadName: string;
  vendorName: string;
  endedAt: Date | string;
  link: string;
}): Message {
  const { rfp } = input;
  return {
    subject: `Your debrief of ${input.vendorName}: ${rfp.title} (${rfp.reference})`,
    bodyText: [
      `Dear ${input.memberName},`,
      "",
      `The interview with ${input.vendorName} ended ${when(input.endedAt, rfp.timeZone)}, and the panel is waiting for your view: strengths, concerns, how confident you are, your oral scores and where you place ${input.vendorName} among the vendors interviewed so far.`,
      "",
      "The other members' views stay sealed until everyone who attended has submitted theirs, so the debrief cannot be completed without you:",
      input.link,
      "",
      `Thank you,`,
      input.leadName,
    ].join("\n"),
  };
}

type OutcomeGreeting = VendorGreeting & { rfp: { reference: string; title: string } };

/** After the interviews: not selected. Thanks them for real costs (travel, preparation) and offers a debrief. */
export function eliminatedAfterInterviewsMessage(input: OutcomeGreeting): Message {
  const { rfp } = input;
  return {
    subject: `Outcome of the interviews: ${rfp.title} (${rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for the time and care ${input.vendorName} put into "${rfp.title}" (${rfp.reference}): the proposal, the preparation for the interview and the presentation to our panel. We know that an interview asks a great deal of your team, and we are grateful for it.`,
      "",
      "The panel has now met every shortlisted vendor and compared the written proposals, the interviews and the prices as announced in the RFP. We are sorry to tell you that we will not take your proposal further in this tender.",
      "",
      "This was a close comparison between strong proposals, and it is no judgement on the quality of your company. If it would help your team, we are glad to offer a short debrief on the strengths and weaknesses of your proposal and presentation; simply reply to this email.",
      "",
      "We hope to work with you on future opportunities.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

/** After the interviews: the runner-up, held in reserve in case negotiation with the first choice breaks down. */
export function reserveAfterInterviewsMessage(input: OutcomeGreeting): Message {
  const { rfp } = input;
  return {
    subject: `Outcome of the interviews: ${rfp.title} (${rfp.reference}) — your proposal is held in reserve`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for the proposal and the interview ${input.vendorName} gave for "${rfp.title}" (${rfp.reference}). The panel was impressed by your team.`,
      "",
      "Having compared the written proposals, the interviews and the prices as announced in the RFP, we will first negotiate with another vendor. Your proposal came very close, and we would like to hold it in reserve: if we cannot reach an agreement with our first choice, we would like to continue with you.",
      "",
      "We will tell you as soon as the negotiation is concluded either way. Until then we would be grateful if your proposal could remain valid as submitted; if anything in it changes on your side (prices, key people, availability), please let us know by replying to this email.",
      "",
      "Thank you for your patience.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}
