import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { type ShouldRevalidateFunction, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import {
  DebriefForm,
  type DebriefResult,
  debriefValuesFromForm,
  debriefValuesOf,
} from "~/components/interviews/debrief-form";
import { DebriefStatuses, OwnerNotesForm, RevealedViews } from "~/components/interviews/debrief-panel";
import { InterviewHeader } from "~/components/interviews/interview-header";
import { Alert } from "~/components/ui/alert";
import { userActor } from "~/models/audit.server";
import {
  currentDebriefVersion,
  getDebriefPage,
  remindDebriefs,
  saveDebrief,
  saveOwnerNotes,
} from "~/models/debrief.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { DEBRIEF_INTENTS, debriefLeadActionSchema, parseDebriefForm } from "~/schemas/debrief";
import { requireUser } from "~/utils/auth.server";
import { formatDate, formatDateTime, timeOfDay } from "~/utils/dates";
import { ConflictError, invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin, forbidden } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Debrief: ${data.interview.vendorName} · Shortlist` : "Debrief · Shortlist" },
];

/**
 * The debrief, right after the interview. Everyone on the RFP sees who has given their view;
 * the contents of each view are sealed until every attending panel member has submitted
 * (enforced in models/debrief: the loader data never carries them earlier).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const page = await getDebriefPage(rfp.id, params.interviewId ?? "", { userId: user.id, permissions });
  return { rfp: { id: rfp.id, timeZone: rfp.timeZone, stage: rfp.stage }, ...page };
}

/** Autosaves change nothing the page shows but the version, which the form tracks itself. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

const MEMBER_INTENTS: readonly string[] = DEBRIEF_INTENTS;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const isLead = permissions.includes("rfp.manage_interviews");
  if (!isLead && !permissions.includes("rfp.debrief")) {
    throw forbidden("Only the lead and the panel members who attended take part in the debrief.");
  }
  const interviewId = params.interviewId ?? "";
  const here = `/rfps/${rfp.id}/interviews/${interviewId}/debrief`;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (MEMBER_INTENTS.includes(intent)) {
    if (!permissions.includes("rfp.debrief")) throw forbidden("Only panel members give a debrief view.");
    return memberAction(user, rfp, interviewId, formData, here);
  }
  const parsed = parseForm(formData, debriefLeadActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  if (!isLead) throw forbidden("Only the lead takes the owner's notes and sends reminders.");
  const actor = userActor(user);
  try {
    if (parsed.data.intent === "owner-notes") {
      await saveOwnerNotes(actor, rfp.id, interviewId, parsed.data);
      return redirectWithFlash(here, { kind: "success", message: "Notes saved." });
    }
    const count = await remindDebriefs({ ...actor, name: user.name }, rfp.id, interviewId, {
      memberId: parsed.data.memberId,
      origin: appOrigin(request),
    });
    return redirectWithFlash(here, {
      kind: "success",
      message: count === 1 ? "Reminder sent." : `${count} reminders sent.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

async function memberAction(
  user: { id: string; email: string },
  rfp: { id: string; timeZone: string },
  interviewId: string,
  formData: FormData,
  here: string,
) {
  const parsed = parseDebriefForm(formData);
  if (!parsed.success) {
    return invalid(
      { form: "Nothing was saved: correct the fields marked in red.", ...parsed.fieldErrors },
      parsed.values,
    );
  }
  const { intent, version, ...draft } = parsed.data;
  try {
    const result = await saveDebrief(userActor(user), rfp.id, interviewId, { draft, expectedVersion: version, intent });
    if (intent === "autosave")
      return { saved: true as const, version: result.version, savedAt: result.savedAt.toISOString() };
    if (!result.submitted && intent === "submit") {
      return data(
        {
          fieldErrors: Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message])),
          values: { ...parsed.values, version: String(result.version) },
          missing: result.issues.map((issue) => issue.message),
        },
        { status: 422 },
      );
    }
    const at = formatDateTime(result.savedAt, { timeZone: rfp.timeZone });
    return redirectWithFlash(here, {
      kind: "success",
      message: result.submitted
        ? result.revealed
          ? "Debrief submitted. Everyone who attended has now given their view: the debrief is revealed."
          : "Debrief submitted and sealed. You will see the others' views once everyone who attended has submitted."
        : `Draft saved at ${at}.`,
    });
  } catch (error) {
    if (error instanceof ConflictError) {
      return data(
        {
          fieldErrors: { form: error.message },
          values: parsed.values,
          conflict: { version: await currentDebriefVersion(interviewId, user.id) },
        },
        { status: 409 },
      );
    }
    return invalidFromError(error, parsed.values);
  }
}

