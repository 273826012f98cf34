// Importing a backer report into a campaign: streamed, in batches, each batch one transaction (a row is never
// half-written), keyed by (campaign, source, external backer id). Re-importing the same file changes nothing; a
// newer file updates what changed and records an Event per change. Rewards and add-ons found in the file become
// the campaign's rewards. Progress and the outcome are kept on the ImportRun.
import type { Prisma, PrismaClient } from "@prisma/client";
import type { PledgeRecord, RowError } from "../../domain/import/record";
import type { ImportReport } from "./check-file";
import { bulkInsert } from "../../db/bulk-insert";
import { parseFile, type FileShape, type ParseFileOptions } from "./parse-file";

export interface ImportRequest extends ParseFileOptions {
  shopId: string;
  /** An existing campaign, or the name of one to create with the file's platform and currency. */
  campaign: { id: string } | { name: string };
  path: string;
  fileName: string;
  batchSize?: number;
  maxStoredErrors?: number;
  onProgress?: (progress: { rows: number; runId: string }) => Promise<void> | void;
}

export interface ImportResult extends ImportReport {
  runId: string;
  campaignId: string;
}

type Tx = Prisma.TransactionClient;

// Column types for bulkInsert, as the migrations create them.
const PLEDGE_COLUMNS = {
  shopId: "text",
  campaignId: "text",
  backerId: "text",
  source: '"Platform"',
  externalBackerId: "text",
  backerNumber: "integer",
  rewardId: "text",
  status: '"PledgeStatus"',
  amountMinor: "integer",
  shippingPaidMinor: "integer",
  bonusMinor: "integer",
  currencyCode: "text",
  pledgedAt: "timestamp(3)",
  answers: "jsonb",
  addOns: "jsonb",
  items: "jsonb",
  importRunId: "text",
  latePledge: "boolean",
  pledgeOverTime: "boolean",
  amountDueMinor: "integer",
  amountPaidMinor: "integer",
  fulfillmentStatus: "text",
  updatedAt: "timestamp(3)",
};
const BACKER_COLUMNS = {
  shopId: "text",
  campaignId: "text",
  identityKey: "text",
  email: "text",
  firstName: "text",
  lastName: "text",
  phone: "text",
  address1: "text",
  address2: "text",
  city: "text",
  provinceCode: "text",
  zip: "text",
  countryCode: "text",
  privateRelayEmail: "boolean",
  updatedAt: "timestamp(3)",
};
const EVENT_COLUMNS = {
  shopId: "text",
  pledgeId: "text",
  subjectType: "text",
  subjectId: "text",
  kind: "text",
  cause: "text",
  data: "jsonb",
};
type Counts = { rows: number; created: number; updated: number; unchanged: number; rejected: number };

export async function importFile(prisma: PrismaClient, request: ImportRequest): Promise<ImportResult> {
  const existing =
    "id" in request.campaign
      ? await prisma.campaign.findFirst({ where: { id: request.campaign.id, shopId: request.shopId } })
      : await prisma.campaign.findFirst({
          where: { shopId: request.shopId, name: { equals: request.campaign.name, mode: "insensitive" } },
        });
  if ("id" in request.campaign && !existing) throw new Error(`No campaign ${request.campaign.id} in this shop`);

  const { shape, items } = await parseFile(
    request.path,
    { ...request, currency: existing?.currencyCode ?? request.currency },
    request.fileName,
  );
  const iterator = items[Symbol.asyncIterator]();
  // The first item settles the file's platform and currency, which a new campaign takes.
  const first = await iterator.next();
  const campaign =
    existing ?? (await createCampaign(prisma, request.shopId, (request.campaign as { name: string }).name, shape));
  const run = await prisma.importRun.create({
    data: {
      shopId: request.shopId,
      campaignId: campaign.id,
      source: shape.platform,
      vintage: shape.vintage,
      fileName: request.fileName,
      status: "RUNNING",
      startedAt: new Date(),
    },
  });

  const counts: Counts = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const errors: RowError[] = [];
  let moreErrors = 0;
  const maxErrors = request.maxStoredErrors ?? 1000;
  const rewardIds = new Map<string, string>();
  let batch: PledgeRecord[] = [];

  const flush = async () => {
    if (!batch.length) return;
    const records = batch;
    batch = [];
    const outcome = await prisma.$transaction(
      (tx) => writeBatch(tx, { shopId: request.shopId, campaignId: campaign.id, runId: run.id, rewardIds }, records),
      { timeout: 120_000 },
    );
    counts.created += outcome.created;
    counts.updated += outcome.updated;
    counts.unchanged += outcome.unchanged;
    await prisma.importRun.update({
      where: { id: run.id },
      data: {
        rowsTotal: counts.rows,
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
      },
    });
    await request.onProgress?.({ rows: counts.rows, runId: run.id });
  };

  try {
    for (let next = first; !next.done; next = await iterator.next()) {
      counts.rows++;
      const item = next.value;
      if (item.kind === "rejected") {
        counts.rejected++;
        const room = Math.max(0, maxErrors - errors.length);
        errors.push(...item.errors.slice(0, room));
        moreErrors += Math.max(0, item.errors.length - room);
        continue;
      }
      batch.push(item.record);
      if (batch.length >= (request.batchSize ?? 500)) await flush();
    }
    await flush();
  } catch (error) {
    await prisma.importRun.update({
      where: { id: run.id },
      data: {
        status: "FAILED",
        finishedAt: new Date(),
        ...counts,
        rowsTotal: counts.rows,
        errors: [
          ...errors,
          { row: null, column: null, value: null, code: "import_failed", message: (error as Error).message },
        ] as never,
      },
    });
    throw error;
  }
  await prisma.importRun.update({
    where: { id: run.id },
    data: {
      status: "SUCCEEDED",
      finishedAt: new Date(),
      rowsTotal: counts.rows,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      errors: errors as never,
    },
  });
  return {
    runId: run.id,
    campaignId: campaign.id,
    platform: shape.platform,
    vintage: shape.vintage,
    currency: shape.currency,
    tables: shape.tables,
    ...counts,
    errors,
    moreErrors,
  };
}

