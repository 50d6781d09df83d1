import { formatDate, formatDateTime } from "./dates";

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

// ───────────── Evaluation panel ─────────────

type PanelRfp = { reference: string; title: string };

export function conflictDeclaredMessage(input: {
  rfp: PanelRfp;
  leadName: string;
  memberName: string;
  vendorName: string;
  description: string;
  link: string;
}): Message {
  return {
    subject: `Conflict of interest declared: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.leadName},`,
      "",
      `${input.memberName} has declared a conflict of interest with ${input.vendorName} on the evaluation panel of "${input.rfp.title}" (${input.rfp.reference}):`,
      "",
      input.description,
      "",
      `${input.memberName} cannot read ${input.vendorName}'s proposal until you decide: recuse them from this vendor, recuse them from the panel, or accept the conflict with a written mitigation. Decide on the Panel page:`,
      input.link,
      "",
      "Shortlist",
    ].join("\n"),
  };
}

export function conflictDecidedMessage(input: {
  rfp: PanelRfp;
  memberName: string;
  vendorName: string;
  decision: string;
  note: string;
  link: string;
}): Message {
  return {
    subject: `Decision on your declared conflict: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.memberName},`,
      "",
      `The lead of "${input.rfp.title}" (${input.rfp.reference}) has decided on the conflict of interest you declared with ${input.vendorName}: ${input.decision}.`,
      ...(input.note ? ["", `Note: ${input.note}`] : []),
      "",
      "Your score sheets:",
      input.link,
      "",
      "Shortlist",
    ].join("\n"),
  };
}

export function sheetReopenedMessage(input: {
  rfp: PanelRfp;
  memberName: string;
  vendorName: string;
  leadName: string;
  reason: string;
  link: string;
}): Message {
  return {
    subject: `Your score sheet for ${input.vendorName} was reopened: ${input.rfp.reference}`,
    bodyText: [
      `Dear ${input.memberName},`,
      "",
      `${input.leadName} has reopened the score sheet you submitted for ${input.vendorName} in "${input.rfp.title}" (${input.rfp.reference}), so that you can change it.`,
      "",
      `Reason: ${input.reason}`,
      "",
      "Your scores and comments are as you left them. Review them and submit the sheet again:",
      input.link,
      "",
      "Shortlist",
    ].join("\n"),
  };
}

export function evaluationReminderMessage(input: {
  rfp: PanelRfp;
  memberName: string;
  leadName: string;
  undeclared: number;
  sheets: { vendorName: string; status: string }[];
  link: string;
}): Message {
  const lines: string[] = [];
  if (input.undeclared > 0) {
    lines.push(
      `- Declare any conflict of interest (or none) for ${input.undeclared} vendor(s). Proposals open to you once you have declared for every vendor.`,
    );
  }
  for (const sheet of input.sheets) lines.push(`- Score sheet for ${sheet.vendorName}: ${sheet.status}`);
  return {
    subject: `Reminder: your evaluation of ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.memberName},`,
      "",
      `${input.leadName} asks you to complete your part of the evaluation of "${input.rfp.title}" (${input.rfp.reference}). Still open:`,
      "",
      ...lines,
      "",
      "Consensus can only start once every panel member has submitted their sheets. Your sheets:",
      input.link,
      "",
      "Thank you,",
      "Shortlist",
    ].join("\n"),
  };
}

// Contract negotiation (issue 6) ----------------------------------------------------------------

type NegotiationFacts = { rfp: { reference: string; title: string }; vendorName: string };

export function termEscalatedMessage(
  input: NegotiationFacts & {
    sponsorName: string;
    leadName: string;
    termTitle: string;
    question: string;
    ourPosition: string;
    vendorPosition: string;
    link: string;
  },
): Message {
  return {
    subject: `Decision needed: "${input.termTitle}" in the negotiation with ${input.vendorName} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.sponsorName},`,
      "",
      `${input.leadName} has escalated a contract term to you, as the executive sponsor of the negotiation with ${input.vendorName} for "${input.rfp.title}" (${input.rfp.reference}).`,
      "",
      `Term: ${input.termTitle}`,
      `What to decide: ${input.question}`,
      "",
      `Our position: ${input.ourPosition || "(not written down)"}`,
      `The vendor's position: ${input.vendorPosition || "(not written down)"}`,
      "",
      "Record your decision in Shortlist; the term then returns to the lead, agreed or to negotiate on:",
      input.link,
      "",
      "Shortlist",
    ].join("\n"),
  };
}

