import * as z from "zod";
import { requiredText } from "~/utils/forms";

/** The vendor confirms its interview and names who will present (names and roles). */
export const confirmAttendanceSchema = z.object({
  intent: z.literal("confirm"),
  presenters: requiredText("Presenters", 2000),
});
