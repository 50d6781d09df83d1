import { type ExecutiveReview, mainRisks } from "./award-review";
import type { CriterionStage } from "./criteria";

/**
 * The award decision: who may be recommended (the final ranking decides; the lead only breaks a
 * tie), when a round of approvals is complete, who gets which notice, and the memo's first draft.
 */

export type AwardChoice = { recommendedId: string; runnerUpId: string | null };

/**
 * The recommendation follows the final ranking. The lead chooses only where the ranking does not:
 * between vendors sharing first place, or sharing second. Anything else would be an override of
 * the panel's evaluation, which this process does not allow silently.
 */
export function choiceIssues(review: ExecutiveReview, choice: AwardChoice): { field: string; message: string }[] {
  const name = (id: string) => review.names[id] ?? "that vendor";
  const issues: { field: string; message: string }[] = [];
  if (!review.ranking.ok) return [{ field: "form", message: "The final ranking cannot be computed yet." }];
  const firsts = review.tiedFirst.length > 0 ? review.tiedFirst : review.recommendedId ? [review.recommendedId] : [];
  if (!firsts.includes(choice.recommendedId)) {
    issues.push({
      field: "recommendedId",
      message: `Recommend the vendor ranked first${firsts.length > 1 ? " (one of those sharing first place)" : ""}: ${firsts.map(name).join(" or ")}.`,
    });
    return issues;
  }
  const seconds = expectedRunnersUp(review, choice.recommendedId);
  if (seconds.length === 0) {
    if (choice.runnerUpId)
      issues.push({ field: "runnerUpId", message: "There is no other ranked vendor to hold in reserve." });
  } else if (!choice.runnerUpId || !seconds.includes(choice.runnerUpId)) {
    issues.push({
      field: "runnerUpId",
      message: `The runner-up is the next vendor in the ranking: ${seconds.map(name).join(" or ")}.`,
    });
  }
  return issues;
}

/** Who may be the runner-up once `recommendedId` is chosen. */
export function expectedRunnersUp(review: ExecutiveReview, recommendedId: string): string[] {
  if (review.tiedFirst.length > 1) return review.tiedFirst.filter((id) => id !== recommendedId);
  if (review.tiedSecond.length > 0) return review.tiedSecond;
  return review.runnerUpId ? [review.runnerUpId] : [];
}

export type Decision = "PENDING" | "APPROVED" | "RETURNED";

/** One return sends the recommendation back; every named executive must approve to award. */
export function roundOutcome(decisions: readonly Decision[]): Decision {
  if (decisions.length === 0) return "PENDING";
  if (decisions.includes("RETURNED")) return "RETURNED";
  return decisions.every((decision) => decision === "APPROVED") ? "APPROVED" : "PENDING";
}

export type NoticeKind = "INTENT_TO_AWARD" | "RESERVE" | "REGRET";

export function noticeKindFor(invitationId: string, choice: AwardChoice): NoticeKind {
  if (invitationId === choice.recommendedId) return "INTENT_TO_AWARD";
  if (invitationId === choice.runnerUpId) return "RESERVE";
  return "REGRET";
}

export const NOTICE_KIND_INFO: Record<NoticeKind, { label: string; status: "AWARDED" | "RESERVE" | "ELIMINATED" }> = {
  INTENT_TO_AWARD: { label: "Intent to award and invitation to negotiate", status: "AWARDED" },
  RESERVE: { label: "Held in reserve", status: "RESERVE" },
  REGRET: { label: "Regret, with a debrief offer", status: "ELIMINATED" },
};

// ── The memo ────────────────────────────────────────────────────────────────────────────────

const PART: Record<CriterionStage, string> = { WRITTEN: "Written", ORAL: "Oral", PRICE: "Price" };

/**
 * The recommendation memo's first draft (Markdown), written from the review so every number in it
 * is the one on the page. The lead edits it before submitting; executives read the edited memo.
 */
export function draftRecommendationMemo(
  review: ExecutiveReview,
  input: { rfp: { reference: string; title: string }; choice: AwardChoice; money: (amount: number) => string },
): string {
  const name = (id: string) => review.names[id] ?? id;
  const { recommendedId, runnerUpId } = input.choice;
  const rows = review.ranking.ok ? review.ranking.rows : [];
  const winner = rows.find((row) => row.vendorId === recommendedId);
  const lines: string[] = [
    `# Award recommendation: ${input.rfp.title} (${input.rfp.reference})`,
    "",
    "## Recommendation",
    "",
    `We recommend awarding the contract to **${name(recommendedId)}**${winner ? `, ranked first with ${winner.total.toFixed(1)} points out of 100` : ""}.`,
  ];
  if (runnerUpId) {
    lines.push(
      `${name(runnerUpId)} is runner-up and is held in reserve should negotiation with ${name(recommendedId)} break down.`,
    );
  }
  if (review.tiedFirst.length > 1) {
    lines.push(
      "",
      `${review.tiedFirst.map(name).join(" and ")} share first place. Reason for choosing ${name(recommendedId)}: _(to be completed by the lead)_`,
    );
  }
  lines.push("", "## Final ranking", "");
  const weights = (["WRITTEN", "ORAL", "PRICE"] as const).map(
    (part) => `${PART[part].toLowerCase()} ${review.weights[part]}%`,
  );
  lines.push(`Weights: ${weights.join(", ")}.`, "");
  for (const row of rows) {
    const parts = (["WRITTEN", "ORAL", "PRICE"] as const)
      .map(
        (part) =>
          `${PART[part].toLowerCase()} ${row.parts[part].score === null ? "—" : row.parts[part].score?.toFixed(1)}`,
      )
      .join(", ");
    lines.push(`${row.place}. ${name(row.vendorId)}: ${row.total.toFixed(1)} points (${parts})`);
  }
  lines.push(
    "",
    "## Evidence",
    "",
    `- Panel agreement: ${review.agreement.summary}`,
    `- Stability: ${review.stability.summary}`,
  );
  const price = review.price.rows.find((row) => row.vendorId === recommendedId);
  if (price?.total != null) {
    const budget =
      review.price.budget && price.overBudget !== null
        ? price.overBudget > 0
          ? `, ${input.money(price.overBudget)} over the budget of ${input.money(review.price.budget)}`
          : `, within the budget of ${input.money(review.price.budget)}`
        : "";
    lines.push(`- Price: ${input.money(price.total)} over ${review.price.termMonths} months${budget}.`);
  }
  const risks = mainRisks(review, recommendedId);
  lines.push("", "## Main risks", "");
  if (risks.length === 0) lines.push("No material risks were found in the evaluation record.");
  for (const risk of risks) lines.push(`- ${risk.level === "HIGH" ? "**High:** " : ""}${risk.text}`);
  lines.push(
    "",
    "## Next steps",
    "",
    `On approval, ${name(recommendedId)} receives an intent-to-award notice and an invitation to negotiate; the other interviewed vendors are told the outcome and offered a debrief.`,
  );
  return lines.join("\n");
}
