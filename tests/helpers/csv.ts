import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

/** A fixture's header row and data rows, read with the same CSV library the importer streams with. */
export function readFixture(path: string): { headers: string[]; rows: string[][] } {
  const [headers, ...rows] = parse(readFileSync(path), { bom: true, relax_column_count: true }) as string[][];
  return { headers: headers!, rows };
}
