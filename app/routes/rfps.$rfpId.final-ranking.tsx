import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FinalRankingTable, NotifyOutcomes, Recommendation } from "~/components/interviews/final-ranking";
import { FinalWeightsForm } from "~/components/interviews/final-weights-form";
import { Alert } from "~/components/ui/alert";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { getFinalRankingPage, notifyInterviewOutcomes, setFinalWeights } from "~/models/final-ranking.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { finalWeightsSchema, notifyOutcomesSchema } from "~/schemas/final-ranking";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Final ranking · Shortlist" }];

/**
 * Written quality, oral and price results combined by weights fixed before the interviews (locked
 * from the first debrief on), the recommended vendor and runner-up, the evidence behind every
 * number, and — once decided — telling the other vendors where they stand.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const page = await getFinalRankingPage(rfp.id, { permissions });
  return {
    rfp: { id: rfp.id, stage: rfp.stage, timeZone: rfp.timeZone },
    isLead: permissions.includes("rfp.manage_interviews"),
    ...page,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.manage_interviews");
  const formData = await request.formData();
  const here = `/rfps/${rfp.id}/final-ranking`;
  if (formData.get("intent") === "notify-outcomes") {
    const parsed = parseForm(formData, notifyOutcomesSchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    try {
      const result = await notifyInterviewOutcomes(userActor(user), rfp.id);
      return redirectWithFlash(here, {
        kind: "success",
        message: `Vendors notified: ${result.reserve} held in reserve, ${result.eliminated} not taken further (${result.emailed} emails queued).`,
      });
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
  }
  const parsed = parseForm(formData, finalWeightsSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const { intent: _intent, ...weights } = parsed.data;
    await setFinalWeights(userActor(user), rfp.id, weights);
    return redirectWithFlash(here, { kind: "success", message: "Final-ranking weights saved." });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function FinalRankingPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const intent = actionData?.values?.intent;
  const nameOf = (id: string) => page.evidence?.find((vendor) => vendor.vendorId === id)?.name ?? id;
  return (
    <div className="stack">
      <div className="row">
        <h2>Final ranking</h2>
        <span className="spacer" />
        <Link to={`/rfps/${page.rfp.id}/rankings`}>← Panel rankings</Link>
      </div>
      <div className="grid grid--main-side">
        <div className="stack">
          {page.vendorCount === 0 ? (
            <EmptyState title="No shortlisted vendors yet">
              The final ranking combines the written, interview and price results of the shortlisted vendors. Decide the
              shortlist first; you can set the weights now.
            </EmptyState>
          ) : page.sealed ? (
            <Alert tone="info" title="Sealed until every panel member has ranked">
              The final ranking appears here once every panel member has submitted a ranking of the interviewed vendors,
              so the combined numbers cannot influence anyone's own ranking.
            </Alert>
          ) : (
            <>
              {page.problems.length > 0 ? (
                <Alert tone="warning" title="The final ranking is not complete yet">
                  <ul>
                    {page.problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                </Alert>
              ) : null}
              {page.ranking ? (
                <Recommendation ranking={page.ranking} nameOf={nameOf} panelRanking={page.panelRanking} />
              ) : null}
            </>
          )}
        </div>
        <aside className="stack">
          <FinalWeightsForm
            weights={page.weights}
            source={page.weightsSource}
            setAt={page.weightsSetAt}
            lock={page.lock}
            canEdit={page.isLead}
            timeZone={page.rfp.timeZone}
            locale={locale}
            lastResult={intent === "notify-outcomes" ? undefined : actionData}
          />
        </aside>
      </div>
      {page.evidence && page.evidence.length > 0 ? (
        <FinalRankingTable
          rfpId={page.rfp.id}
          evidence={page.evidence}
          ranking={page.ranking}
          currency={page.currency}
          locale={locale}
          priceEvaluated={page.priceSettings !== null}
        />
      ) : null}
      {page.isLead && page.ranking ? (
        <NotifyOutcomes
          ranking={page.ranking}
          nameOf={nameOf}
          notified={page.notified}
          panelRanked={page.panelRanking !== null}
          stage={page.rfp.stage}
          lastResult={intent === "notify-outcomes" ? actionData : undefined}
        />
      ) : null}
    </div>
  );
}
