// The backers list of a campaign: one line per pledge with its backer, searched and filtered, paged by a keyset
// (import order) so that page 2,000 of 100,000 pledges costs what page 1 costs.
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import { PLATFORMS, PLEDGE_STATUSES } from "../domain/import/record";

export const PAGE_SIZE = 50;

// Pledges entered by hand have a source no file has.
const SOURCES = [...PLATFORMS, "MANUAL"] as const;

/** The list's query string, validated: anything unknown is dropped rather than trusted. */
export const BackerQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(PLEDGE_STATUSES).optional().catch(undefined),
  reward: z.string().max(100).optional().catch(undefined),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  source: z.enum(SOURCES).optional().catch(undefined),
  after: z.string().max(100).optional().catch(undefined),
});
export type BackerQuery = z.infer<typeof BackerQuery>;

export function parseBackerQuery(params: URLSearchParams): BackerQuery {
  return BackerQuery.parse(Object.fromEntries([...params].filter(([, value]) => value !== "")));
}

/** Backers whose email starts with, or whose name contains, what was typed: at most this many. */
const SEARCH_LIMIT = 1000;

async function where(
  prisma: PrismaClient,
  shopId: string,
  campaignId: string,
  query: BackerQuery,
): Promise<Prisma.PledgeWhereInput> {
  const q = query.q;
  // The search finds backers first, in one pass over the campaign's backers, then their pledges by index:
  // an OR across the two tables in one query made PostgreSQL test every pledge against every branch.
  const backerIds = q
    ? (
        await prisma.backer.findMany({
          where: {
            shopId,
            campaignId,
            OR: [
              { identityKey: { startsWith: q.toLowerCase() } },
              { firstName: { contains: q, mode: "insensitive" } },
              { lastName: { contains: q, mode: "insensitive" } },
            ],
          },
          select: { id: true },
          take: SEARCH_LIMIT,
        })
      ).map((backer) => backer.id)
    : [];
  return {
    shopId,
    campaignId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.reward ? { rewardId: query.reward } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.country ? { backer: { countryCode: query.country } } : {}),
    ...(q
      ? {
          OR: [
            { externalBackerId: q },
            ...(/^\d+$/.test(q) && Number(q) < 2 ** 31 ? [{ backerNumber: Number(q) }] : []),
            ...(backerIds.length ? [{ backerId: { in: backerIds } }] : []),
          ],
        }
      : {}),
  };
}

export async function listBackers(prisma: PrismaClient, shopId: string, campaignId: string, query: BackerQuery) {
  const filter = await where(prisma, shopId, campaignId, query);
  const [rows, total] = await Promise.all([
    prisma.pledge.findMany({
      where: filter,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PAGE_SIZE + 1,
      ...(query.after ? { cursor: { id: query.after }, skip: 1 } : {}),
      select: {
        id: true,
        backerId: true,
        externalBackerId: true,
        backerNumber: true,
        source: true,
        status: true,
        amountMinor: true,
        currencyCode: true,
        reward: { select: { title: true } },
        backer: {
          select: { email: true, firstName: true, lastName: true, countryCode: true, privateRelayEmail: true },
        },
      },
    }),
    prisma.pledge.count({ where: filter }),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  return {
    total,
    rows: page.map((pledge) => ({
      id: pledge.id,
      backerId: pledge.backerId,
      externalBackerId: pledge.externalBackerId,
      backerNumber: pledge.backerNumber,
      source: pledge.source,
      status: pledge.status,
      amountMinor: pledge.amountMinor,
      currencyCode: pledge.currencyCode,
      reward: pledge.reward?.title ?? null,
      name: [pledge.backer.firstName, pledge.backer.lastName].filter(Boolean).join(" ") || null,
      email: pledge.backer.email,
      privateRelayEmail: pledge.backer.privateRelayEmail,
      countryCode: pledge.backer.countryCode,
    })),
    nextCursor: rows.length > PAGE_SIZE ? page.at(-1)!.id : null,
  };
}

/** What the filters offer: the campaign's rewards, and the countries and sources its pledges have. */
export async function backerFilterOptions(prisma: PrismaClient, shopId: string, campaignId: string) {
  const [rewards, countries, sources] = await Promise.all([
    prisma.reward.findMany({
      where: { shopId, campaignId, kind: "TIER" },
      orderBy: { title: "asc" },
      select: { id: true, title: true },
    }),
    prisma.backer.groupBy({
      by: ["countryCode"],
      where: { shopId, campaignId, countryCode: { not: null } },
      orderBy: { countryCode: "asc" },
    }),
    prisma.pledge.groupBy({ by: ["source"], where: { shopId, campaignId } }),
  ]);
  return {
    rewards,
    countries: countries.map((row) => row.countryCode!),
    sources: sources.map((row) => row.source),
  };
}
