// Many rows in one statement: the rows travel as one JSON parameter that PostgreSQL unpacks with
// json_to_recordset. Prisma's createMany binds every value separately, and even a raw Prisma query passes its
// parameters through Prisma's query compiler, which made imports crawl (bench/import.ts); these go straight to
// the driver. The id is filled here as Prisma would fill it, and updatedAt when the columns list it (except by COPY,
// which leaves it to the table's default).
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
  const insert = insertFromBatch(table, columns, same);
  const conflict = skipConflictsOn ? ` ON CONFLICT (${quote(skipConflictsOn)}) DO NOTHING` : "";
  // json, not jsonb: the batch is read once, and json_to_recordset skips building the binary form of all of it.
  const sql =
    `${insert.into} SELECT ${insert.values} FROM json_to_recordset($1::json) AS x(${definition(insert.varying)})` +
    `${conflict} RETURNING ${quote(returning)}`;
  return tx.query(sql, [batchParameter(withIds(rows)), ...insert.parameters]);
}

/** Ids that follow each other land on the same index pages: a batch's inserts touch a few pages, not 1,000. */
function withIds(rows: object[]): object[] {
  return rows.map((row) => ("id" in row ? row : { id: orderedId(), ...row }));
}

/**
 * An INSERT of a batch's rows from `x`, the batch as json_to_recordset unpacks it (parameter $1): its target, the
 * values it selects, and the values every row shares, which go as parameters $2… (`parameter` names one).
 */
function insertFromBatch(table: string, columns: ColumnTypes, same: Record<string, unknown>) {
  const { constants, varying } = splitColumns(columns, same);
  const constantNames = Object.keys(constants);
  const parameter = (name: string) => `$${constantNames.indexOf(name) + 2}::${columns[name]}`;
  const values = [...Object.entries(varying).map(([name, type]) => field(name, type)), ...constantNames.map(parameter)];
  return {
    varying,
    into: `INSERT INTO "${table}" (${quote([...Object.keys(varying), ...constantNames])})`,
    values: values.join(", "),
    parameter,
    parameters: constantNames.map((name) => constants[name]),
  };
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
  /** The values every row shares. */
  same: Record<string, unknown>;
  /**
   * What a foreign-key check must look up in the columns asked for (`keyed`): their distinct values, without nulls
   * and without those the same load brings (`within`).
   */
  values: Record<string, unknown[]>;
}

export interface CopyKeys {
  /** Columns whose values a foreign-key check needs (copyCheckingKeys). */
  keyed?: string[];
  /** Values of a keyed column that rows loaded with these bring (a pledge's backer, new in the same batch). */
  within?: Record<string, ReadonlySet<unknown>>;
}

/**
 * Many new rows in COPY's text format, for SqlTransaction.copyFrom: cheaper for the database to read than a JSON
 * batch, whose parsing was about a third of PostgreSQL's time in an import (perf, bench/import.ts). COPY cannot skip a
 * row that is already there: a unique key the rows break fails the whole statement (SQLSTATE 23505), so callers load
 * it inside a savepoint and fall back to bulkInsert. Ids are filled as bulkInsert fills them. updatedAt is left to the
 * table's default (the transaction's start), as createdAt is, so a table it loads must have one: the same stamp as
 * text on every line cost a parse per row (fractional seconds go through strtod, in software on PGlite). The columns
 * `keyed` also come back as the values their foreign keys must find (CopyText.values), for copyCheckingKeys, which
 * then reads nothing back.
 */
