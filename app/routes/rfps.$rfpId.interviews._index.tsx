import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AutoSchedule, type ProposalView } from "~/components/interviews/auto-schedule";
import { PanelLoad } from "~/components/interviews/panel-load";
import { ScheduleTable } from "~/components/interviews/schedule-table";
import { SlotForm } from "~/components/interviews/slot-form";
import { Unavailability } from "~/components/interviews/unavailability";
import { Alert } from "~/components/ui/alert";
import { EmptyState } from "~/components/ui/empty-state";
import { formatTimeRange } from "~/domain/interview-calendar";
import { parseExpertise } from "~/domain/interview-plan";
import type { RfpAction } from "~/domain/policy";
import { localDate } from "~/domain/scheduling";
import { isTerminal } from "~/domain/workflow";
import { userActor } from "~/models/audit.server";
import {
  applySchedule,
  createInterview,
  getInterviewSchedule,
  proposeSchedule,
  type ScheduleProposal,
  setMemberExpertise,
} from "~/models/interview-schedule.server";
import { requireRfpPermission } from "~/models/policy.server";
import { addUnavailability, listUnavailability, removeUnavailability } from "~/models/unavailability.server";
import {
  addUnavailabilitySchema,
  autoScheduleSchema,
  createInterviewSchema,
  expertiseSchema,
  parseNestedForm,
  removeUnavailabilitySchema,
  type ScheduleIntent,
  scheduleIntentSchema,
  slotTimes,
} from "~/schemas/interview";
import { requireUser } from "~/utils/auth.server";
import { zonedLocalToUtc } from "~/utils/dates";
import { ConflictError, FieldError, invalid, invalidFromError } from "~/utils/errors.server";
import { type Flash, redirectWithFlash } from "~/utils/flash.server";
import { type FieldErrors, formValues, parseForm } from "~/utils/forms";
import { forbidden } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Interviews · Shortlist" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const canManage = permissions.includes("rfp.manage_interviews");
  const [schedule, unavailability] = await Promise.all([
    getInterviewSchedule(rfp.id),
    listUnavailability(rfp.id, { userId: user.id, everyone: canManage }),
  ]);
  const timeZone = rfp.timeZone;
  const window = schedule.rfp.window;
  const createDefaults: Record<string, string> = {
    intent: "create-interview",
    invitationId: "",
    date: window ? localDate(window.start, timeZone) : "",
    start: "09:00",
    minutes: "120",
    mode: "IN_PERSON",
    location: "",
    meetingLink: "",
    travelNote: "",
    ...Object.fromEntries(schedule.panel.map((member) => [`attendance.${member.id}`, member.defaultAttendance])),
  };
  return {
    stage: rfp.stage,
    timeZone,
    canManage,
    schedulable: rfp.stage === "INTERVIEWS" && window !== null,
    window: window ? formatTimeRange(window, timeZone) : null,
    interviews: schedule.interviews.map((interview) => ({
      ...interview,
      when: formatTimeRange({ start: interview.startsAt, end: interview.endsAt }, timeZone),
      slotMinutes: Math.round((interview.endsAt.getTime() - interview.startsAt.getTime()) / 60_000),
    })),
    unscheduled: schedule.unscheduled,
    shortlisted: schedule.shortlisted,
    // The lead resolves clashes; a member sees only their own (someone else's unavailability is theirs to share).
    clashes: schedule.clashes.filter((clash) => canManage || clash.personId === user.id).map((clash) => clash.message),
    panel: schedule.panel.map((member) => ({
      ...member,
      time: formatDuration(member.minutes),
      byDay: member.byDay.map((day) => `${formatDay(day.date)}: ${day.interviews} (${formatDuration(day.minutes)})`),
    })),
    unavailability: unavailability.map((period) => ({
      id: period.id,
      when: formatTimeRange({ start: period.startsAt, end: period.endsAt }, timeZone),
      note: period.note,
      name: period.name,
      mine: period.mine,
    })),
    canMarkUnavailability: !isTerminal(rfp.stage),
    createDefaults,
    autoDefaults: {
      intent: "propose-schedule",
      minutes: "120",
      bufferMinutes: "30",
      mode: "IN_PERSON",
      location: "",
      meetingLink: "",
    },
  };
}