export function escalationDecidedMessage(
  input: NegotiationFacts & {
    ownerName: string;
    sponsorName: string;
    termTitle: string;
    decision: string;
    agreed: boolean;
    link: string;
  },
): Message {
  return {
    subject: `Escalation decided: "${input.termTitle}" (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.ownerName},`,
      "",
      `${input.sponsorName} has decided the escalated term "${input.termTitle}" in the negotiation with ${input.vendorName} for "${input.rfp.title}" (${input.rfp.reference}).`,
      "",
      `Decision: ${input.decision}`,
      "",
      input.agreed
        ? "The term is now agreed with the wording the sponsor recorded."
        : "The term is open again: negotiate on with the decision as guidance.",
      input.link,
      "",
      "Shortlist",
    ].join("\n"),
  };
}

export function negotiationEndedMessage(
  input: NegotiationFacts & { buyer: string; contactName: string | null },
): Message {
  return {
    subject: `Contract negotiation ended: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for the time ${input.vendorName} has given to negotiating the contract for "${input.rfp.title}" (${input.rfp.reference}).`,
      "",
      `We have not been able to agree contract terms, and ${input.buyer} has ended the negotiation with ${input.vendorName}. We are continuing the procurement with another bidder, so the intent to award you received earlier no longer stands.`,
      "",
      "If you would like a debrief on the negotiation, reply to this email and we will arrange one.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function fallbackNegotiationMessage(
  input: NegotiationFacts & { buyer: string; contactName: string | null },
): Message {
  return {
    subject: `Invitation to negotiate: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for remaining in reserve for "${input.rfp.title}" (${input.rfp.reference}).`,
      "",
      `The negotiation with our first choice has ended without agreement, and ${input.buyer} now intends to award the contract to ${input.vendorName}, subject to agreeing contract terms.`,
      "",
      "We will contact you shortly to start negotiating, working from your proposal: prices, term, service levels and the commitments you made in your proposal and interview.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function contractConcludedMessage(
  input: NegotiationFacts & { buyer: string; contactName: string | null },
): Message {
  return {
    subject: `Contract concluded: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `${input.buyer} confirms that the contract negotiation with ${input.vendorName} for "${input.rfp.title}" (${input.rfp.reference}) is concluded on the agreed terms, and the contract is awarded to ${input.vendorName}.`,
      "",
      "The tender is now closed, so your portal link no longer works. Contract signature and onboarding continue directly with our team.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

export function reserveReleasedMessage(
  input: NegotiationFacts & { buyer: string; contactName: string | null },
): Message {
  return {
    subject: `Reserve released: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for remaining in reserve for "${input.rfp.title}" (${input.rfp.reference}). The contract has now been concluded with another bidder, so ${input.vendorName} is released from reserve and the tender is closed; your portal link no longer works.`,
      "",
      "We appreciate the work that went into your proposal and interview, and would be glad to offer a debrief: reply to this email to arrange one.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

type ShortlistFacts = {
  reference: string;
  title: string;
  timeZone: string;
  interviewStart: Date | string | null;
  interviewEnd: Date | string | null;
};

function interviewWindow(rfp: ShortlistFacts) {
  if (!rfp.interviewStart) return "The dates of the interviews will follow.";
  const start = formatDate(rfp.interviewStart, { timeZone: rfp.timeZone, locale: "en-GB" });
  const end = rfp.interviewEnd ? formatDate(rfp.interviewEnd, { timeZone: rfp.timeZone, locale: "en-GB" }) : null;
  return end && end !== start
    ? `Interviews are planned between ${start} and ${end}.`
    : `Interviews are planned for ${start}.`;
}

/** Shortlisted: what comes next, and that being shortlisted is not an award. */
export function shortlistedMessage(input: VendorGreeting & { rfp: ShortlistFacts; shortlistSize: number }): Message {
  const { rfp } = input;
  const others =
    input.shortlistSize > 1
      ? `You are one of ${input.shortlistSize} vendors invited to the next stage.`
      : "You are the only vendor invited to the next stage.";
  return {
    subject: `Shortlisted: ${rfp.title} (${rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for the proposal ${input.vendorName} submitted for "${rfp.title}" (${rfp.reference}). After independent scoring and a consensus review by our evaluation panel, your proposal has been shortlisted.`,
      "",
      `${others} The next stage is an oral interview: you will present your proposal and answer the panel's questions, some of which we will send you in advance. ${interviewWindow(rfp)} We will propose a time slot and an agenda; a virtual interview is possible if travel is a burden.`,
      "",
      "Please note that being shortlisted is not an award: the final decision follows the interviews and an executive review. Your prices and terms remain as submitted.",
      "",
      "Your portal shows this status.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

/** Not shortlisted: a clear answer, no false hope, and a debrief offer. */
export function notShortlistedMessage(input: VendorGreeting & { rfp: { reference: string; title: string } }): Message {
  const { rfp } = input;
  return {
    subject: `Your proposal for ${rfp.title} (${rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for the proposal ${input.vendorName} submitted for "${rfp.title}" (${rfp.reference}).`,
      "",
      "Our evaluation panel scored every proposal independently against the published criteria and reviewed the scores together. We regret to tell you that your proposal has not been shortlisted for the interview stage, and it will not be considered further in this tender.",
      "",
      "We would be glad to offer you a debrief: a short call in which we explain how your proposal scored against the criteria and where it fell short of the shortlisted proposals. Reply to this email within 30 days to arrange one.",
      "",
      "Your portal shows this status. We appreciate the work that went into your proposal and hope to see you in future tenders.",
      "",
      "Kind regards,",
      input.buyer,
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

// Award approval and notices (issue 6) ----------------------------------------------------------

type AwardFacts = { rfp: { reference: string; title: string } };

export function approvalRequestedMessage(
  input: AwardFacts & { executiveName: string; leadName: string; vendorName: string; round: number; link: string },
): Message {
  return {
    subject: `Approval requested: award of ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.executiveName},`,
      "",
      `${input.leadName} asks you to approve the award recommendation for "${input.rfp.title}" (${input.rfp.reference}): award to ${input.vendorName}.`,
      input.round > 1
        ? `This is a revised recommendation (round ${input.round}); the earlier comments and the changes are on the page.`
        : "",
      "",
      "The executive review (ranking, panel agreement, stability, price against budget, risks) and the memo take about two minutes to read. Approve, or return it to the lead with a comment:",
      input.link,
      "",
      "Every named approver must approve before the award is made.",
      "",
      "Shortlist",
    ]
      .filter((line, index, lines) => line !== "" || lines[index - 1] !== "")
      .join("\n"),
  };
}

export function recommendationReturnedMessage(
  input: AwardFacts & { leadName: string; executiveName: string; comment: string; link: string },
): Message {
  return {
    subject: `Recommendation returned: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.leadName},`,
      "",
      `${input.executiveName} has returned the award recommendation for "${input.rfp.title}" (${input.rfp.reference}) with this comment:`,
      "",
      input.comment,
      "",
      "Revise the memo and submit it again; the executives will be asked to approve the revised recommendation:",
      input.link,
      "",
      "Shortlist",
    ].join("\n"),
  };
}

export function recommendationApprovedMessage(
  input: AwardFacts & { leadName: string; vendorName: string; notices: number; link: string },
): Message {
  return {
    subject: `Award approved: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.leadName},`,
      "",
      `Every named executive has approved the award of "${input.rfp.title}" (${input.rfp.reference}) to ${input.vendorName}.`,
      "",
      `${input.notices} award notice(s) have been queued to the vendors, and the negotiation with ${input.vendorName} is open:`,
      input.link,
      "",
      "Shortlist",
    ].join("\n"),
  };
}

type NoticeFacts = AwardFacts & { buyer: string; vendorName: string; contactName: string | null };

/** The winner: intent to award, and an invitation to negotiate the contract. Drafted, then edited by the lead. */
export function intentToAwardNotice(input: NoticeFacts): Message {
  return {
    subject: `Intent to award: ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `We are pleased to tell you that ${input.buyer} intends to award the contract for "${input.rfp.title}" (${input.rfp.reference}) to ${input.vendorName}.`,
      "",
      "This is not yet a contract. We invite you to negotiate its terms with us: the price schedule, the contract term, the service levels with their service credits, and the commitments you made in your proposal and at the interview, which we will turn into contract obligations.",
      "",
      "Our procurement lead will contact you within five working days to agree the first negotiation meeting.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

/** The runner-up: told honestly that it is held in reserve. */
export function reserveNotice(input: NoticeFacts): Message {
  return {
    subject: `Outcome of ${input.rfp.title} (${input.rfp.reference}): held in reserve`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for the proposal and interview of ${input.vendorName} for "${input.rfp.title}" (${input.rfp.reference}).`,
      "",
      "Your proposal ranked second. We have invited the first-ranked vendor to negotiate a contract; if that negotiation does not succeed, we would like to negotiate with you. We therefore ask you to keep your proposal open while we negotiate; we will tell you as soon as the negotiation concludes either way.",
      "",
      "If you would like a debrief on the evaluation now, reply to this email and we will arrange one.",
      "",
      "Kind regards,",
      input.buyer,
    ].join("\n"),
  };
}

/** Every other interviewed vendor: the outcome, and a debrief offer. */
export function regretNotice(input: NoticeFacts): Message {
  return {
    subject: `Outcome of ${input.rfp.title} (${input.rfp.reference})`,
    bodyText: [
      `Dear ${input.contactName ?? input.vendorName},`,
      "",
      `Thank you for the time and care ${input.vendorName} put into its proposal and interview for "${input.rfp.title}" (${input.rfp.reference}).`,
      "",
      "We regret to tell you that your proposal was not selected. The decision followed the published evaluation criteria and weights, and was approved by our executives.",
      "",
      "We offer you a debrief: a conversation of about 30 minutes on the strengths and weaknesses of your proposal against the criteria. Reply to this email within 20 working days to arrange it.",
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
