import { Form } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { customQuestionSchema, followUpSchema } from "~/schemas/interview-questions";

/**
 * The advance questions of one interview: what is on the list, the follow-ups suggested from the
 * vendor's written scores, the RFP's question bank, and a question written for this vendor.
 * Every control is a plain form (works without JavaScript); each posts one `intent`.
 */
export type PickedQuestion = { id: string; category: string; text: string; source: "bank" | "follow-up" | "custom" };

export function PickedQuestions({ questions, editable }: { questions: PickedQuestion[]; editable: boolean }) {
  const moving = useIsSubmitting("move-question");
  const removing = useIsSubmitting("remove-question");
  if (questions.length === 0) {
    return (
      <EmptyState title="No questions picked yet">
        {editable
          ? "Add suggested follow-ups, questions from the bank, or your own. The vendor receives them with the agenda."
          : "No advance questions were picked for this interview."}
      </EmptyState>
    );
  }
  return (
    <ol className="question-list interview-picks">
      {questions.map((question, index) => (
        <li key={question.id} className="question-list__item">
          <span>
            <span className="muted small">
              {index + 1}. {question.category}
              {question.source === "follow-up" ? (
                <>
                  {" "}
                  <Badge tone="warning">Follow-up</Badge>
                </>
              ) : null}
            </span>
            <br />
            {question.text}
          </span>
          {editable ? (
            <span className="row row--end">
              <Form method="post">
                <input type="hidden" name="slotQuestionId" value={question.id} />
                <input type="hidden" name="direction" value="up" />
                <Button
                  type="submit"
                  name="intent"
                  value="move-question"
                  variant="ghost"
                  size="small"
                  pending={moving}
                  disabled={index === 0}
                >
                  Up<span className="visually-hidden"> (question {index + 1})</span>
                </Button>
              </Form>
              <Form method="post">
                <input type="hidden" name="slotQuestionId" value={question.id} />
                <input type="hidden" name="direction" value="down" />
                <Button
                  type="submit"
                  name="intent"
                  value="move-question"
                  variant="ghost"
                  size="small"
                  pending={moving}
                  disabled={index === questions.length - 1}
                >
                  Down<span className="visually-hidden"> (question {index + 1})</span>
                </Button>
              </Form>
              <Form
                method="post"
                onSubmit={(event) => {
                  if (!window.confirm("Remove this question from the interview?")) event.preventDefault();
                }}
              >
                <input type="hidden" name="slotQuestionId" value={question.id} />
                <Button
                  type="submit"
                  name="intent"
                  value="remove-question"
                  variant="ghost"
                  size="small"
                  pending={removing}
                >
                  Remove<span className="visually-hidden"> question {index + 1}</span>
                </Button>
              </Form>
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export type Suggestion = {
  criterionId: string;
  criterionName: string;
  why: string[];
  question: string;
  added: boolean;
};

/** One card per suggested follow-up: why it is suggested (lead only), and its editable wording. */
export function SuggestedFollowUps({
  suggestions,
  editable,
  lastResult,
}: {
  suggestions: Suggestion[];
  editable: boolean;
  lastResult?: ServerFormResult;
}) {
  if (suggestions.length === 0) {
    return (
      <p className="muted small">
        No follow-ups to suggest: no written criterion of this vendor scored below 60% of its scale or was flagged for
        disagreement in the submitted sheets.
      </p>
    );
  }
  return (
    <ul className="plain-list">
      {suggestions.map((suggestion) => (
        <li key={suggestion.criterionId} className="follow-up">
          <div className="follow-up__head">
            <strong>{suggestion.criterionName}</strong>
            {suggestion.added ? <Badge tone="success">Added</Badge> : null}
          </div>
          <p className="small follow-up__why">
            Suggested because: {suggestion.why.join("; ")}. <span className="muted">(Only you see this.)</span>
          </p>
          {editable && !suggestion.added ? (
            <FollowUpForm
              suggestion={suggestion}
              lastResult={lastResult?.values?.criterionId === suggestion.criterionId ? lastResult : undefined}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function FollowUpForm({ suggestion, lastResult }: { suggestion: Suggestion; lastResult?: ServerFormResult }) {
  const prefix = `follow-up-${suggestion.criterionId}`;
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: followUpSchema,
    defaultValues: { intent: "add-follow-up", criterionId: suggestion.criterionId, text: suggestion.question },
    lastResult,
  });
  const adding = useIsSubmitting("add-follow-up");
  const text = field("text");
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} id={`${prefix}-intent`} />
      <input type="hidden" {...field("criterionId")} id={`${prefix}-criterion`} />
      <div className="field">
        <label htmlFor={`${prefix}-text`}>Question to the vendor about {suggestion.criterionName}</label>
        <textarea
          className="textarea textarea--short"
          rows={4}
          {...text}
          id={`${prefix}-text`}
          aria-describedby={`${prefix}-text-error`}
        />
        <span className="field__error" id={`${prefix}-text-error`}>
          {errorFor("text")}
        </span>
      </div>
      <div className="form-actions">
        <Button type="submit" name="intent" value="add-follow-up" variant="secondary" size="small" pending={adding}>
          Add follow-up<span className="visually-hidden"> on {suggestion.criterionName}</span>
        </Button>
      </div>
    </Form>
  );
}

export type BankGroup = {
  category: string;
  questions: { id: string | null; category: string; text: string; added: boolean }[];
};

/** The RFP's bank by category; standard questions missing from the bank are offered too. */
export function QuestionBankPicker({ groups, editable }: { groups: BankGroup[]; editable: boolean }) {
  const adding = useIsSubmitting();
  if (groups.length === 0) return <p className="muted small">The question bank of this RFP is empty.</p>;
  return (
    <div className="plain-list">
      {groups.map((group) => (
        <section key={group.category} aria-label={group.category}>
          <h4 className="small">{group.category}</h4>
          <ul className="question-list">
            {group.questions.map((question) => (
              <li key={question.id ?? question.text} className="question-list__item">
                <span className="small">{question.text}</span>
                {question.added ? (
                  <Badge tone="success">Added</Badge>
                ) : editable ? (
                  <Form method="post">
                    {question.id ? (
                      <input type="hidden" name="questionId" value={question.id} />
                    ) : (
                      <>
                        <input type="hidden" name="category" value={question.category} />
                        <input type="hidden" name="text" value={question.text} />
                      </>
                    )}
                    <Button
                      type="submit"
                      name="intent"
                      value={question.id ? "add-bank" : "add-custom"}
                      variant="ghost"
                      size="small"
                      pending={adding}
                      title={question.text}
                    >
                      Add<span className="visually-hidden"> question: {question.text}</span>
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function CustomQuestionForm({
  categories,
  lastResult,
}: {
  categories: string[];
  lastResult?: ServerFormResult;
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: customQuestionSchema,
    defaultValues: { intent: "add-custom", category: "", text: "" },
    lastResult,
  });
  const adding = useIsSubmitting("add-custom");
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      <Field name="category" label="Category" error={errorFor("category")} hint="Pick one or type a new one.">
        <input className="input" list="advance-question-categories" {...field("category")} />
      </Field>
      <datalist id="advance-question-categories">
        {categories.map((category) => (
          <option key={category} value={category} />
        ))}
      </datalist>
      <Field name="text" label="Question for this vendor" error={errorFor("text")}>
        <textarea className="textarea" rows={3} {...field("text")} />
      </Field>
      <div className="form-actions">
        <Button type="submit" name="intent" value="add-custom" variant="secondary" pending={adding}>
          Add question
        </Button>
      </div>
    </Form>
  );
}
