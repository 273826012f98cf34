// Many rows in one statement: the rows travel as one JSON parameter that PostgreSQL unpacks with
// json_to_recordset. Prisma's createMany binds every value separately, and even a raw Prisma query passes its
// parameters through Prisma's query compiler, which made imports crawl (bench/import.ts); these go straight to
// the driver. The id, and updatedAt when the columns list it, are filled here as Prisma would fill them.
import type { SqlTransaction } from "./open";
import { orderedId } from "./ordered-id";

type RawExecutor = Pick<SqlTransaction, "query">;

export type ColumnTypes = Record<string, string>;

export interface BulkInsertOptions {
  returning?: string[];
  /** A unique key: rows that would break it are skipped, and left out of what comes back. */
  skipConflictsOn?: string[];
  /** Columns with one value for every row (shop, campaign…): sent once, not once per row. */
  same?: Record<string, unknown>;
}

const quote = (names: string[]) => names.map((name) => `"${name}"`).join(", ");

export async function bulkInsert<Row extends object>(
  tx: RawExecutor,
  table: string,
  columns: ColumnTypes,
  rows: Row[],
  { returning = ["id"], skipConflictsOn, same = {} }: BulkInsertOptions = {},
): Promise<Array<Record<string, unknown>>> {
  if (!rows.length) return [];
  const { constants, varying } = splitColumns(columns, same);
  // Ids that follow each other land on the same index pages: a batch's inserts touch a few pages, not 1,000.
  const records = rows.map((row) => ("id" in row ? row : { id: orderedId(), ...row }));
  const constantNames = Object.keys(constants);
  const selected = [
    ...Object.entries(varying).map(([name, type]) => field(name, type)),
    ...constantNames.map((name, index) => `$${index + 2}::${columns[name]}`),
  ];
  const conflict = skipConflictsOn ? ` ON CONFLICT (${quote(skipConflictsOn)}) DO NOTHING` : "";
  // json, not jsonb: the batch is read once, and json_to_recordset skips building the binary form of all of it.
  const sql =
    `INSERT INTO "${table}" (${quote([...Object.keys(varying), ...constantNames])}) ` +
    `SELECT ${selected.join(", ")} FROM json_to_recordset($1::json) AS x(${definition(varying)})` +
    `${conflict} RETURNING ${quote(returning)}`;
  return tx.query(sql, [batchParameter(records), ...constantNames.map((name) => constants[name])]);
}

/**
 * The values every row shares (updatedAt, stamped now when the columns list it, and `same`), sent once, and the
 * columns each row brings, id first.
 */
function splitColumns(columns: ColumnTypes, same: Record<string, unknown>) {
  const constants: Record<string, unknown> = {
    ...("updatedAt" in columns ? { updatedAt: new Date().toISOString() } : {}),
    ...same,
  };
  const varying: ColumnTypes = { id: "text" };
  for (const [name, type] of Object.entries(columns)) if (!(name in constants)) varying[name] = type;
  return { constants, varying };
}

/** Rows in COPY's text format, ready for SqlTransaction.copyFrom: built apart from the writing, on any thread. */
export interface CopyText {
  columns: string[];
  text: Uint8Array;
  /** How many rows (lines) the text holds. */
  count: number;
  /** The least and the greatest id among the rows (null when there are none): where to find them again. */
  ids: { first: string; last: string } | null;
}

/**
 * Many new rows in COPY's text format, for SqlTransaction.copyFrom: cheaper for the database to read than a JSON
 * batch, whose parsing was about a third of PostgreSQL's time in an import (perf, bench/import.ts). COPY cannot skip a
 * row that is already there: a unique key the rows break fails the whole statement (SQLSTATE 23505), so callers load
 * it inside a savepoint and fall back to bulkInsert. Ids and updatedAt are filled as bulkInsert fills them.
 */
export function copyText<Row extends object>(
  columns: ColumnTypes,
  rows: Row[],
  same: Record<string, unknown> = {},
): CopyText {
  const { constants, varying: types } = splitColumns(columns, same);
  const varying = Object.keys(types);
  const constantNames = Object.keys(constants);
  // The values every row shares, written once and put at the end of each line.
  const tail = constantNames.map((name) => `\t${copyValue(constants[name])}`).join("");
  const lines: string[] = [];
  let bytes = 0;
  let first = "";
  let last = "";
  for (const row of rows as Array<Record<string, unknown>>) {
    const id = (row.id as string | undefined) ?? orderedId();
    if (!first || id < first) first = id;
    if (id > last) last = id;
    let line = copyValue(id);
    for (let i = 1; i < varying.length; i++) line += `\t${copyValue(row[varying[i]!])}`;
    line += `${tail}\n`;
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  // Each line written into one buffer: a string of the whole batch built with += is a rope, which Buffer.from
  // flattened first (0.55 s in a CPU profile of bench/import.ts; written line by line, 3–4× less). Never from Node's
  // shared pool: the reading thread hands the buffer over (read-thread.ts).
  const text = Buffer.allocUnsafeSlow(bytes);
  let length = 0;
  for (const line of lines) length += text.write(line, length);
  const ids = rows.length ? { first, last } : null;
  return { columns: [...varying, ...constantNames], text: text.subarray(0, length), count: rows.length, ids };
}

/** One value as COPY's text format writes it: \N for null, and a backslash before what would end the value. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  switch (typeof value) {
    case "string":
      return escapeCopy(value);
    case "number":
      return String(value);
    case "boolean":
      return value ? "t" : "f";
    default:
      return escapeCopy(value instanceof Date ? value.toISOString() : JSON.stringify(value));
  }
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function escapeCopy(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char]!) : text;
}

/** Sets the listed columns of many rows, each found by its id, in one statement. updatedAt is stamped if listed. */
export async function bulkUpdate<Row extends { id: string }>(
  tx: RawExecutor,
  table: string,
  columns: ColumnTypes,
  rows: Row[],
): Promise<void> {
  if (!rows.length) return;
  const types: ColumnTypes = { id: "text", ...columns };
  const stamp = "updatedAt" in types ? { updatedAt: new Date().toISOString() } : {};
  const records = rows.map((row) => ({ ...row, ...stamp }));
  const assignments = Object.entries(columns)
    .map(([name, type]) => `"${name}" = ${field(name, type)}`)
    .join(", ");
  await tx.query(
    `UPDATE "${table}" AS t SET ${assignments} FROM json_to_recordset($1::json) AS x(${definition(types)}) WHERE t.id = x.id`,
    [batchParameter(records)],
  );
}

/**
 * A batch as one JSON parameter, already encoded: PostgreSQL reads a json parameter sent as bytes as its text, and
 * PGlite's driver, which counts a string's UTF-8 bytes one character at a time in JavaScript, then copies it as it
 * is (app/db/open.ts). Node's encoder is native: counting took 0.5–0.6 s of a 100,000-row PGlite import's 15 s of
 * main thread (a CPU profile of bench/import.ts's import).
 */
function batchParameter(records: object[]): Buffer {
  return Buffer.from(JSON.stringify(records));
}

// A jsonb column is read from the batch as json and cast after: json_to_recordset building jsonb values itself
// took 6× as long for a batch of pledges with their items and answers (68 ms against 11 ms per 1,000 rows on
// PostgreSQL 15), the largest part of the import's time in the database.
function definition(types: ColumnTypes): string {
  return Object.entries(types)
    .map(([name, type]) => `"${name}" ${type === "jsonb" ? "json" : type}`)
    .join(", ");
}

function field(name: string, type: string): string {
  return type === "jsonb" ? `x."${name}"::jsonb` : `x."${name}"`;
}
