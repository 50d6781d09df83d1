import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { AuthLayout } from "~/components/auth-layout";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { checkCredentials, countUsers } from "~/models/user.server";
import { loginSchema } from "~/schemas/auth";
import { getOptionalUser, startSession } from "~/utils/auth.server";
import { invalid } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { clientIp, safeRedirectPath } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/dashboard");
  if ((await countUsers()) === 0) throw redirect("/setup");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), loginSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const { email, password, redirectTo } = parsed.data;
  const result = await checkCredentials({ email, password, ip: clientIp() });
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? `Too many failed attempts. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minute(s).`
        : "The email or password is not correct.";
    return invalid({ form: message }, parsed.values, {
      status: result.reason === "throttled" ? 429 : 400,
      headers: result.reason === "throttled" ? { "Retry-After": String(result.retryAfterSeconds) } : undefined,
    });
  }
  const cookie = await startSession(request, result.user);
  const destination = result.user.passwordChangeRequired
    ? "/account/password?required=1"
    : safeRedirectPath(redirectTo);
  return redirect(destination, { headers: { "Set-Cookie": cookie } });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: loginSchema,
    defaultValues: { email: "", password: "", redirectTo: searchParams.get("redirectTo") ?? "" },
    lastResult: actionData,
  });
  const submitting = useIsSubmitting();
  return (
    <AuthLayout title="Sign in" intro="Use the account your administrator created for you.">
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...field("redirectTo")} />
        <Field name="email" label="Email" error={errorFor("email")}>
          <input className="input" type="email" autoComplete="username" {...field("email")} />
        </Field>
        <Field name="password" label="Password" error={errorFor("password")}>
          <input className="input" type="password" autoComplete="current-password" {...field("password")} />
        </Field>
        <div className="form-actions">
          <Button type="submit" pending={submitting} pendingLabel="Signing in…">
            Sign in
          </Button>
        </div>
      </Form>
    </AuthLayout>
  );
}
