import { Form } from "@remix-run/react";
import { useHydrated } from "~/components/document-parts";
import { Field, FormError, useIsSubmitting } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import {
  COMMITMENT_KIND_INFO,
  COMMITMENT_KINDS,
  type CommitmentKind,
  DISPOSITION_INFO,
  DISPOSITIONS,
  type Disposition,
} from "~/domain/negotiation";
import { decideCommitmentSchema, editCommitmentSchema, splitCommitmentSchema } from "~/schemas/commitment";
import { formatDate } from "~/utils/dates";
import { type ActionAnswer, answerFor, dateInputValue, formKey, useRowForm } from "./shared";

/** One promise of the commitments register: what was said, where, and what became of it. */
export type RegisterItem = {
  id: string;
  source: "PROPOSAL" | "INTERVIEW";
  kind: CommitmentKind;
  text: string;
  disposition: Disposition;
  obligationWording: string;
  dropReason: string;
  resolveBy: Date | string | null;
};
type Keys = { negotiationId: string; version: number };
type Format = { timeZone: string; locale?: string };

export function CommitmentCard({
  item,
  keys,
  editable,
  answer,
  format,
}: {
  item: RegisterItem;
  keys: Keys;
  editable: boolean;
  answer: ActionAnswer;
  format: Format;
}) {
  const info = DISPOSITION_INFO[item.disposition];
  const row = { field: "itemId", id: item.id };
  return (
    <li className="card commitment" aria-labelledby={`item-${item.id}`} data-disposition={item.disposition}>
      <div className="card__title">
        <span className="row">
          <Badge>{COMMITMENT_KIND_INFO[item.kind]}</Badge>
          <span className="small muted">{item.source === "PROPOSAL" ? "From the proposal" : "From the interview"}</span>
        </span>
        <Badge tone={info.tone}>{info.label}</Badge>
      </div>
      <p id={`item-${item.id}`} className="pre-wrap">
        {item.text}
      </p>
      {item.disposition === "OBLIGATION" || item.disposition === "ACCEPTED_LIMITATION" ? (
        <p className="small pre-wrap">
          <strong>{item.disposition === "OBLIGATION" ? "Contract obligation:" : "Recorded as:"}</strong>{" "}
          {item.obligationWording || "—"}
        </p>
      ) : null}
      {item.disposition === "DROPPED" ? (
        <p className="small pre-wrap">
          <strong>Dropped because:</strong> {item.dropReason}
        </p>
      ) : null}
      {item.resolveBy ? (
        <p className="small">
          <strong>To be resolved by:</strong> {formatDate(item.resolveBy, format)}
        </p>
      ) : null}
      {editable ? (
        <div className="row">
          <DecideCommitmentForm
            key={formKey(keys.version, answerFor(answer, "decide-commitment", row))}
            item={item}
            keys={keys}
            answer={answer}
            timeZone={format.timeZone}
          />
          {item.source === "INTERVIEW" ? (
            <>
              <RewordForm
                key={`edit-${formKey(keys.version, answerFor(answer, "edit-commitment", row))}`}
                intent="edit-commitment"
                item={item}
                keys={keys}
                answer={answer}
              />
              <RewordForm
                key={`split-${formKey(keys.version, answerFor(answer, "split-commitment", row))}`}
                intent="split-commitment"
                item={item}
                keys={keys}
                answer={answer}
              />
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function DecideCommitmentForm({
  item,
  keys,
  answer,
  timeZone,
}: {
  item: RegisterItem;
  keys: Keys;
  answer: ActionAnswer;
  timeZone: string;
}) {
  const result = answerFor(answer, "decide-commitment", { field: "itemId", id: item.id });
  const { onSubmit, field, id, errorFor, formError, form } = useRowForm(`decide-${item.id}`, {
    schema: decideCommitmentSchema,
    defaultValues: {
      intent: "decide-commitment",
      negotiationId: keys.negotiationId,
      version: String(keys.version),
      itemId: item.id,
      disposition:
        item.disposition === "PENDING"
          ? item.kind === "LIMITATION"
            ? "ACCEPTED_LIMITATION"
            : "OBLIGATION"
          : item.disposition,
      obligationWording: item.obligationWording || (item.kind === "COMMITMENT" ? item.text : ""),
      dropReason: item.dropReason,
      resolveBy: dateInputValue(item.resolveBy, timeZone),
    },
    lastResult: result,
  });
  const pending = useIsSubmitting("decide-commitment");
  // Without JavaScript every field shows; the server keeps only what the decision uses.
  const watched = form.watch("disposition");
  const disposition = useHydrated() ? watched : undefined;
  return (
    <details className="disclosure" open={Boolean(result)}>
      <summary className="button button--secondary button--small">
        {item.disposition === "PENDING" ? "Decide…" : "Change decision…"}
      </summary>
      <div className="disclosure__body">
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <input type="hidden" {...field("negotiationId")} />
          <input type="hidden" {...field("version")} />
          <input type="hidden" {...field("itemId")} />
          <Field name={id("disposition")} label="What happens to it" error={errorFor("disposition")}>
            <select className="select" {...field("disposition")}>
              {DISPOSITIONS.filter((value) => value !== "PENDING").map((value) => (
                <option key={value} value={value}>
                  {DISPOSITION_INFO[value].label}
                </option>
              ))}
            </select>
          </Field>
          <div hidden={disposition === "DROPPED" || undefined}>
            <Field
              name={id("obligationWording")}
              label="Obligation as it will read in the contract"
              hint="For an accepted limitation: what is accepted until the date below."
              error={errorFor("obligationWording")}
            >
              <textarea className="textarea textarea--short" {...field("obligationWording")} />
            </Field>
          </div>
          <div hidden={(disposition !== undefined && disposition !== "DROPPED") || undefined}>
            <Field name={id("dropReason")} label="Why it is dropped" error={errorFor("dropReason")}>
              <textarea className="textarea textarea--short" {...field("dropReason")} />
            </Field>
          </div>
          <div hidden={(disposition !== undefined && disposition !== "ACCEPTED_LIMITATION") || undefined}>
            <Field
              name={id("resolveBy")}
              label="Resolve by"
              hint="The date by which the vendor must have resolved the limitation."
              error={errorFor("resolveBy")}
            >
              <input type="date" className="input input--short" {...field("resolveBy")} />
            </Field>
          </div>
          <div className="form-actions">
            <Button type="submit" pending={pending} pendingLabel="Saving…">
              Save decision
            </Button>
          </div>
        </Form>
      </div>
    </details>
  );
}

function RewordForm({
  intent,
  item,
  keys,
  answer,
}: {
  intent: "edit-commitment" | "split-commitment";
  item: RegisterItem;
  keys: Keys;
  answer: ActionAnswer;
}) {
  const result = answerFor(answer, intent, { field: "itemId", id: item.id });
  const split = intent === "split-commitment";
  const { onSubmit, field, id, errorFor, formError } = useRowForm(`${intent}-${item.id}`, {
    schema: split ? splitCommitmentSchema : editCommitmentSchema,
    defaultValues: {
      intent,
      negotiationId: keys.negotiationId,
      version: String(keys.version),
      itemId: item.id,
      kind: split ? "COMMITMENT" : item.kind,
      text: split ? "" : item.text,
    },
    lastResult: result,
  });
  const pending = useIsSubmitting(intent);
  return (
    <details className="disclosure" open={Boolean(result)}>
      <summary className="button button--ghost button--small">{split ? "Split out a promise…" : "Reword…"}</summary>
      <div className="disclosure__body">
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <input type="hidden" {...field("negotiationId")} />
          <input type="hidden" {...field("version")} />
          <input type="hidden" {...field("itemId")} />
          <Field name={id("kind")} label="Kind" error={errorFor("kind")}>
            <select className="select" {...field("kind")}>
              {COMMITMENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {COMMITMENT_KIND_INFO[kind]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name={id("text")}
            label={split ? "The promise to record separately" : "The promise"}
            hint="Interview notes are the panel's summary: split them into one promise per item."
            error={errorFor("text")}
          >
            <textarea className="textarea textarea--short" {...field("text")} />
          </Field>
          <div className="form-actions">
            <Button type="submit" variant="secondary" pending={pending} pendingLabel="Saving…">
              {split ? "Add as a separate item" : "Save wording"}
            </Button>
          </div>
        </Form>
      </div>
    </details>
  );
}
