import { Form } from "@remix-run/react";
import { useIsSubmitting } from "~/components/form";
import { Button } from "~/components/ui/button";
import { RFP_ROLE_INFO, type RfpRole } from "~/domain/policy";

export type PanelLoadRow = {
  id: string;
  name: string;
  role: RfpRole;
  expertise: string[];
  defaultAttendance: "WHOLE" | "EXPERT";
  interviews: number;
  /** Time spent in interviews, e.g. "3 h 30 min". */
  time: string;
  byDay: string[];
};

/**
 * Who sits on the interviews and how much of their time it takes. The lead records each
 * person's expertise here: people with expertise are invited as subject-matter experts (their
 * items only) unless the lead chooses otherwise per interview.
 */
export function PanelLoad({
  rows,
  canManage,
  lastError,
}: {
  rows: PanelLoadRow[];
  canManage: boolean;
  lastError?: { memberId: string; message: string };
}) {
  const saving = useIsSubmitting("set-expertise");
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Panel load and expertise</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Expertise</th>
            <th scope="col" className="num">
              Interviews
            </th>
            <th scope="col" className="num">
              Time
            </th>
            <th scope="col">By day</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                {row.name}
                <div className="muted small">
                  {RFP_ROLE_INFO[row.role].label} ·{" "}
                  {row.defaultAttendance === "EXPERT" ? "expert (own items)" : "whole interviews"}
                </div>
              </td>
              <td>
                {canManage ? (
                  <Form method="post" className="row">
                    <input type="hidden" name="intent" value="set-expertise" />
                    <input type="hidden" name="memberId" value={row.id} />
                    <label className="visually-hidden" htmlFor={`expertise-${row.id}`}>
                      Expertise of {row.name}
                    </label>
                    <input
                      id={`expertise-${row.id}`}
                      name="expertise"
                      className="input input--compact panel-load__expertise"
                      defaultValue={row.expertise.join(", ")}
                      placeholder="e.g. Branding; Quality control"
                      aria-describedby={`expertise-${row.id}-error`}
                    />
                    <Button type="submit" variant="secondary" size="small" pending={saving}>
                      Save<span className="visually-hidden"> expertise of {row.name}</span>
                    </Button>
                    <span className="field__error" id={`expertise-${row.id}-error`}>
                      {lastError?.memberId === row.id ? lastError.message : null}
                    </span>
                  </Form>
                ) : row.expertise.length > 0 ? (
                  row.expertise.join(", ")
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="num">{row.interviews}</td>
              <td className="num nowrap">{row.time}</td>
              <td className="small">
                {row.byDay.length > 0 ? (
                  row.byDay.map((day) => (
                    <div key={day} className="nowrap">
                      {day}
                    </div>
                  ))
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
