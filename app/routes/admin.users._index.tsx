import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, useIsSubmitting } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button, buttonClass } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { ACCOUNT_ROLE_INFO, ACCOUNT_ROLES } from "~/domain/policy";
import { userActor } from "~/models/audit.server";
import { changeUserRole, listUsers, setUserDisabled } from "~/models/user.server";
import { useRootData } from "~/root";
import { userAdminSchema } from "~/schemas/user";
import { requireAccountPermission } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { FieldError, invalid } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Users · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAccountPermission(request, "user.manage");
  return { users: await listUsers(), me: admin.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAccountPermission(request, "user.manage");
  const parsed = parseForm(await request.formData(), userAdminSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const actor = userActor(admin);
    if (parsed.data.intent === "role") {
      await changeUserRole(actor, parsed.data.userId, parsed.data.role);
      return redirectWithFlash("/admin/users", { kind: "success", message: "Role changed." });
    }
    const disable = parsed.data.intent === "disable";
    await setUserDisabled(actor, parsed.data.userId, disable);
    return redirectWithFlash("/admin/users", {
      kind: "success",
      message: disable ? "Account disabled; its sessions were ended." : "Account enabled.",
    });
  } catch (error) {
    // Every rule here concerns the row, not one input: show it above the table.
    if (error instanceof FieldError) return invalid({ form: error.message }, parsed.values, { status: 422 });
    throw error;
  }
}

export default function UsersPage() {
  const { users, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const locale = useRootData()?.locale;
  const busy = useIsSubmitting();
  return (
    <div className="stack">
      <PageHeader
        title="Users"
        actions={
          <Link to="/admin/users/new" className={buttonClass("primary")}>
            Create account
          </Link>
        }
      />
      {searchParams.get("welcome") ? (
        <Alert tone="success" title="Shortlist is set up">
          Create accounts for your procurement leads, evaluators and executives. Each gets a temporary password you pass
          on to them; they choose their own at first sign-in.
        </Alert>
      ) : null}
      <FormError message={actionData?.fieldErrors?.form} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.name} {user.id === me ? <span className="muted">(you)</span> : null}
                  <div className="muted small">{user.email}</div>
                </td>
                <td>
                  <Form method="post" className="row">
                    <input type="hidden" name="userId" value={user.id} />
                    <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                      Role of {user.name}
                    </label>
                    <select id={`role-${user.id}`} name="role" className="select" defaultValue={user.role}>
                      {ACCOUNT_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ACCOUNT_ROLE_INFO[role].label}
                        </option>
                      ))}
                    </select>
                    <Button type="submit" name="intent" value="role" variant="secondary" size="small" pending={busy}>
                      Save<span className="visually-hidden"> role of {user.name}</span>
                    </Button>
                  </Form>
                </td>
                <td className="small">
                  {user.lastLoginAt ? (
                    formatDateTime(user.lastLoginAt, { timeZone: "UTC", locale })
                  ) : (
                    <span className="muted">Never</span>
                  )}
                </td>
                <td>
                  {user.disabledAt ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
                </td>
                <td className="num">
                  {user.id === me ? null : (
                    <Form
                      method="post"
                      onSubmit={(event) => {
                        if (
                          !user.disabledAt &&
                          !window.confirm(`Disable ${user.name}? They are signed out everywhere at once.`)
                        ) {
                          event.preventDefault();
                        }
                      }}
                    >
                      <input type="hidden" name="userId" value={user.id} />
                      <Button
                        type="submit"
                        name="intent"
                        value={user.disabledAt ? "enable" : "disable"}
                        variant={user.disabledAt ? "secondary" : "danger"}
                        size="small"
                        pending={busy}
                      >
                        {user.disabledAt ? "Enable" : "Disable"}
                        <span className="visually-hidden"> {user.name}</span>
                      </Button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
