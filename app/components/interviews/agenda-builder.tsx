import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useSubmit } from "@remix-run/react";
import { type FormEvent, type MouseEvent, type ReactNode, useEffect, useMemo, useState } from "react";
import {
  type Control,
  type FieldValues,
  get,
  type Resolver,
  type UseFormReturn,
  useFieldArray,
  useForm,
  useFormState,
  useWatch,
} from "react-hook-form";
import { FormError, useIsSubmitting } from "~/components/form";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { timedAgenda, wallClock } from "~/domain/interview-calendar";
import { expertiseNote } from "~/domain/interview-plan";
import {
  type AgendaFormValues,
  type AgendaItemFormValues,
  agendaSchema,
  MAX_AGENDA_ITEMS,
  newAgendaItem,
  typedMinutes,
} from "~/schemas/agenda";

type ServerResult = { fieldErrors?: Record<string, string>; agendaValues?: AgendaFormValues } | undefined;
type ErrorReader = (path: string) => string | undefined;

/**
 * The agenda as one form. Items are a react-hook-form field array: add, remove and move happen
 * in the browser, and the running total against the slot updates as you type. Without
 * JavaScript the same buttons are submit buttons the server applies (nothing is saved until
 * "Save agenda"). The shared schema refuses an agenda longer than the slot, here and on the server.
 */
export function AgendaBuilder({
  values,
  lastResult,
  slotMinutes,
  startsAt,
  timeZone,
  owners,
  expertiseOptions,
  standard,
  conflict,
}: {
  values: AgendaFormValues;
  lastResult: ServerResult;
  slotMinutes: number;
  startsAt: string;
  timeZone: string;
  owners: { memberId: string; name: string }[];
  expertiseOptions: string[];
  standard: AgendaItemFormValues[] | null;
  conflict: boolean;
}) {
  const schema = useMemo(() => agendaSchema(slotMinutes), [slotMinutes]);
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>,
    defaultValues: { ...values, intent: "save-agenda" },
    mode: "onTouched",
  });
  const submit = useSubmit();
  const items = useFieldArray({ control: form.control, name: "items", keyName: "fieldKey" });
  const errorAt = useErrorReader(form, lastResult);
  const saving = useIsSubmitting("save-agenda");

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? event.currentTarget))(event);
  };
  const inBrowser = (change: () => void) => (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    change();
  };
  const replaceWithStandard = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    if (!standard) return;
    if (!window.confirm("Replace the items below with the standard agenda for this slot?")) return;
    items.replace(standard);
  };

  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="stack-tight agenda-builder">
      {conflict ? null : <FormError message={lastResult?.fieldErrors?.form} />}
      <input type="hidden" {...form.register("version")} defaultValue={values.version} />
      <datalist id="expertise-options">
        {expertiseOptions.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
      {items.fields.length === 0 ? (
        <EmptyState title="No agenda items">
          Add the items of the interview, or start from the standard agenda (introductions, the vendor's presentation, a
          Q&A block per advance-question category, a demonstration and a wrap-up).
        </EmptyState>
      ) : (
        <ol className="agenda-items" aria-label="Agenda items">
          {items.fields.map((row, index) => (
            <AgendaItemRow
              key={row.fieldKey}
              row={row as unknown as AgendaItemFormValues}
              index={index}
              count={items.fields.length}
              form={form}
              errorAt={errorAt}
              owners={owners}
              time={<ItemTime control={form.control} index={index} startsAt={startsAt} timeZone={timeZone} />}
              onUp={inBrowser(() => items.move(index, index - 1))}
              onDown={inBrowser(() => items.move(index, index + 1))}
              onRemove={inBrowser(() => items.remove(index))}
            />
          ))}
        </ol>
      )}
      <RunningTotal control={form.control} slotMinutes={slotMinutes} error={errorAt("items")} />
      <div className="row">
        <button
          type="submit"
          name="intent"
          value="agenda-add"
          className="button button--secondary button--small"
          onClick={inBrowser(() => items.append(newAgendaItem()))}
          disabled={items.fields.length >= MAX_AGENDA_ITEMS}
        >
          Add item
        </button>
        {standard ? (
          <button
            type="submit"
            name="intent"
            value="agenda-standard"
            className="button button--ghost button--small"
            onClick={replaceWithStandard}
          >
            Start from the standard agenda
          </button>
        ) : null}
      </div>
      <div className="form-actions">
        <Button type="submit" name="intent" value="save-agenda" pending={saving} pendingLabel="Saving…">
          {conflict ? "Save mine anyway" : "Save agenda"}
        </Button>
        <span className="muted small">Experts are invited to the items matching their expertise.</span>
      </div>
    </Form>
  );
}

