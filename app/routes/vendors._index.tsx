import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, buttonClass } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { countryName } from "~/domain/countries";
import { VENDOR_SIZE_INFO } from "~/domain/vendors";
import { listVendors, VENDOR_LIST_LIMIT } from "~/models/vendor.server";
import { requireAccountPermission } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Vendors · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccountPermission(request, "vendor.manage");
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const { vendors, total, matching } = await listVendors(q);
  return { q, vendors, total, matching, limit: VENDOR_LIST_LIMIT };
}

export default function VendorDirectoryPage() {
  const { q, vendors, total, matching, limit } = useLoaderData<typeof loader>();
  const searching = useNavigation().state === "loading";
  const addButtons = (
    <>
      <Link to="/vendors/import" className={buttonClass("secondary")}>
        Import from CSV
      </Link>
      <Link to="/vendors/new" className={buttonClass("primary")}>
        Add vendor
      </Link>
    </>
  );
  return (
    <>
      <PageHeader title="Vendors" actions={addButtons}>
        <p className="muted">The companies you can invite to an RFP, and the people who receive the invitations.</p>
      </PageHeader>
      {total === 0 ? (
        <EmptyState title="The vendor directory is empty" action={<div className="row row--center">{addButtons}</div>}>
          Add the companies you buy from one by one, or import your supplier list from a spreadsheet.
        </EmptyState>
      ) : (
        <div className="stack">
          <Form method="get" role="search" className="search-bar">
            <label htmlFor="q" className="visually-hidden">
              Search vendors
            </label>
            <input
              id="q"
              name="q"
              type="search"
              className="input"
              defaultValue={q}
              placeholder="Name, website, country or industry"
              aria-describedby="search-summary"
            />
            <Button type="submit" variant="secondary" pending={searching}>
              Search
            </Button>
            {q ? <Link to="/vendors">Clear</Link> : null}
          </Form>
          <p id="search-summary" className="muted small" aria-live="polite">
            {q ? `${matching} of ${total} vendors match “${q}”.` : `${total} ${total === 1 ? "vendor" : "vendors"}.`}
            {matching > vendors.length ? ` Showing the first ${limit}; narrow the search to see others.` : ""}
          </p>
          {vendors.length === 0 ? (
            <EmptyState title={`No vendors match “${q}”`} action={<Link to="/vendors">Show all vendors</Link>}>
              Try part of the company name, a website such as acme.com, a country or an industry.
            </EmptyState>
          ) : (
            <VendorTable vendors={vendors} />
          )}
        </div>
      )}
    </>
  );
}

function VendorTable({ vendors }: { vendors: ReturnType<typeof useLoaderData<typeof loader>>["vendors"] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Company</th>
            <th scope="col">Country</th>
            <th scope="col">Size</th>
            <th scope="col">Industry</th>
            <th scope="col">Primary contact</th>
            <th scope="col" className="num">
              Invitations
            </th>
          </tr>
        </thead>
        <tbody>
          {vendors.map((vendor) => {
            const primary = vendor.contacts[0];
            return (
              <tr key={vendor.id}>
                <td>
                  <Link to={`/vendors/${vendor.id}`}>{vendor.name}</Link>
                  {vendor.domain ? <div className="muted small">{vendor.domain}</div> : null}
                </td>
                <td>{countryName(vendor.country) ?? <span className="muted">—</span>}</td>
                <td>{vendor.size ? VENDOR_SIZE_INFO[vendor.size].label : <span className="muted">—</span>}</td>
                <td>{vendor.industry ?? <span className="muted">—</span>}</td>
                <td>
                  {primary ? (
                    <>
                      {primary.name}
                      <div className="muted small">{primary.email}</div>
                    </>
                  ) : (
                    <span className="muted">No contact yet</span>
                  )}
                </td>
                <td className="num">{vendor._count.invitations}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
