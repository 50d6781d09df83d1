import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { isOpen } from "~/domain/portal";
import { askQuestion, getVendorQuestions } from "~/models/question-vendor.server";
import { useRootData } from "~/root";
import { questionSchema } from "~/schemas/portal";
import { formatDateTime } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";
import { requirePortalVendor } from "~/utils/portal.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const questions = await getVendorQuestions(vendor);
  const { stage, questionsDeadline, timeZone } = vendor.rfp;
  return {
    ...questions,
    timeZone,
    questionsDeadline,
    open: isOpen({ stage, deadline: questionsDeadline, now: new Date() }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const parsed = parseForm(await request.formData(), questionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    await askQuestion(vendor, parsed.data, { origin: appOrigin(request) });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
  return redirectWithFlash("/portal/questions", {
    kind: "success",
    message: "Your question was sent to the buyer. The answer will be published to every invited vendor.",
  });
}

const OWN_STATUS: Record<string, { label: string; tone: string }> = {
  OPEN: { label: "Waiting for an answer", tone: "warning" },
  ANSWERED: { label: "Answer being prepared", tone: "published" },
  PUBLISHED: { label: "Answered and published", tone: "success" },
  WITHDRAWN: { label: "Withdrawn", tone: "draft" },
};

export default function PortalQuestionsPage() {
  const { own, published, sections, timeZone, questionsDeadline, open } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  const fmt = (at: Date | string) => formatDateTime(at, { timeZone, locale });
  const sectionTitle = new Map(sections.map((section) => [section.id, section.title]));
  return (
    <>
      <PageHeader title="Clarification questions">
        <p className="muted">
          Ask the buyer about anything unclear in the RFP. Answers are published to every invited vendor, without saying
          who asked, so that all bidders work from the same information.
        </p>
      </PageHeader>
      <div className="grid grid--main-side">
        <div className="stack">
          <section className="card" aria-labelledby="answers-heading">
            <div className="card__title">
              <h2 id="answers-heading">Published answers</h2>
              <span className="muted small">{published.length} published</span>
            </div>
            {published.length === 0 ? (
              <p className="muted">
                No answers published yet. You will find them here as soon as the buyer publishes them.
              </p>
            ) : (
              <ol className="qa-list">
                {published.map((item) => (
                  <li key={item.number ?? item.publishedQuestion} className="qa-list__item">
                    <h3>
                      Q{item.number}
                      {item.sectionId && sectionTitle.get(item.sectionId) ? (
                        <span className="muted small"> · {sectionTitle.get(item.sectionId)}</span>
                      ) : null}
                    </h3>
                    <p className="pre-line">
                      <strong>Question:</strong> {item.publishedQuestion}
                    </p>
                    <p className="pre-line">
                      <strong>Answer:</strong> {item.answer}
                    </p>
                    {item.publishedAt ? <p className="muted small">Published {fmt(item.publishedAt)}</p> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="card" aria-labelledby="own-heading">
            <div className="card__title">
              <h2 id="own-heading">Your questions</h2>
            </div>
            {own.length === 0 ? (
              <EmptyState title="You have not asked anything yet">
                {open ? "Use the form to ask your first question." : "Questions are closed for this RFP."}
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Asked</th>
                      <th scope="col">Question</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {own.map((question) => (
                      <tr key={question.id}>
                        <td className="nowrap">{fmt(question.askedAt)}</td>
                        <td>
                          {question.sectionId && sectionTitle.get(question.sectionId) ? (
                            <div className="muted small">{sectionTitle.get(question.sectionId)}</div>
                          ) : null}
                          <span className="pre-line">{question.question}</span>
                        </td>
                        <td>
                          <Badge tone={OWN_STATUS[question.status]?.tone}>
                            {OWN_STATUS[question.status]?.label ?? question.status}
                          </Badge>
                          {question.status === "PUBLISHED" && question.number ? (
                            <div className="small">See Q{question.number}</div>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>

        {/* A new key after each question sent: the form starts empty again. */}
        <AskCard
          key={own.length}
          open={open}
          sections={sections}
          deadline={questionsDeadline ? fmt(questionsDeadline) : null}
        />
      </div>
    </>
  );
}

function AskCard({
  open,
  sections,
  deadline,
}: {
  open: boolean;
  sections: { id: string; title: string }[];
  deadline: string | null;
}) {
  const actionData = useActionData<typeof action>();
  const asking = useIsSubmitting();
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: questionSchema,
    defaultValues: { intent: "ask", sectionId: "", question: "" },
    lastResult: actionData,
  });
  return (
    <section className="card" aria-labelledby="ask-heading">
      <div className="card__title">
        <h2 id="ask-heading">Ask a question</h2>
      </div>
      {!open && actionData?.fieldErrors?.question ? (
        <Alert tone="error">{actionData.fieldErrors.question}</Alert>
      ) : null}
      {!open ? (
        <Alert tone="info" title="Questions are closed">
          {deadline ? `Clarification questions closed on ${deadline}.` : "This RFP is not taking questions."} You can
          still read every published answer.
        </Alert>
      ) : (
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <p className="muted small">Open until {deadline}.</p>
          <Field name="sectionId" label="About the section" optional error={errorFor("sectionId")}>
            <select className="select" {...field("sectionId")}>
              <option value="">The RFP in general</option>
              {sections.map((section, index) => (
                <option key={section.id} value={section.id}>
                  {index + 1}. {section.title}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="question"
            label="Your question"
            error={errorFor("question")}
            hint="Published answers repeat the question without your company's name; leave out anything confidential."
          >
            <textarea className="textarea" rows={6} {...field("question")} />
          </Field>
          <div className="form-actions">
            <Button type="submit" pending={asking} pendingLabel="Sending…">
              Send question
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
