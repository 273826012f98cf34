// The import benchmark: a generated Kickstarter backer report (2024 vintage: 20 item columns, 5 add-on columns,
// survey columns) imported into a fresh database, against the time to only parse the same file with csv-parse.
// Prints rows/s, the ratio to the baseline, peak RSS, and the CPU the import took in this process and (when the
// server runs on this machine) in PostgreSQL's: what the machine's cores allow at best. Targets (issue #4):
// >= 20,000 rows/s end to end, peak RSS < 300 MB, end-to-end within 5x of parse-only.
// Usage: npx tsx bench/import.ts [rows]   (DATABASE_URL: by default a new PGlite folder, as the app's default
// `pglite://./.data/db` runs on a laptop; pglite://memory, or a postgres:// database; BENCH_BATCH_SIZE and
// BENCH_CONCURRENCY try other batch sizes and batches in flight; BENCH_THREAD=1 reads the file on a thread of its own
// and BENCH_THREAD=0 on the import's thread, where by default a large file is read on its own thread on PGlite only;
// BENCH_AGAIN=1 then imports the same file again). It runs from a build of itself, as production runs the app
// (bench/built.ts); BENCH_FROM_SOURCES=1 runs the TypeScript sources under tsx instead.
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { parse } from "csv-parse";
import { readConfig } from "../app/config.server";
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase, type Database } from "../app/db/open";
import { describeDatabaseUrl, parseDatabaseUrl } from "../app/db/url";
import { checkFile } from "../app/services/import/check-file";
import { importFile } from "../app/services/import/import-file";
import { refreshStatistics } from "../app/db/statistics";
import { runFromBuild } from "./built";

await runFromBuild(import.meta.url);

// The file is written, and parsed for the baseline, by a process of its own (this script, called with --prepare):
// doing it here first would leave its garbage in this process's heap, and 20–40 MB of it in the import's peak RSS.
const preparing = process.argv[2] === "--prepare";
const rows = Number(process.argv[preparing ? 4 : 2] ?? 100_000);
const workDir = preparing ? "" : mkdtempSync(path.join(tmpdir(), "pb-bench-"));
const url = process.env.DATABASE_URL ?? `pglite://${path.join(workDir, "db")}`;
const file = preparing ? process.argv[3]! : path.join(workDir, "backer-report.csv");

const ITEMS = Array.from({ length: 20 }, (_, i) => `Item ${i + 1}`);
const ADDONS = Array.from({ length: 5 }, (_, i) => `[Addon: ${10750430 + i}] Add-on ${i + 1}`);
const SURVEY = ["Which colour?", "T-shirt size", "Name for the credits"];
const HEADERS = [
  "Backer Number",
  "Backer UID",
  "Backer Name",
  "Email",
  "Shipping Country",
  "Shipping Amount",
  "Reward Title",
  "Backing Minimum",
  "Reward ID",
  "Bonus Support",
  "Pledge Amount",
  "Pledged At (UTC)",
  "Late Pledge",
  "Fulfillment Status",
  "Pledged Status",
  "Notes",
  ...ITEMS,
  ...ADDONS,
  "Survey Response",
  "Shipping Name",
  "Shipping Address 1",
  "Shipping Address 2",
  "Shipping City",
  "Shipping State",
  "Shipping Postal Code",
  "Shipping Country Name",
  "Shipping Country Code",
  "Shipping Phone Number",
  "Shipping Delivery Notes",
  ...SURVEY,
];
const COUNTRIES = [
  ["US", "United States", "CA", "94107"],
  ["FR", "France", "", "75002"],
  ["DE", "Germany", "", "10115"],
  ["GB", "United Kingdom", "", "SW1A 1AA"],
];

