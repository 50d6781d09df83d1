import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { changePassword } from "~/models/user.server";
import { changePasswordSchema, PASSWORD_MIN } from "~/schemas/auth";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Change password · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, required: user.passwordChangeRequired };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await request.formData(), changePasswordSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    await changePassword(user, { ...parsed.data, keepSessionId: user.sessionId });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
  return redirectWithFlash("/dashboard", {
    kind: "success",
    message: "Your password was changed. Other sessions were signed out.",
  });
}

export default function ChangePasswordPage() {
  const { email, required } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: changePasswordSchema,
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    lastResult: actionData,
  });
  const submitting = useIsSubmitting();
  return (
    <div className="narrow stack">
      <PageHeader title="Change password" eyebrow={email} />
      {required || searchParams.get("required") ? (
        <Alert tone="warning" title="Choose your own password">
          Your account was created with a temporary password. Choose a new one to continue.
        </Alert>
      ) : null}
      <div className="card">
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <Field name="currentPassword" label="Current password" error={errorFor("currentPassword")}>
            <input className="input" type="password" autoComplete="current-password" {...field("currentPassword")} />
          </Field>
          <Field
            name="newPassword"
            label="New password"
            hint={`At least ${PASSWORD_MIN} characters, not a common password.`}
            error={errorFor("newPassword")}
          >
            <input className="input" type="password" autoComplete="new-password" {...field("newPassword")} />
          </Field>
          <Field name="confirmPassword" label="Repeat new password" error={errorFor("confirmPassword")}>
            <input className="input" type="password" autoComplete="new-password" {...field("confirmPassword")} />
          </Field>
          <div className="form-actions">
            <Button type="submit" pending={submitting} pendingLabel="Saving…">
              Change password
            </Button>
          </div>
        </Form>
      </div>
    </div>
  );
}
