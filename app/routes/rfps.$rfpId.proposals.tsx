import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useOutlet } from "@remix-run/react";
import { FormError, useIsSubmitting } from "~/components/form";
import { ProposalStatus } from "~/components/proposal-view";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { listProposalStatuses } from "~/models/opening.server";
import { requireRfpPermission } from "~/models/policy.server";
import { getStageOptions, transitionRfp } from "~/models/rfp.server";
import { useRootData } from "~/root";
import { openProposalsSchema } from "~/schemas/proposals";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatRelative } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";

/**
 * Before the opening: where each vendor stands, never what it wrote (models/opening selects no
 * content). After it: the submitted proposals, read-only. Proposal pages render in this route's
 * outlet, so the tab stays selected.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_proposals");
  const statuses = await listProposalStatuses(rfp.id);
  const mayOpen = permissions.includes("rfp.open_proposals") && statuses.stage === "PUBLISHED";
  const opening = mayOpen ? (await getStageOptions(rfp.id)).find((option) => option.to === "EVALUATION") : undefined;
  return { ...statuses, opening: opening ?? null, now: new Date() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.open_proposals");
  const parsed = parseForm(await request.formData(), openProposalsSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    // The opening is the PUBLISHED → EVALUATION move: same guards, same audit, wherever it starts.
    await transitionRfp(userActor(user), rfp.id, {
      to: "EVALUATION",
      expectedVersion: parsed.data.version,
      origin: appOrigin(request),
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
  return redirectWithFlash(`/rfps/${rfp.id}/proposals`, {
    kind: "success",
    message: "The proposals are open. The RFP moved to Evaluation.",
  });
}

export default function ProposalsPage() {
  const outlet = useOutlet();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  if (outlet) return outlet;
  const format = { timeZone: data.timeZone, locale };
  const submitted = data.vendors.filter((vendor) => vendor.proposalStatus === "SUBMITTED").length;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="opening-heading">
        <div className="card__title">
          <h2 id="opening-heading">{data.opened ? "Proposals opened" : "Sealed proposals"}</h2>
          <span className="muted small">
            Deadline {data.proposalDeadline ? formatDateTime(data.proposalDeadline, format) : "not set"}
            {data.proposalDeadline ? ` (${formatRelative(data.proposalDeadline, new Date(data.now), locale)})` : ""}
          </span>
        </div>
        {data.opened && data.proposalsOpenedAt ? (
          <p>
            Opened {formatDateTime(data.proposalsOpenedAt, format)} by {data.proposalsOpenedBy?.name}. {submitted}{" "}
            submitted proposal(s) can be read below; the opening is in the activity log.
          </p>
        ) : (
          <p>
            Nobody can read a proposal before the deadline has passed and the lead opens them: until then this page
            shows only where each vendor stands. {submitted} proposal(s) submitted so far.
          </p>
        )}
        <FormError message={actionData?.fieldErrors?.form} />
        {actionData?.fieldErrors?.to ? <Alert tone="error">{actionData.fieldErrors.to}</Alert> : null}
        {data.opening ? (
          <OpenForm
            version={data.version}
            allowed={data.opening.allowed}
            blockers={data.opening.blockers}
            submitted={submitted}
          />
        ) : null}
      </section>

      <section className="card" aria-labelledby="vendors-heading">
        <div className="card__title">
          <h2 id="vendors-heading">Vendors</h2>
        </div>
        {data.vendors.length === 0 ? (
          <EmptyState title="No vendors invited">
            Invite vendors before publishing; their status appears here.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Proposal</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.vendors.map((vendor) => (
                  <tr key={vendor.invitationId}>
                    <th scope="row">{vendor.vendorName}</th>
                    <td>
                      <ProposalStatus vendor={vendor} format={format} />
                    </td>
                    <td className="num">
                      {vendor.proposalId ? (
                        <Link to={vendor.proposalId}>
                          Read proposal<span className="visually-hidden"> of {vendor.vendorName}</span>
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function OpenForm({
  version,
  allowed,
  blockers,
  submitted,
}: {
  version: number;
  allowed: boolean;
  blockers: string[];
  submitted: number;
}) {
  const opening = useIsSubmitting("open");
  return (
    <Form
      method="post"
      className="form"
      onSubmit={(event) => {
        if (!window.confirm(`Open ${submitted} proposal(s) now? The opening is recorded and cannot be undone.`))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="version" value={version} />
      {allowed ? null : (
        <Alert tone="warning" title="The proposals cannot be opened yet">
          <ul>
            {blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </Alert>
      )}
      <div className="form-actions">
        <Button type="submit" name="intent" value="open" disabled={!allowed} pending={opening} pendingLabel="Opening…">
          Open proposals
        </Button>
        <span className="muted small">Moves the RFP to Evaluation; recorded with your name and the time.</span>
      </div>
    </Form>
  );
}
