import { createContext, type ReactNode, useContext } from "react";
import { get, type UseFormReturn } from "react-hook-form";
import type { ProposalDraft } from "~/domain/proposal-rules";

/**
 * What every part of the proposal builder needs: the form, the errors for a field path (from the
 * browser's check or the server's answer), and whether the proposal can still change.
 */
type Builder = {
  form: UseFormReturn<ProposalDraft>;
  errorFor: (path: string) => string | undefined;
  editable: boolean;
  currency: string;
  locale?: string;
};

const BuilderContext = createContext<Builder | null>(null);

export function BuilderProvider({ value, children }: { value: Builder; children: ReactNode }) {
  return <BuilderContext.Provider value={value}>{children}</BuilderContext.Provider>;
}

export function useBuilder() {
  const builder = useContext(BuilderContext);
  if (!builder) throw new Error("useBuilder outside the proposal builder");
  return builder;
}

/**
 * Props for an input at `path`: registration, the server-rendered value (so the form works
 * before and without JavaScript) and the accessibility wiring to its error message. A locked
 * proposal disables the whole form with one <fieldset disabled>.
 */
export function useFieldProps(path: string, options: { hint?: boolean } = {}) {
  const { form, errorFor } = useBuilder();
  const error = errorFor(path);
  const initial: unknown = get(form.formState.defaultValues, path);
  return {
    ...form.register(path as never),
    id: path,
    defaultValue: typeof initial === "string" ? initial : "",
    "aria-invalid": error ? true : undefined,
    "aria-describedby": options.hint ? `${path}-hint ${path}-error` : `${path}-error`,
  };
}

export function FieldErrorText({ path }: { path: string }) {
  const { errorFor } = useBuilder();
  const error = errorFor(path);
  return (
    <span className="field__error" id={`${path}-error`}>
      {error}
    </span>
  );
}
