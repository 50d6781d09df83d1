import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import { countOutbox, listOutbox, MAX_DELIVERY_ATTEMPTS } from "~/models/outbox.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { isMailConfigured } from "~/utils/mailer.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_outbox");
  const [messages, total] = await Promise.all([listOutbox({ rfpId: rfp.id }), countOutbox({ rfpId: rfp.id })]);
  return {
    messages,
    total,
    timeZone: rfp.timeZone,
    mailConfigured: isMailConfigured(),
    maxAttempts: MAX_DELIVERY_ATTEMPTS,
  };
}

const STATUS = {
  PENDING: { label: "Waiting to send", tone: "published" },
  SENT: { label: "Sent", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
  NOT_SENT: { label: "Not emailed", tone: "warning" },
} as const;

const KINDS: Record<string, string> = {
  invitation: "Invitation",
  cancellation: "Cancellation",
  approval_requested: "Approval request",
  recommendation_returned: "Recommendation returned",
  recommendation_approved: "Award approved",
  award_intent_to_award: "Intent to award",
  award_reserve: "Held in reserve",
  award_regret: "Regret and debrief offer",
};

export default function RfpOutboxPage() {
  const { messages, total, timeZone, mailConfigured, maxAttempts } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  const fmt = (when: Date | string) => formatDateTime(when, { timeZone, locale });
  return (
    <section className="card" aria-labelledby="outbox-heading">
      <div className="card__title">
        <h2 id="outbox-heading">Outbox</h2>
        <span className="muted small">
          {total > messages.length
            ? `The newest ${messages.length} of ${total} messages.`
            : "Every email this RFP has sent or would have sent, newest first."}
        </span>
      </div>
      {mailConfigured ? null : (
        <Alert tone="warning" title="Email is not set up: nothing is emailed">
          Messages are kept here instead. Pass each one on to its recipient yourself — an invitation's private portal
          link is in its text (open the message to copy it). Send each link only to the vendor it was made for.
        </Alert>
      )}
      {messages.length === 0 ? (
        <EmptyState title="No messages yet">
          Publishing the RFP queues an invitation with a portal link for every invited vendor; they appear here.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Message</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td>
                    {message.toName ?? message.toEmail}
                    {message.toName ? <div className="muted small">{message.toEmail}</div> : null}
                  </td>
                  <td>
                    <details className="message">
                      <summary>{message.subject}</summary>
                      <pre className="message__body">{message.bodyText}</pre>
                    </details>
                  </td>
                  <td>{KINDS[message.kind] ?? message.kind}</td>
                  <td>
                    <Badge tone={STATUS[message.status].tone}>{STATUS[message.status].label}</Badge>
                    {message.status === "FAILED" || (message.status === "PENDING" && message.attempts > 0) ? (
                      <div className="muted small">
                        {message.attempts} of {maxAttempts} attempts
                        {message.lastError ? `: ${message.lastError}` : ""}
                      </div>
                    ) : null}
                  </td>
                  <td className="small">
                    {fmt(message.createdAt)}
                    {message.sentAt ? <div className="muted">sent {fmt(message.sentAt)}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
