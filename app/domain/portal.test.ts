import { describe, expect, it } from "vitest";
import { countdown, countdownLabel, intentChangeProblem, isOpen, proposalLock, vendorNextSteps } from "./portal";

const now = new Date("2027-03-10T12:00:00Z");
const later = new Date("2027-03-20T17:00:00Z");
const earlier = new Date("2027-03-01T17:00:00Z");

describe("isOpen", () => {
  it("is open while published and before the deadline, to the millisecond", () => {
    expect(isOpen({ stage: "PUBLISHED", deadline: later, now })).toBe(true);
    expect(isOpen({ stage: "PUBLISHED", deadline: now, now })).toBe(false);
    expect(isOpen({ stage: "PUBLISHED", deadline: new Date(now.getTime() + 1), now })).toBe(true);
  });

  it("is closed in any other stage, and without a deadline (fail safe)", () => {
    expect(isOpen({ stage: "EVALUATION", deadline: later, now })).toBe(false);
    expect(isOpen({ stage: "DRAFT", deadline: later, now })).toBe(false);
    expect(isOpen({ stage: "PUBLISHED", deadline: null, now })).toBe(false);
  });
});

describe("proposalLock", () => {
  const open = { stage: "PUBLISHED", proposalDeadline: later, now } as const;
  it("lets an invited or bidding vendor edit a draft or withdrawn proposal", () => {
    expect(proposalLock({ ...open, invitationStatus: "INVITED", proposalStatus: null })).toBeNull();
    expect(proposalLock({ ...open, invitationStatus: "INTENDS_TO_BID", proposalStatus: "DRAFT" })).toBeNull();
    expect(proposalLock({ ...open, invitationStatus: "INTENDS_TO_BID", proposalStatus: "WITHDRAWN" })).toBeNull();
  });

  it("locks after the deadline, after declining, when submitted and for later statuses", () => {
    expect(
      proposalLock({ ...open, proposalDeadline: earlier, invitationStatus: "INVITED", proposalStatus: null }),
    ).toBe("closed");
    expect(proposalLock({ ...open, invitationStatus: "DECLINED", proposalStatus: "DRAFT" })).toBe("declined");
    expect(proposalLock({ ...open, invitationStatus: "SUBMITTED", proposalStatus: "SUBMITTED" })).toBe("submitted");
    expect(proposalLock({ ...open, invitationStatus: "DISQUALIFIED", proposalStatus: "SUBMITTED" })).toBe(
      "not_invited",
    );
    // The deadline wins over everything else.
    expect(proposalLock({ ...open, stage: "EVALUATION", invitationStatus: "DECLINED", proposalStatus: null })).toBe(
      "closed",
    );
  });
});

describe("intentChangeProblem", () => {
  const base = { stage: "PUBLISHED", proposalDeadline: later, now } as const;
  it("allows intending to bid, declining, and reversing a decline before the deadline", () => {
    expect(intentChangeProblem({ ...base, to: "INTENDS_TO_BID", invitationStatus: "INVITED" })).toBeNull();
    expect(intentChangeProblem({ ...base, to: "DECLINED", invitationStatus: "INVITED" })).toBeNull();
    expect(intentChangeProblem({ ...base, to: "DECLINED", invitationStatus: "INTENDS_TO_BID" })).toBeNull();
    expect(intentChangeProblem({ ...base, to: "INTENDS_TO_BID", invitationStatus: "DECLINED" })).toBeNull();
  });

  it("refuses after the deadline, repeats, declining over a submitted proposal and later statuses", () => {
    expect(
      intentChangeProblem({ ...base, proposalDeadline: earlier, to: "INTENDS_TO_BID", invitationStatus: "DECLINED" }),
    ).toMatch(/deadline has passed/);
    expect(intentChangeProblem({ ...base, to: "DECLINED", invitationStatus: "DECLINED" })).toMatch(/already declined/);
    expect(intentChangeProblem({ ...base, to: "DECLINED", invitationStatus: "SUBMITTED" })).toMatch(
      /Withdraw it first/,
    );
    expect(intentChangeProblem({ ...base, to: "INTENDS_TO_BID", invitationStatus: "SHORTLISTED" })).toMatch(
      /can no longer/,
    );
  });
});

describe("countdown", () => {
  it("splits the time left into whole days, hours and minutes", () => {
    const deadline = new Date(now.getTime() + ((3 * 24 + 4) * 60 + 5) * 60_000 + 59_000);
    expect(countdown(deadline, now)).toEqual({ passed: false, days: 3, hours: 4, minutes: 5 });
    expect(countdownLabel(countdown(deadline, now))).toBe("3 days 4 hours left");
  });

  it("reads naturally near the end and after it", () => {
    expect(countdownLabel(countdown(new Date(now.getTime() + 61 * 60_000), now))).toBe("1 hour 1 minute left");
    expect(countdownLabel(countdown(new Date(now.getTime() + 2 * 60_000), now))).toBe("2 minutes left");
    expect(countdownLabel(countdown(new Date(now.getTime() + 30_000), now))).toBe("less than a minute left");
    expect(countdown(now, now)).toEqual({ passed: true, days: 0, hours: 0, minutes: 0 });
    expect(countdownLabel(countdown(earlier, now))).toBe("closed");
  });
});

describe("vendorNextSteps", () => {
  const facts = {
    stage: "PUBLISHED",
    proposalStatus: null,
    questionsDeadline: later,
    proposalDeadline: later,
    unacknowledgedAddenda: 0,
    now,
  } as const;

  it("asks an invited vendor for its intent first, and points to the questions while they are open", () => {
    expect(vendorNextSteps({ ...facts, invitationStatus: "INVITED" }).map((step) => step.to)).toEqual([
      "/portal#intent",
      "/portal/rfp",
      "/portal/questions",
    ]);
  });

  it("puts unacknowledged addenda first, and stops at the decline for a vendor who declined", () => {
    const steps = vendorNextSteps({ ...facts, invitationStatus: "DECLINED", unacknowledgedAddenda: 2 });
    expect(steps.map((step) => step.text)).toEqual([
      "Acknowledge 2 addenda to the RFP.",
      "Changed your mind? You can still decide to bid.",
    ]);
  });

  it("after the deadline only addenda remain", () => {
    expect(vendorNextSteps({ ...facts, proposalDeadline: earlier, invitationStatus: "INTENDS_TO_BID" })).toEqual([]);
  });

  it("tells a vendor with a withdrawn proposal to submit it again", () => {
    const [first] = vendorNextSteps({ ...facts, invitationStatus: "INTENDS_TO_BID", proposalStatus: "WITHDRAWN" });
    expect(first?.text).toMatch(/withdrawn: submit it again/);
  });
});
