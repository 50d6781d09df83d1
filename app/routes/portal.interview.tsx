import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { interviewWhen } from "~/components/interviews/interview-header";
import {
  PortalInterviewAgenda,
  PortalInterviewConfirm,
  PortalInterviewQuestions,
} from "~/components/interviews/portal-interview";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { buttonClass } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { vendorMayConfirm } from "~/domain/interview-publish";
import { groupQuestionsByCategory } from "~/domain/templates";
import { confirmInterviewAttendance, getPortalInterview } from "~/models/interview-publish-portal.server";
import { useRootData } from "~/root";
import { confirmAttendanceSchema } from "~/schemas/portal-interview";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { invariantResponse } from "~/utils/http.server";
import { requirePortalVendor } from "~/utils/portal.server";

export const meta: MetaFunction = () => [{ title: "Your interview · Vendor portal" }];

/** The vendor's own interview, once published: never another vendor's (the session decides whose). */
export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const interview = await getPortalInterview(vendor);
  invariantResponse(interview, "There is no published interview for your company yet.");
  const now = new Date();
  return {
    timeZone: vendor.rfp.timeZone,
    interview: {
      startsAt: interview.startsAt,
      endsAt: interview.endsAt,
      mode: interview.mode,
      location: interview.location,
      meetingLink: interview.meetingLink,
      /** Only a web address becomes a link (a typo'd or hostile value stays plain text). */
      meetingLinkIsWeb: isWebLink(interview.meetingLink),
      publishedAt: interview.publishedAt,
      vendorConfirmedAt: interview.vendorConfirmedAt,
      vendorPresenters: interview.vendorPresenters,
      agenda: interview.agenda,
    },
    questionGroups: groupQuestionsByCategory(interview.questions),
    questionCount: interview.questions.length,
    mayConfirm: vendorMayConfirm(interview, now),
    over: interview.endsAt.getTime() <= now.getTime(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const parsed = parseForm(await request.formData(), confirmAttendanceSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const result = await confirmInterviewAttendance(vendor, parsed.data);
    return redirectWithFlash("/portal/interview", {
      kind: "success",
      message: result.first
        ? "Thank you: your attendance is confirmed and the buyer sees your presenters."
        : "Your presenters are updated.",
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

function isWebLink(text: string) {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

export default function PortalInterviewPage() {
  const { interview, timeZone, questionGroups, questionCount, mayConfirm, over } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  return (
    <>
      <PageHeader
        title="Your interview"
        eyebrow={
          interview.vendorConfirmedAt ? (
            <Badge tone="success">Attendance confirmed</Badge>
          ) : (
            <Badge tone="warning">Please confirm attendance</Badge>
          )
        }
        actions={
          <a href="/portal/interview.ics" className={buttonClass("secondary")} download>
            Add to calendar (.ics)
          </a>
        }
      >
        <p className="muted">
          The agenda and the questions we would like your presentation to answer. Times are in {timeZone}.
        </p>
      </PageHeader>
      <div className="grid grid--main-side">
        <div className="stack">
          {over ? <Alert tone="info">This interview has taken place. Thank you for your time.</Alert> : null}
          <section className="card" aria-labelledby="when-heading">
            <div className="card__title">
              <h2 id="when-heading">When and where</h2>
            </div>
            <dl className="facts">
              <dt>When</dt>
              <dd>{interviewWhen(interview, { timeZone, locale })}</dd>
              <dt>Where</dt>
              <dd>
                {interview.mode === "VIRTUAL" ? (
                  <>
                    Online
                    {interview.meetingLink ? (
                      <>
                        {interview.meetingLinkIsWeb ? (
                          <>
                            {" "}
                            ·{" "}
                            <a href={interview.meetingLink} rel="noreferrer noopener" target="_blank">
                              Join the meeting
                            </a>
                          </>
                        ) : null}
                        <div className="muted small mono">{interview.meetingLink}</div>
                      </>
                    ) : (
                      <span className="muted"> (the meeting link follows)</span>
                    )}
                  </>
                ) : (
                  <>In person: {interview.location || <span className="muted">the address follows</span>}</>
                )}
              </dd>
            </dl>
          </section>
          <PortalInterviewAgenda agenda={interview.agenda} timeZone={timeZone} locale={locale} />
          <PortalInterviewQuestions groups={questionGroups} count={questionCount} />
        </div>
        <aside className="stack">
          <PortalInterviewConfirm
            confirmedAt={interview.vendorConfirmedAt}
            presenters={interview.vendorPresenters}
            mayConfirm={mayConfirm}
            timeZone={timeZone}
            locale={locale}
            lastResult={actionData}
          />
        </aside>
      </div>
    </>
  );
}
