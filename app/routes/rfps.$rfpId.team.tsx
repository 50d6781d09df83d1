import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ACCOUNT_ROLE_INFO, RFP_ROLE_INFO, RFP_ROLES } from "~/domain/policy";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { addMember, listMembers, removeMember } from "~/models/team.server";
import { addMemberSchema, teamSchema } from "~/schemas/team";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  return { members: await listMembers(rfp.id), canManage: permissions.includes("rfp.manage_team"), me: user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.manage_team");
  const parsed = parseForm(await request.formData(), teamSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    if (parsed.data.intent === "add") {
      const member = await addMember(userActor(user), rfp.id, parsed.data);
      return redirectWithFlash(`/rfps/${rfp.id}/team`, {
        kind: "success",
        message: `${member.name} was added to the team.`,
      });
    }
    const removed = await removeMember(userActor(user), rfp.id, parsed.data.memberId);
    return redirectWithFlash(`/rfps/${rfp.id}/team`, {
      kind: "success",
      message: `${removed.user.name} was removed from the team.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function TeamPage() {
  const { members, canManage, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const isAddResult = actionData?.values?.intent === "add";
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: addMemberSchema,
    defaultValues: { intent: "add", email: "", role: "PANEL", functionalGroup: "" },
    lastResult: isAddResult ? actionData : undefined,
  });
  const adding = useIsSubmitting("add");
  const removing = useIsSubmitting("remove");
  return (
    <div className="grid grid--main-side">
      <section className="card" aria-labelledby="team-heading">
        <div className="card__title">
          <h2 id="team-heading">Team</h2>
          <span className="muted small">{members.length} people</span>
        </div>
        {!isAddResult ? <FormError message={actionData?.fieldErrors?.form} /> : null}
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role on this RFP</th>
                <th scope="col">Group</th>
                {canManage ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id}>
                  <td>
                    {member.user.name} {member.user.id === me ? <span className="muted">(you)</span> : null}
                    <div className="muted small">
                      {member.user.email} · {ACCOUNT_ROLE_INFO[member.user.role].label}
                    </div>
                    {member.user.disabledAt ? <Badge tone="danger">Account disabled</Badge> : null}
                  </td>
                  <td>{RFP_ROLE_INFO[member.role].label}</td>
                  <td>{member.functionalGroup ?? <span className="muted">—</span>}</td>
                  {canManage ? (
                    <td className="num">
                      <Form
                        method="post"
                        onSubmit={(event) => {
                          if (!window.confirm(`Remove ${member.user.name} from this RFP's team?`))
                            event.preventDefault();
                        }}
                      >
                        <input type="hidden" name="memberId" value={member.id} />
                        <Button
                          type="submit"
                          name="intent"
                          value="remove"
                          variant="ghost"
                          size="small"
                          pending={removing}
                        >
                          Remove<span className="visually-hidden"> {member.user.name}</span>
                        </Button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {canManage ? (
        <section className="card" aria-labelledby="add-heading">
          <div className="card__title">
            <h2 id="add-heading">Add someone</h2>
          </div>
          <Form method="post" className="form" onSubmit={onSubmit} noValidate>
            <FormError message={formError} />
            <input type="hidden" {...field("intent")} />
            <Field name="email" label="Email of their Shortlist account" error={errorFor("email")}>
              <input className="input" type="email" {...field("email")} />
            </Field>
            <Field name="role" label="Role on this RFP" error={errorFor("role")}>
              <select className="select" {...field("role")}>
                {RFP_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {RFP_ROLE_INFO[role].label} — {RFP_ROLE_INFO[role].description}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              name="functionalGroup"
              label="Functional group"
              optional
              error={errorFor("functionalGroup")}
              hint="e.g. IT, Finance, Operations, Legal"
            >
              <input className="input" {...field("functionalGroup")} />
            </Field>
            <div className="form-actions">
              <Button type="submit" name="intent" value="add" pending={adding} pendingLabel="Adding…">
                Add to team
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
