import { prisma, type TransactionClient } from "~/db.server";
import { COUNTRIES } from "~/domain/countries";
import { type DuplicateMatch, findLikelyDuplicates, type VendorKeys, vendorKeys } from "~/domain/vendors";
import type { Prisma } from "~/generated/prisma/client";
import type { ContactInput, NewVendorInput, VendorCompanyInput } from "~/schemas/vendor";
import { FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";

/**
 * The vendor directory: procurement's own list of companies and the people who receive
 * invitations. Shared by every RFP; changes are audited (the audit trail of a tender names the
 * vendors it could have invited).
 */
export const VENDOR_LIST_LIMIT = 200;

/** Arbitrary constant naming the "add vendors to the directory" lock (duplicate check + insert). */
export const VENDOR_DIRECTORY_LOCK = 4_207_012;

export type DirectoryVendor = { id: string; name: string; website: string | null } & VendorKeys;

/** Someone tried to add a company the directory probably has already; the form asks to confirm. */
export class DuplicateVendorError extends Error {
  constructor(readonly matches: DuplicateMatch<DirectoryVendor>[]) {
    super("This vendor is probably in the directory already.");
  }

  /** What the form shows: each match with a link target and why it matched. */
  view() {
    return this.matches.map((match) => ({
      id: match.vendor.id,
      name: match.vendor.name,
      website: match.vendor.website,
      reasons: match.reasons,
    }));
  }
}

const duplicateSelect = { id: true, name: true, website: true, normalizedName: true, domain: true } as const;

/** Vendors sharing the name key or the domain with `keys`, found with the two indexes. */
export async function findDirectoryDuplicates(
  db: TransactionClient | typeof prisma,
  keys: VendorKeys,
  exceptId?: string,
) {
  const or: Prisma.VendorWhereInput[] = [{ normalizedName: keys.normalizedName }];
  if (keys.domain) or.push({ domain: keys.domain });
  const candidates = await db.vendor.findMany({
    where: { OR: or, id: exceptId ? { not: exceptId } : undefined },
    select: duplicateSelect,
    orderBy: { name: "asc" },
    take: 20,
  });
  return findLikelyDuplicates(keys, candidates);
}

export async function lockDirectory(tx: TransactionClient) {
  // Two leads adding the same company at the same moment must not both pass the duplicate check.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${VENDOR_DIRECTORY_LOCK})`;
}

function companyData(input: Omit<VendorCompanyInput, "intent" | "confirmDuplicate">) {
  return {
    name: input.name,
    website: input.website ?? null,
    country: input.country ?? null,
    size: input.size ?? null,
    industry: input.industry ?? null,
    notes: input.notes ?? null,
    ...vendorKeys(input),
  };
}

const auditedFields = { name: true, website: true, country: true, size: true, industry: true, notes: true } as const;

export async function createVendor(actor: Actor, input: NewVendorInput) {
  return prisma.$transaction(async (tx) => {
    await lockDirectory(tx);
    const data = companyData(input);
    if (input.confirmDuplicate !== "yes") {
      const matches = await findDirectoryDuplicates(tx, data);
      if (matches.length > 0) throw new DuplicateVendorError(matches);
    }
    const vendor = await tx.vendor.create({
      data: {
        ...data,
        contacts:
          input.contactName && input.contactEmail
            ? {
                create: {
                  name: input.contactName,
                  email: input.contactEmail,
                  phone: input.contactPhone ?? null,
                  title: input.contactTitle ?? null,
                  isPrimary: true,
                },
              }
            : undefined,
      },
      select: { id: true, ...auditedFields },
    });
    await recordAudit(tx, {
      actor,
      action: "vendor.created",
      entityType: "Vendor",
      entityId: vendor.id,
      after: {
        ...vendor,
        contact: input.contactEmail,
        duplicateConfirmed: input.confirmDuplicate === "yes" || undefined,
      },
    });
    return vendor;
  });
}

export async function updateVendor(actor: Actor, vendorId: string, input: VendorCompanyInput) {
  return prisma.$transaction(async (tx) => {
    await lockDirectory(tx);
    const before = await tx.vendor.findUnique({
      where: { id: vendorId },
      select: { ...auditedFields, normalizedName: true, domain: true },
    });
    if (!before) throw new FieldError("form", "This vendor no longer exists.");
    const data = companyData(input);
    const keysChanged = data.normalizedName !== before.normalizedName || data.domain !== before.domain;
    if (keysChanged && input.confirmDuplicate !== "yes") {
      const matches = await findDirectoryDuplicates(tx, data, vendorId);
      if (matches.length > 0) throw new DuplicateVendorError(matches);
    }
    const after = await tx.vendor.update({ where: { id: vendorId }, data, select: auditedFields });
    const { normalizedName: _name, domain: _domain, ...beforeFields } = before;
    const changed = Object.keys(auditedFields).filter(
      (key) => beforeFields[key as keyof typeof auditedFields] !== after[key as keyof typeof auditedFields],
    );
    if (changed.length > 0) {
      await recordAudit(tx, {
        actor,
        action: "vendor.updated",
        entityType: "Vendor",
        entityId: vendorId,
        before: Object.fromEntries(changed.map((key) => [key, beforeFields[key as keyof typeof auditedFields]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key as keyof typeof auditedFields]])),
      });
    }
    return after;
  });
}

