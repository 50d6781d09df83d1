import * as z from "zod";
import { COUNTRIES, type CountryCode } from "~/domain/countries";
import { normalizeWebsite, registrableDomain, VENDOR_SIZES } from "~/domain/vendors";
import { optionalText, requiredText } from "~/utils/forms";

/** "" from an empty select or input means "not given". */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const COUNTRY_CODES = COUNTRIES.map(([code]) => code) as [CountryCode, ...CountryCode[]];

export const websiteField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(300, "Use at most 300 characters.")
    .transform(normalizeWebsite)
    .refine((website) => registrableDomain(website) !== null, "Enter a website such as acme.com.")
    .optional(),
);

export const countryField = z.preprocess(
  blankToUndefined,
  z.enum(COUNTRY_CODES, { error: "Choose a country from the list." }).optional(),
);

export const sizeField = z.preprocess(
  blankToUndefined,
  z.enum(VENDOR_SIZES, { error: "Choose a size from the list." }).optional(),
);

export const contactEmailField = z
  .string({ error: "Enter the contact's email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter the contact's email address.")
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter a valid email address, such as bids@acme.com."));

export const phoneField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(40, "Use at most 40 characters.")
    .regex(/^\+?[0-9 ()./-]{5,}$/, "Enter a phone number with digits, spaces and an optional leading +.")
    .optional(),
);

const companyShape = {
  name: requiredText("Company name", 200),
  website: websiteField,
  country: countryField,
  size: sizeField,
  industry: optionalText(100),
  notes: optionalText(4000),
  /** Sent by the "Create anyway" / "Save anyway" button after a duplicate warning. */
  confirmDuplicate: z.preprocess(blankToUndefined, z.literal("yes").optional()),
};

const contactShape = {
  contactName: requiredText("Contact name", 120),
  contactEmail: contactEmailField,
  contactPhone: phoneField,
  contactTitle: optionalText(120),
  // "on" from a plain form post; true/false from react-hook-form's checkbox registration.
  isPrimary: z.preprocess((value) => (value === "on" || value === true ? "on" : undefined), z.literal("on").optional()),
};

/** New vendor: the company, and optionally its first contact (who then becomes the primary one). */
export const newVendorSchema = z
  .object({
    ...companyShape,
    contactName: optionalText(120),
    contactEmail: z.preprocess(blankToUndefined, contactEmailField.optional()),
    contactPhone: phoneField,
    contactTitle: optionalText(120),
  })
  .superRefine((values, ctx) => {
    const anyContact = values.contactName || values.contactEmail || values.contactPhone || values.contactTitle;
    if (!anyContact) return;
    if (!values.contactName) {
      ctx.addIssue({
        code: "custom",
        path: ["contactName"],
        message: "Enter the contact's name, or leave all contact fields empty.",
      });
    }
    if (!values.contactEmail) {
      ctx.addIssue({
        code: "custom",
        path: ["contactEmail"],
        message: "Enter the contact's email address, or leave all contact fields empty.",
      });
    }
  });
export type NewVendorInput = z.output<typeof newVendorSchema>;

export const vendorCompanySchema = z.object({ intent: z.literal("update"), ...companyShape });
export type VendorCompanyInput = z.output<typeof vendorCompanySchema>;

export const contactSchema = z.object({ intent: z.literal("addContact"), ...contactShape });
export const editContactSchema = z.object({
  intent: z.literal("updateContact"),
  contactId: z.string().min(1).max(64),
  ...contactShape,
});
export type ContactInput = z.output<typeof contactSchema>;

/** Every form on the vendor page, told apart by `intent`. */
export const vendorPageSchema = z.discriminatedUnion(
  "intent",
  [
    vendorCompanySchema,
    contactSchema,
    editContactSchema,
    z.object({ intent: z.literal("removeContact"), contactId: z.string().min(1).max(64) }),
  ],
  { error: "Unknown action." },
);