async function generate() {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line + "\n")) await once(out, "drain");
  };
  await write(HEADERS.join(","));
  for (let n = 1; n <= rows; n++) {
    const [code, country, state, zip] = COUNTRIES[n % COUNTRIES.length]!;
    const tier = n % 3;
    const cells = [
      n,
      5_000_000 + n,
      `Backer ${n}`,
      `backer${n}@example.com`,
      code,
      "$15.00 USD",
      `Tier ${tier}`,
      `$${59 + tier * 25}.00 USD`,
      900000 + tier,
      "$0.00 USD",
      `"$${(74 + tier * 25).toLocaleString("en")}.00 USD"`,
      "2025-03-01 12:00:00",
      "false",
      "Unfulfilled",
      n % 50 === 0 ? "dropped" : "collected",
      "",
      ...ITEMS.map((_, i) => (i % 4 === n % 4 ? 1 : 0)),
      ...ADDONS.map((_, i) => (i === n % 7 ? 1 : 0)),
      "2025-04-01 10:00:00",
      `Backer ${n}`,
      `${n} Main Street`,
      "",
      "Springfield",
      state,
      zip,
      country,
      code,
      "+15555550100",
      "",
      "Blue",
      "M",
      `"Backer ${n}, of course"`,
    ];
    await write(cells.join(","));
  }
  out.end();
  await once(out, "finish");
}

/**
 * CPU seconds used so far by each of the PostgreSQL server's processes, from /proc; null when the server is not a
 * process on this machine (another host, a container) or /proc cannot say.
 */
async function serverCpu(db: Database): Promise<Map<number, number> | null> {
  if (db.target.kind !== "postgres") return null;
  const seconds = new Map<number, number>();
  for (const { pid } of await db.query<{ pid: number }>("SELECT pid FROM pg_stat_activity")) {
    let cmdline: string;
    let stat: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone since the list was read (an autovacuum worker), or not on this machine
    }
    // The same number on this machine, but not the server's process: the server is elsewhere.
    if (!cmdline.startsWith("postgres")) return null;
    // Fields 14 and 15, utime and stime, in ticks of 1/100 s (Linux's USER_HZ); the name in field 2 may hold
    // spaces, so count from the ") " that closes it.
    const fields = stat.split(") ")[1]!.split(" ");
    seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
  }
  return seconds.size ? seconds : null;
}

/** What the server's processes used between two readings; a process new since the first counts from zero. */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, used] of after) total += used - (before.get(pid) ?? 0);
  return total;
}

async function parseOnly(csv: string): Promise<number> {
  let count = 0;
  for await (const _ of createReadStream(csv).pipe(parse({ bom: true, relax_column_count: true }))) count++;
  return count - 1;
}

if (preparing) {
  await generate();
  const started = performance.now();
  const parsed = await parseOnly(file);
  console.log(JSON.stringify({ parsed, baselineMs: performance.now() - started }));
  process.exit(0);
}
// The baseline first, on a quiet machine (after the import, PostgreSQL still writes and vacuums for a while).
const prepared = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--prepare", file, `${rows}`], {
  encoding: "utf8",
});
if (prepared.status !== 0) throw new Error(`could not write and parse the file: ${prepared.stderr}`);
const { parsed, baselineMs } = JSON.parse(prepared.stdout) as { parsed: number; baselineMs: number };

// A new PGlite folder is made and migrated by another process first, as an app started before made it: the peak
// RSS printed below is then the import's, not the 700 MB that making the database takes while it runs (the app makes
// it in a worker thread, which gives that back after; bench/pglite-open.ts).
const target = parseDatabaseUrl(url);
if (target.kind === "pglite" && target.dataDir && !existsSync(target.dataDir)) {
  const made = spawnSync(process.execPath, ["bin/pledgebridge.js", "db", "migrate"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "inherit",
  });
  if (made.status !== 0) throw new Error(`could not make the database in ${target.dataDir}`);
}
const db = await openDatabase(url, { poolSize: 4, optimize: readConfig().PGLITE_OPTIMIZE });
await migrateDatabase(db);
// What the database alone holds before the import starts (PGlite is PostgreSQL compiled to WebAssembly, in this
// process): the import's own memory is the peak above it.
const databaseRss = Math.round(process.resourceUsage().maxRSS / 1024);
// Start from a checkpoint on PostgreSQL: the dirty pages of an earlier run written out during this one cost it up
// to a third of its speed. (Needs the right to CHECKPOINT; without it the run goes on as it is.)
if (db.target.kind === "postgres") await db.query("CHECKPOINT").catch(() => {});
const shop = await db.prisma.shop.create({ data: { domain: `bench-${Date.now()}.myshopify.com` } });
const serverBefore = await serverCpu(db);
const appBefore = process.cpuUsage();
let start = performance.now();
const result = await importFile(db, {
  shopId: shop.id,
  campaign: { name: "Bench" },
  path: file,
  fileName: "backer-report.csv",
  batchSize: Number(process.env.BENCH_BATCH_SIZE ?? 1000),
  concurrency: process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined,
  thread: process.env.BENCH_THREAD ? process.env.BENCH_THREAD !== "0" : undefined,
});
const importMs = performance.now() - start;
const appUsed = process.cpuUsage(appBefore);
const appCpu = (appUsed.user + appUsed.system) / 1e6;
const serverAfter = serverBefore && (await serverCpu(db));
const databaseCpu = serverBefore && serverAfter ? cpuBetween(serverBefore, serverAfter) : null;
// The import's peak, read before the dry run, which runs after it: the app's import job runs in a process that has
// not just parsed and validated the whole file on its own thread (that garbage added 40–50 MB to the peak).
const importRss = Math.round(process.resourceUsage().maxRSS / 1024);

