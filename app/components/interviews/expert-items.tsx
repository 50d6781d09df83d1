import { Form } from "@remix-run/react";
import { FormError, useIsSubmitting } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { NeedsNote } from "./agenda-builder";

/**
 * Which agenda items each invited subject-matter expert attends. Items matching their expertise
 * are ticked when the interview or item is created; the lead adjusts here. The owner of an item
 * always attends it. Their calendar entries cover only these items.
 */
export function ExpertItems({
  version,
  items,
  experts,
  itemsWithoutExpert,
  canManage,
  error,
}: {
  version: number;
  items: {
    id: string;
    title: string;
    from: string;
    to: string;
    requiredExpertise: string;
    ownerMemberId: string | null;
  }[];
  experts: { attendeeId: string; memberId: string; name: string; expertise: string[]; itemIds: string[] }[];
  itemsWithoutExpert: string[];
  canManage: boolean;
  error?: string;
}) {
  const saving = useIsSubmitting("save-experts");
  return (
    <div className="form">
      {canManage && itemsWithoutExpert.length > 0 ? (
        <Alert tone="info" title="No expert invited for some items">
          Nobody invited has the expertise needed for {itemsWithoutExpert.join("; ")}. Invite an expert (record their
          expertise on the schedule page, then invite them as “Expert: matching items only”), or clear the item's
          required expertise.
        </Alert>
      ) : null}
      {experts.length === 0 ? (
        <p className="muted small">
          No subject-matter experts are invited to this interview.
          {canManage ? " Invite one as “Expert: matching items only” under “Move or change this interview”." : ""}
        </p>
      ) : (
        <Form method="post">
          <FormError message={error} />
          <input type="hidden" name="version" value={version} />
          <div className="table-wrap">
            <table className="table expert-items">
              <caption className="visually-hidden">Experts per agenda item</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  {experts.map((expert) => (
                    <th scope="col" key={expert.attendeeId}>
                      {expert.name}
                      <div className="muted small">{expert.expertise.join(", ")}</div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <span className="mono small">
                        {item.from}–{item.to}
                      </span>{" "}
                      {item.title}
                      <NeedsNote title={item.title} expertise={item.requiredExpertise} />
                    </th>
                    {experts.map((expert) => {
                      const owner = item.ownerMemberId === expert.memberId;
                      return (
                        <td key={expert.attendeeId}>
                          <label className="choice">
                            <input
                              type="checkbox"
                              name={`experts.${expert.attendeeId}.${item.id}`}
                              defaultChecked={owner || expert.itemIds.includes(item.id)}
                              disabled={!canManage || owner}
                            />
                            <span className="visually-hidden">
                              {expert.name} attends {item.title}
                            </span>
                            {owner ? <span className="muted small">runs it</span> : null}
                          </label>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canManage ? (
            <div className="form-actions">
              <Button type="submit" name="intent" value="save-experts" variant="secondary" pending={saving}>
                Save experts' items
              </Button>
            </div>
          ) : null}
        </Form>
      )}
    </div>
  );
}
