// Reading one cell at a time, collecting what is wrong with a row instead of stopping at the first problem.
import { countryCode } from "../countries";
import { emailIdentity, type EmailIdentity } from "../email";
import { parseMoney } from "../money-parse";
import { toDecimalString, type Money } from "../money";
import type { ParsedRow, PledgeRecord, PledgeStatus, RowError } from "./record";

/** The largest amount (in minor units) or number a pledge keeps: its columns are PostgreSQL integers. */
const MAX_STORED_INTEGER = 2_147_483_647;

export class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    private readonly cells: string[],
    private readonly columns: Map<string, number>,
    private readonly headers: string[],
    readonly row: number,
    private readonly currency: string,
  ) {}

  /** The first of these columns that has a value in this row, with that value (trimmed, newlines as \n). */
  cell(...names: string[]): { name: string; value: string } | null {
    for (const name of names) {
      const index = this.columns.get(name);
      const value = index === undefined ? undefined : cleanCell(this.cells[index]);
      if (value) return { name, value };
    }
    return null;
  }

  text(...names: string[]): string | null {
    return this.cell(...names)?.value ?? null;
  }

  /** The column as the file spells it: the one that held the value, or else the first the file has. */
  header(...names: string[]): string | null {
    const name = this.cell(...names)?.name ?? names.find((candidate) => this.columns.has(candidate));
    return name === undefined ? null : this.headers[this.columns.get(name)!]!.replace(/^\uFEFF/, "").trim();
  }

  fail(columnNames: string[], value: string | null, code: string, message: string) {
    this.errors.push({ row: this.row, column: this.header(...columnNames), value, code, message });
  }

  /** What is wrong with the row, left to right as the merchant reads the file. */
  errorsInFileOrder(): RowError[] {
    const position = (column: string | null) =>
      column === null ? Infinity : this.headers.findIndex((h) => h.replace(/^\uFEFF/, "").trim() === column);
    return [...this.errors].sort((a, b) => position(a.column) - position(b.column));
  }

  required(names: string[], what: string): string | null {
    const value = this.text(...names);
    if (value === null) this.fail(names, null, `missing_${what.replace(/ /g, "_")}`, `The ${what} is missing`);
    return value;
  }

  money(names: string[], { required = false } = {}): Money | null {
    const value = this.text(...names);
    if (value === null) {
      if (required) this.fail(names, null, "missing_amount", "The amount is missing");
      return null;
    }
    const parsed = parseMoney(value, this.currency);
    if (!parsed.ok) {
      this.fail(names, value, parsed.error.code, parsed.error.message);
      return null;
    }
    if (Math.abs(parsed.money.amountMinor) > MAX_STORED_INTEGER) {
      const most = toDecimalString({ amountMinor: MAX_STORED_INTEGER, currency: parsed.money.currency });
      this.fail(
        names,
        value,
        "amount_too_large",
        `The amount is more than a pledge can hold (${most} ${parsed.money.currency})`,
      );
      return null;
    }
    if (parsed.money.currency !== this.currency) {
      this.fail(
        names,
        value,
        "currency_mismatch",
        `The amount is in ${parsed.money.currency}, the campaign in ${this.currency}`,
      );
      return null;
    }
    return parsed.money;
  }

  email(names: string[]) {
    const value = this.text(...names);
    if (value === null) {
      this.fail(names, null, "missing_email", "The email is missing");
      return null;
    }
    const identity = emailIdentity(value);
    if (!identity) this.fail(names, value, "invalid_email", `"${value}" is not an email address`);
    return identity;
  }

  country(names: string[]): string | null {
    const value = this.text(...names);
    if (value === null) return null;
    const code = countryCode(value);
    if (!code) this.fail(names, value, "unknown_country", `"${value}" is not a country Pledgebridge knows`);
    return code;
  }

  integer(names: string[]): number | null {
    const value = this.text(...names);
    if (value === null) return null;
    if (!/^\d+$/.test(value)) {
      this.fail(names, value, "not_a_number", `"${value}" is not a whole number`);
      return null;
    }
    if (Number(value) > MAX_STORED_INTEGER) {
      this.fail(names, value, "number_too_large", `${value} is more than a pledge can hold`);
      return null;
    }
    return Number(value);
  }

  flag(...names: string[]): boolean {
    return /^(true|yes|y|1)$/i.test(this.text(...names) ?? "");
  }

  /** "2013/10/11, 13:42", "2024-05-01 10:27:00", ISO 8601. Times with no zone are read as UTC. */
  date(names: string[]): Date | null {
    const value = this.text(...names);
    if (value === null) return null;
    const slashed = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
    const date = slashed
      ? new Date(
          Date.UTC(
            +slashed[1]!,
            +slashed[2]! - 1,
            +slashed[3]!,
            +(slashed[4] ?? 0),
            +(slashed[5] ?? 0),
            +(slashed[6] ?? 0),
          ),
        )
      : new Date(value);
    // JavaScript reads years from -271821 to 275760, PostgreSQL's timestamps start in 4713 BC: a pledge's date is
    // between the first crowdfunding sites and the far future, or a typo.
    const year = date.getUTCFullYear();
    if (Number.isNaN(date.getTime()) || year < 1970 || year > 9999) {
      this.fail(names, value, "invalid_date", `"${value}" is not a date`);
      return null;
    }
    return date;
  }

  status(names: string[], vocabulary: Record<string, PledgeStatus>): PledgeStatus | null {
    const value = this.text(...names);
    if (value === null) return "COLLECTED";
    const status = vocabulary[value.toLowerCase()];
    if (!status) this.fail(names, value, "unknown_status", `"${value}" is not a pledge status Pledgebridge knows`);
    return status ?? null;
  }
}

export function columnIndex(headers: string[], normalise: (header: string) => string): Map<string, number> {
  const columns = new Map<string, number>();
  headers.forEach((header, index) => {
    const name = normalise(header);
    if (!columns.has(name)) columns.set(name, index);
  });
  return columns;
}

export function cleanCell(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // Most cells hold no carriage return: skip the replace for them (it runs for every cell of every row).
  return (value.includes("\r") ? value.replace(/\r\n?/g, "\n") : value).trim();
}

type RecordBase = Omit<
  PledgeRecord,
  "externalBackerId" | "email" | "identityKey" | "privateRelayEmail" | "amount" | "status"
>;

/** A row becomes a record only when nothing in it was wrong; otherwise it is rejected whole, with every reason. */
export function finishRow(
  read: RowReader,
  base: RecordBase,
  required: {
    externalBackerId: string | null;
    identity: EmailIdentity | null;
    amount: Money | null;
    status: PledgeStatus | null;
  },
): ParsedRow {
  const { externalBackerId, identity, amount, status } = required;
  if (read.errors.length || !externalBackerId || !identity || !amount || !status) {
    return { record: null, errors: read.errorsInFileOrder() as [RowError, ...RowError[]] } as ParsedRow;
  }
  // Completes the parser's own fresh object rather than copying it: this runs once per row.
  const record = base as PledgeRecord;
  record.externalBackerId = externalBackerId;
  record.email = identity.email;
  record.identityKey = identity.identityKey;
  record.privateRelayEmail = identity.privateRelay;
  record.amount = amount;
  record.status = status;
  return { record, errors: [] };
}
