import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formatPercent, PanelPriceVisibility, PriceFormulaForm, PriceTable } from "~/components/price-envelope";
import { Alert } from "~/components/ui/alert";
import { EmptyState } from "~/components/ui/empty-state";
import { describePriceSettings, PRICE_FORMULA_INFO } from "~/domain/price-envelope";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { fixPriceFormula, getPriceEvaluation, setPricesVisibleToPanel } from "~/models/price-evaluation.server";
import { useRootData } from "~/root";
import { priceFormulaSchema, priceVisibilitySchema } from "~/schemas/price";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Price envelope · Shortlist" }];

/** Prices are proposal content: the lead and observers read them here (the panel only if allowed, elsewhere). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_proposals");
  const evaluation = await getPriceEvaluation(rfp.id);
  return { ...evaluation, canManage: permissions.includes("rfp.manage_evaluation") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.manage_evaluation");
  const formData = await request.formData();
  const back = `/rfps/${rfp.id}/price`;
  if (formData.get("intent") === "visibility") {
    const parsed = parseForm(formData, priceVisibilitySchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    const visible = parsed.data.visible === "yes";
    try {
      const { changed } = await setPricesVisibleToPanel(userActor(user), rfp.id, visible);
      return redirectWithFlash(back, {
        kind: changed ? "success" : "info",
        message: visible ? "Evaluators can now see prices." : "Prices are hidden from evaluators.",
      });
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
  }
  const parsed = parseForm(formData, priceFormulaSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    await fixPriceFormula(userActor(user), rfp.id, parsed.data);
    return redirectWithFlash(back, {
      kind: "success",
      message: "The price formula is fixed and the price envelopes are open.",
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function PricePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const { rfp, settings } = data;
  const money = (amount: number) => formatMoney(amount, rfp.currency, locale);
  if (rfp.stage === "DRAFT") {
    return (
      <EmptyState title="No prices yet">
        The price formula is fixed once the RFP is published, before the price envelopes are opened.
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <section className="card" aria-labelledby="formula-heading">
        <div className="card__title">
          <h2 id="formula-heading">Price formula</h2>
          {rfp.priceFormulaFixedAt ? (
            <span className="muted small">
              Fixed {formatDateTime(rfp.priceFormulaFixedAt, { timeZone: rfp.timeZone, locale })}
            </span>
          ) : null}
        </div>
        {settings ? (
          <>
            <p>
              <strong>{describePriceSettings(settings, money)}.</strong>{" "}
              {PRICE_FORMULA_INFO[settings.formula.kind].description}
            </p>
            <p className="muted small">
              The formula is fixed and cannot be changed. Price counts for {formatPercent(data.priceShare)} of the
              written and price evaluation (the Price weight of the criteria).
            </p>
          </>
        ) : data.canManage && data.canFix ? (
          <PriceFormulaForm
            defaults={data.defaults}
            currency={rfp.currency}
            priceWeight={data.priceShare}
            proposedTerms={proposedTerms(data.vendors, data.defaults.termMonths)}
            lastResult={actionData?.values?.intent === "fix" ? actionData : undefined}
          />
        ) : (
          <p className="muted">
            {data.canManage
              ? "The price formula can no longer be fixed at this stage; prices are not scored for this RFP."
              : "The lead has not fixed the price formula yet. Prices stay sealed here until then."}
          </p>
        )}
        {actionData?.values?.intent !== "fix" && actionData?.fieldErrors?.form ? (
          <Alert tone="error">{actionData.fieldErrors.form}</Alert>
        ) : null}
      </section>

      <PanelPriceVisibility
        visible={rfp.pricesVisibleToPanel}
        canManage={data.canManage}
        locked={rfp.consensusOpenedAt !== null}
        error={actionData?.values?.intent === "visibility" ? actionData.fieldErrors?.visible : undefined}
      />

      {settings && !data.opened ? (
        <EmptyState title="Proposals are still sealed">
          Costs and price points appear here once the proposals are opened after the deadline.
        </EmptyState>
      ) : null}

      {settings && data.prices ? (
        <section className="card" aria-labelledby="tco-heading">
          <div className="card__title">
            <h2 id="tco-heading">Total cost of ownership and price points</h2>
            <span className="muted small">
              One-time charges + monthly charges × {settings.termMonths} months, in {rfp.currency}
            </span>
          </div>
          <PriceTable
            vendors={data.vendors}
            prices={data.prices}
            currency={rfp.currency}
            termMonths={settings.termMonths}
            maxPoints={settings.formula.maxPoints}
            locale={locale}
          />
        </section>
      ) : null}

      {data.reversal ? (
        <section className="card" aria-labelledby="reversal-heading">
          <div className="card__title">
            <h2 id="reversal-heading">Can withdrawing a bid reverse the ranking?</h2>
          </div>
          <p className="muted small">
            Relative formulas (lowest ÷ price, and linear between lowest and highest) score each price against the other
            bids. Adding or withdrawing a third bid then changes the gap between two vendors, and can reverse their
            order even though neither changed anything. The logarithmic and absolute formulas do not have this flaw. We
            re-rank quality and price together with each vendor withdrawn in turn.
          </p>
          <Alert tone={data.reversal.happens ? "warning" : "info"} title="Does it happen in this RFP?">
            <p data-testid="rank-reversal">{data.reversal.summary}</p>
            {data.reversal.details.length > 0 ? (
              <ul>
                {data.reversal.details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        </section>
      ) : null}
    </div>
  );
}

function proposedTerms(vendors: { termMonths: number | null }[], fallback: string) {
  const terms = vendors.flatMap((vendor) => (vendor.termMonths ? [vendor.termMonths] : []));
  if (terms.length === 0) return `no terms visible yet (default ${fallback} months)`;
  const counts = new Map<number, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([term, count]) => `${term} months (${count})`)
    .join(", ");
}
