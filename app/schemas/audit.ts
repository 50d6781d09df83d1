import * as z from "zod";

const optional = (schema: z.ZodString) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

/** Filters of the admin audit log (a GET form: the filters live in the URL and can be shared). */
export const auditFilterSchema = z.object({
  actor: optional(z.string().trim().max(254)),
  action: optional(z.string().trim().max(80)),
  from: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2027-01-31.")),
  to: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2027-01-31.")),
  before: optional(z.string().regex(/^\d{1,19}$/)),
});
