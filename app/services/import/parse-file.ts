// From a file on disk to pledge records, streamed: tables are read, their platform and vintage detected from the
// headers, and every row turned into a record or rejected with its reasons. A backer id seen twice in the file
// is rejected the second time. The import and the dry run both read files through here.
import { detectFormat, formatFor } from "../../domain/import/formats";
import type { ColumnMapping } from "../../domain/import/column-mapping";
import { mappedFormat } from "../../domain/import/mapped";
import {
  normaliseHeader,
  type PledgeRecord,
  type Platform,
  type PlatformFormat,
  type RowError,
} from "../../domain/import/record";
import { parseMoney } from "../../domain/money-parse";
import { readTables, UnreadableFileError, type Table } from "./read-tables";

export interface ParseFileOptions {
  platform?: Platform | "auto";
  /** The campaign's currency; when absent it is read from the file's amounts. */
  currency?: string;
  mapping?: ColumnMapping;
}

export type ParsedItem =
  | { kind: "record"; record: PledgeRecord }
  /** cells: the row as the file has it, header by header, so that it can be fixed and imported again. */
  | { kind: "rejected"; errors: RowError[]; table: string; row: number; cells: Record<string, string> };

export interface FileShape {
  platform: Platform;
  vintage: string;
  currency: string;
  tables: string[];
}

const CURRENCY_LOOKAHEAD = 200;
/** How a NUL character in a rejected row is shown and kept: U+2400, the symbol for NUL. */
const NUL_SYMBOL = "\u2400";

export async function parseFile(path: string, options: ParseFileOptions = {}, displayName = path) {
  const shape: FileShape = { platform: "CSV", vintage: "", currency: options.currency ?? "", tables: [] };

  let current: Table | null = null;

  async function* items(): AsyncGenerator<ParsedItem> {
    const seen = new Map<string, number>();
    for await (const table of readTables(path, displayName)) {
      current = table;
      const iterator = table.rows[Symbol.asyncIterator]();
      const first = await iterator.next();
      if (first.done) continue;
      const headers = first.value;
      if (headers.some((header) => header.includes("\0")))
        throw new UnreadableFileError(`The header row of ${table.name} holds a NUL character: the file may be damaged`);
      const { format, vintage } = chooseFormat(headers, options, table.name);
      if (shape.tables.length && format.platform !== shape.platform) {
        throw new UnreadableFileError(`${table.name} is a ${format.platform} file, but the rest is ${shape.platform}`);
      }
      Object.assign(shape, { platform: format.platform, vintage });
      shape.tables.push(table.name);

      // Rows read ahead to find the currency are parsed afterwards, in order.
      const lookahead: Array<string[]> = [];
      if (!shape.currency) {
        const amountAt = headers.findIndex((header) => normaliseHeader(header) === format.amountColumn);
        while (!shape.currency && lookahead.length < CURRENCY_LOOKAHEAD) {
          const next = await iterator.next();
          if (next.done) break;
          lookahead.push(next.value);
          const parsed = amountAt >= 0 ? parseMoney(next.value[amountAt] ?? "") : null;
          if (parsed?.ok) shape.currency = parsed.money.currency;
        }
        if (!shape.currency) {
          throw new UnreadableFileError(
            "The amounts in this file do not say their currency: give the campaign's currency (--currency EUR)",
          );
        }
      }
      const parse = format.parser(headers, { currency: shape.currency, tableName: table.name });
      let row = 1;
      const rows = (async function* () {
        yield* lookahead;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      })();
      // A row kept whole, with every reason it was turned down.
      const rejected = (cells: string[], errors: RowError[]): ParsedItem => ({
        kind: "rejected",
        errors,
        table: table.name,
        row,
        cells: rowCells(headers, cells),
      });
      for await (const cells of rows) {
        row++;
        // PostgreSQL's text cannot hold a NUL character: the row is rejected with its reason, the rest of the file is
        // written (a NUL in the first bytes is a binary file, refused as a whole by readTables).
        const nulAt = cells.findIndex((cell) => cell.includes("\0"));
        if (nulAt >= 0) {
          const shown = cells.map((cell) => cell.replaceAll("\0", NUL_SYMBOL));
          const column = columnName(headers, nulAt);
          const message = `The ${column} cell holds a NUL character (${NUL_SYMBOL}), which cannot be stored: the file may be damaged`;
          yield rejected(shown, [{ row, column, value: shown[nulAt]!, code: "nul_character", message }]);
          continue;
        }
        // Fewer cells than the header: a file cut short (its last row), or a row broken by a stray newline.
        if (cells.length < headers.length) {
          const message = `This row has ${cells.length} of the header's ${headers.length} columns: the file may be cut short`;
          yield rejected(cells, [{ row, column: null, value: null, code: "short_row", message }]);
          continue;
        }
        const parsed = parse(cells, row);
        if (!parsed.record) {
          yield rejected(cells, parsed.errors);
          continue;
        }
        const key = parsed.record.externalBackerId;
        const firstRow = seen.get(key);
        if (firstRow !== undefined) {
          const message = `Backer ${key} is also on row ${firstRow} of this file`;
          yield rejected(cells, [{ row, column: null, value: key, code: "duplicate_backer", message }]);
          continue;
        }
        seen.set(key, row);
        yield { kind: "record", record: parsed.record };
      }
    }
  }

  /** How far through the file the rows handed out so far are, from 0 to 1. */
  const progress = () => current?.progress() ?? 0;
  return { shape, items: items(), progress };
}

