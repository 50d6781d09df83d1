import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { ACCOUNT_ROLE_INFO, ACCOUNT_ROLES } from "~/domain/policy";
import { userActor } from "~/models/audit.server";
import { createUser } from "~/models/user.server";
import { PASSWORD_MIN } from "~/schemas/auth";
import { createUserSchema } from "~/schemas/user";
import { requireAccountPermission } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Create account · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccountPermission(request, "user.manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAccountPermission(request, "user.manage");
  const parsed = parseForm(await request.formData(), createUserSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const user = await createUser(userActor(admin), parsed.data);
    return redirectWithFlash("/admin/users", {
      kind: "success",
      message: `Account created for ${user.name}. Give them the temporary password; they will choose their own at first sign-in.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function NewUserPage() {
  const actionData = useActionData<typeof action>();
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: createUserSchema,
    defaultValues: { name: "", email: "", role: "EVALUATOR", password: "" },
    lastResult: actionData,
  });
  const submitting = useIsSubmitting();
  return (
    <div className="narrow">
      <div className="breadcrumbs">
        <Link to="/admin/users">Users</Link> / New
      </div>
      <PageHeader title="Create account" />
      <div className="card">
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <Field name="name" label="Full name" error={errorFor("name")}>
            <input className="input" autoComplete="off" {...field("name")} />
          </Field>
          <Field name="email" label="Email" error={errorFor("email")}>
            <input className="input" type="email" autoComplete="off" {...field("email")} />
          </Field>
          <Field name="role" label="Role" error={errorFor("role")}>
            <select className="select" {...field("role")}>
              {ACCOUNT_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ACCOUNT_ROLE_INFO[role].label} — {ACCOUNT_ROLE_INFO[role].description}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="password"
            label="Temporary password"
            error={errorFor("password")}
            hint={`At least ${PASSWORD_MIN} characters, not a common password. They must change it at first sign-in.`}
          >
            <input
              className="input"
              type="text"
              autoComplete="new-password"
              spellCheck={false}
              {...field("password")}
            />
          </Field>
          <div className="form-actions">
            <Button type="submit" pending={submitting} pendingLabel="Creating…">
              Create account
            </Button>
          </div>
        </Form>
      </div>
    </div>
  );
}
