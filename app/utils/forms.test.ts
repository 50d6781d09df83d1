import { describe, expect, it } from "vitest";
import * as z from "zod";
import { fieldErrorsFrom, formValues, optionalText, parseForm, redactSecrets, requiredText } from "./forms";

function formData(entries: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

const inviteSchema = z.object({
  name: requiredText("Name", 20),
  note: optionalText(10),
  seats: z.coerce.number().int().min(1, "At least one seat."),
});

describe("formValues", () => {
  it("keeps the first value of a repeated field and skips files", () => {
    const data = new FormData();
    data.append("intent", "publish");
    data.append("intent", "cancel");
    data.append("attachment", new Blob(["%PDF"]), "proposal.pdf");
    data.append("empty", "");
    expect(formValues(data)).toEqual({ intent: "publish", empty: "" });
  });
});

describe("parseForm", () => {
  it("returns typed data on success", () => {
    const result = parseForm(formData({ name: "  Ada Lovelace ", note: "", seats: "3" }), inviteSchema);
    expect(result).toEqual({
      success: true,
      data: { name: "Ada Lovelace", seats: 3 },
      values: { name: "  Ada Lovelace ", note: "", seats: "3" },
    });
  });

  it("keys field errors by path and echoes the values", () => {
    const result = parseForm(formData({ name: "   ", note: "far too long a note", seats: "0" }), inviteSchema);
    expect(result).toEqual({
      success: false,
      fieldErrors: {
        name: "Name is required.",
        note: "Too big: expected string to have <=10 characters",
        seats: "At least one seat.",
      },
      values: { name: "   ", note: "far too long a note", seats: "0" },
    });
  });

  it("files issues about the whole form under 'form'", () => {
    const schema = z
      .object({ from: z.string(), to: z.string() })
      .refine((values) => values.from !== values.to, "Choose two different stages.");
    const result = parseForm(formData({ from: "DRAFT", to: "DRAFT" }), schema);
    expect(result).toEqual({
      success: false,
      fieldErrors: { form: "Choose two different stages." },
      values: { from: "DRAFT", to: "DRAFT" },
    });
  });

  it("never echoes a password, whatever the field's capitalisation", () => {
    const schema = z.object({ email: z.email("Enter a valid email address.") });
    const submitted = formData({
      email: "not-an-email",
      password: "correct horse battery",
      confirmPassword: "correct horse battery",
      currentPassword: "old secret",
      NEW_PASSWORD: "new secret",
    });
    const failure = parseForm(submitted, schema);
    expect(failure.values).toEqual({ email: "not-an-email" });

    const success = parseForm(formData({ email: "ada@example.com", password: "secret" }), schema);
    expect(success).toEqual({
      success: true,
      data: { email: "ada@example.com" },
      values: { email: "ada@example.com" },
    });
  });
});

describe("fieldErrorsFrom", () => {
  it("joins nested paths with dots", () => {
    const schema = z.object({
      vendor: z.object({ email: z.string().min(1, "Enter an email.") }),
      scores: z.array(z.number().max(5, "At most 5.")),
    });
    const result = schema.safeParse({ vendor: { email: "" }, scores: [3, 9] });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(fieldErrorsFrom(result.error)).toEqual({ "vendor.email": "Enter an email.", "scores.1": "At most 5." });
    }
  });

  it("keeps the first message for each field", () => {
    const schema = z.object({
      title: z
        .string()
        .min(3, "Too short.")
        .regex(/^[A-Z]/, "Start with a capital."),
    });
    const result = schema.safeParse({ title: "ab" });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsFrom(result.error)).toEqual({ title: "Too short." });
  });
});

describe("redactSecrets", () => {
  it("drops every key that mentions a password and nothing else", () => {
    expect(redactSecrets({ password: "a", Password2: "b", newPassword: "c", passphrase: "d", email: "e" })).toEqual({
      passphrase: "d",
      email: "e",
    });
  });
});

describe("optionalText", () => {
  const schema = z.object({ note: optionalText(5) });

  it("treats empty and blank input as absent", () => {
    expect(schema.parse({ note: "" })).toEqual({});
    expect(schema.parse({ note: "   " })).toEqual({});
    expect(schema.parse({})).toEqual({});
  });

  it("trims present text", () => {
    expect(schema.parse({ note: "  hello  " })).toEqual({ note: "hello" });
  });

  it("measures the limit after trimming", () => {
    expect(schema.safeParse({ note: " hello " }).success).toBe(true);
    const result = schema.safeParse({ note: "hello!" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.code])).toEqual([[["note"], "too_big"]]);
  });
});

describe("requiredText", () => {
  const schema = z.object({ title: requiredText("Title", 5) });
  const messages = (input: unknown) => schema.safeParse(input).error?.issues.map((issue) => issue.message);

  it("trims the value", () => {
    expect(schema.parse({ title: "  Print " })).toEqual({ title: "Print" });
  });

  it("names the field when it is missing, empty or blank", () => {
    expect(messages({})).toEqual(["Title is required."]);
    expect(messages({ title: "" })).toEqual(["Title is required."]);
    expect(messages({ title: "  \n " })).toEqual(["Title is required."]);
  });

  it("states the limit when too long", () => {
    expect(messages({ title: "Printer" })).toEqual(["Title must be at most 5 characters."]);
    expect(messages({ title: "  Print  " })).toBeUndefined();
  });
});
