import { clsx } from "clsx";
import type { ReactNode } from "react";
import { type RfpStage, STAGE_INFO } from "~/domain/workflow";

export function Badge({ tone, children }: { tone?: string; children: ReactNode }) {
  return <span className={clsx("badge", tone && `badge--${tone}`)}>{children}</span>;
}

export function StageBadge({ stage }: { stage: RfpStage }) {
  return <Badge tone={stage.toLowerCase()}>{STAGE_INFO[stage].label}</Badge>;
}
