// One batch of pledge records written in one transaction: backers, then pledges (rewards are committed before it,
// see insertRewards). A batch whose rows are all new goes in with two COPY statements (on PGlite, with their foreign
// keys checked once for the batch: copyCheckingKeys); otherwise new rows go in with one INSERT … ON CONFLICT DO
// NOTHING each, the database says which of the rows already there differ from the file's, and only those are read
// back, compared and updated, with an Event per change. A fresh import, or the same file again, is therefore a
// handful of statements per batch.
// Plain SQL on the driver's connection, not Prisma: this is the import's hot path (bench/import.ts).
import type { PledgeRecord } from "../../domain/import/record";
import { bulkInsert, bulkUpdate, copyText, differs, insertOrCompare, type CopyText } from "../../db/bulk-insert";
import { copyCheckingKeys, type KeyCheck } from "../../db/foreign-keys";
import type { SqlTransaction } from "../../db/open";
import { orderedId } from "../../db/ordered-id";
import { diff } from "./diff";

type Tx = Pick<SqlTransaction, "query" | "copyFrom">;
type EventRow = {
  shopId: string;
  pledgeId?: string;
  subjectType: string;
  subjectId: string;
  kind: string;
  cause: string;
  data: unknown;
};
export type RewardRow = {
  shopId: string;
  campaignId: string;
  source: string;
  kind: "TIER" | "ADDON";
  externalId: string;
  title: string;
  minimumMinor?: number | null;
};

