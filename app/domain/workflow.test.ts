import { describe, expect, it } from "vitest";
import type { Timeline } from "./timeline";
import {
  availableTransitions,
  isTerminal,
  nextStage,
  PIPELINE,
  RFP_STAGES,
  type RfpStage,
  STAGE_INFO,
  stageBar,
  type TransitionFacts,
  transitionBlockers,
  validateCancelReason,
} from "./workflow";

const drafting = new Date("2027-03-01T12:00:00Z");
const afterProposalDeadline = new Date("2027-04-15T12:00:00Z");

const orderedTimeline: Timeline = {
  issueDate: new Date("2027-03-05T09:00:00Z"),
  questionsDeadline: new Date("2027-03-20T17:00:00Z"),
  proposalDeadline: new Date("2027-04-10T17:00:00Z"),
  interviewStart: new Date("2027-05-03T09:00:00Z"),
  interviewEnd: new Date("2027-05-07T17:00:00Z"),
  decisionTarget: new Date("2027-05-31T12:00:00Z"),
};

const emptyTimeline: Timeline = {
  issueDate: null,
  questionsDeadline: null,
  proposalDeadline: null,
  interviewStart: null,
  interviewEnd: null,
  decisionTarget: null,
};

/** Every guard satisfied: the RFP may move forward from any stage. */
const everythingDone: TransitionFacts = {
  now: afterProposalDeadline,
  rfp: { title: "Managed print services", summary: "Print fleet for 12 offices.", timeline: orderedTimeline },
  document: { issues: [] },
  invitations: { active: 4 },
  proposals: { submitted: 3, opened: true },
  scoring: { sheetsPending: 0, consensusComplete: true },
  shortlist: { decided: true, size: 2 },
  interviews: { shortlistedWithoutDebrief: 0 },
  award: { approved: true },
  negotiation: { concluded: true },
};

/** A fresh draft with nothing done at all. */
const nothingDone: TransitionFacts = {
  now: drafting,
  rfp: { title: "", summary: "", timeline: emptyTimeline },
  document: { issues: ["Add at least one section to the document."] },
  invitations: { active: 0 },
  proposals: { submitted: 0, opened: false },
  scoring: { sheetsPending: 0, consensusComplete: false },
  shortlist: { decided: false, size: 0 },
  interviews: { shortlistedWithoutDebrief: 0 },
  award: { approved: false },
  negotiation: { concluded: false },
};

