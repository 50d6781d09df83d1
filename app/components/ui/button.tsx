import { clsx } from "clsx";
import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

export function buttonClass(variant: Variant = "primary", size?: "small") {
  return clsx("button", `button--${variant}`, size === "small" && "button--small");
}

/** A button that shows a spinner and its pending label while its form is submitting. */
export function Button({
  variant = "primary",
  size,
  pending = false,
  pendingLabel,
  className,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: "small";
  pending?: boolean;
  pendingLabel?: string;
}) {
  return (
    <button
      {...props}
      className={clsx(buttonClass(variant, size), className)}
      data-pending={pending || undefined}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
        props.onClick?.(event);
      }}
    >
      {pending ? <span className="spinner" aria-hidden="true" /> : null}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
