import { describe, expect, it } from "vitest";
import { fieldErrorsFrom } from "~/utils/forms";
import { changePasswordSchema, emailField, loginSchema, newPasswordField, PASSWORD_MIN, setupSchema } from "./auth";

const twelve = "abcdefghijkl";

function errorsOf(result: { success: boolean; error?: Parameters<typeof fieldErrorsFrom>[0] }) {
  return result.error ? fieldErrorsFrom(result.error) : {};
}

describe("emailField", () => {
  it("trims and lower-cases the address", () => {
    expect(emailField.parse("  Ada.Lovelace@Example.COM ")).toBe("ada.lovelace@example.com");
    expect(emailField.parse("BUYER@CITY.GOV.UK")).toBe("buyer@city.gov.uk");
  });

  it.each(["ada", "ada@", "@example.com", "ada@example", "ada lovelace@example.com", ""])("refuses %j", (email) => {
    const result = emailField.safeParse(email);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["Enter a valid email address."]);
  });

  it("asks for an address when there is none", () => {
    expect(emailField.safeParse(undefined).error?.issues.map((issue) => issue.message)).toEqual([
      "Enter your email address.",
    ]);
  });
});

describe("newPasswordField", () => {
  it("needs at least 12 characters", () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(newPasswordField.safeParse(twelve).success).toBe(true);
    expect(newPasswordField.safeParse(twelve.slice(0, 11)).error?.issues.map((issue) => issue.message)).toEqual([
      "Use at least 12 characters.",
    ]);
  });

  it("allows at most 256 characters", () => {
    expect(newPasswordField.safeParse("x".repeat(256)).success).toBe(true);
    expect(newPasswordField.safeParse("x".repeat(257)).error?.issues.map((issue) => issue.message)).toEqual([
      "Use at most 256 characters.",
    ]);
  });

  it("keeps spaces, which count towards the length", () => {
    expect(newPasswordField.parse("  pass phrase ")).toBe("  pass phrase ");
  });
});

describe("loginSchema", () => {
  it("normalises the email and keeps the password as typed", () => {
    expect(loginSchema.parse({ email: " Ada@Example.com", password: " s3cret ", redirectTo: "/rfps" })).toEqual({
      email: "ada@example.com",
      password: " s3cret ",
      redirectTo: "/rfps",
    });
  });

  it("does not apply the new-password length rule to logging in", () => {
    expect(loginSchema.safeParse({ email: "ada@example.com", password: "short" }).success).toBe(true);
  });

  it("asks for both fields", () => {
    expect(errorsOf(loginSchema.safeParse({ email: "", password: "" }))).toEqual({
      email: "Enter a valid email address.",
      password: "Enter your password.",
    });
    expect(errorsOf(loginSchema.safeParse({}))).toEqual({
      email: "Enter your email address.",
      password: "Enter your password.",
    });
  });
});

describe("setupSchema", () => {
  const valid = { name: " Ada Lovelace ", email: "Ada@Example.com", password: twelve, confirmPassword: twelve };

  it("parses the first administrator", () => {
    expect(setupSchema.parse(valid)).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
      password: twelve,
      confirmPassword: twelve,
    });
  });

  it("reports a mismatched confirmation on the confirmation field", () => {
    expect(errorsOf(setupSchema.safeParse({ ...valid, confirmPassword: `${twelve}x` }))).toEqual({
      confirmPassword: "The two passwords differ.",
    });
  });

  it("reports a short password and the mismatch together", () => {
    expect(errorsOf(setupSchema.safeParse({ ...valid, password: "short", confirmPassword: "other" }))).toEqual({
      password: "Use at least 12 characters.",
      confirmPassword: "The two passwords differ.",
    });
  });

  it("asks for every field", () => {
    expect(errorsOf(setupSchema.safeParse({}))).toEqual({
      name: "Enter your name.",
      email: "Enter your email address.",
      password: "Choose a password.",
      confirmPassword: "Repeat the password.",
    });
    expect(errorsOf(setupSchema.safeParse({ ...valid, name: "   " }))).toEqual({ name: "Enter your name." });
  });
});

describe("changePasswordSchema", () => {
  const valid = { currentPassword: "old password", newPassword: twelve, confirmPassword: twelve };

  it("parses a valid change", () => {
    expect(changePasswordSchema.parse(valid)).toEqual(valid);
  });

  it("reports a mismatched confirmation on the confirmation field", () => {
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, confirmPassword: "ABCDEFGHIJKL" }))).toEqual({
      confirmPassword: "The two passwords differ.",
    });
  });

  it("applies the length rule to the new password only", () => {
    expect(
      errorsOf(
        changePasswordSchema.safeParse({ currentPassword: "x", newPassword: "short", confirmPassword: "short" }),
      ),
    ).toEqual({ newPassword: "Use at least 12 characters." });
  });

  it("asks for the current password", () => {
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, currentPassword: "" }))).toEqual({
      currentPassword: "Enter your current password.",
    });
  });
});
