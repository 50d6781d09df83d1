import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useIsSubmitting } from "~/components/form";
import { AgendaBuilder, AgendaTable } from "~/components/interviews/agenda-builder";
import { ExpertItems } from "~/components/interviews/expert-items";
import { InterviewHeader } from "~/components/interviews/interview-header";
import { InterviewSummary } from "~/components/interviews/interview-summary";
import { SlotForm } from "~/components/interviews/slot-form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { STANDARD_QUESTION_CATEGORIES } from "~/domain/agenda";
import { countryName } from "~/domain/countries";
import { formatTimeRange, wallClock } from "~/domain/interview-calendar";
import type { RfpAction } from "~/domain/policy";
import { localDate } from "~/domain/scheduling";
import { getAgenda, saveAgenda, saveExpertItems } from "~/models/agenda.server";
import { userActor } from "~/models/audit.server";
import { deleteInterview, getInterviewSlot, updateInterview } from "~/models/interview-schedule.server";
import { requireRfpPermission } from "~/models/policy.server";
import {
  type AgendaFormValues,
  agendaEditIntentSchema,
  agendaFormValuesFrom,
  agendaFormValuesFromItems,
  agendaSchema,
  applyAgendaEdit,
  expertItemsSchema,
} from "~/schemas/agenda";
import { deleteInterviewSchema, parseNestedForm, slotTimes, updateInterviewSchema } from "~/schemas/interview";
import { requireUser } from "~/utils/auth.server";
import { ConflictError, FieldError, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { type FieldErrors, fieldErrorsFrom, formValues } from "~/utils/forms";
import { forbidden, invariantResponse } from "~/utils/http.server";
import { nestedFormValues } from "~/utils/nested-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Interview: ${data.interview.vendorName} · Shortlist` : "Interview · Shortlist" },
];