/** "3 h 30 min", "45 min", "0 min". */
function formatDuration(minutes: number) {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "2027-05-03" → "Mon 3 May" (the date is already the RFP's local date). */
function formatDay(date: string) {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

type Answer = {
  fieldErrors?: FieldErrors;
  values: Record<string, string>;
  proposal?: ProposalView & { values: Record<string, string> };
};
const answer = (body: Answer, status = 200) => data(body, { status });

type Context = {
  formData: FormData;
  user: Awaited<ReturnType<typeof requireUser>>;
  rfp: Awaited<ReturnType<typeof requireRfpPermission>>["rfp"];
  permissions: RfpAction[];
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const formData = await request.formData();
  const intent = scheduleIntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return invalid({ form: "Unknown action." }, formValues(formData));
  const handle = HANDLERS[intent.data];
  const context = { formData, user, rfp, permissions };
  if (MANAGING.has(intent.data) && !permissions.includes("rfp.manage_interviews")) {
    throw forbidden("Only the RFP's lead schedules interviews.");
  }
  return handle(context);
}

const MANAGING = new Set<ScheduleIntent>(["create-interview", "propose-schedule", "apply-schedule", "set-expertise"]);
const here = (rfpId: string) => `/rfps/${rfpId}/interviews`;
const done = (rfpId: string, flash: Flash) => redirectWithFlash(here(rfpId), flash);

const HANDLERS: Record<ScheduleIntent, (context: Context) => Promise<Response | ReturnType<typeof answer>>> = {
  "create-interview": async ({ formData, user, rfp }) => {
    const parsed = parseNestedForm(formData, createInterviewSchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    const times = slotTimes(parsed.data, rfp.timeZone);
    if (!times) return invalid({ date: "That date does not exist." }, parsed.values);
    try {
      const created = await createInterview(userActor(user), rfp.id, parsed.data.invitationId, {
        ...parsed.data,
        ...times,
      });
      return done(rfp.id, {
        kind: "success",
        message: `Interview with ${created.vendorName} scheduled, with the standard agenda to adjust.`,
      });
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
  },

  "propose-schedule": async ({ formData, rfp }) => {
    const parsed = parseForm(formData, autoScheduleSchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    try {
      const proposal = await proposeSchedule(rfp.id, parsed.data);
      return answer({ values: parsed.values, proposal: proposalView(proposal, parsed.values) });
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
  },

  "apply-schedule": async ({ formData, user, rfp }) => {
    const parsed = parseForm(formData, autoScheduleSchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    try {
      const { created } = await applySchedule(userActor(user), rfp.id, parsed.data, parsed.data.fingerprint ?? "");
      return done(rfp.id, {
        kind: "success",
        message: `${created.length} ${created.length === 1 ? "interview" : "interviews"} scheduled. Adjust any of them from the list.`,
      });
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof FieldError)) throw error;
      // Nothing was applied: show why, with the proposal as it stands now.
      const values = { ...parsed.values, intent: "propose-schedule" };
      const fresh = await proposeSchedule(rfp.id, parsed.data).catch(() => null);
      return answer(
        {
          fieldErrors: { form: error.message },
          values,
          ...(fresh ? { proposal: proposalView(fresh, values) } : {}),
        },
        error instanceof ConflictError ? 409 : 422,
      );
    }
  },

  "set-expertise": async ({ formData, user, rfp }) => {
    const parsed = parseForm(formData, expertiseSchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    try {
      const member = await setMemberExpertise(
        userActor(user),
        rfp.id,
        parsed.data.memberId,
        parseExpertise(parsed.data.expertise),
      );
      return done(rfp.id, { kind: "success", message: `${member.name}'s expertise saved.` });
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
  },

  "add-unavailability": async ({ formData, user, rfp }) => {
    const parsed = parseForm(formData, addUnavailabilitySchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    const startsAt = zonedLocalToUtc(parsed.data.from, rfp.timeZone);
    const endsAt = zonedLocalToUtc(parsed.data.until, rfp.timeZone);
    if (!startsAt) return invalid({ from: "That date does not exist." }, parsed.values);
    if (!endsAt) return invalid({ until: "That date does not exist." }, parsed.values);
    try {
      const { clashes } = await addUnavailability(userActor(user), rfp.id, user.id, {
        startsAt,
        endsAt,
        note: parsed.data.note,
      });
      return done(
        rfp.id,
        clashes.length === 0
          ? { kind: "success", message: "Unavailable time saved; interviews will be scheduled around it." }
          : {
              kind: "info",
              message: `Unavailable time saved, but you are already booked then: ${clashes.join("; ")}. Tell the lead so the interview can move.`,
            },
      );
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
  },

  "remove-unavailability": async ({ formData, user, rfp }) => {
    const parsed = parseForm(formData, removeUnavailabilitySchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    try {
      await removeUnavailability(userActor(user), rfp.id, user.id, parsed.data.unavailabilityId);
      return done(rfp.id, { kind: "success", message: "Unavailable time removed." });
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
  },
};

function proposalView(proposal: ScheduleProposal, values: Record<string, string>) {
  return {
    slots: proposal.slots.map(({ invitationId, vendorName, when }) => ({ invitationId, vendorName, when })),
    unplaced: proposal.unplaced,
    fingerprint: proposal.fingerprint,
    panel: proposal.panel,
    experts: proposal.experts,
    values,
  };
}

export default function InterviewSchedulePage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Answer | undefined;
  const resultFor = (...intents: string[]) =>
    actionData && intents.includes(actionData.values.intent ?? "") ? actionData : undefined;
  const autoResult = resultFor("propose-schedule", "apply-schedule");
  const expertiseResult = resultFor("set-expertise");
  return (
    <div className="stack">
      <ScheduleIntro {...loaded} />
      {loaded.clashes.length > 0 ? (
        <Alert tone="warning" title="Clashes to resolve">
          <ul className="plain-list">
            {loaded.clashes.map((clash) => (
              <li key={clash}>{clash}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {resultFor("remove-unavailability")?.fieldErrors?.form ? (
        <Alert tone="error">{resultFor("remove-unavailability")?.fieldErrors?.form}</Alert>
      ) : null}

      <section className="card" aria-labelledby="schedule-heading">
        <div className="card__title">
          <h2 id="schedule-heading">Schedule</h2>
          <span className="muted small">
            {loaded.interviews.length} of {loaded.shortlisted} shortlisted vendors · times in {loaded.timeZone}
          </span>
        </div>
        <ScheduleTable rows={loaded.interviews} canManage={loaded.canManage} />
      </section>

      {loaded.canManage && loaded.schedulable && loaded.unscheduled.length > 0 ? (
        <div className="grid grid--2">
          <section className="card" aria-labelledby="create-heading">
            <div className="card__title">
              <h2 id="create-heading">Schedule a vendor</h2>
            </div>
            <SlotForm
              key={loaded.interviews.length}
              intent="create-interview"
              vendors={loaded.unscheduled}
              panel={loaded.panel}
              defaults={loaded.createDefaults}
              lastResult={resultFor("create-interview")}
              timeZone={loaded.timeZone}
              submitLabel="Schedule interview"
            />
          </section>
          <section className="card" aria-labelledby="auto-heading">
            <div className="card__title">
              <h2 id="auto-heading">Propose a whole schedule</h2>
            </div>
            <AutoSchedule
              defaults={loaded.autoDefaults}
              lastResult={autoResult}
              proposal={autoResult?.proposal ?? null}
            />
          </section>
        </div>
      ) : null}

      <section className="card" aria-labelledby="panel-heading">
        <div className="card__title">
          <h2 id="panel-heading">Panel and load</h2>
        </div>
        {loaded.panel.length === 0 ? (
          <EmptyState title="Nobody on the panel">Add panel members on the Team tab first.</EmptyState>
        ) : (
          <PanelLoad
            rows={loaded.panel}
            canManage={loaded.canManage}
            lastError={
              expertiseResult?.fieldErrors
                ? {
                    memberId: expertiseResult.values.memberId ?? "",
                    message: Object.values(expertiseResult.fieldErrors)[0] ?? "",
                  }
                : undefined
            }
          />
        )}
      </section>
      <section className="card" aria-labelledby="unavailable-heading">
        <div className="card__title">
          <h2 id="unavailable-heading">{loaded.canManage ? "Unavailable times" : "My unavailable times"}</h2>
        </div>
        <Unavailability
          rows={loaded.unavailability}
          showNames={loaded.canManage}
          canMark={loaded.canMarkUnavailability}
          timeZone={loaded.timeZone}
          lastResult={resultFor("add-unavailability")}
        />
      </section>
    </div>
  );
}

function ScheduleIntro({
  stage,
  window,
  schedulable,
  canManage,
  unscheduled,
  shortlisted,
}: ReturnType<typeof useLoaderData<typeof loader>>) {
  if (stage !== "INTERVIEWS") {
    return (
      <Alert tone="info" title="Interviews are scheduled in the Interviews stage">
        {stage === "SHORTLIST" || stage === "EVALUATION" || stage === "PUBLISHED" || stage === "DRAFT"
          ? "Once the shortlist is decided and the RFP moves to Interviews, the lead schedules each shortlisted vendor here. You can already mark the times you are unavailable."
          : "The interview schedule below is the record of how the interviews were run."}
      </Alert>
    );
  }
  if (!window) {
    return (
      <Alert tone="warning" title="No interview window">
        The RFP's timeline has no interview dates.
      </Alert>
    );
  }
  return (
    <p className="muted">
      Interview window: <strong>{window}</strong>. Interviews run within business hours, and nobody can be in two
      interviews at once or booked while unavailable.
      {schedulable && canManage && unscheduled.length === 0 && shortlisted > 0
        ? " Every shortlisted vendor has a slot."
        : ""}
      {shortlisted === 0 ? " No vendor is shortlisted yet." : ""}
    </p>
  );
}
