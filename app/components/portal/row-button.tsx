import type { ReactNode } from "react";
import { Button } from "~/components/ui/button";

/**
 * Adds or removes a row. Without JavaScript it is a submit button: the draft is saved with the
 * change ("add:priceLines", "remove:slaTargets:1:0") and the page comes back. With JavaScript the
 * row changes in place and autosave follows.
 */
export function RowButton({
  change,
  onClick,
  variant = "secondary",
  children,
}: {
  change: string;
  onClick: () => void;
  variant?: "secondary" | "ghost";
  children: ReactNode;
}) {
  return (
    <Button
      type="submit"
      name="intent"
      value={change}
      variant={variant}
      size="small"
      formNoValidate
      onClick={(event) => {
        event.preventDefault();
        onClick();
      }}
    >
      {children}
    </Button>
  );
}
