import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { QuestionPanel, QuestionStatusBadge } from "~/components/questions";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { answerQuestion, listQuestions } from "~/models/clarification.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { questionActionSchema } from "~/schemas/clarification";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatRelative } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_questions");
  const canAnswer = permissions.includes("rfp.answer_questions");
  // Who asked is for the lead's eyes only; observers read the same inbox without names.
  const inbox = await listQuestions(rfp.id, { showAsker: canAnswer });
  const selectedId = new URL(request.url).searchParams.get("q");
  return { ...inbox, canAnswer, selectedId, now: new Date() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.answer_questions");
  const parsed = parseForm(await request.formData(), questionActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const { intent, questionId, publishedQuestion, answer, allowMention } = parsed.data;
  try {
    const { label } = await answerQuestion(userActor(user), rfp.id, questionId, {
      publishedQuestion,
      answer,
      publish: intent === "publish",
      allowMention: allowMention === "on",
    });
    return redirectWithFlash(`/rfps/${rfp.id}/questions?q=${encodeURIComponent(questionId)}`, {
      kind: "success",
      message: label
        ? `${label} was published to every invited vendor, without the asker's name.`
        : "Answer saved. Vendors see it once you publish it.",
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function QuestionsPage() {
  const { rfp, counts, questions, canAnswer, selectedId, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const format = { timeZone: rfp.timeZone, locale };
  const selected = questions.find((question) => question.id === (actionData?.values?.questionId ?? selectedId));
  return (
    <div className="stack">
      <section className="card" aria-labelledby="questions-heading">
        <div className="card__title">
          <h2 id="questions-heading">Clarification questions</h2>
          <span className="row small">
            <span>
              <strong>{counts.OPEN}</strong> open
            </span>
            <span>
              <strong>{counts.ANSWERED}</strong> answered, not published
            </span>
            <span>
              <strong>{counts.PUBLISHED}</strong> published
            </span>
          </span>
        </div>
        <p className="muted small">
          {rfp.questionsDeadline ? (
            <>
              Vendors can ask until {formatDateTime(rfp.questionsDeadline, format)} (
              {formatRelative(rfp.questionsDeadline, new Date(now), locale)}); the portal refuses later questions.
            </>
          ) : (
            "The questions deadline is not set yet."
          )}{" "}
          Published answers go to every invited vendor without the asker's name.
        </p>
      </section>
      <div className="grid grid--main-side">
        <section className="card" aria-labelledby="inbox-heading">
          <div className="card__title">
            <h2 id="inbox-heading">Inbox</h2>
          </div>
          {questions.length === 0 ? (
            <EmptyState title="No questions yet">
              {rfp.stage === "DRAFT"
                ? "Vendors ask questions in their portal once the RFP is published."
                : "Questions vendors ask in the portal arrive here for you to answer and publish."}
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">Status</th>
                    {canAnswer ? <th scope="col">Asked by</th> : null}
                    <th scope="col">Asked</th>
                  </tr>
                </thead>
                <tbody>
                  {questions.map((question) => (
                    <tr key={question.id} aria-current={question.id === selected?.id ? "true" : undefined}>
                      <td>
                        <Link to={`?q=${question.id}`} preventScrollReset>
                          {question.label ? <span className="mono">{question.label} </span> : null}
                          {excerpt(question.publishedQuestion ?? question.question)}
                        </Link>
                        {question.section ? <div className="muted small">{question.section}</div> : null}
                      </td>
                      <td>
                        <QuestionStatusBadge status={question.status} />
                      </td>
                      {canAnswer ? <td>{question.askedBy}</td> : null}
                      <td className="num">{formatDateTime(question.askedAt, format)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {selected ? (
          <QuestionPanel
            key={selected.id}
            question={selected}
            format={format}
            canAnswer={canAnswer && rfp.stage === "PUBLISHED"}
            lastResult={actionData?.values?.questionId === selected.id ? actionData : undefined}
          />
        ) : questions.length > 0 ? (
          <EmptyState title="Choose a question">
            Pick a question in the inbox to read{canAnswer ? " and answer" : ""} it.
          </EmptyState>
        ) : null}
      </div>
    </div>
  );
}

function excerpt(text: string) {
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
}