/**
 * One interview. Parts: the slot (when, where, who) and the agenda with its experts — and, added
 * by the questions and debrief work, the advance questions and the debrief. Each part loads its
 * own data and handles its own intents.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const [slot, agenda] = await Promise.all([
    getInterviewSlot(rfp.id, params.interviewId ?? ""),
    getAgenda(rfp.id, params.interviewId ?? ""),
  ]);
  invariantResponse(slot && agenda, "We could not find that interview.");
  const canManage = permissions.includes("rfp.manage_interviews");
  const editable = canManage && rfp.stage === "INTERVIEWS" && slot.startsAt.getTime() > Date.now();
  return {
    rfp: { id: rfp.id, timeZone: rfp.timeZone },
    ended: slot.endsAt.getTime() <= Date.now(),
    interview: {
      id: slot.id,
      vendorName: slot.invitation.vendor.name,
      version: slot.version,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
    },
    slot: slotPart(slot, rfp, { userId: user.id, canManage, editable }),
    agenda: agendaPart(agenda, slot, { editable }),
  };
}

type Slot = NonNullable<Awaited<ReturnType<typeof getInterviewSlot>>>;
type Agenda = NonNullable<Awaited<ReturnType<typeof getAgenda>>>;

function slotPart(
  slot: Slot,
  rfp: { id: string; timeZone: string },
  viewer: { userId: string; canManage: boolean; editable: boolean },
) {
  const base = `/rfps/${rfp.id}/interviews/${slot.id}`;
  const mine = slot.attendees.find((attendee) => attendee.member.userId === viewer.userId);
  return {
    editable: viewer.editable,
    timeZone: rfp.timeZone,
    summary: {
      when: formatTimeRange({ start: slot.startsAt, end: slot.endsAt }, rfp.timeZone),
      timeZone: rfp.timeZone,
      vendorName: slot.invitation.vendor.name,
      vendorCountry: countryName(slot.invitation.vendor.country),
      vendorContact: slot.invitation.contact,
      mode: slot.mode,
      location: slot.location,
      meetingLink: slot.meetingLink,
      travelNote: slot.travelNote,
      whole: slot.attendees.filter((attendee) => !attendee.partial).map((attendee) => attendee.member.user.name),
      experts: [],
    },
    links: {
      mine: mine ? `${base}/calendar.ics` : null,
      vendor: viewer.canManage || mine ? `${base}/vendor.ics` : null,
      members: viewer.canManage
        ? slot.attendees.map((attendee) => ({
            name: attendee.member.user.name,
            href: `${base}/calendar.ics?member=${attendee.member.id}`,
          }))
        : [],
      print: `${base}/print`,
    },
    panel: slot.panel,
    defaults: {
      intent: "update-interview",
      version: String(slot.version),
      date: localDate(slot.startsAt, rfp.timeZone),
      start: wallClock(slot.startsAt, rfp.timeZone),
      minutes: String(slot.minutes),
      mode: slot.mode,
      location: slot.location,
      meetingLink: slot.meetingLink,
      travelNote: slot.travelNote,
      ...Object.fromEntries(
        Object.entries(slot.attendance).map(([memberId, choice]) => [`attendance.${memberId}`, choice]),
      ),
    } as Record<string, string>,
  };
}

function agendaPart(agenda: Agenda, slot: Slot, options: { editable: boolean }) {
  const expertiseOptions = [
    ...new Set([
      ...STANDARD_QUESTION_CATEGORIES.map((category) => category.label),
      ...slot.panel.flatMap((member) => member.expertise),
    ]),
  ];
  return {
    ...agenda,
    startsAt: agenda.startsAt.toISOString(),
    editable: options.editable,
    values: agendaFormValuesFromItems(agenda.items, agenda.version),
    standard: agenda.standard ? agendaFormValuesFromItems(agenda.standard, agenda.version).items : null,
    expertiseOptions,
  };
}

// ───────────────────────────── Actions, by intent ─────────────────────────────

type Answer =
  | { form: "slot"; fieldErrors: FieldErrors; values: Record<string, string> }
  | { form: "agenda"; fieldErrors?: FieldErrors; agendaValues: AgendaFormValues; conflict?: boolean }
  | { form: "experts"; fieldErrors: FieldErrors };
const answer = (body: Answer, status: number) => data(body, { status });

type Context = {
  formData: FormData;
  intent: string;
  user: Awaited<ReturnType<typeof requireUser>>;
  rfp: Awaited<ReturnType<typeof requireRfpPermission>>["rfp"];
  interviewId: string;
};
type Handler = { permission: RfpAction; handle: (context: Context) => Promise<unknown> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const handler = agendaEditIntentSchema.safeParse(intent).success ? AGENDA_EDIT : HANDLERS[intent];
  if (!handler)
    return answer({ form: "slot", fieldErrors: { form: "Unknown action." }, values: formValues(formData) }, 400);
  if (!permissions.includes(handler.permission)) throw forbidden("Your role on this RFP does not allow that.");
  return handler.handle({ formData, intent, user, rfp, interviewId: params.interviewId ?? "" });
}

const pageOf = (context: Context) => `/rfps/${context.rfp.id}/interviews/${context.interviewId}`;

/** Agenda structure edits without JavaScript: nothing is saved, the form comes back changed. */
const AGENDA_EDIT: Handler = {
  permission: "rfp.manage_interviews",
  handle: async ({ formData, intent, rfp, interviewId }) => {
    const agenda = await getAgenda(rfp.id, interviewId);
    invariantResponse(agenda, "We could not find that interview.");
    const standard = agenda.standard ? agendaFormValuesFromItems(agenda.standard, agenda.version).items : [];
    const values = agendaFormValuesFrom(nestedFormValues(formData));
    return answer({ form: "agenda", agendaValues: applyAgendaEdit(values, intent, standard) }, 200);
  },
};

