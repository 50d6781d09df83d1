import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type ScreenReaderInstructions,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Form } from "@remix-run/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useHydrated } from "~/components/document-parts";
import { FormError, useIsSubmitting } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { placesFromTiers, RANKING_STATUS_INFO, type RankingStatus, tiersFromOrder } from "~/domain/panel-rankings";

type Candidate = { id: string; name: string };
type LastResult = { fieldErrors?: Record<string, string>; values?: Record<string, string> } | undefined;

/**
 * A member's ranking of the interviewed vendors, best first, ties allowed. Without JavaScript it
 * is a place number per vendor (equal numbers tie). With JavaScript it becomes a list to reorder
 * by dragging — with the pointer, or the keyboard (focus the handle, Space, arrow keys, Space) —
 * or with the up/down buttons, and a "tied with the vendor above" box per vendor; it writes the
 * same place numbers into hidden fields, so the server reads one format.
 */
export function RankingForm({
  candidates,
  initialTiers,
  status,
  lastResult,
}: {
  candidates: Candidate[];
  initialTiers: string[][] | null;
  status: RankingStatus;
  lastResult: LastResult;
}) {
  const hydrated = useHydrated();
  const submitting = useIsSubmitting("submit");
  const saving = useIsSubmitting("save");
  const initialPlaces = placesOfInitial(candidates, initialTiers, lastResult?.values);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value !== "submit") return;
    if (!window.confirm("Submit your ranking? It is sealed once submitted and cannot be changed.")) {
      event.preventDefault();
    }
  };
  return (
    <section className="card" aria-labelledby="ranking-heading">
      <div className="card__title">
        <h2 id="ranking-heading">Your ranking</h2>
        <Badge tone={RANKING_STATUS_INFO[status].tone}>{RANKING_STATUS_INFO[status].label}</Badge>
      </div>
      <p className="muted small">
        Rank every vendor the panel interviewed, best first. If you cannot separate two vendors, tie them. Only you see
        your ranking until every panel member has submitted.
      </p>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={lastResult?.fieldErrors?.form} />
        {hydrated ? (
          <SortableRanking candidates={candidates} initialPlaces={initialPlaces} />
        ) : (
          <PlaceInputs candidates={candidates} initialPlaces={initialPlaces} errors={lastResult?.fieldErrors ?? {}} />
        )}
        <div className="form-actions">
          <Button type="submit" name="intent" value="submit" pending={submitting} pendingLabel="Submitting…">
            Submit ranking
          </Button>
          <Button type="submit" name="intent" value="save" variant="secondary" pending={saving} pendingLabel="Saving…">
            Save without submitting
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** Places to start from: what was just posted (after a refusal), the saved draft, or none. */
function placesOfInitial(
  candidates: Candidate[],
  tiers: string[][] | null,
  values: Record<string, string> | undefined,
): Map<string, string> {
  const places = new Map<string, string>();
  if (values) {
    candidates.forEach((_, index) => {
      const id = values[`places.${index}.candidateId`];
      if (id) places.set(id, values[`places.${index}.place`] ?? "");
    });
    if (places.size > 0) return places;
  }
  if (tiers) for (const [id, place] of placesFromTiers(tiers)) places.set(id, String(place));
  return places;
}

function PlaceInputs({
  candidates,
  initialPlaces,
  errors,
}: {
  candidates: Candidate[];
  initialPlaces: Map<string, string>;
  errors: Record<string, string>;
}) {
  return (
    <fieldset className="form-section">
      <legend>Place of each vendor</legend>
      <p className="muted small">1 = best. Give two vendors the same number to tie them.</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col" className="num">
                Place
              </th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((candidate, index) => {
              const name = `places.${index}.place`;
              const error = errors[name];
              return (
                <tr key={candidate.id}>
                  <th scope="row">
                    <label htmlFor={name}>{candidate.name}</label>
                  </th>
                  <td className="num ranking-place-cell">
                    <input type="hidden" name={`places.${index}.candidateId`} value={candidate.id} />
                    <input
                      id={name}
                      name={name}
                      className="input num ranking-place"
                      inputMode="numeric"
                      defaultValue={initialPlaces.get(candidate.id) ?? ""}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={`${name}-error`}
                    />
                    <span className="field__error" id={`${name}-error`}>
                      {error}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** The starting order (by place, then interview order) and ties (equal places) of the sortable list. */
function startingState(candidates: Candidate[], places: Map<string, string>) {
  const placeOf = (id: string) => {
    const place = Number(places.get(id));
    return Number.isInteger(place) && place > 0 ? place : Number.POSITIVE_INFINITY;
  };
  const order = candidates
    .map((candidate, index) => ({ id: candidate.id, index }))
    .sort((a, b) => placeOf(a.id) - placeOf(b.id) || a.index - b.index)
    .map((entry) => entry.id);
  const tied = new Set(
    order.filter((id, index) => {
      const above = order[index - 1];
      return index > 0 && above !== undefined && Number.isFinite(placeOf(id)) && placeOf(id) === placeOf(above);
    }),
  );
  return { order, tied };
}

function SortableRanking({
  candidates,
  initialPlaces,
}: {
  candidates: Candidate[];
  initialPlaces: Map<string, string>;
}) {
  const [state, setState] = useState(() => startingState(candidates, initialPlaces));
  const { order, tied } = state;
  const tiers = tiersFromOrder(order, tied);
  const places = placesFromTiers(tiers);
  const shared = new Set(tiers.filter((tier) => tier.length > 1).flat());
  const nameOf = (id: string | number) => candidates.find((candidate) => candidate.id === String(id))?.name ?? "";
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const positionOf = (id: string | number) => order.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}, position ${positionOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(active.id)} is over position ${positionOf(over.id)}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} dropped at position ${positionOf(over.id)}.` : "Dropped; the order is unchanged.",
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };
  const instructions: ScreenReaderInstructions = {
    draggable:
      "To move a vendor, press Space or Enter, use the up and down arrow keys, then press Space or Enter to drop it, or Escape to cancel.",
  };
  const move = (from: number, to: number) =>
    setState((current) => ({ ...current, order: arrayMove(current.order, from, to) }));
  // Moving an item re-inserts its node, which drops the focus: put it back on the arrow pressed.
  const lastMove = useRef<{ id: string; direction: "up" | "down" } | null>(null);
  const orderKey = order.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new order is what signals the move.
  useEffect(() => {
    const moved = lastMove.current;
    if (!moved) return;
    lastMove.current = null;
    const find = (direction: string) =>
      document.querySelector<HTMLButtonElement>(`[data-move="${direction}"][data-item="${CSS_ESCAPE(moved.id)}"]`);
    const button = find(moved.direction);
    (button && !button.disabled ? button : find(moved.direction === "up" ? "down" : "up"))?.focus();
  }, [orderKey]);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    move(order.indexOf(String(active.id)), order.indexOf(String(over.id)));
  };
  const toggleTie = (id: string, value: boolean) =>
    setState((current) => {
      const next = new Set(current.tied);
      if (value) next.add(id);
      else next.delete(id);
      return { ...current, tied: next };
    });
  return (
    <fieldset className="form-section">
      <legend>Drag the vendors into order, best first, or use the arrows</legend>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: instructions }}
      >
        <SortableContext items={order} strategy={verticalListSortingStrategy}>
          <ol className="outline" aria-label="Your ranking, best first">
            {order.map((id, index) => (
              <SortableVendor
                key={id}
                id={id}
                name={nameOf(id)}
                index={index}
                count={order.length}
                place={places.get(id) ?? index + 1}
                tied={index > 0 && tied.has(id)}
                shared={shared.has(id)}
                onMove={(direction) => {
                  lastMove.current = { id, direction };
                  move(index, direction === "up" ? index - 1 : index + 1);
                }}
                onTie={(value) => toggleTie(id, value)}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
    </fieldset>
  );
}

const CSS_ESCAPE = (value: string) => globalThis.CSS?.escape?.(value) ?? value;

function SortableVendor({
  id,
  name,
  index,
  count,
  place,
  tied,
  shared,
  onMove,
  onTie,
}: {
  id: string;
  name: string;
  index: number;
  count: number;
  place: number;
  tied: boolean;
  /** In a tier of several: shown as "=2". */
  shared: boolean;
  onMove: (direction: "up" | "down") => void;
  onTie: (value: boolean) => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
  });
  const style = { transform: CSS.Transform.toString(transform), transition };
  return (
    <li className="outline__item ranking-item" ref={setNodeRef} style={style} data-dragging={isDragging || undefined}>
      <button
        type="button"
        className="drag-handle"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        aria-label={`Drag ${name}`}
      >
        ⠿
      </button>
      <span className="outline__number" data-testid="ranking-place">
        {shared ? `=${place}` : place}.
      </span>
      <div className="outline__body">
        <div className="outline__meta">
          <span className="outline__title">{name}</span>
          <span className="outline__actions">
            {index > 0 ? (
              <label className="checkbox small">
                <input type="checkbox" checked={tied} onChange={(event) => onTie(event.target.checked)} />
                Tied with the vendor above<span className="visually-hidden"> ({name})</span>
              </label>
            ) : null}
            <button
              type="button"
              className="icon-button"
              disabled={index === 0}
              onClick={() => onMove("up")}
              data-move="up"
              data-item={id}
              aria-label={`Move ${name} up`}
              title="Move up"
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              disabled={index === count - 1}
              onClick={() => onMove("down")}
              data-move="down"
              data-item={id}
              aria-label={`Move ${name} down`}
              title="Move down"
            >
              ↓
            </button>
          </span>
        </div>
      </div>
      <input type="hidden" name={`places.${index}.candidateId`} value={id} />
      <input type="hidden" name={`places.${index}.place`} value={place} />
    </li>
  );
}
