import { describe, expect, it } from "vitest";
import {
  ACCOUNT_ROLES,
  type AccountAction,
  type AccountRole,
  mayDoAccountAction,
  mayDoRfpAction,
  RFP_ROLES,
  type RfpAction,
  type RfpRole,
  rfpActionsFor,
  rfpRolesAllowedFor,
} from "./policy";

/*
 * The expected permission matrices, written out by hand. Changing a permission in policy.ts
 * must change this file too: that is the point.
 */
const ACCOUNT_MATRIX: Record<AccountAction, Record<AccountRole, boolean>> = {
  "user.manage": { ADMIN: true, LEAD: false, EXECUTIVE: false, EVALUATOR: false },
  "audit.view_all": { ADMIN: true, LEAD: false, EXECUTIVE: false, EVALUATOR: false },
  "rfp.create": { ADMIN: false, LEAD: true, EXECUTIVE: false, EVALUATOR: false },
  "vendor.manage": { ADMIN: false, LEAD: true, EXECUTIVE: false, EVALUATOR: false },
  "template.manage": { ADMIN: false, LEAD: true, EXECUTIVE: false, EVALUATOR: false },
  "award.approve": { ADMIN: false, LEAD: false, EXECUTIVE: true, EVALUATOR: false },
  "negotiation.decide_escalations": { ADMIN: false, LEAD: false, EXECUTIVE: true, EVALUATOR: false },
};

type Membership = RfpRole | "none";
const RFP_MATRIX: Record<RfpAction, Record<Membership, boolean>> = {
  "rfp.view": { LEAD: true, PANEL: true, OBSERVER: true, none: false },
  "rfp.edit": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.transition": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.manage_team": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.view_activity": { LEAD: true, PANEL: false, OBSERVER: true, none: false },
  "rfp.view_vendors": { LEAD: true, PANEL: true, OBSERVER: true, none: false },
  "rfp.manage_vendors": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.view_questions": { LEAD: true, PANEL: false, OBSERVER: true, none: false },
  "rfp.answer_questions": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.issue_addendum": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.view_outbox": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.open_proposals": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.view_proposals": { LEAD: true, PANEL: false, OBSERVER: true, none: false },
  "rfp.screen_compliance": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.declare_conflicts": { LEAD: false, PANEL: true, OBSERVER: false, none: false },
  "rfp.score": { LEAD: false, PANEL: true, OBSERVER: false, none: false },
  "rfp.manage_evaluation": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.view_panel": { LEAD: true, PANEL: false, OBSERVER: true, none: false },
  "rfp.view_results": { LEAD: true, PANEL: true, OBSERVER: true, none: false },
  "rfp.decide_shortlist": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.view_interviews": { LEAD: true, PANEL: true, OBSERVER: true, none: false },
  "rfp.manage_interviews": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.debrief": { LEAD: false, PANEL: true, OBSERVER: false, none: false },
  "rfp.rank_vendors": { LEAD: false, PANEL: true, OBSERVER: false, none: false },
  "rfp.view_review": { LEAD: true, PANEL: false, OBSERVER: true, none: false },
  "rfp.award": { LEAD: true, PANEL: false, OBSERVER: false, none: false },
  "rfp.view_negotiation": { LEAD: true, PANEL: false, OBSERVER: true, none: false },
  "rfp.export": { LEAD: true, PANEL: false, OBSERVER: true, none: false },
};

const accountCases = Object.entries(ACCOUNT_MATRIX).flatMap(([action, byRole]) =>
  ACCOUNT_ROLES.map((role) => [role, action as AccountAction, byRole[role]] as const),
);

const rfpCases = Object.entries(RFP_MATRIX).flatMap(([action, byMembership]) =>
  (["LEAD", "PANEL", "OBSERVER", "none"] as const).map(
    (membership) => [membership, action as RfpAction, byMembership[membership]] as const,
  ),
);

describe("roles", () => {
  it("has the four account roles and three RFP roles", () => {
    expect(ACCOUNT_ROLES).toEqual(["ADMIN", "LEAD", "EXECUTIVE", "EVALUATOR"]);
    expect(RFP_ROLES).toEqual(["LEAD", "PANEL", "OBSERVER"]);
  });
});

describe("mayDoAccountAction", () => {
  it.each(accountCases)("%s may %s: %s", (role, action, expected) => {
    expect(mayDoAccountAction(role, action)).toBe(expected);
  });
});

describe("mayDoRfpAction", () => {
  it.each(rfpCases)("%s member may %s: %s", (membership, action, expected) => {
    expect(mayDoRfpAction(membership === "none" ? null : membership, action)).toBe(expected);
  });
});

describe("rfpActionsFor", () => {
  it.each([
    [
      "LEAD",
      [
        "rfp.view",
        "rfp.edit",
        "rfp.transition",
        "rfp.manage_team",
        "rfp.view_activity",
        "rfp.view_vendors",
        "rfp.manage_vendors",
        "rfp.view_questions",
        "rfp.answer_questions",
        "rfp.issue_addendum",
        "rfp.view_outbox",
        "rfp.open_proposals",
        "rfp.view_proposals",
        "rfp.screen_compliance",
        "rfp.manage_evaluation",
        "rfp.view_panel",
        "rfp.view_results",
        "rfp.decide_shortlist",
        "rfp.view_interviews",
        "rfp.manage_interviews",
        "rfp.view_review",
        "rfp.award",
        "rfp.view_negotiation",
        "rfp.export",
      ],
    ],
    [
      "PANEL",
      [
        "rfp.view",
        "rfp.view_vendors",
        "rfp.declare_conflicts",
        "rfp.score",
        "rfp.view_results",
        "rfp.view_interviews",
        "rfp.debrief",
        "rfp.rank_vendors",
      ],
    ],
    [
      "OBSERVER",
      [
        "rfp.view",
        "rfp.view_activity",
        "rfp.view_vendors",
        "rfp.view_questions",
        "rfp.view_proposals",
        "rfp.view_panel",
        "rfp.view_results",
        "rfp.view_interviews",
        "rfp.view_review",
        "rfp.view_negotiation",
        "rfp.export",
      ],
    ],
  ] as const)("%s may %j", (membership, actions) => {
    expect(rfpActionsFor(membership)).toEqual(actions);
  });

  it("gives an outsider nothing", () => {
    expect(rfpActionsFor(null)).toEqual([]);
  });

  it("covers exactly the actions in the matrix", () => {
    const granted = new Set(RFP_ROLES.flatMap((role) => rfpActionsFor(role)));
    expect([...granted].sort()).toEqual(Object.keys(RFP_MATRIX).sort());
  });
});

describe("rfpRolesAllowedFor", () => {
  it.each([
    ["ADMIN", []],
    ["LEAD", ["LEAD", "PANEL", "OBSERVER"]],
    ["EXECUTIVE", ["PANEL", "OBSERVER"]],
    ["EVALUATOR", ["PANEL", "OBSERVER"]],
  ] as const)("%s may hold %j", (role, rfpRoles) => {
    expect(rfpRolesAllowedFor(role)).toEqual(rfpRoles);
  });
});
