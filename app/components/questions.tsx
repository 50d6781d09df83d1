import { Form } from "@remix-run/react";
import type { listQuestions } from "~/models/clarification.server";
import { answerFormSchema } from "~/schemas/clarification";
import { formatDateTime } from "~/utils/dates";
import { useConfirmedSubmit } from "./confirmed-submit";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "./form";
import { Alert } from "./ui/alert";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";

type Question = Awaited<ReturnType<typeof listQuestions>>["questions"][number];
type DateFormat = { timeZone: string; locale?: string };

const STATUS: Record<Question["status"], { tone: string; label: string }> = {
  OPEN: { tone: "warning", label: "Open" },
  ANSWERED: { tone: "published", label: "Answered, not published" },
  PUBLISHED: { tone: "success", label: "Published" },
  WITHDRAWN: { tone: "draft", label: "Withdrawn" },
};

export function QuestionStatusBadge({ status }: { status: Question["status"] }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}

export function QuestionPanel({
  question,
  format,
  canAnswer,
  lastResult,
}: {
  question: Question;
  format: DateFormat;
  canAnswer: boolean;
  lastResult?: ServerFormResult;
}) {
  const editable = canAnswer && (question.status === "OPEN" || question.status === "ANSWERED");
  return (
    <section className="card" aria-labelledby="question-heading">
      <div className="card__title">
        <h2 id="question-heading">{question.label ?? "Question"}</h2>
        <QuestionStatusBadge status={question.status} />
      </div>
      <p className="muted small">
        Asked {formatDateTime(question.askedAt, format)}
        {question.askedBy ? ` by ${question.askedBy}` : ""}
        {question.section ? ` · about “${question.section}”` : ""}
      </p>
      <blockquote className="quote pre-wrap">{question.question}</blockquote>
      {editable ? (
        <AnswerForm question={question} lastResult={lastResult} />
      ) : (
        <dl className="facts">
          {question.publishedQuestion ? (
            <>
              <dt>As published</dt>
              <dd className="pre-wrap">{question.publishedQuestion}</dd>
            </>
          ) : null}
          <dt>Answer</dt>
          <dd className="pre-wrap">{question.answer ?? <span className="muted">Not answered yet</span>}</dd>
          {question.publishedAt ? (
            <>
              <dt>Published</dt>
              <dd>{formatDateTime(question.publishedAt, format)}</dd>
            </>
          ) : null}
          {question.answeredBy ? (
            <>
              <dt>Answered by</dt>
              <dd>{question.answeredBy.name}</dd>
            </>
          ) : null}
        </dl>
      )}
    </section>
  );
}

function AnswerForm({ question, lastResult }: { question: Question; lastResult?: ServerFormResult }) {
  const { form, field, errorFor, formError } = useValidatedForm({
    schema: answerFormSchema,
    defaultValues: {
      questionId: question.id,
      publishedQuestion: question.publishedQuestion ?? question.question,
      answer: question.answer ?? "",
    },
    lastResult,
  });
  const onSubmit = useConfirmedSubmit(form, (submitter) =>
    submitter?.value === "publish"
      ? "Publish this question and answer to every invited vendor? It cannot be unpublished."
      : null,
  );
  const saving = useIsSubmitting("answer");
  const publishing = useIsSubmitting("publish");
  const serverErrors = lastResult?.fieldErrors ?? {};
  // Offered only after the server flagged a name: the lead confirms it is not about the asker.
  const flagged = [serverErrors.publishedQuestion, serverErrors.answer].some((error) =>
    error?.includes("identifies the vendor"),
  );
  return (
    <Form method="post" className="form" noValidate onSubmit={onSubmit}>
      <FormError message={formError} />
      <input type="hidden" {...field("questionId")} />
      <Field
        name="publishedQuestion"
        label="Question as vendors will read it"
        error={errorFor("publishedQuestion")}
        hint="Remove anything that identifies the vendor who asked: names, products, places, people."
      >
        <textarea className="textarea" rows={4} {...field("publishedQuestion")} />
      </Field>
      <Field name="answer" label="Answer" error={errorFor("answer")}>
        <textarea className="textarea" rows={6} {...field("answer")} />
      </Field>
      {flagged ? (
        <Alert tone="warning">
          <label className="checkbox">
            <input type="checkbox" name="allowMention" value="on" />
            The flagged words are not about the vendor who asked; publish anyway.
          </label>
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" name="intent" value="publish" pending={publishing} pendingLabel="Publishing…">
          Publish to all vendors
        </Button>
        <Button type="submit" name="intent" value="answer" variant="secondary" pending={saving} pendingLabel="Saving…">
          Save answer
        </Button>
      </div>
    </Form>
  );
}