/** Adds a row's errors to a report that keeps at most `max`; returns how many did not fit. */
export function keepErrors(kept: RowError[], errors: RowError[], max: number): number {
  const room = Math.max(0, max - kept.length);
  kept.push(...errors.slice(0, room));
  return Math.max(0, errors.length - room);
}

/** A column as the merchant reads it in the file: its header, or its place when it has none. */
function columnName(headers: string[], index: number): string {
  return headers[index]?.replace(/^\uFEFF/, "").trim() || `Column ${index + 1}`;
}

function rowCells(headers: string[], cells: string[]): Record<string, string> {
  const named: Record<string, string> = {};
  cells.forEach((cell, index) => {
    const header = columnName(headers, index);
    if (!(header in named)) named[header] = cell;
    else named[`${header} (${index + 1})`] = cell;
  });
  return named;
}

function chooseFormat(
  headers: string[],
  options: ParseFileOptions,
  name: string,
): { format: PlatformFormat; vintage: string } {
  if (options.mapping) {
    const format = mappedFormat(
      options.platform && options.platform !== "auto" ? options.platform : "CSV",
      "csv/mapped",
      options.mapping,
    );
    const vintage = format.detect(headers);
    if (!vintage) {
      const missing = [options.mapping.externalBackerId, options.mapping.email, options.mapping.amount].filter(
        (column) => !headers.some((header) => normaliseHeader(header) === normaliseHeader(column)),
      );
      throw new UnreadableFileError(
        `${name} has no column ${missing.map((m) => `"${m}"`).join(", ")} that the mapping names`,
      );
    }
    return { format, vintage };
  }
  if (options.platform && options.platform !== "auto") {
    const format = formatFor(options.platform);
    // BackerKit's and CrowdOx's column names are not published, and CSV is whatever the merchant made.
    if (!format) {
      throw new UnreadableFileError(
        `Pledgebridge has no built-in layout for ${options.platform.toLowerCase()} files: map their columns once (--mapping <file>, or in the admin), and the mapping is kept`,
      );
    }
    const vintage = format.detect(headers);
    if (!vintage)
      throw new UnreadableFileError(`${name} is not a ${options.platform.toLowerCase()} export Pledgebridge knows`);
    return { format, vintage };
  }
  const detected = detectFormat(headers);
  if (!detected) {
    throw new UnreadableFileError(
      `The columns of ${name} are not a format Pledgebridge knows: map them with --mapping <file>`,
    );
  }
  return detected;
}