function useErrorReader(form: UseFormReturn<FieldValues>, lastResult: ServerResult): ErrorReader {
  const [synced, setSynced] = useState<ServerResult>(undefined);
  useEffect(() => {
    if (!lastResult?.fieldErrors) return;
    for (const [name, message] of Object.entries(lastResult.fieldErrors)) {
      if (name !== "form" && name !== "intent") form.setError(name, { type: "server", message });
    }
    setSynced(lastResult);
  }, [lastResult, form]);
  const errors = form.formState.errors;
  return (path) => {
    const error: { message?: unknown; root?: { message?: unknown } } | undefined = get(errors, path);
    const message = error?.message ?? error?.root?.message;
    if (typeof message === "string") return message;
    return synced === lastResult ? undefined : lastResult?.fieldErrors?.[path];
  };
}

function AgendaItemRow({
  row,
  index,
  count,
  form,
  errorAt,
  owners,
  time,
  onUp,
  onDown,
  onRemove,
}: {
  row: AgendaItemFormValues;
  index: number;
  count: number;
  form: UseFormReturn<FieldValues>;
  errorAt: ErrorReader;
  owners: { memberId: string; name: string }[];
  time: ReactNode;
  onUp: (event: MouseEvent<HTMLButtonElement>) => void;
  onDown: (event: MouseEvent<HTMLButtonElement>) => void;
  onRemove: (event: MouseEvent<HTMLButtonElement>) => void;
}) {
  const path = `items.${index}`;
  const title = useWatch({ control: form.control, name: `${path}.title` }) as string | undefined;
  const label = title?.trim() ? `“${title.trim()}”` : `item ${index + 1}`;
  const fieldId = (field: string) => `${path}.${field}`.replaceAll(".", "-");
  const input = (field: keyof AgendaItemFormValues) => {
    const error = errorAt(`${path}.${field}`);
    return {
      ...form.register(`${path}.${field}`),
      defaultValue: row[field],
      id: fieldId(field),
      "aria-invalid": error ? true : undefined,
      "aria-describedby": `${fieldId(field)}-error`,
    };
  };
  const errorText = (field: string) => (
    <span className="field__error" id={`${fieldId(field)}-error`}>
      {errorAt(`${path}.${field}`)}
    </span>
  );
  return (
    <li className="agenda-item">
      <input type="hidden" {...form.register(`${path}.id`)} defaultValue={row.id} />
      <div className="agenda-item__time">{time}</div>
      <div className="field agenda-item__title">
        <label htmlFor={fieldId("title")}>
          Item<span className="visually-hidden"> {index + 1} title</span>
        </label>
        <input className="input" {...input("title")} />
        {errorText("title")}
      </div>
      <div className="field agenda-item__minutes">
        <label htmlFor={fieldId("minutes")}>
          Minutes<span className="visually-hidden"> for {label}</span>
        </label>
        <input className="input input--number" inputMode="numeric" autoComplete="off" {...input("minutes")} />
        {errorText("minutes")}
      </div>
      <div className="field agenda-item__owner">
        <label htmlFor={fieldId("ownerMemberId")}>
          Owner<span className="visually-hidden"> of {label}</span>
        </label>
        <select className="select" {...input("ownerMemberId")}>
          <option value="">The vendor</option>
          {owners.map((owner) => (
            <option key={owner.memberId} value={owner.memberId}>
              {owner.name}
            </option>
          ))}
        </select>
        {errorText("ownerMemberId")}
      </div>
      <div className="field agenda-item__expertise">
        <label htmlFor={fieldId("requiredExpertise")}>
          Expertise<span className="visually-hidden"> needed for {label}</span>{" "}
          <span className="field__optional">(optional)</span>
        </label>
        <input className="input" list="expertise-options" {...input("requiredExpertise")} />
        {errorText("requiredExpertise")}
      </div>
      <div className="agenda-item__actions">
        <button
          type="submit"
          name="intent"
          value={`agenda-up:${index}`}
          className="icon-button"
          disabled={index === 0}
          aria-label={`Move ${label} up`}
          title="Move up"
          onClick={onUp}
        >
          ↑
        </button>
        <button
          type="submit"
          name="intent"
          value={`agenda-down:${index}`}
          className="icon-button"
          disabled={index === count - 1}
          aria-label={`Move ${label} down`}
          title="Move down"
          onClick={onDown}
        >
          ↓
        </button>
        <button
          type="submit"
          name="intent"
          value={`agenda-remove:${index}`}
          className="button button--ghost button--small"
          onClick={onRemove}
        >
          Remove<span className="visually-hidden"> {label}</span>
        </button>
      </div>
    </li>
  );
}