function factsWith(change: (facts: TransitionFacts) => void, base = everythingDone): TransitionFacts {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

/** A draft ready to publish: complete, ordered timeline, proposal deadline ahead of `now`. */
const readyDraft = factsWith((facts) => {
  facts.now = drafting;
});

const NON_TERMINAL: RfpStage[] = [
  "DRAFT",
  "PUBLISHED",
  "EVALUATION",
  "SHORTLIST",
  "INTERVIEWS",
  "DECISION",
  "NEGOTIATION",
];

describe("stage lists", () => {
  it("orders the pipeline and adds CANCELLED outside it", () => {
    expect(PIPELINE).toEqual([
      "DRAFT",
      "PUBLISHED",
      "EVALUATION",
      "SHORTLIST",
      "INTERVIEWS",
      "DECISION",
      "NEGOTIATION",
      "AWARDED",
    ]);
    expect(RFP_STAGES).toEqual([...PIPELINE, "CANCELLED"]);
  });

  it("treats only AWARDED and CANCELLED as terminal", () => {
    expect(RFP_STAGES.filter(isTerminal)).toEqual(["AWARDED", "CANCELLED"]);
  });
});

describe("nextStage", () => {
  it.each([
    ["DRAFT", "PUBLISHED"],
    ["PUBLISHED", "EVALUATION"],
    ["EVALUATION", "SHORTLIST"],
    ["SHORTLIST", "INTERVIEWS"],
    ["INTERVIEWS", "DECISION"],
    ["DECISION", "NEGOTIATION"],
    ["NEGOTIATION", "AWARDED"],
    ["AWARDED", null],
    ["CANCELLED", null],
  ] as const)("%s → %s", (from, to) => {
    expect(nextStage(from)).toBe(to);
  });
});

describe("transitionBlockers: DRAFT → PUBLISHED", () => {
  it("allows a titled, summarised draft with a complete, ordered timeline and a future deadline", () => {
    expect(transitionBlockers("DRAFT", "PUBLISHED", readyDraft)).toEqual([]);
  });

  it("requires a title and a summary that are more than whitespace", () => {
    const facts = factsWith((draft) => {
      draft.rfp.title = "   ";
      draft.rfp.summary = "\n\t";
    }, readyDraft);
    expect(transitionBlockers("DRAFT", "PUBLISHED", facts)).toEqual([
      "The RFP needs a title.",
      "The RFP needs a summary.",
    ]);
  });

  it("lists every missing timeline field, in timeline order, in lower case", () => {
    const facts = factsWith((draft) => {
      draft.rfp.timeline = emptyTimeline;
    }, readyDraft);
    expect(transitionBlockers("DRAFT", "PUBLISHED", facts)).toEqual([
      "Complete the timeline: issue date, clarification questions close, proposal deadline, interviews from, interviews until, decision target.",
    ]);
  });

  it("names only the fields that are missing", () => {
    const facts = factsWith((draft) => {
      draft.rfp.timeline.interviewStart = null;
      draft.rfp.timeline.decisionTarget = null;
    }, readyDraft);
    expect(transitionBlockers("DRAFT", "PUBLISHED", facts)).toEqual([
      "Complete the timeline: interviews from, decision target.",
    ]);
  });

  it("refuses a timeline out of order", () => {
    const facts = factsWith((draft) => {
      draft.rfp.timeline.proposalDeadline = new Date("2027-03-15T17:00:00Z");
    }, readyDraft);
    expect(transitionBlockers("DRAFT", "PUBLISHED", facts)).toEqual([
      "Proposal deadline must be after clarification questions close.",
    ]);
  });

  it("refuses an interview window that starts and ends on the same instant", () => {
    const facts = factsWith((draft) => {
      draft.rfp.timeline.interviewEnd = new Date("2027-05-03T09:00:00Z");
    }, readyDraft);
    expect(transitionBlockers("DRAFT", "PUBLISHED", facts)).toEqual([
      "Interviews until must be after interviews from.",
    ]);
  });

  it("refuses a proposal deadline that has passed or is exactly now", () => {
    const deadlinePassed = "The proposal deadline has already passed; move it into the future.";
    const atDeadline = factsWith((draft) => {
      draft.now = new Date("2027-04-10T17:00:00Z");
    }, readyDraft);
    const afterDeadline = factsWith((draft) => {
      draft.now = new Date("2027-04-10T17:00:00.001Z");
    }, readyDraft);
    const justBefore = factsWith((draft) => {
      draft.now = new Date("2027-04-10T16:59:59.999Z");
    }, readyDraft);
    expect(transitionBlockers("DRAFT", "PUBLISHED", atDeadline)).toEqual([deadlinePassed]);
    expect(transitionBlockers("DRAFT", "PUBLISHED", afterDeadline)).toEqual([deadlinePassed]);
    expect(transitionBlockers("DRAFT", "PUBLISHED", justBefore)).toEqual([]);
  });

  it("reports every blocker at once, in a stable order", () => {
    const facts = factsWith((draft) => {
      draft.now = new Date("2027-06-01T12:00:00Z");
      draft.rfp.title = "";
      draft.rfp.summary = "";
      draft.rfp.timeline.decisionTarget = null;
      draft.rfp.timeline.questionsDeadline = new Date("2027-03-05T09:00:00Z");
    }, readyDraft);
    expect(transitionBlockers("DRAFT", "PUBLISHED", facts)).toEqual([
      "The RFP needs a title.",
      "The RFP needs a summary.",
      "Complete the timeline: decision target.",
      "Clarification questions close must be after issue date.",
      "The proposal deadline has already passed; move it into the future.",
    ]);
  });

  it("does not complain about a passed deadline when there is no deadline", () => {
    const facts = factsWith((draft) => {
      draft.rfp.timeline.proposalDeadline = null;
    }, readyDraft);
    expect(transitionBlockers("DRAFT", "PUBLISHED", facts)).toEqual(["Complete the timeline: proposal deadline."]);
  });
});

describe("transitionBlockers: PUBLISHED → EVALUATION", () => {
  const sealed = ["Proposals stay sealed until the proposal deadline has passed."];

  it("keeps proposals sealed before the proposal deadline", () => {
    const facts = factsWith((rfp) => {
      rfp.now = new Date("2027-04-10T16:59:59.999Z");
    });
    expect(transitionBlockers("PUBLISHED", "EVALUATION", facts)).toEqual(sealed);
  });

  it("opens at the deadline instant itself", () => {
    const facts = factsWith((rfp) => {
      rfp.now = new Date("2027-04-10T17:00:00Z");
    });
    expect(transitionBlockers("PUBLISHED", "EVALUATION", facts)).toEqual([]);
  });

  it("keeps proposals sealed when there is no deadline at all", () => {
    const facts = factsWith((rfp) => {
      rfp.rfp.timeline.proposalDeadline = null;
    });
    expect(transitionBlockers("PUBLISHED", "EVALUATION", facts)).toEqual(sealed);
  });

  it("needs at least one submitted proposal", () => {
    const none = factsWith((rfp) => {
      rfp.proposals.submitted = 0;
    });
    const one = factsWith((rfp) => {
      rfp.proposals.submitted = 1;
    });
    expect(transitionBlockers("PUBLISHED", "EVALUATION", none)).toEqual([
      "No proposal was submitted; extend the deadline or cancel the RFP.",
    ]);
    expect(transitionBlockers("PUBLISHED", "EVALUATION", one)).toEqual([]);
  });

  it("reports the sealed deadline before counting proposals", () => {
    const facts = factsWith((rfp) => {
      rfp.now = drafting;
      rfp.proposals.submitted = 0;
    });
    expect(transitionBlockers("PUBLISHED", "EVALUATION", facts)).toEqual(sealed);
  });
});

describe("transitionBlockers: EVALUATION → SHORTLIST", () => {
  it("allows it once proposals are opened, every sheet is in and consensus is recorded", () => {
    expect(transitionBlockers("EVALUATION", "SHORTLIST", everythingDone)).toEqual([]);
  });

  it("lists each missing piece of evaluation work", () => {
    const facts = factsWith((rfp) => {
      rfp.proposals.opened = false;
      rfp.scoring.sheetsPending = 3;
      rfp.scoring.consensusComplete = false;
    });
    expect(transitionBlockers("EVALUATION", "SHORTLIST", facts)).toEqual([
      "Open the proposals first.",
      "3 score sheet(s) are not submitted yet.",
      "Consensus has not been recorded.",
    ]);
  });

  it("blocks on a single pending score sheet", () => {
    const facts = factsWith((rfp) => {
      rfp.scoring.sheetsPending = 1;
    });
    expect(transitionBlockers("EVALUATION", "SHORTLIST", facts)).toEqual(["1 score sheet(s) are not submitted yet."]);
  });
});

describe("transitionBlockers: SHORTLIST → INTERVIEWS", () => {
  it("allows a decided, non-empty shortlist", () => {
    expect(transitionBlockers("SHORTLIST", "INTERVIEWS", everythingDone)).toEqual([]);
  });

  it("needs the shortlist decided first", () => {
    const facts = factsWith((rfp) => {
      rfp.shortlist = { decided: false, size: 2 };
    });
    expect(transitionBlockers("SHORTLIST", "INTERVIEWS", facts)).toEqual(["Decide the shortlist first."]);
  });

  it("refuses an empty shortlist", () => {
    const facts = factsWith((rfp) => {
      rfp.shortlist = { decided: true, size: 0 };
    });
    expect(transitionBlockers("SHORTLIST", "INTERVIEWS", facts)).toEqual(["The shortlist is empty."]);
  });
});

describe("transitionBlockers: INTERVIEWS → DECISION", () => {
  it("allows it once every shortlisted vendor has a debrief", () => {
    expect(transitionBlockers("INTERVIEWS", "DECISION", everythingDone)).toEqual([]);
  });

  it("counts the vendors without a debrief", () => {
    const facts = factsWith((rfp) => {
      rfp.interviews.shortlistedWithoutDebrief = 2;
    });
    expect(transitionBlockers("INTERVIEWS", "DECISION", facts)).toEqual([
      "2 shortlisted vendor(s) have no interview debrief.",
    ]);
  });
});

describe("transitionBlockers: DECISION → NEGOTIATION", () => {
  it("allows it once the award is approved", () => {
    expect(transitionBlockers("DECISION", "NEGOTIATION", everythingDone)).toEqual([]);
  });

  it("waits for every executive approval", () => {
    const facts = factsWith((rfp) => {
      rfp.award.approved = false;
    });
    expect(transitionBlockers("DECISION", "NEGOTIATION", facts)).toEqual([
      "Every named executive must approve the award.",
    ]);
  });
});

describe("transitionBlockers: NEGOTIATION → AWARDED", () => {
  it("allows it once the negotiation is concluded", () => {
    expect(transitionBlockers("NEGOTIATION", "AWARDED", everythingDone)).toEqual([]);
  });

  it("waits for the negotiation to conclude", () => {
    const facts = factsWith((rfp) => {
      rfp.negotiation.concluded = false;
    });
    expect(transitionBlockers("NEGOTIATION", "AWARDED", facts)).toEqual(["Conclude the contract negotiation first."]);
  });
});

describe("transitionBlockers: cancelling", () => {
  it.each(NON_TERMINAL)("cancels from %s even when nothing is done", (from) => {
    expect(transitionBlockers(from, "CANCELLED", nothingDone)).toEqual([]);
  });
});

describe("transitionBlockers: terminal stages", () => {
  it("refuses every move out of CANCELLED", () => {
    for (const to of RFP_STAGES) {
      expect(transitionBlockers("CANCELLED", to, everythingDone)).toEqual([
        "This RFP is cancelled; its stage cannot change.",
      ]);
    }
  });

  it("refuses every move out of AWARDED", () => {
    for (const to of RFP_STAGES) {
      expect(transitionBlockers("AWARDED", to, everythingDone)).toEqual([
        "This RFP is awarded; its stage cannot change.",
      ]);
    }
  });
});

describe("transitionBlockers: out-of-order moves", () => {
  it("refuses skipping ahead, going back and staying put, even when every guard is met", () => {
    for (const from of NON_TERMINAL) {
      for (const to of PIPELINE) {
        if (to === nextStage(from)) continue;
        expect(transitionBlockers(from, to, everythingDone)).toEqual([
          `${STAGE_INFO[to].label} does not follow ${STAGE_INFO[from].label}.`,
        ]);
      }
    }
  });

  it("words the refusal with stage labels", () => {
    expect(transitionBlockers("DRAFT", "EVALUATION", everythingDone)).toEqual(["Evaluation does not follow Draft."]);
    expect(transitionBlockers("EVALUATION", "PUBLISHED", everythingDone)).toEqual([
      "Published does not follow Evaluation.",
    ]);
    expect(transitionBlockers("DRAFT", "DRAFT", everythingDone)).toEqual(["Draft does not follow Draft."]);
    expect(transitionBlockers("DECISION", "AWARDED", everythingDone)).toEqual(["Awarded does not follow Decision."]);
  });
});

describe("availableTransitions", () => {
  it("offers the next stage with its blockers, and cancelling", () => {
    expect(availableTransitions("DRAFT", nothingDone)).toEqual([
      {
        to: "PUBLISHED",
        allowed: false,
        blockers: [
          "The RFP needs a title.",
          "The RFP needs a summary.",
          "Complete the timeline: issue date, clarification questions close, proposal deadline, interviews from, interviews until, decision target.",
          "Add at least one section to the document.",
          "Invite at least one vendor.",
        ],
      },
      { to: "CANCELLED", allowed: true, blockers: [] },
    ]);
  });

  it("refuses to publish an incomplete document or an RFP nobody is invited to", () => {
    const blockers = transitionBlockers(
      "DRAFT",
      "PUBLISHED",
      factsWith((facts) => {
        facts.now = drafting;
        facts.document.issues = ["Define the evaluation criteria and their weights."];
        facts.invitations.active = 0;
      }),
    );
    expect(blockers).toEqual(["Define the evaluation criteria and their weights.", "Invite at least one vendor."]);
  });

  it("marks the next stage allowed when its guard is met", () => {
    expect(availableTransitions("NEGOTIATION", everythingDone)).toEqual([
      { to: "AWARDED", allowed: true, blockers: [] },
      { to: "CANCELLED", allowed: true, blockers: [] },
    ]);
  });

  it.each(NON_TERMINAL)("from %s offers exactly the next stage and CANCELLED", (stage) => {
    expect(availableTransitions(stage, everythingDone).map((check) => check.to)).toEqual([
      nextStage(stage),
      "CANCELLED",
    ]);
  });

  it("offers nothing from a terminal stage", () => {
    expect(availableTransitions("AWARDED", everythingDone)).toEqual([]);
    expect(availableTransitions("CANCELLED", everythingDone)).toEqual([]);
  });
});

describe("validateCancelReason", () => {
  const message = "Say why the RFP is cancelled (at least 10 characters); vendors and auditors will read it.";

  it("asks for a reason when there is none", () => {
    expect(validateCancelReason(undefined)).toBe(message);
    expect(validateCancelReason(null)).toBe(message);
    expect(validateCancelReason("")).toBe(message);
    expect(validateCancelReason("          ")).toBe(message);
  });

  it("counts characters after trimming", () => {
    expect(validateCancelReason("   123456789   ")).toBe(message);
    expect(validateCancelReason("  1234567890  ")).toBeNull();
  });

  it("accepts a reason of ten characters or more", () => {
    expect(validateCancelReason("Budget cut")).toBeNull();
    expect(validateCancelReason("The budget was withdrawn by the board.")).toBeNull();
  });
});

describe("stageBar", () => {
  const states = (stage: RfpStage) => stageBar(stage).map((step) => step.state);

  it("lists every pipeline stage with its label", () => {
    expect(stageBar("DRAFT").map((step) => [step.stage, step.label])).toEqual([
      ["DRAFT", "Draft"],
      ["PUBLISHED", "Published"],
      ["EVALUATION", "Evaluation"],
      ["SHORTLIST", "Shortlist"],
      ["INTERVIEWS", "Interviews"],
      ["DECISION", "Decision"],
      ["NEGOTIATION", "Negotiation"],
      ["AWARDED", "Awarded"],
    ]);
  });

  it("marks the first stage current and the rest to do", () => {
    expect(states("DRAFT")).toEqual(["current", "todo", "todo", "todo", "todo", "todo", "todo", "todo"]);
  });

  it("marks earlier stages done in the middle of the pipeline", () => {
    expect(states("SHORTLIST")).toEqual(["done", "done", "done", "current", "todo", "todo", "todo", "todo"]);
  });

  it("marks everything done and AWARDED current at the end", () => {
    expect(states("AWARDED")).toEqual(["done", "done", "done", "done", "done", "done", "done", "current"]);
  });

  it("greys out the whole bar for a cancelled RFP", () => {
    expect(states("CANCELLED")).toEqual([
      "inactive",
      "inactive",
      "inactive",
      "inactive",
      "inactive",
      "inactive",
      "inactive",
      "inactive",
    ]);
  });
});
