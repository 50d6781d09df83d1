import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/form";
import {
  CustomQuestionForm,
  PickedQuestions,
  QuestionBankPicker,
  SuggestedFollowUps,
} from "~/components/interviews/advance-questions";
import { InterviewHeader } from "~/components/interviews/interview-header";
import { PublishCard } from "~/components/interviews/publish-card";
import { Alert } from "~/components/ui/alert";
import { publicationState, questionsEditable } from "~/domain/interview-publish";
import { groupQuestionsByCategory, STANDARD_QUESTION_CATEGORIES } from "~/domain/templates";
import { userActor } from "~/models/audit.server";
import { publishInterviewNow, setPublishDaysBefore } from "~/models/interview-publish.server";
import { changeAdvanceQuestions, getAdvanceQuestions } from "~/models/interview-questions.server";
import { requireRfpPermission } from "~/models/policy.server";
import { advanceQuestionActionSchema } from "~/schemas/interview-questions";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Advance questions: ${data.interview.vendorName} · Shortlist` : "Advance questions · Shortlist" },
];

/** Panel and observers read the list; only the lead picks, sees suggestions (they quote scores) and publishes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const canManage = permissions.includes("rfp.manage_interviews");
  const { interview, bank, standardNotInBank, suggestions } = await getAdvanceQuestions(
    rfp.id,
    params.interviewId ?? "",
    { suggestions: canManage },
  );
  const now = new Date();
  const picks = interview.questions;
  const pickedBankIds = new Set(picks.map((pick) => pick.questionId));
  const pickedTexts = new Set(picks.map((pick) => pick.text.trim()));
  const pickedCriteria = new Set(picks.map((pick) => pick.criterionId));
  const bankEntries = [
    ...bank.map((question) => ({ ...question, added: pickedBankIds.has(question.id) })),
    ...standardNotInBank.map((question) => ({
      id: null,
      category: question.category,
      text: question.text,
      added: pickedTexts.has(question.text.trim()),
    })),
  ];
  const publication = publicationState(interview, now);
  return {
    rfp: { id: rfp.id, timeZone: rfp.timeZone },
    canManage,
    editable: canManage && rfp.stage === "INTERVIEWS" && questionsEditable(interview, now),
    interview: {
      id: interview.id,
      vendorName: interview.invitation.vendor.name,
      startsAt: interview.startsAt,
      endsAt: interview.endsAt,
      publishDaysBefore: interview.publishDaysBefore,
      contactEmail: canManage ? (interview.invitation.contact?.email ?? null) : null,
      confirmation: interview.vendorConfirmedAt
        ? { at: interview.vendorConfirmedAt, presenters: interview.vendorPresenters }
        : null,
    },
    publication,
    picks: picks.map((pick) => ({
      id: pick.id,
      category: pick.category,
      text: pick.text,
      source: pick.criterionId ? ("follow-up" as const) : pick.questionId ? ("bank" as const) : ("custom" as const),
    })),
    suggestions: suggestions.map((suggestion) => ({
      criterionId: suggestion.criterionId,
      criterionName: suggestion.criterionName,
      why: suggestion.why,
      question: suggestion.question,
      added: pickedCriteria.has(suggestion.criterionId),
    })),
    bank: groupQuestionsByCategory(bankEntries),
    categories: [...new Set([...STANDARD_QUESTION_CATEGORIES, ...bank.map((question) => question.category)])],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.manage_interviews");
  const interviewId = params.interviewId ?? "";
  const parsed = parseForm(await request.formData(), advanceQuestionActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const here = `/rfps/${rfp.id}/interviews/${interviewId}/questions`;
  try {
    switch (parsed.data.intent) {
      case "publish-now":
        await publishInterviewNow(actor, rfp.id, interviewId);
        return redirectWithFlash(here, {
          kind: "success",
          message: "Published: the agenda and questions are in the vendor's portal, and its contact was emailed.",
        });
      case "publish-days": {
        const result = await setPublishDaysBefore(actor, rfp.id, interviewId, parsed.data.publishDaysBefore);
        const due = formatDateTime(result.dueAt, { timeZone: rfp.timeZone });
        return redirectWithFlash(here, {
          kind: "success",
          message: result.publishedNow
            ? `That moment (${due}) has passed, so the interview was published to the vendor now.`
            : `The vendor will receive the agenda and questions on ${due}.`,
        });
      }
      default: {
        const result = await changeAdvanceQuestions(actor, rfp.id, interviewId, parsed.data);
        return redirectWithFlash(`${here}#picked-heading`, { kind: "success", message: result.message });
      }
    }
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function AdvanceQuestionsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const intent = actionData?.values?.intent;
  const ownForm = intent === "add-custom" || intent === "add-follow-up" || intent === "publish-days";
  // Forms of their own show their errors in place; the small buttons (add, move, remove) here.
  const generalError =
    actionData && !ownForm && intent !== "publish-now"
      ? (actionData.fieldErrors?.form ?? Object.values(actionData.fieldErrors ?? {})[0])
      : undefined;
  const { interview, publication } = data;
  return (
    <div className="stack">
      <InterviewHeader rfpId={data.rfp.id} interview={interview} timeZone={data.rfp.timeZone} />
      <div className="grid grid--main-side">
        <div className="stack">
          <section className="card" aria-labelledby="picked-heading">
            <div className="card__title">
              <h2 id="picked-heading">Questions for {interview.vendorName}</h2>
              <span className="muted small">{data.picks.length} picked</span>
            </div>
            <p className="muted small">
              The vendor receives these with the agenda, in this order, so that its presentation answers them.
            </p>
            <FormError message={generalError} />
            {!data.editable && data.canManage && publication.kind !== "PUBLISHED" ? (
              <Alert tone="info">
                The questions can change while the RFP is in its interview stage, until they are published.
              </Alert>
            ) : null}
            <PickedQuestions questions={data.picks} editable={data.editable} />
          </section>
          {data.canManage ? (
            <section className="card" aria-labelledby="suggested-heading">
              <div className="card__title">
                <h2 id="suggested-heading">Suggested follow-ups</h2>
              </div>
              <p className="muted small">
                From {interview.vendorName}'s submitted written scores: the criteria it scored weakest on, and those the
                evaluators disagreed about. The vendor sees only the question, never why it was asked.
              </p>
              <SuggestedFollowUps
                suggestions={data.suggestions}
                editable={data.editable}
                lastResult={intent === "add-follow-up" ? actionData : undefined}
              />
            </section>
          ) : null}
          {data.editable ? (
            <section className="card" aria-labelledby="bank-heading">
              <div className="card__title">
                <h2 id="bank-heading">From the question bank</h2>
              </div>
              <QuestionBankPicker groups={data.bank} editable={data.editable} />
            </section>
          ) : null}
        </div>
        <aside className="stack">
          <PublishCard
            vendorName={interview.vendorName}
            publication={publication}
            publishDaysBefore={interview.publishDaysBefore}
            questionCount={data.picks.length}
            canManage={data.canManage && data.editable}
            contactEmail={interview.contactEmail}
            confirmation={interview.confirmation}
            timeZone={data.rfp.timeZone}
            lastResult={intent === "publish-now" || intent === "publish-days" ? actionData : undefined}
          />
          {data.editable ? (
            <section className="card" aria-labelledby="custom-heading">
              <div className="card__title">
                <h2 id="custom-heading">Ask something else</h2>
              </div>
              <CustomQuestionForm
                key={data.picks.length}
                categories={data.categories}
                lastResult={intent === "add-custom" ? actionData : undefined}
              />
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
