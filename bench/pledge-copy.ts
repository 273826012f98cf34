// What the Pledge table's shape costs the database in an import: the same batches of pledges, in the COPY text the
// import makes (newRows), loaded into databases whose Pledge table differs in one thing each. The databases take
// turns batch by batch, so that a machine slowing down for a while slows them all alike, and each has its own buffer
// pool, as the app's one database has. The table as the schema has it is the baseline; each variant says what one
// part costs: the JSON columns as jsonb (before decision 0020), or one index less. The rows' keys are not checked
// (the import checks them once a batch, the same work for every variant).
// Usage: npx tsx bench/pledge-copy.ts [pledges]   (DATABASE_URL: a postgres:// server, on which it makes a database
// per variant and drops them after; by default PGlite folders)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PledgeRecord } from "../app/domain/import/record";
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase, type Database } from "../app/db/open";
import { orderedId } from "../app/db/ordered-id";
import { describeDatabaseUrl } from "../app/db/url";
import { newRows, type BatchContext } from "../app/services/import/write-batch";

const pledges = Number(process.argv[2] ?? 100_000);
const BATCH = 1000;
const server = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : null;
const workDir = mkdtempSync(path.join(tmpdir(), "pb-pledge-copy-"));

interface Variant {
  label: string;
  /** Statements that make this database's Pledge table differ from the schema's. */
  change: string[];
}

const asJsonb = (column: string) =>
  `ALTER TABLE "Pledge" ALTER COLUMN "${column}" DROP DEFAULT, ALTER COLUMN "${column}" TYPE jsonb USING "${column}"::jsonb`;

const variants: Variant[] = [
  { label: "the schema's Pledge (the baseline)", change: [] },
  { label: "items and answers as jsonb", change: [asJsonb("items"), asJsonb("answers")] },
  { label: "without the import's unique key", change: ['DROP INDEX "Pledge_campaignId_source_externalBackerId_key"'] },
  { label: "without the index of a backer's pledges", change: ['DROP INDEX "Pledge_backerId_idx"'] },
  { label: "without the backers list's index", change: ['DROP INDEX "Pledge_campaignId_createdAt_id_idx"'] },
];

/** A pledge as the Kickstarter report of bench/import.ts makes it: five items, one add-on, four answers. */
function record(n: number): PledgeRecord {
  const money = (amountMinor: number) => ({ amountMinor, currency: "USD" });
  return {
    row: n + 1,
    platform: "KICKSTARTER",
    externalBackerId: String(5_000_000 + n),
    backerNumber: n,
    name: `Backer ${n}`,
    email: `backer${n}@example.com`,
    identityKey: `backer${n}@example.com`,
    privateRelayEmail: false,
    address: null,
    reward: null,
    amount: money(7400 + (n % 3) * 2500),
    shippingPaid: money(1500),
    bonus: money(0),
    status: n % 50 === 0 ? "DROPPED" : "COLLECTED",
    pledgedAt: new Date(Date.UTC(2025, 2, 1, 12)),
    addOns: [{ externalId: String(10750430 + (n % 5)), title: "Add-on", quantity: 1 }],
    items: [2, 6, 10, 14, 18].map((k) => ({ title: `Item ${k + (n % 4)}`, quantity: 1 })),
    answers: {
      "Survey Response": "2025-04-01 10:00:00",
      "Which colour?": "Blue",
      "T-shirt size": "M",
      "Name for the credits": `Backer ${n}, of course`,
    },
    latePledge: false,
    pledgeOverTime: false,
    amountDue: null,
    amountPaid: null,
    fulfillmentStatus: "Unfulfilled",
  };
}

/** A database of its own for each variant: a PGlite folder, or a database on the server. */
async function open(index: number): Promise<{ db: Database; drop(): Promise<void> }> {
  if (!server) {
    const db = await openDatabase(`pglite://${path.join(workDir, `db${index}`)}`);
    return { db, drop: () => db.close() };
  }
  const name = `pb_pledge_copy_${process.pid}_${index}`;
  const admin = await openDatabase(server, { poolSize: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString(), { poolSize: 1 });
  return {
    db,
    async drop() {
      await db.close();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.close();
    },
  };
}

const databases = [];
for (const [index, variant] of variants.entries()) {
  const opened = await open(index);
  await migrateDatabase(opened.db);
  for (const statement of variant.change) await opened.db.query(statement);
  databases.push({ ...opened, ms: 0 });
}
const context: BatchContext = {
  shopId: orderedId(),
  campaignId: orderedId(),
  runId: orderedId(),
  rewardIds: new Map(),
  copying: true,
};
for (let first = 0; first < pledges; first += BATCH) {
  const records = Array.from({ length: Math.min(BATCH, pledges - first) }, (_, i) => record(first + i));
  const rows = newRows(context, records).pledges;
  // Every other batch the other way round: no variant is always the first after a pause.
  const order = (first / BATCH) % 2 ? [...databases].reverse() : databases;
  for (const database of order) {
    const start = performance.now();
    await database.db.transaction(async (tx) => {
      // Their backers, campaign and run are not there: the keys are left unchecked (see above).
      await tx.query("SET LOCAL session_replication_role = replica");
      await tx.copyFrom("Pledge", rows.columns, rows.text);
    });
    database.ms += performance.now() - start;
  }
}
for (const database of databases) await database.drop();
rmSync(workDir, { recursive: true, force: true });

const baseline = databases[0]!.ms;
console.log(
  `${pledges.toLocaleString("en")} pledges copied in batches of ${BATCH.toLocaleString("en")} into ${databases.length} ` +
    `databases whose Pledge table differs in one thing each, taking turns: ` +
    (server ? describeDatabaseUrl(server) : "PGlite in folders"),
);
for (const [index, { ms }] of databases.entries()) {
  const label = variants[index]!.label;
  const ratio =
    ms === baseline
      ? ""
      : `   ${(ms / baseline).toFixed(2)}× the baseline (${ms > baseline ? "+" : ""}${((ms - baseline) / 1000).toFixed(2)} s)`;
  console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2)} s${ratio}`);
}
