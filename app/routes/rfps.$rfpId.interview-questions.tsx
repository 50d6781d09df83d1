import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button, buttonClass } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { isQuestionBankEditable } from "~/domain/authoring";
import { groupQuestionsByCategory, missingStandardQuestions, STANDARD_QUESTION_CATEGORIES } from "~/domain/templates";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import {
  addInterviewQuestion,
  addStandardQuestions,
  deleteInterviewQuestion,
  listInterviewQuestions,
  updateInterviewQuestion,
} from "~/models/question-bank.server";
import { addQuestionSchema, questionActionSchema, updateQuestionSchema } from "~/schemas/document-questions";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Interview questions · Shortlist" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  const questions = await listInterviewQuestions(rfp.id);
  const editable = isQuestionBankEditable(rfp.stage);
  const editId = new URL(request.url).searchParams.get("edit");
  return {
    groups: groupQuestionsByCategory(questions),
    total: questions.length,
    missingStandard: missingStandardQuestions(questions).length,
    categories: [...new Set([...STANDARD_QUESTION_CATEGORIES, ...questions.map((question) => question.category)])],
    canEdit: permissions.includes("rfp.edit") && editable,
    locked: !editable,
    editing: questions.find((question) => question.id === editId && !question.standard) ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.edit");
  const parsed = parseForm(await request.formData(), questionActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const here = `/rfps/${rfp.id}/interview-questions`;
  try {
    switch (parsed.data.intent) {
      case "add-question":
        await addInterviewQuestion(actor, rfp.id, parsed.data);
        return redirectWithFlash(here, { kind: "success", message: "Question added." });
      case "update-question":
        await updateInterviewQuestion(actor, rfp.id, parsed.data.questionId, parsed.data);
        return redirectWithFlash(here, { kind: "success", message: "Question saved." });
      case "delete-question":
        await deleteInterviewQuestion(actor, rfp.id, parsed.data.questionId);
        return redirectWithFlash(here, { kind: "success", message: "Question removed." });
      case "add-standard": {
        const added = await addStandardQuestions(actor, rfp.id);
        return redirectWithFlash(here, {
          kind: "success",
          message: added === 0 ? "The standard questions are all there already." : `${added} standard questions added.`,
        });
      }
    }
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function InterviewQuestionsPage() {
  const { groups, total, missingStandard, categories, canEdit, locked, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const intent = actionData?.values?.intent;
  const isFormResult = intent === "add-question" || intent === "update-question";
  const removing = useIsSubmitting("delete-question");
  const restoring = useIsSubmitting("add-standard");
  return (
    <div className="grid grid--main-side">
      <section className="stack" aria-labelledby="questions-heading">
        <div className="card__title">
          <h2 id="questions-heading">Interview question bank</h2>
          <span className="muted small">{total} questions</span>
        </div>
        <p className="muted">
          Shortlisted vendors receive these questions before their oral interview, so their presentation answers them.
          Standard questions come with every template; add your own for what matters in this purchase.
        </p>
        {locked ? (
          <Alert tone="info">The interviews have begun, so the question bank can no longer change.</Alert>
        ) : null}
        {!isFormResult ? (
          <FormError message={actionData?.fieldErrors?.form ?? actionData?.fieldErrors?.intent} />
        ) : null}
        {groups.length === 0 ? (
          <EmptyState title="No interview questions yet">
            {canEdit ? "Add the standard questions in one step, then your own." : "The lead has not written them yet."}
          </EmptyState>
        ) : (
          groups.map((group) => (
            <section key={group.category} className="card" aria-labelledby={`category-${slug(group.category)}`}>
              <div className="card__title">
                <h3 id={`category-${slug(group.category)}`}>{group.category}</h3>
                {group.standard ? <Badge>Standard category</Badge> : null}
              </div>
              <ol className="question-list">
                {group.questions.map((question) => (
                  <li key={question.id} className="question-list__item">
                    <span>
                      {question.text} {question.standard ? <Badge tone="published">Standard</Badge> : null}
                    </span>
                    {canEdit ? (
                      <span className="row row--end">
                        {question.standard ? null : (
                          <Link to={`?edit=${question.id}#question-form`} className={buttonClass("ghost", "small")}>
                            Edit<span className="visually-hidden"> question</span>
                          </Link>
                        )}
                        <Form
                          method="post"
                          onSubmit={(event) => {
                            if (!window.confirm("Remove this question from the bank?")) event.preventDefault();
                          }}
                        >
                          <input type="hidden" name="questionId" value={question.id} />
                          <Button
                            type="submit"
                            name="intent"
                            value="delete-question"
                            variant="ghost"
                            size="small"
                            pending={removing}
                          >
                            Remove<span className="visually-hidden"> question</span>
                          </Button>
                        </Form>
                      </span>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          ))
        )}
      </section>
      {canEdit ? (
        <aside className="stack">
          <section className="card" aria-labelledby="question-form-heading">
            <QuestionForm
              key={editing?.id ?? `new-${total}`}
              editing={editing}
              categories={categories}
              lastResult={isFormResult ? actionData : undefined}
            />
          </section>
          {missingStandard > 0 ? (
            <section className="card" aria-labelledby="standard-heading">
              <div className="card__title">
                <h2 id="standard-heading">Standard questions</h2>
              </div>
              <p className="small">
                {missingStandard} of the standard questions ({STANDARD_QUESTION_CATEGORIES.join(", ").toLowerCase()})
                are not in this bank.
              </p>
              <Form method="post">
                <Button type="submit" name="intent" value="add-standard" variant="secondary" pending={restoring}>
                  Add the standard questions
                </Button>
              </Form>
            </section>
          ) : null}
        </aside>
      ) : null}
    </div>
  );
}

function QuestionForm({
  editing,
  categories,
  lastResult,
}: {
  editing: { id: string; category: string; text: string } | null;
  categories: string[];
  lastResult?: ServerFormResult;
}) {
  const intent = editing ? "update-question" : "add-question";
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: editing ? updateQuestionSchema : addQuestionSchema,
    defaultValues: { intent, questionId: editing?.id, category: editing?.category ?? "", text: editing?.text ?? "" },
    lastResult,
  });
  const saving = useIsSubmitting(intent);
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate id="question-form">
      <div className="card__title">
        <h2 id="question-form-heading">{editing ? "Edit question" : "Add a question"}</h2>
      </div>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      {editing ? <input type="hidden" {...field("questionId")} /> : null}
      <Field name="category" label="Category" error={errorFor("category")} hint="Pick one or type a new one.">
        <input className="input" list="question-categories" {...field("category")} />
      </Field>
      <datalist id="question-categories">
        {categories.map((category) => (
          <option key={category} value={category} />
        ))}
      </datalist>
      <Field name="text" label="Question" error={errorFor("text")}>
        <textarea className="textarea" rows={4} {...field("text")} />
      </Field>
      <div className="form-actions">
        <Button type="submit" name="intent" value={intent} pending={saving} pendingLabel="Saving…">
          {editing ? "Save question" : "Add question"}
        </Button>
        {editing ? (
          <Link to="." className={buttonClass("ghost")}>
            Cancel
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function slug(text: string) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
