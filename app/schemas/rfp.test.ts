import { describe, expect, it } from "vitest";
import { fieldErrorsFrom } from "~/utils/forms";
import { rfpDetailsSchema, rfpEditSchema, rfpTransitionSchema, timelineFromForm } from "./rfp";

const details = {
  title: "  Managed print services ",
  summary: "Print fleet for 12 offices.",
  category: "Managed IT services",
  budgetAmount: "250000",
  currency: "GBP",
  timeZone: "Europe/London",
  issueDate: "2027-03-05T09:00",
  questionsDeadline: "2027-03-20T17:00",
  proposalDeadline: "2027-04-10T17:00",
  interviewStart: "2027-05-03T09:00",
  interviewEnd: "2027-05-07T17:00",
  decisionTarget: "2027-05-31T12:00",
};

/** The first error per field, as the form shows them; {} when the input is valid. */
function errorsFor(changes: Record<string, unknown>) {
  const result = rfpDetailsSchema.safeParse({ ...details, ...changes });
  return result.success ? {} : fieldErrorsFrom(result.error);
}

function budgetOf(budgetAmount: string) {
  const result = rfpDetailsSchema.safeParse({ ...details, budgetAmount });
  return result.success ? { budgetAmount: result.data.budgetAmount } : fieldErrorsFrom(result.error);
}

const badAmount = { budgetAmount: "Enter an amount such as 1250000 or 1 250 000.50 (decimal point, not comma)." };

describe("rfpDetailsSchema: valid input", () => {
  it("parses a complete RFP, trimming text and keeping wall-clock times", () => {
    expect(rfpDetailsSchema.parse(details)).toEqual({ ...details, title: "Managed print services" });
  });

  it("accepts an RFP with only the required fields", () => {
    const minimal = {
      title: "Contact centre",
      summary: "Inbound support.",
      category: "Contact centre",
      budgetAmount: "",
      currency: "EUR",
      timeZone: "UTC",
      issueDate: "",
      questionsDeadline: " ",
      proposalDeadline: "",
      interviewStart: "",
      interviewEnd: "",
      decisionTarget: "",
    };
    expect(rfpDetailsSchema.parse(minimal)).toEqual({
      title: "Contact centre",
      summary: "Inbound support.",
      category: "Contact centre",
      currency: "EUR",
      timeZone: "UTC",
    });
  });
});

describe("rfpDetailsSchema: required fields and lists", () => {
  it("names each missing text field", () => {
    expect(errorsFor({ title: "   ", summary: "" })).toEqual({
      title: "Title is required.",
      summary: "Summary is required.",
    });
    expect(errorsFor({ title: "x".repeat(201) })).toEqual({ title: "Title must be at most 200 characters." });
    expect(errorsFor({ title: "x".repeat(200) })).toEqual({});
  });

  it("refuses an unknown category, currency or time zone", () => {
    expect(errorsFor({ category: "Catering", currency: "XYZ", timeZone: "Mars/Olympus" })).toEqual({
      category: "Choose a category.",
      currency: "Choose a currency.",
      timeZone: "Choose a time zone.",
    });
    expect(errorsFor({ currency: "gbp" })).toEqual({ currency: "Choose a currency." });
    expect(errorsFor({ category: "" })).toEqual({ category: "Choose a category." });
    expect(errorsFor({ timeZone: "" })).toEqual({ timeZone: "Choose a time zone." });
  });

  it("does not judge dates against an unknown time zone", () => {
    expect(errorsFor({ timeZone: "Mars/Olympus", proposalDeadline: "2027-02-31T17:00" })).toEqual({
      timeZone: "Choose a time zone.",
    });
  });
});

describe("rfpDetailsSchema: budget", () => {
  it.each([
    ["1250000", "1250000"],
    ["1250000.50", "1250000.50"],
    ["1250000.5", "1250000.5"],
    ["1 250 000.50", "1250000.50"],
    ["1\u00a0250\u00a0000", "1250000"],
    ["1,250,000", "1250000"],
    ["1_250_000", "1250000"],
    ["1'250'000.50", "1250000.50"],
    ["0", "0"],
    ["99999999999999.99", "99999999999999.99"],
  ])("reads %j as %j", (typed, stored) => {
    expect(budgetOf(typed)).toEqual({ budgetAmount: stored });
  });

  it.each([
    "12,5",
    "1,5",
    "1,2,3",
    "12.345",
    "1.250.000",
    "-5",
    "+5",
    "1e6",
    "€250000",
    "250k",
    ".50",
    "12.",
    "999999999999999",
  ])("refuses %j", (typed) => {
    expect(budgetOf(typed)).toEqual(badAmount);
  });

  it("treats an empty or blank budget as none", () => {
    expect(budgetOf("")).toEqual({ budgetAmount: undefined });
    expect(budgetOf("   ")).toEqual({ budgetAmount: undefined });
    expect(rfpDetailsSchema.parse({ ...details, budgetAmount: undefined }).budgetAmount).toBeUndefined();
  });
});

