import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

/**
 * Like useValidatedForm's onSubmit, but asks for confirmation after the form is valid (not before:
 * confirming something that then fails validation is pointless). `question` returns the
 * confirmation text for the button pressed, or null when that button needs none. Without
 * JavaScript the form posts as is; the server checks everything again.
 */
export function useConfirmedSubmit(
  form: UseFormReturn<FieldValues>,
  question: (submitter: HTMLButtonElement | null) => string | null,
) {
  const submit = useSubmit();
  return (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => {
      const message = question(submitter);
      if (message && !window.confirm(message)) return;
      submit(submitter ?? formElement);
    })(event);
  };
}