const HANDLERS: Record<string, Handler> = {
  "update-interview": {
    permission: "rfp.manage_interviews",
    handle: async (context) => {
      const { formData, user, rfp, interviewId } = context;
      const parsed = parseNestedForm(formData, updateInterviewSchema);
      if (!parsed.success) return answer({ form: "slot", fieldErrors: parsed.fieldErrors, values: parsed.values }, 400);
      const times = slotTimes(parsed.data, rfp.timeZone);
      if (!times)
        return answer({ form: "slot", fieldErrors: { date: "That date does not exist." }, values: parsed.values }, 400);
      try {
        const updated = await updateInterview(userActor(user), rfp.id, interviewId, {
          ...parsed.data,
          ...times,
          expectedVersion: parsed.data.version,
        });
        return redirectWithFlash(pageOf(context), {
          kind: "success",
          message: `Interview with ${updated.vendorName} saved.`,
        });
      } catch (error) {
        if (error instanceof ConflictError) {
          const current = await getInterviewSlot(rfp.id, interviewId);
          const values = { ...parsed.values, version: String(current?.version ?? parsed.data.version) };
          return answer(
            { form: "slot", fieldErrors: { form: `${error.message} Saving again overwrites their change.` }, values },
            409,
          );
        }
        if (error instanceof FieldError) {
          return answer({ form: "slot", fieldErrors: { [error.field]: error.message }, values: parsed.values }, 422);
        }
        throw error;
      }
    },
  },

  "delete-interview": {
    permission: "rfp.manage_interviews",
    handle: async ({ formData, user, rfp, interviewId }) => {
      const parsed = deleteInterviewSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success)
        return answer({ form: "slot", fieldErrors: { form: "Reload the page and try again." }, values: {} }, 400);
      try {
        const removed = await deleteInterview(userActor(user), rfp.id, interviewId, parsed.data.version);
        return redirectWithFlash(`/rfps/${rfp.id}/interviews`, {
          kind: "success",
          message: `The interview with ${removed.vendorName} was cancelled; the vendor can be scheduled again.`,
        });
      } catch (error) {
        const result = invalidFromError(error);
        return answer({ form: "slot", fieldErrors: result.data.fieldErrors, values: {} }, result.init?.status ?? 422);
      }
    },
  },

  "save-agenda": {
    permission: "rfp.manage_interviews",
    handle: async (context) => {
      const { formData, user, rfp, interviewId } = context;
      const agenda = await getAgenda(rfp.id, interviewId);
      invariantResponse(agenda, "We could not find that interview.");
      const raw = nestedFormValues(formData);
      const values = agendaFormValuesFrom(raw);
      const parsed = agendaSchema(agenda.slotMinutes).safeParse(raw);
      if (!parsed.success) {
        return answer({ form: "agenda", fieldErrors: fieldErrorsFrom(parsed.error), agendaValues: values }, 400);
      }
      try {
        const saved = await saveAgenda(userActor(user), rfp.id, interviewId, {
          expectedVersion: parsed.data.version,
          items: parsed.data.items,
        });
        return redirectWithFlash(pageOf(context), {
          kind: "success",
          message: `Agenda saved: ${saved.totalMinutes} of ${agenda.slotMinutes} minutes.`,
        });
      } catch (error) {
        if (error instanceof ConflictError) {
          // Nothing is overwritten and nothing typed is lost: saving again is deliberate.
          const current = await getAgenda(rfp.id, interviewId);
          return answer(
            {
              form: "agenda",
              fieldErrors: { form: error.message },
              agendaValues: { ...values, version: String(current?.version ?? values.version) },
              conflict: true,
            },
            409,
          );
        }
        if (error instanceof FieldError) {
          return answer({ form: "agenda", fieldErrors: { [error.field]: error.message }, agendaValues: values }, 422);
        }
        throw error;
      }
    },
  },

  "save-experts": {
    permission: "rfp.manage_interviews",
    handle: async (context) => {
      const { formData, user, rfp, interviewId } = context;
      const parsed = expertItemsSchema.safeParse(nestedFormValues(formData));
      if (!parsed.success)
        return answer({ form: "experts", fieldErrors: { form: "Reload the page and try again." } }, 400);
      try {
        await saveExpertItems(userActor(user), rfp.id, interviewId, {
          expectedVersion: parsed.data.version,
          experts: Object.fromEntries(
            Object.entries(parsed.data.experts).map(([attendeeId, items]) => [attendeeId, Object.keys(items)]),
          ),
        });
        return redirectWithFlash(pageOf(context), { kind: "success", message: "Experts' items saved." });
      } catch (error) {
        const result = invalidFromError(error);
        return answer({ form: "experts", fieldErrors: result.data.fieldErrors }, result.init?.status ?? 422);
      }
    },
  },
};

// ───────────────────────────── Page ─────────────────────────────

