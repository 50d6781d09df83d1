import { describe, expect, it } from "vitest";
import { notShortlistedMessage, shortlistedMessage } from "~/utils/messages";
import { parseShortlistForm, shortlistRuleSchema } from "./shortlist";

function formData(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
}

const decision = (index: number, fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([key, value]) => [`decisions.${index}.${key}`, value]));

describe("shortlistRuleSchema", () => {
  it("turns the query into a rule", () => {
    expect(shortlistRuleSchema.parse({ method: "TOP_N", size: "3" })).toEqual({ method: "TOP_N", size: 3 });
    expect(shortlistRuleSchema.parse({ method: "THRESHOLD", threshold: "62.5" })).toEqual({
      method: "THRESHOLD",
      threshold: 62.5,
    });
  });

  it("needs the number its method uses, within bounds", () => {
    expect(shortlistRuleSchema.safeParse({ method: "TOP_N", size: "" }).success).toBe(false);
    expect(shortlistRuleSchema.safeParse({ method: "TOP_N", size: "51" }).success).toBe(false);
    expect(shortlistRuleSchema.safeParse({ method: "THRESHOLD", threshold: "101" }).success).toBe(false);
    expect(shortlistRuleSchema.safeParse({ method: "THRESHOLD", threshold: "-1" }).success).toBe(false);
    expect(shortlistRuleSchema.safeParse({ method: "ALL", size: "3" }).success).toBe(false);
  });
});

describe("parseShortlistForm", () => {
  const base = { intent: "decide", method: "TOP_N", size: "1", threshold: "" };
  const above = { invitationId: "inv_a", outcome: "SHORTLISTED", belowLine: "false", rationale: "Best service model." };

  it("parses nested decisions into the model's input", () => {
    const result = parseShortlistForm(
      formData({
        ...base,
        ...decision(0, above),
        ...decision(1, {
          invitationId: "inv_b",
          outcome: "NOT_SHORTLISTED",
          belowLine: "true",
          rationale: "Far behind.",
        }),
      }),
    );
    expect(result.success && result.data).toEqual({
      rule: { method: "TOP_N", size: 1 },
      decisions: [
        {
          vendorId: "inv_a",
          outcome: "SHORTLISTED",
          rationale: "Best service model.",
          justification: "",
          requestedBy: "",
        },
        { vendorId: "inv_b", outcome: "NOT_SHORTLISTED", rationale: "Far behind.", justification: "", requestedBy: "" },
      ],
    });
  });

  it("asks for a justification and a name when a vendor below the line is shortlisted", () => {
    const below = { invitationId: "inv_b", outcome: "SHORTLISTED", belowLine: "true", rationale: "Needed on site." };
    const result = parseShortlistForm(formData({ ...base, ...decision(0, above), ...decision(1, below) }));
    expect(result.success ? {} : Object.keys(result.fieldErrors)).toEqual([
      "decisions.1.justification",
      "decisions.1.requestedBy",
    ]);
  });
});

describe("shortlist emails", () => {
  const greeting = { buyer: "Northwind Logistics", vendorName: "Contoso Services", contactName: "Pat Bidder" };
  const rfp = {
    reference: "RFP-2027-003",
    title: "Service desk",
    timeZone: "Europe/Berlin",
    interviewStart: new Date("2027-05-10T08:00:00Z"),
    interviewEnd: new Date("2027-05-12T16:00:00Z"),
  };

  it("tells a shortlisted vendor what comes next without promising the award", () => {
    const { subject, bodyText } = shortlistedMessage({ ...greeting, rfp, shortlistSize: 3 });
    expect(subject).toBe("Shortlisted: Service desk (RFP-2027-003)");
    expect(bodyText).toContain("You are one of 3 vendors invited to the next stage.");
    expect(bodyText).toContain("Interviews are planned between 10 May 2027 and 12 May 2027.");
    expect(bodyText).toContain("being shortlisted is not an award");
  });

  it("gives a vendor not shortlisted a clear answer and a debrief offer", () => {
    const { bodyText } = notShortlistedMessage({ ...greeting, rfp });
    expect(bodyText).toContain("has not been shortlisted");
    expect(bodyText).toContain("debrief");
  });
});