export interface BatchContext {
  shopId: string;
  campaignId: string;
  runId: string;
  /** Reward ids by key, kept across batches. */
  rewardIds: Map<string, string>;
  /**
   * Whether a batch tries COPY first (writeNewRows): true until one finds a row of its own already there (a file
   * imported again, a backer known from another source), after which the run's batches insert around what is there.
   */
  copying: boolean;
  /**
   * Whether a batch's commit writes its WAL out before it returns: on PGlite, which never waits for the disk (fsync
   * off) and has no WAL writer process, so that WAL not written at commit goes out a page at a time as its buffers
   * fill (14,000 writes in an import of 100,000 rows, 0.2 s, against 124 written at commit). Left out on PostgreSQL,
   * where writing it means waiting for the disk.
   */
  walWrittenAtCommit?: boolean;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

const UNIQUE_VIOLATION = "23505";

// Column types for the bulk statements, as the migrations create them.
const PLEDGE_DATA_COLUMNS = {
  backerId: "text",
  backerNumber: "integer",
  rewardId: "text",
  status: '"PledgeStatus"',
  amountMinor: "integer",
  shippingPaidMinor: "integer",
  bonusMinor: "integer",
  currencyCode: "text",
  pledgedAt: "timestamp(3)",
  answers: "json",
  addOns: "jsonb",
  items: "json",
  latePledge: "boolean",
  pledgeOverTime: "boolean",
  amountDueMinor: "integer",
  amountPaidMinor: "integer",
  fulfillmentStatus: "text",
  updatedAt: "timestamp(3)",
};
const PLEDGE_COLUMNS = {
  ...PLEDGE_DATA_COLUMNS,
  shopId: "text",
  campaignId: "text",
  source: '"Platform"',
  externalBackerId: "text",
  importRunId: "text",
};
const BACKER_DATA_COLUMNS = {
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
const PORTAL_ADDRESS_FIELDS = [
  "firstName",
  "lastName",
  "phone",
  "address1",
  "address2",
  "city",
  "provinceCode",
  "zip",
  "countryCode",
] as const;
const BACKER_COLUMNS = { ...BACKER_DATA_COLUMNS, shopId: "text", campaignId: "text", identityKey: "text" };
// What a newer file is compared on: the data columns, updatedAt aside; a backer's address apart from the rest.
const { updatedAt: _pledgeStamp, ...PLEDGE_COMPARED } = PLEDGE_DATA_COLUMNS;
const { updatedAt: _backerStamp, ...BACKER_COMPARED } = BACKER_DATA_COLUMNS;
const isAddress = ([name]: [string, string]) => (PORTAL_ADDRESS_FIELDS as readonly string[]).includes(name);
const BACKER_ADDRESS = Object.fromEntries(Object.entries(BACKER_COMPARED).filter(isAddress));
const BACKER_OWN = Object.fromEntries(Object.entries(BACKER_COMPARED).filter((column) => !isAddress(column)));
/** Reward's columns as the import writes them. */
export const REWARD_COLUMNS = {
  shopId: "text",
  campaignId: "text",
  source: '"Platform"',
  kind: '"RewardKind"',
  externalId: "text",
  title: "text",
  minimumMinor: "integer",
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

/** A batch's backers and pledges as new rows in COPY's format, made before its transaction (see newRows). */
export interface NewRows {
  backers: CopyText;
  pledges: CopyText;
}

/** A batch as writeBatch takes it: its new rows when the run copies, and its records for the other way. */
export interface PreparedRecords {
  newRows: NewRows | null;
  /** Asked for only when the new rows cannot be copied: they may have to come from the thread that read them. */
  records(): PledgeRecord[] | Promise<PledgeRecord[]>;
}

/**
 * Writes backers and pledges. The rewards the records name must be in context.rewardIds already (insertRewards).
 * With keyCheck (PGlite: see copyCheckingKeys), new rows are copied with their foreign keys checked a batch at a time.
 */
export async function writeBatch(
  tx: Tx,
  context: BatchContext,
  batch: PreparedRecords,
  keyCheck: KeyCheck | null = null,
): Promise<BatchOutcome> {
  // On PostgreSQL the batch's commit does not wait for its WAL to reach the disk: the run's progress, committed after
  // it the usual way, flushes it, so a crash can only lose a batch the run has not yet counted (and the retried run
  // writes it again). A disk flush every quarter of a second (import-file.ts) instead of two per batch.
  if (!context.walWrittenAtCommit) await tx.query("SET LOCAL synchronous_commit = off");
  if (context.copying && batch.newRows) {
    const created = await copyNewRows(tx, batch.newRows, keyCheck);
    if (created !== null) return { created, updated: 0, unchanged: 0 };
    context.copying = false;
  }
  const records = await batch.records();
  const backerIds = await upsertBackers(tx, context, records);
  return upsertPledges(tx, context, records, backerIds);
}

/**
 * The batch's backers and pledges in COPY's format, each with a new id: one backer per identity, the last record's
 * details (as upsertBackers keeps them). Made apart from the writing, so that it can be made on the thread that
 * reads the file (read-thread.ts) while the import's own thread writes the batch before.
 */
export function newRows(context: BatchContext, records: PledgeRecord[]): NewRows {
  const { shopId, campaignId, runId } = context;
  const backers = new Map<string, { id: string; identityKey: string } & ReturnType<typeof backerData>>();
  // Each row's data spread first, here and below: V8 copies an object spread into a literal's start at once, and one
  // after other properties a property at a time (a fifth of this function's time, and half its garbage, when it was).
  for (const record of records) {
    backers.set(record.identityKey, { ...backerData(record), id: orderedId(), identityKey: record.identityKey });
  }
  const pledges = records.map((record) => ({
    ...pledgeData(context, record, backers.get(record.identityKey)!.id),
    id: orderedId(),
    externalBackerId: record.externalBackerId,
  }));
  const backerRows = [...backers.values()];
  return {
    backers: copyText(BACKER_COLUMNS, sortedBy(backerRows, "identityKey"), { shopId, campaignId }),
    // With the values their foreign keys look up (copyCheckingKeys): none for a pledge's backer, new in the batch.
    pledges: copyText(
      PLEDGE_COLUMNS,
      sortedBy(pledges, "externalBackerId"),
      { shopId, campaignId, source: records[0]!.platform, importRunId: runId },
      { keyed: ["backerId", "rewardId"], within: { backerId: new Set(backerRows.map((backer) => backer.id)) } },
    ),
  };
}

/**
 * New rows written with COPY inside a savepoint: the number of pledges created, or null when a backer or pledge of
 * the batch was already there (a unique key refused it), with nothing written.
 */
async function copyNewRows(tx: Tx, rows: NewRows, keyCheck: KeyCheck | null): Promise<number | null> {
  await tx.query("SAVEPOINT new_rows");
  try {
    if (keyCheck) await copyCheckingKeys(tx, keyCheck, [rows.backers, rows.pledges]);
    else {
      await tx.copyFrom("Backer", rows.backers.columns, rows.backers.text);
      await tx.copyFrom("Pledge", rows.pledges.columns, rows.pledges.text);
    }
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await tx.query("ROLLBACK TO SAVEPOINT new_rows");
    return null;
  }
  await tx.query("RELEASE SAVEPOINT new_rows");
  return rows.pledges.count;
}

/**
 * A pledge's creation is on the pledge itself (createdAt, and importRunId: the run that brought it in); Events
 * record what later files changed, with the run as their cause.
 */
async function upsertPledges(
  tx: Tx,
  context: BatchContext,
  records: PledgeRecord[],
  backerIds: Map<string, string>,
): Promise<BatchOutcome> {
  const { shopId, campaignId, runId } = context;
  const source = records[0]!.platform;
  const wanted = new Map(
    records.map((record) => [record.externalBackerId, pledgeData(context, record, backerIds.get(record.identityKey)!)]),
  );
  // New pledges inserted, and the database says which of those already there differ from the file's: only those
  // are read back and compared field by field, for their Events.
  const { inserted, found } = await insertOrCompare(
    tx,
    "Pledge",
    PLEDGE_COLUMNS,
    // Ids in file order (see orderedId), then rows in key order for the locks.
    sortedBy(
      [...wanted].map(([externalBackerId, data]) => ({ ...data, id: orderedId(), externalBackerId })),
      "externalBackerId",
    ),
    {
      key: { same: ["campaignId", "source"], given: "externalBackerId" },
      same: { shopId, campaignId, source, importRunId: runId },
      changed: differs(PLEDGE_COMPARED, "t"),
    },
  );
  if (!found.length) return { created: inserted.length, updated: 0, unchanged: 0 };
  const existing = await readBack<{ id: string; externalBackerId: string }>(
    tx,
    `SELECT id, "externalBackerId", ${selectList(PLEDGE_DATA_COLUMNS)} FROM "Pledge"`,
    found,
  );
  const changed: Array<{ id: string } & ReturnType<typeof pledgeData>> = [];
  const events: EventRow[] = [];
  for (const current of existing) {
    const data = wanted.get(current.externalBackerId)!;
    const changes = diff(current, data);
    if (!Object.keys(changes).length) continue;
    changed.push({ id: current.id, ...data });
    events.push({
      shopId,
      pledgeId: current.id,
      subjectType: "pledge",
      subjectId: current.id,
      kind: "pledge.changed",
      cause: `import:${runId}`,
      data: { changes },
    });
  }
  await bulkUpdate(tx, "Pledge", PLEDGE_DATA_COLUMNS, sortedBy(changed, "id"));
  await bulkInsert(tx, "Event", EVENT_COLUMNS, events);
  return { created: inserted.length, updated: changed.length, unchanged: found.length - changed.length };
}

/** The stored rows the database found changed (`found`), as `select` reads them: none when nothing changed. */
async function readBack<Row>(
  tx: Tx,
  select: string,
  found: Array<{ id: string; changed: boolean }>,
): Promise<Array<Row & Record<string, unknown>>> {
  const ids = found.filter((row) => row.changed).map((row) => row.id);
  return ids.length ? tx.query(`${select} WHERE id = ANY($1::text[])`, [ids]) : [];
}

function rewardKey(externalId: string | null, title: string | null) {
  return externalId ? `id:${externalId}` : `title:${title}`;
}

/** The rewards and add-ons these records name that context.rewardIds does not hold yet: most batches name none. */
export function missingRewards(context: BatchContext, records: PledgeRecord[]): RewardRow[] {
  const wanted = new Map<string, RewardRow>();
  const campaign = { shopId: context.shopId, campaignId: context.campaignId };
  for (const { platform: source, reward, addOns } of records) {
    if (reward && (reward.externalId || reward.title)) {
      const key = rewardKey(reward.externalId, reward.title);
      if (!context.rewardIds.has(key)) {
        wanted.set(key, {
          ...campaign,
          source,
          kind: "TIER",
          externalId: reward.externalId ?? `title:${reward.title}`,
          title: reward.title ?? reward.externalId!,
          minimumMinor: reward.minimum?.amountMinor ?? null,
        });
      }
    }
    for (const addOn of addOns) {
      const key = rewardKey(addOn.externalId, null);
      if (!context.rewardIds.has(key)) {
        wanted.set(key, { ...campaign, source, kind: "ADDON", externalId: addOn.externalId, title: addOn.title });
      }
    }
  }
  return [...wanted.values()];
}

/**
 * Creates the rewards the campaign lacks (missingRewards), and returns the ids of all of them by key. Run in its own
 * transaction and committed before any batch uses the ids: batches written side by side share them.
 */
export async function insertRewards(tx: Tx, context: BatchContext, rewards: RewardRow[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!rewards.length) return found;
  const source = rewards[0]!.source;
  await bulkInsert(tx, "Reward", REWARD_COLUMNS, sortedBy(rewards, "externalId"), {
    skipConflictsOn: ["campaignId", "source", "externalId"],
  });
  const rows = await tx.query<{ id: string; externalId: string }>(
    `SELECT id, "externalId" FROM "Reward" WHERE "campaignId" = $1 AND source = $2::"Platform" AND "externalId" = ANY($3::text[])`,
    [context.campaignId, source, rewards.map((reward) => reward.externalId)],
  );
  for (const row of rows) {
    found.set(row.externalId.startsWith("title:") ? row.externalId : `id:${row.externalId}`, row.id);
  }
  return found;
}

/** One backer per person in the campaign: the identity key (email) joins pledges from every source. */
async function upsertBackers(tx: Tx, context: BatchContext, records: PledgeRecord[]): Promise<Map<string, string>> {
  const latest = new Map(records.map((record) => [record.identityKey, backerData(record)]));
  // As for pledges (upsertPledges); the address of a backer who confirmed one in the portal does not count (below).
  const { inserted, found } = await insertOrCompare(
    tx,
    "Backer",
    BACKER_COLUMNS,
    sortedBy(
      [...latest].map(([identityKey, data]) => ({ ...data, identityKey })),
      "identityKey",
    ),
    {
      key: { same: ["campaignId"], given: "identityKey" },
      same: { shopId: context.shopId, campaignId: context.campaignId },
      changed: `${differs(BACKER_OWN, "t")} OR (t."addressConfirmedAt" IS NULL AND ${differs(BACKER_ADDRESS, "t")})`,
      select: ["mergedIntoId"],
    },
  );
  const ids = new Map(inserted.map((backer) => [backer.key, backer.id]));
  // Merged by the merchant into another backer (backer-merge.ts): the pledges go there, and the merchant's choice
  // of details stands.
  for (const backer of found) ids.set(backer.key, (backer.mergedIntoId as string | null) ?? backer.id);
  if (!found.length) return ids;
  const existing = await readBack<{ id: string; identityKey: string }>(
    tx,
    `SELECT id, "identityKey", "addressConfirmedAt" IS NOT NULL AS confirmed, ${selectList(BACKER_DATA_COLUMNS)}
       FROM "Backer"`,
    found.filter((backer) => !backer.mergedIntoId),
  );
  const changed: Array<{ id: string } & ReturnType<typeof backerData>> = [];
  const events: EventRow[] = [];
  for (const backer of existing) {
    let data = latest.get(backer.identityKey)!;
    // The backer confirmed an address in the portal since: it is newer than any export, and stays.
    if (backer.confirmed) data = { ...data, ...pick(backer, PORTAL_ADDRESS_FIELDS) };
    const changes = diff(backer, data);
    if (!Object.keys(changes).length) continue;
    changed.push({ id: backer.id, ...data });
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
  await bulkUpdate(tx, "Backer", BACKER_DATA_COLUMNS, sortedBy(changed, "id"));
  await bulkInsert(tx, "Event", EVENT_COLUMNS, events);
  return ids;
}

/**
 * Rows in key order: two batches written at once that share a key then lock it in the same order, so one waits
 * for the other instead of deadlocking.
 */
function sortedBy<Row, Key extends keyof Row>(rows: Row[], key: Key): Row[] {
  return rows.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}

/** The data columns, timestamps read as UTC instants whatever the connection's time zone. */
function selectList(columns: Record<string, string>): string {
  return Object.entries(columns)
    .filter(([name]) => name !== "updatedAt")
    .map(([name, type]) => (type.startsWith("timestamp") ? `("${name}" AT TIME ZONE 'UTC') AS "${name}"` : `"${name}"`))
    .join(", ");
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

function pick<Row extends Record<string, unknown>, Key extends string>(row: Row, keys: readonly Key[]) {
  return Object.fromEntries(keys.map((key) => [key, row[key] ?? null])) as Record<Key, string | null>;
}