export default function InterviewPage() {
  const { rfp, ended, interview, slot, agenda } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Answer | undefined;
  const slotResult = actionData?.form === "slot" ? actionData : undefined;
  const agendaResult = actionData?.form === "agenda" ? actionData : undefined;
  const expertsResult = actionData?.form === "experts" ? actionData : undefined;
  const summary = {
    ...slot.summary,
    experts: agenda.experts.map((expert) => ({
      name: expert.name,
      items: agenda.items.filter((item) => expert.itemIds.includes(item.id)).map((item) => item.title),
    })),
  };
  return (
    <div className="stack">
      <InterviewHeader rfpId={rfp.id} interview={interview} timeZone={rfp.timeZone} />
      {ended ? (
        <Alert tone="info" title="This interview is over: time for the debrief">
          Record your view while it is fresh. <Link to="debrief">Open the debrief</Link>
        </Alert>
      ) : null}
      <div className="grid grid--main-side">
        <div className="stack">
          <section className="card" aria-labelledby="agenda-heading">
            <div className="card__title">
              <h3 id="agenda-heading">Agenda</h3>
              <span className="muted small">times in {slot.timeZone}</span>
            </div>
            {agendaResult?.conflict ? (
              <Alert tone="warning" title="Someone else saved this interview after you opened it">
                Your agenda was <strong>not</strong> saved and nothing was overwritten; your version is still in the
                form. “Save mine anyway” replaces theirs with yours.
              </Alert>
            ) : null}
            {agenda.editable ? (
              <AgendaBuilder
                key={`${agenda.version}-${agendaResult ? "answer" : "loaded"}`}
                values={agendaResult?.agendaValues ?? agenda.values}
                lastResult={agendaResult}
                slotMinutes={agenda.slotMinutes}
                startsAt={agenda.startsAt}
                timeZone={agenda.timeZone}
                owners={agenda.owners}
                expertiseOptions={agenda.expertiseOptions}
                standard={agenda.standard}
                conflict={Boolean(agendaResult?.conflict)}
              />
            ) : (
              <AgendaTable items={agenda.items} totalMinutes={agenda.totalMinutes} slotMinutes={agenda.slotMinutes} />
            )}
          </section>
          <section className="card" aria-labelledby="experts-heading">
            <div className="card__title">
              <h3 id="experts-heading">Subject-matter experts</h3>
            </div>
            <ExpertItems
              version={agenda.version}
              items={agenda.items}
              experts={agenda.experts}
              itemsWithoutExpert={agenda.itemsWithoutExpert}
              canManage={agenda.editable}
              error={expertsResult?.fieldErrors.form}
            />
          </section>
        </div>
        <aside className="stack">
          <section className="card" aria-labelledby="slot-heading">
            <div className="card__title">
              <h3 id="slot-heading">Slot</h3>
            </div>
            <InterviewSummary summary={summary} links={slot.links} />
          </section>
          {slot.editable ? <ChangeSlot slot={slot} version={interview.version} result={slotResult} /> : null}
        </aside>
      </div>
    </div>
  );
}

function ChangeSlot({
  slot,
  version,
  result,
}: {
  slot: ReturnType<typeof useLoaderData<typeof loader>>["slot"];
  version: number;
  result?: { fieldErrors: FieldErrors; values: Record<string, string> };
}) {
  const cancelling = useIsSubmitting("delete-interview");
  return (
    <section className="card" aria-labelledby="change-heading">
      <details open={result ? true : undefined}>
        <summary>
          <h3 id="change-heading" className="inline-heading">
            Move or change this interview
          </h3>
        </summary>
        <SlotForm
          intent="update-interview"
          panel={slot.panel}
          defaults={slot.defaults}
          lastResult={result}
          timeZone={slot.timeZone}
          submitLabel="Save changes"
        />
        <Form
          method="post"
          className="row slot-cancel"
          onSubmit={(event) => {
            if (!window.confirm("Cancel this interview? Its agenda is deleted; the vendor can be scheduled again."))
              event.preventDefault();
          }}
        >
          <input type="hidden" name="version" value={version} />
          <Button
            type="submit"
            name="intent"
            value="delete-interview"
            variant="danger"
            size="small"
            pending={cancelling}
          >
            Cancel this interview
          </Button>
        </Form>
      </details>
    </section>
  );
}