export function copyText<Row extends object>(
  columns: ColumnTypes,
  rows: Row[],
  same: Record<string, unknown> = {},
  { keyed = [], within = {} }: CopyKeys = {},
): CopyText {
  const { updatedAt: _stamped, ...columnsCopied } = columns;
  const { constants, varying: types } = splitColumns(columnsCopied, same);
  const varying = Object.keys(types);
  const constantNames = Object.keys(constants);
  // The values every row shares, written once and put at the end of each line.
  const tail = constantNames.map((name) => `\t${copyValue(constants[name])}`).join("");
  const distinct = keyed.filter((name) => !(name in constants)).map((name) => [name, new Set<unknown>()] as const);
  const lines: string[] = [];
  let bytes = 0;
  for (const row of rows as Array<Record<string, unknown>>) {
    const id = (row.id as string | undefined) ?? orderedId();
    for (const [name, set] of distinct) {
      const value = row[name];
      if (value !== null && value !== undefined && !within[name]?.has(value)) set.add(value);
    }
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
  return {
    columns: [...varying, ...constantNames],
    text: text.subarray(0, length),
    count: rows.length,
    same: constants,
    values: Object.fromEntries(distinct.map(([name, set]) => [name, [...set]])),
  };
}

/**
 * Gives a COPY text's memory back now, once its statement is done, instead of when the garbage collector comes to it:
 * a batch's text is about a megabyte, made on the reading thread and dropped on the import's, whose collector counted
 * such memory by the tens of megabytes before it ran (decision 0021). The text is empty after.
 */
export function releaseCopyText(rows: CopyText): void {
  if (rows.text.buffer instanceof ArrayBuffer) rows.text.buffer.transfer(0);
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

export interface InsertOrCompareOptions {
  /** The unique key rows are found by (the ON CONFLICT target): columns of `same`, then one each row gives. */
  key: { same: string[]; given: string };
  /** Columns with one value for every row, as for bulkInsert. */
  same: Record<string, unknown>;
  /** True where the stored row `t` differs from the given row `x` (see `differs`). */
  changed: string;
  /** More columns of the stored rows to return. */
  select?: string[];
}

export interface InsertOrCompareResult {
  /** The given key of each row inserted, with its new id. */
  inserted: Array<{ id: string; key: string }>;
  /** The rows that were there already: id, given key, `changed`, and the columns asked for. */
  found: Array<{ id: string; key: string; changed: boolean } & Record<string, unknown>>;
}

/**
 * Inserts the rows that are not stored yet and says of those that are whether they differ, in one statement: the
 * database compares, so a row that did not change never comes back to be compared here (a file imported again read
 * every row back whole, and on PGlite reading a result costs a copy per value). Both answers come back as two JSON
 * values, not a row per row. A row that another transaction inserts meanwhile is neither inserted (ON CONFLICT DO
 * NOTHING) nor found (it was not there when the statement began): it is looked for again once that one commits.
 */
export async function insertOrCompare<Row extends object>(
  tx: RawExecutor,
  table: string,
  columns: ColumnTypes,
  rows: Row[],
  options: InsertOrCompareOptions,
): Promise<InsertOrCompareResult> {
  const result: InsertOrCompareResult = { inserted: [], found: [] };
  const keyOf = (row: object) => String((row as Record<string, unknown>)[options.key.given]);
  let pending = withIds(rows);
  while (pending.length) {
    const { inserted, found } = await insertOrCompareOnce(tx, table, columns, pending, options);
    result.inserted.push(...inserted);
    result.found.push(...found);
    const answered = new Set([...inserted, ...found].map((row) => row.key));
    const rest = pending.filter((row) => !answered.has(keyOf(row)));
    if (rest.length === pending.length) throw new Error(`${table}: ${rest.length} rows neither inserted nor found`);
    pending = rest;
  }
  return result;
}

async function insertOrCompareOnce(
  tx: RawExecutor,
  table: string,
  columns: ColumnTypes,
  records: object[],
  { key, same, changed, select = [] }: InsertOrCompareOptions,
): Promise<InsertOrCompareResult> {
  const insert = insertFromBatch(table, columns, same);
  const match = [
    ...key.same.map((name) => `t."${name}" = ${insert.parameter(name)}`),
    `t."${key.given}" = x."${key.given}"`,
  ].join(" AND ");
  const extra = (alias: string) => select.map((name) => `, ${alias}."${name}"`).join("");
  // Each given row looks up its stored row through the unique key's index (LIMIT 1 keeps the planner from turning
  // the lookup into a join of its choosing): joined, a table not analyzed since a large import was read whole for
  // every batch (PostgreSQL: 236 ms for a batch of 1,000 pledges among 100,000).
  const stored = `SELECT t.id, ${changed} AS changed${extra("t")} FROM "${table}" t WHERE ${match} LIMIT 1`;
  const found = `SELECT s.id, x."${key.given}" AS key, s.changed${extra("s")} FROM x CROSS JOIN LATERAL (${stored}) s`;
  // json_agg of no rows is null.
  const [answer] = await tx.query<{ [Part in keyof InsertOrCompareResult]: InsertOrCompareResult[Part] | null }>(
    `WITH x AS MATERIALIZED (SELECT * FROM json_to_recordset($1::json) AS x(${definition(insert.varying)})),
     found AS (${found}),
     inserted AS (
       ${insert.into}
       SELECT ${insert.values} FROM x WHERE NOT EXISTS (SELECT FROM found WHERE found.key = x."${key.given}")
       ON CONFLICT (${quote([...key.same, key.given])}) DO NOTHING
       RETURNING id, "${key.given}" AS key)
     SELECT (SELECT json_agg(inserted) FROM inserted) AS inserted, (SELECT json_agg(found) FROM found) AS found`,
    [batchParameter(records), ...insert.parameters],
  );
  return { inserted: answer!.inserted ?? [], found: answer!.found ?? [] };
}

/**
 * True where a column of the stored row `alias` differs from the given row `x`'s: JSON by value, null = null. A json
 * column has no equality of its own, and two texts of one value (keys in another order) are the same value: it is
 * compared as jsonb.
 */
export function differs(columns: ColumnTypes, alias: string): string {
  const names = Object.keys(columns);
  const asValue = (name: string, value: string) => (columns[name] === "json" ? `${value}::jsonb` : value);
  const stored = names.map((name) => asValue(name, `${alias}."${name}"`));
  const given = names.map((name) => asValue(name, field(name, columns[name]!)));
  return `(${stored.join(", ")}) IS DISTINCT FROM (${given.join(", ")})`;
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
