import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { AuthLayout } from "~/components/auth-layout";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { countUsers, createFirstAdmin } from "~/models/user.server";
import { PASSWORD_MIN, setupSchema } from "~/schemas/auth";
import { startSession } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Set up Shortlist" }];

/** Only reachable while there are no accounts at all; afterwards it is the login page's job. */
export async function loader(_args: LoaderFunctionArgs) {
  if ((await countUsers()) > 0) throw redirect("/login");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  if ((await countUsers()) > 0) throw redirect("/login");
  const parsed = parseForm(await request.formData(), setupSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const admin = await createFirstAdmin(parsed.data);
    const cookie = await startSession(request, admin);
    return redirect("/admin/users?welcome=1", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function SetupPage() {
  const actionData = useActionData<typeof action>();
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: setupSchema,
    defaultValues: { name: "", email: "", password: "", confirmPassword: "" },
    lastResult: actionData,
  });
  const submitting = useIsSubmitting();
  return (
    <AuthLayout
      title="Create the first administrator"
      intro="Shortlist has no accounts yet. The administrator creates everyone else's account."
    >
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <Field name="name" label="Your name" error={errorFor("name")}>
          <input className="input" autoComplete="name" {...field("name")} />
        </Field>
        <Field name="email" label="Email" error={errorFor("email")}>
          <input className="input" type="email" autoComplete="email" {...field("email")} />
        </Field>
        <Field
          name="password"
          label="Password"
          hint={`At least ${PASSWORD_MIN} characters, not a common password. A few unrelated words work well.`}
          error={errorFor("password")}
        >
          <input className="input" type="password" autoComplete="new-password" {...field("password")} />
        </Field>
        <Field name="confirmPassword" label="Repeat password" error={errorFor("confirmPassword")}>
          <input className="input" type="password" autoComplete="new-password" {...field("confirmPassword")} />
        </Field>
        <div className="form-actions">
          <Button type="submit" pending={submitting} pendingLabel="Creating…">
            Create administrator
          </Button>
        </div>
      </Form>
    </AuthLayout>
  );
}
