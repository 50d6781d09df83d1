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
import { Form, Link, useFetcher } from "@remix-run/react";
import { type CSSProperties, type ReactNode, useEffect, useState } from "react";
import { readDirection, useHydrated, useMoveFocus } from "./document-parts";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";

export type OutlineSection = { id: string; title: string; version: number; requirementCount: number };

/**
 * The ordered list of sections. Without JavaScript every move is a POST (the up/down buttons);
 * with it, sections can also be dragged, by pointer or by keyboard (focus the handle, Space,
 * arrow keys, Space), and the new order is saved in the background.
 */
export function SectionOutline({
  sections,
  canEdit,
  documentPath,
}: {
  sections: OutlineSection[];
  canEdit: boolean;
  /** "/rfps/<id>/document": each section's editor is below it. */
  documentPath: string;
}) {
  const hydrated = useHydrated();
  const fetcher = useFetcher<{ fieldErrors?: Record<string, string> }>();
  const serverOrder = sections.map((section) => section.id).join(",");
  const [order, setOrder] = useState(serverOrder);
  useEffect(() => setOrder(serverOrder), [serverOrder]);
  const byId = new Map(sections.map((section) => [section.id, section]));
  const ordered = order
    .split(",")
    .map((id) => byId.get(id))
    .filter((section): section is OutlineSection => Boolean(section));
  const shown = ordered.length === sections.length ? ordered : sections;
  const rememberMove = useMoveFocus(serverOrder);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const titleOf = (id: string | number) => byId.get(String(id))?.title ?? "the section";
  const positionOf = (id: string | number) => shown.findIndex((section) => section.id === String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up “${titleOf(active.id)}”, position ${positionOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `“${titleOf(active.id)}” is over position ${positionOf(over.id)}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over ? `“${titleOf(active.id)}” dropped at position ${positionOf(over.id)}.` : "Dropped; the order is unchanged.",
    onDragCancel: ({ active }) => `Moving “${titleOf(active.id)}” was cancelled.`,
  };
  const instructions: ScreenReaderInstructions = {
    draggable:
      "To move a section, press Space or Enter, use the up and down arrow keys, then press Space or Enter to drop it, or Escape to cancel.",
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = shown.map((section) => section.id);
    const next = arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
    setOrder(next.join(","));
    fetcher.submit({ intent: "reorder-sections", order: next.join(",") }, { method: "post" });
  };
  const reorderError = fetcher.state === "idle" ? fetcher.data?.fieldErrors?.form : undefined;
  useEffect(() => {
    if (reorderError) setOrder(serverOrder);
  }, [reorderError, serverOrder]);

  const items = shown.map((section, index) => {
    const props = {
      section,
      index,
      count: shown.length,
      canEdit,
      href: `${documentPath}/${section.id}`,
      onMove: (direction: "up" | "down") => rememberMove(section.id, direction),
    };
    return hydrated && canEdit ? (
      <SortableItem key={section.id} {...props} />
    ) : (
      <OutlineItem key={section.id} {...props} />
    );
  });

  return (
    <>
      {reorderError ? <Alert tone="error">{reorderError}</Alert> : null}
      {hydrated && canEdit ? (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{ announcements, screenReaderInstructions: instructions }}
        >
          <SortableContext items={shown.map((section) => section.id)} strategy={verticalListSortingStrategy}>
            <ol className="outline">{items}</ol>
          </SortableContext>
        </DndContext>
      ) : (
        <ol className="outline">{items}</ol>
      )}
    </>
  );
}

type ItemProps = {
  section: OutlineSection;
  index: number;
  count: number;
  canEdit: boolean;
  href: string;
  onMove: (direction: "up" | "down") => void;
  handle?: ReactNode;
  style?: CSSProperties;
  itemRef?: (element: HTMLLIElement | null) => void;
  dragging?: boolean;
};

function OutlineItem({ section, index, count, canEdit, href, onMove, handle, style, itemRef, dragging }: ItemProps) {
  const requirements = `${section.requirementCount} ${section.requirementCount === 1 ? "requirement" : "requirements"}`;
  return (
    <li className="outline__item" ref={itemRef} style={style} data-dragging={dragging || undefined}>
      {handle}
      <span className="outline__number">{index + 1}.</span>
      <div className="outline__body">
        <Link to={href} className="outline__title">
          {section.title}
        </Link>
        <div className="outline__meta">
          <span className="muted small">{requirements}</span>
          {canEdit ? (
            <span className="outline__actions">
              <Form method="post" className="outline__move" onSubmit={(event) => onMove(readDirection(event))}>
                <input type="hidden" name="intent" value="move-section" />
                <input type="hidden" name="sectionId" value={section.id} />
                <button
                  type="submit"
                  name="direction"
                  value="up"
                  className="icon-button"
                  disabled={index === 0}
                  data-move="up"
                  data-item={section.id}
                  aria-label={`Move “${section.title}” up`}
                  title="Move up"
                >
                  ↑
                </button>
                <button
                  type="submit"
                  name="direction"
                  value="down"
                  className="icon-button"
                  disabled={index === count - 1}
                  data-move="down"
                  data-item={section.id}
                  aria-label={`Move “${section.title}” down`}
                  title="Move down"
                >
                  ↓
                </button>
              </Form>
              <Form
                method="post"
                onSubmit={(event) => {
                  const warning =
                    section.requirementCount > 0
                      ? ` Its ${requirements} will be deleted too; their codes are not reused.`
                      : "";
                  if (!window.confirm(`Delete the section “${section.title}”?${warning}`)) event.preventDefault();
                }}
              >
                <input type="hidden" name="intent" value="delete-section" />
                <input type="hidden" name="sectionId" value={section.id} />
                <input type="hidden" name="version" value={section.version} />
                <Button type="submit" variant="ghost" size="small">
                  Delete<span className="visually-hidden"> “{section.title}”</span>
                </Button>
              </Form>
            </span>
          ) : null}
        </div>
      </div>
    </li>
  );
}

function SortableItem(props: ItemProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: props.section.id,
  });
  const handle = (
    <button
      type="button"
      className="drag-handle"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={`Drag “${props.section.title}” to reorder`}
    >
      ⠿
    </button>
  );
  return (
    <OutlineItem
      {...props}
      handle={handle}
      itemRef={setNodeRef}
      dragging={isDragging}
      style={{ transform: CSS.Transform.toString(transform), transition }}
    />
  );
}