describe("rfpDetailsSchema: timeline", () => {
  it("reports a date that is not a date and time", () => {
    expect(errorsFor({ issueDate: "05/03/2027 09:00" })).toEqual({ issueDate: "Enter a date and time." });
    expect(errorsFor({ issueDate: "2027-03-05" })).toEqual({ issueDate: "Enter a date and time." });
  });

  it.each([
    ["proposalDeadline", "2027-02-31T17:00"],
    ["proposalDeadline", "2027-02-29T17:00"],
    ["interviewEnd", "2027-06-31T17:00"],
    ["decisionTarget", "2027-13-01T12:00"],
    ["issueDate", "2027-03-05T24:00"],
  ])("reports that %s %s does not exist", (field, value) => {
    expect(errorsFor({ [field]: value })[field]).toBe("This date does not exist.");
  });

  it("accepts a leap day that exists", () => {
    expect(
      errorsFor({
        issueDate: "2028-02-01T09:00",
        questionsDeadline: "2028-02-29T17:00",
        proposalDeadline: "2028-03-10T17:00",
        interviewStart: "2028-04-03T09:00",
        interviewEnd: "2028-04-07T17:00",
        decisionTarget: "2028-04-30T12:00",
      }),
    ).toEqual({});
  });

  it("reports an out-of-order moment on the later field", () => {
    expect(errorsFor({ questionsDeadline: "2027-03-01T17:00" })).toEqual({
      questionsDeadline: "Clarification questions close must be after issue date.",
    });
    expect(errorsFor({ decisionTarget: "2027-05-01T12:00" })).toEqual({
      decisionTarget: "Decision target must be after interviews until.",
    });
  });

  it("refuses an interview window that starts and ends at once", () => {
    expect(errorsFor({ interviewEnd: "2027-05-03T09:00" })).toEqual({
      interviewEnd: "Interviews until must be after interviews from.",
    });
  });

  it("checks order across empty fields", () => {
    expect(errorsFor({ questionsDeadline: "", proposalDeadline: "2027-03-01T17:00" })).toEqual({
      proposalDeadline: "Proposal deadline must be after issue date.",
    });
  });

  it("reports a nonexistent date and an ordering problem together", () => {
    expect(errorsFor({ questionsDeadline: "2027-03-01T17:00", interviewStart: "2027-04-31T09:00" })).toEqual({
      questionsDeadline: "Clarification questions close must be after issue date.",
      interviewStart: "This date does not exist.",
    });
  });

  it("accepts a wall-clock time inside the spring-forward gap", () => {
    expect(errorsFor({ issueDate: "2027-03-28T01:30", questionsDeadline: "2027-03-29T17:00" })).toEqual({});
  });
});

describe("timelineFromForm", () => {
  it("turns wall-clock values in the RFP's zone into UTC instants", () => {
    expect(
      timelineFromForm({ issueDate: "2027-03-01T09:00", proposalDeadline: "2027-04-10T17:00" }, "Asia/Tokyo"),
    ).toEqual({
      issueDate: new Date("2027-03-01T00:00:00Z"),
      questionsDeadline: null,
      proposalDeadline: new Date("2027-04-10T08:00:00Z"),
      interviewStart: null,
      interviewEnd: null,
      decisionTarget: null,
    });
  });

  it("gives null for empty and nonexistent values", () => {
    expect(
      timelineFromForm({ issueDate: "", questionsDeadline: "2027-02-30T09:00", decisionTarget: undefined }, "UTC"),
    ).toEqual({
      issueDate: null,
      questionsDeadline: null,
      proposalDeadline: null,
      interviewStart: null,
      interviewEnd: null,
      decisionTarget: null,
    });
  });
});

describe("rfpEditSchema", () => {
  it("adds a positive integer version to the details", () => {
    expect(rfpEditSchema.parse({ ...details, version: "3" })).toEqual({
      ...details,
      title: "Managed print services",
      version: 3,
    });
    expect(rfpEditSchema.safeParse({ ...details, version: "0" }).success).toBe(false);
    expect(rfpEditSchema.safeParse({ ...details, version: "1.5" }).success).toBe(false);
    expect(rfpEditSchema.safeParse(details).success).toBe(false);
  });
});

describe("rfpTransitionSchema", () => {
  it("parses a cancel request with a trimmed reason", () => {
    expect(
      rfpTransitionSchema.parse({ intent: "transition", to: "CANCELLED", reason: " Budget withdrawn ", version: "2" }),
    ).toEqual({ intent: "transition", to: "CANCELLED", reason: "Budget withdrawn", version: 2 });
  });

  it("treats a blank reason as none", () => {
    expect(rfpTransitionSchema.parse({ intent: "transition", to: "PUBLISHED", reason: "  ", version: "1" })).toEqual({
      intent: "transition",
      to: "PUBLISHED",
      version: 1,
    });
  });

  it("refuses an unknown stage, another intent and a bad version", () => {
    const result = rfpTransitionSchema.safeParse({ intent: "publish", to: "LIMBO", version: "0" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(Object.keys(fieldErrorsFrom(result.error)).sort()).toEqual(["intent", "to", "version"]);
      expect(fieldErrorsFrom(result.error).to).toBe("Unknown stage.");
    }
  });
});