export default function DebriefPage() {
  const page = useLoaderData<typeof loader>();
  // One shape for every answer of this action (an autosave's answer only reaches its fetcher).
  const actionData: DebriefResult = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const { interview, rfp, phase } = page;
  useRevalidateAt(phase === "OPEN" ? null : phase === "BEFORE_START" ? interview.startsAt : interview.endsAt);
  const intent = actionData?.values?.intent;
  const leadResult = intent === "owner-notes" || intent === "remind" ? actionData : undefined;
  const memberResult = intent && MEMBER_INTENTS.includes(intent) ? actionData : undefined;
  const endsAt = `${timeOfDay(interview.endsAt, { timeZone: rfp.timeZone, locale })} (${formatDate(interview.endsAt, { timeZone: rfp.timeZone, locale })})`;
  return (
    <div className="stack">
      <InterviewHeader rfpId={rfp.id} interview={interview} timeZone={rfp.timeZone} />
      {phase !== "OPEN" ? (
        <Alert tone="info" title="Not yet">
          The debrief opens when the interview ends at {endsAt}.
          {page.isLead && phase === "IN_PROGRESS" ? " You can take the owner's notes already." : ""}
        </Alert>
      ) : null}
      <div className="grid grid--main-side">
        <div className="stack">
          {page.revealed && page.views && page.summary ? (
            <RevealedViews
              views={page.views}
              summary={page.summary}
              criteria={page.criteria}
              placeBound={page.placeBound}
              ownerNotes={page.isLead ? null : page.ownerNotes}
            />
          ) : null}
          {phase === "OPEN" && page.attendee ? (
            page.own?.status === "SUBMITTED" ? (
              page.revealed ? null : (
                <Alert tone="success" title="Your debrief is submitted">
                  It is sealed. You will see everyone's views here once all who attended have submitted.
                </Alert>
              )
            ) : (
              <DebriefForm
                action={`/rfps/${rfp.id}/interviews/${interview.id}/debrief`}
                vendorName={interview.vendorName}
                criteria={page.criteria}
                placeBound={page.placeBound}
                partial={page.attendee.partial}
                initial={
                  memberResult?.values
                    ? debriefValuesFromForm(memberResult.values, page.criteria)
                    : debriefValuesOf(page.own, page.criteria)
                }
                version={
                  memberResult?.conflict?.version ??
                  (memberResult?.values?.version ? Number(memberResult.values.version) : (page.own?.version ?? 0))
                }
                storedVersion={page.own?.version ?? 0}
                timeZone={rfp.timeZone}
                locale={locale}
                lastResult={memberResult}
              />
            )
          ) : null}
          {phase === "OPEN" && !page.attendee && !page.isLead && !page.revealed ? (
            <p className="muted">
              Only panel members who attended this interview give a debrief. The views appear here once every one of
              them has submitted.
            </p>
          ) : null}
          {page.isLead && phase !== "BEFORE_START" && page.ownerNotes !== null ? (
            <OwnerNotesForm
              key={interview.version}
              notes={page.ownerNotes}
              version={interview.version}
              lastResult={intent === "owner-notes" ? leadResult : undefined}
            />
          ) : null}
        </div>
        <aside className="stack">
          {phase !== "BEFORE_START" ? (
            <DebriefStatuses
              statuses={page.statuses}
              canRemind={page.isLead && phase === "OPEN" && rfp.stage === "INTERVIEWS"}
              timeZone={rfp.timeZone}
              locale={locale}
              lastResult={intent === "remind" ? leadResult : undefined}
            />
          ) : null}
        </aside>
      </div>
    </div>
  );
}

/** "The page turns into a debrief when the slot ends": reload the data at that moment. */
function useRevalidateAt(at: Date | string | null) {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (!at) return;
    const wait = new Date(at).getTime() - Date.now();
    if (wait > 86_400_000) return;
    const timer = window.setTimeout(revalidate, Math.max(0, wait) + 1000);
    return () => window.clearTimeout(timer);
  }, [at, revalidate]);
}
