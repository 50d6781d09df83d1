import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RankingForm } from "~/components/interviews/ranking-form";
import { RankingResults } from "~/components/interviews/ranking-results";
import { RankingStatuses } from "~/components/interviews/ranking-statuses";
import { Alert } from "~/components/ui/alert";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { getRankingsPage, saveRanking } from "~/models/panel-ranking.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { parsePanelRankingForm } from "~/schemas/panel-ranking";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Panel rankings · Shortlist" }];

/**
 * After the last interview every panel member ranks the interviewed vendors. Everyone on the RFP
 * sees who has submitted; the rankings and their aggregation appear only once all have
 * (enforced in models/panel-ranking: the loader data never carries them earlier).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const page = await getRankingsPage(rfp.id, { userId: user.id, permissions });
  return { rfp: { id: rfp.id, stage: rfp.stage, timeZone: rfp.timeZone }, ...page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.rank_vendors");
  const parsed = parsePanelRankingForm(await request.formData());
  if (!parsed.success) {
    return invalid({ form: "Nothing was saved: check the places.", ...parsed.fieldErrors }, parsed.values);
  }
  try {
    const result = await saveRanking(userActor(user), rfp.id, parsed.data);
    return redirectWithFlash(`/rfps/${rfp.id}/rankings`, {
      kind: "success",
      message: !result.submitted
        ? "Ranking saved. Submit it when you are sure; until then only you can see it."
        : result.revealed
          ? "Ranking submitted. Every panel member has now ranked: the results are revealed."
          : "Ranking submitted and sealed. You will see everyone's rankings once all panel members have submitted.",
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function RankingsPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const nameOf = (id: string) => page.candidates.find((candidate) => candidate.id === id)?.name ?? id;
  const ownSubmitted = page.own?.status === "SUBMITTED";
  return (
    <div className="stack">
      <div className="row">
        <h2>Panel rankings</h2>
        <span className="spacer" />
        <Link to={`/rfps/${page.rfp.id}/final-ranking`}>Final ranking →</Link>
      </div>
      {page.candidates.length === 0 ? (
        <EmptyState title="No shortlisted vendors yet">
          Rankings start once vendors are shortlisted and interviewed. Decide the shortlist, then schedule the
          interviews.
        </EmptyState>
      ) : !page.window.open ? (
        <Alert tone="info" title="Rankings open after the last interview">
          {page.window.reason === "NOT_SCHEDULED"
            ? `Waiting for an interview with ${page.window.waitingFor.map(nameOf).join(", ")}.`
            : `Waiting for the interview${page.window.waitingFor.length === 1 ? "" : "s"} with ${page.window.waitingFor.map(nameOf).join(", ")} to end.`}{" "}
          Every panel member then ranks all interviewed vendors, best first; ties are allowed.
        </Alert>
      ) : null}
      {page.results ? (
        // Revealed: the tables need the whole width; the statuses follow as the record of who ranked when.
        <>
          <RankingResults results={page.results} nameOf={nameOf} candidates={page.candidates} />
          <RankingStatuses statuses={page.statuses} timeZone={page.rfp.timeZone} locale={locale} />
        </>
      ) : (
        <div className="grid grid--main-side">
          <div className="stack">
            {page.window.open && page.isRanker && page.own && !ownSubmitted && page.rfp.stage === "INTERVIEWS" ? (
              <RankingForm
                candidates={page.candidates}
                initialTiers={page.own.tiers}
                status={page.own.status}
                lastResult={actionData}
              />
            ) : null}
            {ownSubmitted ? (
              <Alert tone="success" title="Your ranking is submitted">
                It is sealed. You will see every panel member's ranking and the aggregated result here once all have
                submitted.
              </Alert>
            ) : null}
            {!page.isRanker && page.window.open ? (
              <p className="muted">
                The panel members' rankings are sealed: nobody, the lead included, sees any of them until every panel
                member has submitted. Then the aggregated result (Borda count, Schulze method, agreement) appears here.
              </p>
            ) : null}
          </div>
          <aside className="stack">
            {page.candidates.length > 0 ? (
              <RankingStatuses statuses={page.statuses} timeZone={page.rfp.timeZone} locale={locale} />
            ) : null}
          </aside>
        </div>
      )}
    </div>
  );
}
