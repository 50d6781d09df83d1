import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigation, useSubmit } from "@remix-run/react";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { type FieldValues, type Resolver, useForm } from "react-hook-form";
import type * as z from "zod";
import { Alert } from "./ui/alert";

/**
 * Progressive enhancement for every form: the markup is a plain <Form method="post"> that works
 * without JavaScript (the server validates with the same zod schema and answers 400 with field
 * errors and the submitted values). With JavaScript, react-hook-form runs that schema first and
 * only lets a valid form go to the server.
 */
export type ServerFormResult = { fieldErrors?: Record<string, string>; values?: Record<string, string> } | undefined;

export function useValidatedForm<Schema extends z.ZodType<FieldValues, FieldValues>>(options: {
  schema: Schema;
  /** Arrays are for checkbox groups (one name, several boxes): react-hook-form ticks the listed values. */
  defaultValues: Record<string, string | string[] | undefined>;
  lastResult?: ServerFormResult;
}) {
  const serverErrors = options.lastResult?.fieldErrors ?? {};
  const defaults = { ...options.defaultValues, ...(options.lastResult?.values ?? {}) };
  const form = useForm<FieldValues>({
    resolver: zodResolver(options.schema as never) as unknown as Resolver<FieldValues>,
    defaultValues: defaults,
    mode: "onTouched",
  });
  const submit = useSubmit();

  // Server errors are handed to react-hook-form once they arrive, so they behave like its own:
  // shown until the field is corrected. Before that (server render, no JavaScript) they are
  // read straight from the action's answer.
  const lastResult = options.lastResult;
  const [syncedResult, setSyncedResult] = useState<ServerFormResult>(undefined);
  useEffect(() => {
    if (!lastResult?.fieldErrors) return;
    for (const [name, message] of Object.entries(lastResult.fieldErrors)) {
      if (name !== "form") form.setError(name, { type: "server", message }, { shouldFocus: true });
    }
    setSyncedResult(lastResult);
  }, [lastResult, form]);

  const errorFor = (name: string): string | undefined => {
    const clientError = form.formState.errors[name]?.message;
    if (typeof clientError === "string") return clientError;
    return syncedResult === lastResult ? undefined : serverErrors[name];
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? formElement))(event);
  };

  /** Props for an input/select/textarea: registration, server-rendered default, a11y wiring. */
  const field = (name: string) => {
    const error = errorFor(name);
    return {
      ...form.register(name),
      id: name,
      defaultValue: defaults[name] ?? "",
      "aria-invalid": error ? true : undefined,
      "aria-describedby": `${name}-hint ${name}-error`,
    };
  };

  return { form, onSubmit, field, errorFor, formError: serverErrors.form };
}

export function Field({
  name,
  label,
  hint,
  error,
  optional,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={name}>
        {label} {optional ? <span className="field__optional">(optional)</span> : null}
      </label>
      {children}
      {/* Both always exist (maybe empty) so the control's aria-describedby never dangles. */}
      <span className="field__hint" id={`${name}-hint`}>
        {hint}
      </span>
      <span className="field__error" id={`${name}-error`}>
        {error}
      </span>
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return <Alert tone="error">{message}</Alert>;
}

/** True while this page is submitting (optionally: the submission with this intent). */
export function useIsSubmitting(intent?: string) {
  const navigation = useNavigation();
  if (navigation.state !== "submitting") return false;
  return intent ? navigation.formData?.get("intent") === intent : true;
}