async function createCampaign(prisma: PrismaClient, shopId: string, name: string, shape: FileShape) {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "campaign";
  let handle = base;
  for (let n = 2; await prisma.campaign.findUnique({ where: { shopId_handle: { shopId, handle } } }); n++)
    handle = `${base}-${n}`;
  return prisma.campaign.create({
    data: { shopId, name, handle, platform: shape.platform, currencyCode: shape.currency },
  });
}

interface BatchContext {
  shopId: string;
  campaignId: string;
  runId: string;
  /** Reward ids by key, kept across batches. */
  rewardIds: Map<string, string>;
}

async function writeBatch(tx: Tx, context: BatchContext, records: PledgeRecord[]) {
  const { shopId, campaignId, runId } = context;
  const source = records[0]!.platform;
  await ensureRewards(tx, context, records);
  const backerIds = await upsertBackers(tx, context, records);

  const existing = await tx.pledge.findMany({
    where: { campaignId, source, externalBackerId: { in: records.map((r) => r.externalBackerId) } },
  });
  const byKey = new Map(existing.map((pledge) => [pledge.externalBackerId, pledge]));
  const toCreate: Prisma.PledgeCreateManyInput[] = [];
  const events: Prisma.EventCreateManyInput[] = [];
  let updated = 0;
  let unchanged = 0;
  for (const record of records) {
    const data = pledgeData(context, record, backerIds.get(record.identityKey)!);
    const current = byKey.get(record.externalBackerId);
    if (!current) {
      toCreate.push({
        shopId,
        campaignId,
        source,
        externalBackerId: record.externalBackerId,
        importRunId: runId,
        ...data,
      });
      continue;
    }
    const changes = diff(current as unknown as Record<string, unknown>, data as Record<string, unknown>);
    if (!Object.keys(changes).length) {
      unchanged++;
      continue;
    }
    updated++;
    await tx.pledge.update({ where: { id: current.id }, data: { ...data, importRunId: runId } });
    events.push({
      shopId,
      pledgeId: current.id,
      subjectType: "pledge",
      subjectId: current.id,
      kind: "pledge.changed",
      cause: `import:${runId}`,
      data: { changes } as never,
    });
  }
  const created = (await bulkInsert(tx, "Pledge", PLEDGE_COLUMNS, toCreate)) as Array<{ id: string }>;
  for (const { id } of created) {
    events.push({
      shopId,
      pledgeId: id,
      subjectType: "pledge",
      subjectId: id,
      kind: "pledge.imported",
      cause: `import:${runId}`,
      data: {},
    });
  }
  await bulkInsert(tx, "Event", EVENT_COLUMNS, events);
  return { created: created.length, updated, unchanged };
}

function rewardKey(externalId: string | null, title: string | null) {
  return externalId ? `id:${externalId}` : `title:${title}`;
}

async function ensureRewards(tx: Tx, context: BatchContext, records: PledgeRecord[]) {
  const source = records[0]!.platform;
  const wanted = new Map<string, Prisma.RewardCreateManyInput>();
  for (const record of records) {
    if (record.reward && (record.reward.externalId || record.reward.title)) {
      const key = rewardKey(record.reward.externalId, record.reward.title);
      wanted.set(key, {
        shopId: context.shopId,
        campaignId: context.campaignId,
        source,
        kind: "TIER",
        externalId: record.reward.externalId ?? `title:${record.reward.title}`,
        title: record.reward.title ?? record.reward.externalId!,
        minimumMinor: record.reward.minimum?.amountMinor ?? null,
      });
    }
    for (const addOn of record.addOns) {
      wanted.set(rewardKey(addOn.externalId, null), {
        shopId: context.shopId,
        campaignId: context.campaignId,
        source,
        kind: "ADDON",
        externalId: addOn.externalId,
        title: addOn.title,
      });
    }
  }
  const missing = [...wanted.entries()].filter(([key]) => !context.rewardIds.has(key));
  if (!missing.length) return;
  await tx.reward.createMany({ data: missing.map(([, reward]) => reward), skipDuplicates: true });
  const rows = await tx.reward.findMany({
    where: {
      campaignId: context.campaignId,
      source,
      externalId: { in: missing.map(([, reward]) => reward.externalId) },
    },
    select: { id: true, externalId: true },
  });
  for (const row of rows) {
    context.rewardIds.set(row.externalId.startsWith("title:") ? row.externalId : `id:${row.externalId}`, row.id);
  }
}