/** Search the directory by name, website domain, industry or country (code or name). */
export async function listVendors(query: string) {
  const q = query.trim().slice(0, 100);
  const where: Prisma.VendorWhereInput = {};
  if (q) {
    const countryCodes = COUNTRIES.filter(
      ([code, name]) => code === q.toUpperCase() || name.toLowerCase().includes(q.toLowerCase()),
    ).map(([code]) => code);
    where.OR = [
      { name: { contains: q, mode: "insensitive" } },
      { domain: { contains: q.toLowerCase().replace(/^https?:\/\/(www\.)?/, "") } },
      { industry: { contains: q, mode: "insensitive" } },
      ...(countryCodes.length > 0 ? [{ country: { in: countryCodes } }] : []),
    ];
  }
  const [vendors, total, matching] = await Promise.all([
    prisma.vendor.findMany({
      where,
      // The name key is lower-case: "acme" and "ACME Ltd" sort together whatever the collation.
      orderBy: [{ normalizedName: "asc" }, { name: "asc" }],
      take: VENDOR_LIST_LIMIT,
      select: {
        id: true,
        name: true,
        website: true,
        domain: true,
        country: true,
        size: true,
        industry: true,
        contacts: { where: { isPrimary: true }, select: { name: true, email: true }, take: 1 },
        _count: { select: { contacts: true, invitations: true } },
      },
    }),
    prisma.vendor.count(),
    q ? prisma.vendor.count({ where }) : Promise.resolve(null),
  ]);
  return { vendors, total, matching: matching ?? total };
}

/**
 * One vendor with its contacts, and its invitations to the RFPs `viewerId` is on. Other leads'
 * RFPs (drafts may be confidential) are only counted.
 */
export async function getVendor(vendorId: string, viewerId: string) {
  return prisma.vendor.findUnique({
    where: { id: vendorId },
    select: {
      id: true,
      ...auditedFields,
      domain: true,
      createdAt: true,
      updatedAt: true,
      contacts: {
        orderBy: [{ isPrimary: "desc" }, { name: "asc" }],
        select: { id: true, name: true, email: true, phone: true, title: true, isPrimary: true },
      },
      _count: { select: { invitations: true } },
      invitations: {
        where: { rfp: { members: { some: { userId: viewerId } } } },
        orderBy: { invitedAt: "desc" },
        select: {
          id: true,
          status: true,
          invitedAt: true,
          revokedAt: true,
          rfp: { select: { id: true, reference: true, title: true, stage: true, timeZone: true } },
        },
      },
    },
  });
}

