// The dry run: the whole file parsed and validated, nothing written, no shop needed. Reports what an import
// would do with it (against an empty campaign: every valid row would be created).
import type { RowError } from "../../domain/import/record";
import { keepErrors, parseFile, type ParseFileOptions } from "./parse-file";

export interface ImportReport {
  platform: string;
  vintage: string;
  currency: string;
  tables: string[];
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
  /** Errors beyond those listed (the report keeps the first ones). */
  moreErrors: number;
}

export async function checkFile(path: string, options: ParseFileOptions = {}, maxErrors = 1000): Promise<ImportReport> {
  const { shape, items } = await parseFile(path, options);
  const report = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [] as RowError[],
    moreErrors: 0,
  };
  for await (const item of items) {
    report.rows++;
    if (item.kind === "record") {
      report.created++;
      continue;
    }
    report.rejected++;
    report.moreErrors += keepErrors(report.errors, item.errors, maxErrors);
  }
  return {
    platform: shape.platform,
    vintage: shape.vintage,
    currency: shape.currency,
    tables: shape.tables,
    ...report,
  };
}
