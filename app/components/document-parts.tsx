import { useNavigation } from "@remix-run/react";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { REQUIREMENT_KIND_INFO } from "~/schemas/document";
import { Alert } from "./ui/alert";
import { Badge } from "./ui/badge";

/** What the document area says about the RFP's stage (see models/document-status). */
export type DocumentStatus = {
  stage: string;
  editable: boolean;
  lockReason: string | null;
  readiness: string[];
  latestVersion: { number: number } | null;
  changes: string[] | null;
};

/** Published RFPs: the lead edits a working copy that vendors see only through an addendum. */
export function DocumentStatusBanner({ status, canEdit }: { status: DocumentStatus; canEdit: boolean }) {
  if (status.lockReason) {
    return (
      <Alert tone="info" title="Read-only">
        {status.lockReason}
      </Alert>
    );
  }
  if (status.stage !== "PUBLISHED" || !status.latestVersion) return null;
  const changes = status.changes ?? [];
  return (
    <Alert tone="warning" title="Changes here reach vendors only when you issue an addendum">
      <p>
        Vendors are reading version {status.latestVersion.number}.{" "}
        {changes.length === 0
          ? "The working copy matches it."
          : `The working copy differs from it in ${changes.length} ${changes.length === 1 ? "way" : "ways"}${
              canEdit ? "; issue an addendum to send them" : ""
            }:`}
      </p>
      {changes.length > 0 ? (
        <ul>
          {changes.map((change) => (
            <li key={change}>{change}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

/** What stops the document from being published (or from going out in an addendum). */
export function ReadinessPanel({ status }: { status: DocumentStatus }) {
  if (!status.editable) return null;
  const title = status.stage === "DRAFT" ? "Ready to publish?" : "Document check";
  return (
    <section className="card" aria-labelledby="readiness-heading">
      <div className="card__title">
        <h2 id="readiness-heading">{title}</h2>
        {status.readiness.length === 0 ? <Badge tone="success">Ready</Badge> : null}
      </div>
      {status.readiness.length === 0 ? (
        <p className="muted small">
          {status.stage === "DRAFT"
            ? "The document is complete. Publishing also needs the timeline and at least one invited vendor."
            : "The working copy is consistent."}
        </p>
      ) : (
        <>
          <p className="small">
            {status.stage === "DRAFT" ? "Before publishing:" : "Fix these before issuing an addendum:"}
          </p>
          <ul className="checklist">
            {status.readiness.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export type RequirementView = {
  id: string;
  code: string;
  text: string;
  kind: "MANDATORY" | "SCORED";
  evidenceRequested: string | null;
  criterion: { id: string; name: string } | null;
};

export function RequirementKind({ requirement }: { requirement: Pick<RequirementView, "kind" | "criterion"> }) {
  if (requirement.kind === "MANDATORY") {
    return <Badge tone="warning">{REQUIREMENT_KIND_INFO.MANDATORY.label}</Badge>;
  }
  return (
    <span className="stack-tight">
      <Badge>{REQUIREMENT_KIND_INFO.SCORED.label}</Badge>
      <span className="small">
        {requirement.criterion ? requirement.criterion.name : <span className="field__error">No criterion</span>}
      </span>
    </span>
  );
}

export function RequirementText({ requirement }: { requirement: Pick<RequirementView, "text" | "evidenceRequested"> }) {
  return (
    <>
      <div>{requirement.text}</div>
      {requirement.evidenceRequested ? (
        <div className="muted small">Evidence requested: {requirement.evidenceRequested}</div>
      ) : null}
    </>
  );
}

/** False on the server and during hydration; true once React runs in the browser. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * After a move by button the list re-renders in its new order and the pressed button loses
 * focus; put it back (or on the other arrow at either end) so a keyboard user can keep moving
 * the same item. Buttons carry data-move="up|down" and data-item="<id>".
 */
export function useMoveFocus(orderKey: string) {
  const lastMove = useRef<{ id: string; direction: "up" | "down" } | null>(null);
  const navigation = useNavigation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: orderKey changing is what signals the new order.
  useEffect(() => {
    if (navigation.state !== "idle" || !lastMove.current) return;
    const { id, direction } = lastMove.current;
    const find = (move: string) =>
      document.querySelector<HTMLButtonElement>(`[data-move="${move}"][data-item="${CSS.escape(id)}"]`);
    const button = find(direction);
    (button && !button.disabled ? button : find(direction === "up" ? "down" : "up"))?.focus();
    lastMove.current = null;
  }, [navigation.state, orderKey]);
  return (id: string, direction: "up" | "down") => {
    lastMove.current = { id, direction };
  };
}

/** Which of a form's up/down buttons submitted it. */
export function readDirection(event: FormEvent<HTMLFormElement>): "up" | "down" {
  const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
  return submitter?.value === "down" ? "down" : "up";
}

/**
 * Brings a message that appeared after a save (a conflict) into view and gives it focus, so
 * whoever pressed the button at the bottom of a long form sees and hears it.
 */
export function RevealOnMount({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "start" });
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="reveal">
      {children}
    </div>
  );
}