/** One backer per person in the campaign: the identity key (email) joins pledges from every source. */
async function upsertBackers(tx: Tx, context: BatchContext, records: PledgeRecord[]): Promise<Map<string, string>> {
  const latest = new Map(records.map((record) => [record.identityKey, backerData(record)]));
  const keys = [...latest.keys()];
  const existing = await tx.backer.findMany({ where: { campaignId: context.campaignId, identityKey: { in: keys } } });
  const ids = new Map(existing.map((backer) => [backer.identityKey, backer.id]));
  const events: Prisma.EventCreateManyInput[] = [];
  for (const backer of existing) {
    const changes = diff(
      backer as unknown as Record<string, unknown>,
      latest.get(backer.identityKey)! as Record<string, unknown>,
    );
    if (!Object.keys(changes).length) continue;
    await tx.backer.update({ where: { id: backer.id }, data: latest.get(backer.identityKey)! });
    // Which personal fields changed, not their values: events outlive a redaction request.
    events.push({
      shopId: context.shopId,
      subjectType: "backer",
      subjectId: backer.id,
      kind: "backer.changed",
      cause: `import:${context.runId}`,
      data: { fields: Object.keys(changes) },
    });
  }
  const fresh = keys.filter((key) => !ids.has(key));
  if (fresh.length) {
    const created = (await bulkInsert(
      tx,
      "Backer",
      BACKER_COLUMNS,
      fresh.map((identityKey) => ({
        shopId: context.shopId,
        campaignId: context.campaignId,
        identityKey,
        ...latest.get(identityKey)!,
      })),
      ["id", "identityKey"],
    )) as Array<{ id: string; identityKey: string }>;
    for (const backer of created) ids.set(backer.identityKey, backer.id);
  }
  await bulkInsert(tx, "Event", EVENT_COLUMNS, events);
  return ids;
}

function backerData(record: PledgeRecord) {
  const [firstName, lastName] = splitName(record.address?.name ?? record.name);
  return {
    email: record.email,
    firstName,
    lastName,
    phone: record.address?.phone ?? null,
    address1: record.address?.address1 ?? null,
    address2: record.address?.address2 ?? null,
    city: record.address?.city ?? null,
    provinceCode: record.address?.province ?? null,
    zip: record.address?.zip ?? null,
    countryCode: record.address?.countryCode ?? null,
    privateRelayEmail: record.privateRelayEmail,
  };
}

function pledgeData(context: BatchContext, record: PledgeRecord, backerId: string) {
  return {
    backerId,
    backerNumber: record.backerNumber,
    rewardId: record.reward
      ? (context.rewardIds.get(rewardKey(record.reward.externalId, record.reward.title)) ?? null)
      : null,
    status: record.status,
    amountMinor: record.amount.amountMinor,
    shippingPaidMinor: record.shippingPaid?.amountMinor ?? 0,
    bonusMinor: record.bonus?.amountMinor ?? 0,
    currencyCode: record.amount.currency,
    pledgedAt: record.pledgedAt,
    answers: record.answers,
    addOns: record.addOns.map(({ externalId, quantity }) => ({ rewardExternalId: externalId, quantity })),
    items: record.items,
    latePledge: record.latePledge,
    pledgeOverTime: record.pledgeOverTime,
    amountDueMinor: record.amountDue?.amountMinor ?? null,
    amountPaidMinor: record.amountPaid?.amountMinor ?? null,
    fulfillmentStatus: record.fulfillmentStatus,
  };
}

function splitName(name: string | null): [string | null, string | null] {
  const parts = name?.trim().split(/\s+/) ?? [];
  if (!parts.length) return [null, null];
  if (parts.length === 1) return [parts[0]!, null];
  return [parts.slice(0, -1).join(" "), parts.at(-1)!];
}

/** The fields of `next` whose value differs from `current`, with both values. Dates and JSON compare by value. */
function diff(
  current: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(next)) {
    if (comparable(current[field]) !== comparable(value))
      changes[field] = { from: current[field] ?? null, to: value ?? null };
  }
  return changes;
}

// jsonb keeps object keys in its own order, so JSON compares with its keys sorted.
function comparable(value: unknown): string {
  return JSON.stringify(canonical(value ?? null));
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