function useTypedItems(control: Control<FieldValues>) {
  return (useWatch({ control, name: "items" }) ?? []) as AgendaItemFormValues[];
}

function ItemTime({
  control,
  index,
  startsAt,
  timeZone,
}: {
  control: Control<FieldValues>;
  index: number;
  startsAt: string;
  timeZone: string;
}) {
  const items = useTypedItems(control);
  const timed = timedAgenda(
    items.map((item) => ({ minutes: typedMinutes(item.minutes) })),
    new Date(startsAt),
  )[index];
  if (!timed) return null;
  return (
    <span className="mono small">
      {wallClock(timed.start, timeZone)}–{wallClock(timed.end, timeZone)}
    </span>
  );
}

/** The running total against the slot; the refusal follows the typing once a save was tried. */
function RunningTotal({
  control,
  slotMinutes,
  error,
}: {
  control: Control<FieldValues>;
  slotMinutes: number;
  error?: string;
}) {
  const items = useTypedItems(control);
  const { isSubmitted } = useFormState({ control });
  const total = items.reduce((sum, item) => sum + typedMinutes(item.minutes), 0);
  const remaining = slotMinutes - total;
  const fits = remaining >= 0;
  const live =
    remaining < 0
      ? `The agenda takes ${total} minutes but the slot is ${slotMinutes}; cut ${-remaining} minutes.`
      : undefined;
  const shown = isSubmitted || error ? (live ?? (items.length === 0 ? error : undefined)) : undefined;
  return (
    <div className="agenda-total" data-ok={fits} data-testid="agenda-total">
      <span aria-live="polite">
        Total: <strong>{total}</strong> of {slotMinutes} minutes
        {fits ? (remaining > 0 ? ` — ${remaining} to spare` : " — exactly the slot ✓") : ` — ${-remaining} over`}
      </span>
      {shown ? (
        <span className="field__error" role="alert">
          {shown}
        </span>
      ) : null}
    </div>
  );
}

/** The agenda for reading (other members, or once it can no longer change). */
export function AgendaTable({
  items,
  totalMinutes,
  slotMinutes,
}: {
  items: {
    id: string;
    from: string;
    to: string;
    title: string;
    minutes: number;
    ownerName: string | null;
    requiredExpertise: string;
    experts: string[];
  }[];
  totalMinutes: number;
  slotMinutes: number;
}) {
  if (items.length === 0) return <EmptyState title="No agenda yet">The lead builds the agenda here.</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Agenda</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Minutes
            </th>
            <th scope="col">Owner</th>
            <th scope="col">Experts</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td className="mono nowrap">
                {item.from}–{item.to}
              </td>
              <td>
                {item.title}
                <NeedsNote title={item.title} expertise={item.requiredExpertise} />
              </td>
              <td className="num">{item.minutes}</td>
              <td className="nowrap">{item.ownerName ?? <span className="muted">The vendor</span>}</td>
              <td className="small">
                {item.experts.length > 0 ? item.experts.join(", ") : <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="num nowrap">
              {totalMinutes} / {slotMinutes}
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** "Needs: Branding" under an item, unless its title already says so. */
export function NeedsNote({ title, expertise }: { title: string; expertise: string }) {
  const note = expertiseNote(title, expertise);
  return note ? <div className="muted small">Needs: {note}</div> : null;
}