// BENCH_AGAIN=1: the same file again into the same campaign, as a merchant brings a newer report (every row there,
// none changed), after the statistics the import job takes.
let again: { ms: number; unchanged: number; rss: number } | null = null;
if (process.env.BENCH_AGAIN === "1") {
  await refreshStatistics(db);
  start = performance.now();
  const second = await importFile(db, {
    shopId: shop.id,
    campaign: { id: result.campaignId },
    path: file,
    fileName: "backer-report.csv",
  });
  again = {
    ms: performance.now() - start,
    unchanged: second.unchanged,
    rss: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
await db.close();

start = performance.now();
const checked = await checkFile(file);
const checkMs = performance.now() - start;

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString("en");
console.log(
  `import of a ${rows.toLocaleString("en")}-row Kickstarter report (${HEADERS.length} columns), ${describeDatabaseUrl(url)}`,
);
console.log(
  `baseline: csv-parse only          ${(baselineMs / 1000).toFixed(2)} s   ${rate(parsed, baselineMs)} rows/s`,
);
console.log(
  `dry run: parse and validate       ${(checkMs / 1000).toFixed(2)} s   ${rate(checked.rows, checkMs)} rows/s   ${(checkMs / baselineMs).toFixed(1)}× the baseline`,
);
console.log(
  `import: parse, validate, write    ${(importMs / 1000).toFixed(2)} s   ${rate(result.rows, importMs)} rows/s   ${(importMs / baselineMs).toFixed(1)}× the baseline`,
);
console.log(
  `created ${result.created}, rejected ${result.rejected}; peak RSS ${importRss} MB (${databaseRss} MB before the import started)`,
);
if (again) {
  console.log(
    `again: the same file, every row there  ${(again.ms / 1000).toFixed(2)} s   ${rate(rows, again.ms)} rows/s   ${(again.ms / baselineMs).toFixed(1)}× the baseline`,
  );
  console.log(`unchanged ${again.unchanged}; peak RSS of both imports ${again.rss} MB`);
}
const cores = availableParallelism();
if (databaseCpu === null) {
  console.log(
    `CPU: ${appCpu.toFixed(1)} s in this process` +
      (db.target.kind === "pglite"
        ? ", PGlite's included (it runs in this process)"
        : "; PostgreSQL's not measured (not a process on this machine)"),
  );
} else {
  // Work that takes this much CPU cannot finish faster than its total spread over every core.
  const leastMs = ((appCpu + databaseCpu) / cores) * 1000;
  console.log(
    `CPU: ${appCpu.toFixed(1)} s in this process, ${databaseCpu.toFixed(1)} s in PostgreSQL: ${(appCpu + databaseCpu).toFixed(1)} s on ${cores} cores, ` +
      `so it cannot take less than ${(leastMs / 1000).toFixed(1)} s (${rate(result.rows, leastMs)} rows/s)`,
  );
}
rmSync(workDir, { recursive: true, force: true });
