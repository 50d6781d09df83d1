import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ShortlistDecisionForm } from "~/components/shortlist/decision-form";
import { ShortlistDecisions } from "~/components/shortlist/decisions";
import { SuggestionForm } from "~/components/shortlist/suggestion-form";
import { Alert } from "~/components/ui/alert";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { decideShortlist, getShortlistPage } from "~/models/shortlist.server";
import { parseShortlistForm, shortlistRuleSchema } from "~/schemas/shortlist";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { fieldErrorsFrom } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Shortlist · Shortlist" }];

/** The suggestion's rule comes from the query string (?method=TOP_N&size=3): viewing saves nothing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_results");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsedRule = query.method ? shortlistRuleSchema.safeParse(query) : null;
  const page = await getShortlistPage(
    rfp.id,
    { userId: user.id, permissions },
    parsedRule?.success ? parsedRule.data : null,
  );
  return {
    rfp: { id: rfp.id, timeZone: rfp.timeZone },
    ruleErrors: parsedRule && !parsedRule.success ? fieldErrorsFrom(parsedRule.error) : null,
    query,
    ...page,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.decide_shortlist");
  const parsed = parseShortlistForm(await request.formData());
  if (!parsed.success) {
    return invalid(
      { form: "Nothing was decided: correct the fields marked in red.", ...parsed.fieldErrors },
      parsed.values,
    );
  }
  try {
    const result = await decideShortlist(userActor(user), rfp.id, parsed.data);
    return redirectWithFlash(`/rfps/${rfp.id}/shortlist`, {
      kind: "success",
      message: `Shortlist decided: ${result.shortlisted} of ${result.notified} vendors go to the interviews. Every vendor has been notified.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function ShortlistPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!page.visible) {
    return (
      <section className="card" aria-labelledby="shortlist-heading">
        <div className="card__title">
          <h2 id="shortlist-heading">Shortlist</h2>
        </div>
        <p className="muted">
          {page.consensusOpen
            ? "Submit your score sheets again to see the ranking."
            : "The ranking appears here once every score sheet is in and the lead has opened consensus. Until then every score is sealed."}
        </p>
      </section>
    );
  }
  return (
    <div className="stack">
      {page.decidedAt ? (
        <ShortlistDecisions
          vendors={page.vendors}
          decidedAt={page.decidedAt}
          timeZone={page.rfp.timeZone}
          isLead={page.isLead}
        />
      ) : (
        <>
          <SuggestionForm rule={page.rule} errors={page.ruleErrors} query={page.query} />
          {page.blocker && page.isLead ? <Alert tone="info">{page.blocker}</Alert> : null}
          <ShortlistDecisionForm
            key={JSON.stringify(page.rule)}
            vendors={page.vendors}
            rule={page.rule}
            ruleText={page.ruleText}
            canDecide={page.canDecide}
            lastResult={actionData}
          />
        </>
      )}
    </div>
  );
}