function contactData(input: Omit<ContactInput, "intent">) {
  return {
    name: input.contactName,
    email: input.contactEmail,
    phone: input.contactPhone ?? null,
    title: input.contactTitle ?? null,
  };
}

/** One primary contact per vendor: the first contact, or whoever was last marked primary. */
async function makePrimary(tx: TransactionClient, vendorId: string, contactId: string) {
  await tx.vendorContact.updateMany({ where: { vendorId, id: { not: contactId } }, data: { isPrimary: false } });
  await tx.vendorContact.update({ where: { id: contactId }, data: { isPrimary: true } });
}

export async function addContact(actor: Actor, vendorId: string, input: Omit<ContactInput, "intent">) {
  return prisma.$transaction(async (tx) => {
    const vendor = await tx.vendor.findUnique({
      where: { id: vendorId },
      select: { id: true, _count: { select: { contacts: true } } },
    });
    if (!vendor) throw new FieldError("form", "This vendor no longer exists.");
    const contact = await tx.vendorContact.create({
      data: { vendorId, ...contactData(input) },
      select: { id: true, name: true, email: true },
    });
    const primary = input.isPrimary === "on" || vendor._count.contacts === 0;
    if (primary) await makePrimary(tx, vendorId, contact.id);
    await recordAudit(tx, {
      actor,
      action: "vendor.contact_added",
      entityType: "VendorContact",
      entityId: contact.id,
      after: { vendorId, ...contactData(input), primary },
    });
    return contact;
  });
}

export async function updateContact(
  actor: Actor,
  vendorId: string,
  contactId: string,
  input: Omit<ContactInput, "intent">,
) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.vendorContact.findFirst({
      where: { id: contactId, vendorId },
      select: { name: true, email: true, phone: true, title: true, isPrimary: true },
    });
    if (!before) throw new FieldError("form", "This contact no longer exists.");
    const after = await tx.vendorContact.update({
      where: { id: contactId },
      data: contactData(input),
      select: { id: true, name: true, email: true, phone: true, title: true },
    });
    if (input.isPrimary === "on" && !before.isPrimary) await makePrimary(tx, vendorId, contactId);
    await recordAudit(tx, {
      actor,
      action: "vendor.contact_updated",
      entityType: "VendorContact",
      entityId: contactId,
      before,
      after: { ...after, isPrimary: before.isPrimary || input.isPrimary === "on" },
    });
    return after;
  });
}

/**
 * A contact who receives a live portal link cannot be removed: the link would have nobody to go to
 * when it is resent. Choose another recipient on the RFP first.
 */
export async function removeContact(actor: Actor, vendorId: string, contactId: string) {
  return prisma.$transaction(async (tx) => {
    const contact = await tx.vendorContact.findFirst({
      where: { id: contactId, vendorId },
      select: {
        id: true,
        name: true,
        email: true,
        isPrimary: true,
        invitations: {
          where: { revokedAt: null, expiresAt: null },
          select: { rfp: { select: { reference: true } } },
        },
      },
    });
    if (!contact) throw new FieldError("form", "This contact no longer exists.");
    if (contact.invitations.length > 0) {
      const references = contact.invitations.map((invitation) => invitation.rfp.reference).join(", ");
      throw new FieldError(
        "form",
        `${contact.name} receives the invitation to ${references}. Send that invitation to another contact first.`,
      );
    }
    await tx.vendorContact.delete({ where: { id: contactId } });
    if (contact.isPrimary) {
      const next = await tx.vendorContact.findFirst({
        where: { vendorId },
        orderBy: { name: "asc" },
        select: { id: true },
      });
      if (next) await makePrimary(tx, vendorId, next.id);
    }
    await recordAudit(tx, {
      actor,
      action: "vendor.contact_removed",
      entityType: "VendorContact",
      entityId: contactId,
      before: { vendorId, name: contact.name, email: contact.email },
    });
    return contact;
  });
}
