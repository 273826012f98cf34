// One pledge as every platform's parser hands it on: the same shape whatever the export looked like.
import type { Money } from "../money";

export const PLEDGE_STATUSES = ["COLLECTED", "DROPPED", "ERRORED", "REFUNDED", "CANCELLED"] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
/** The platforms a file can come from. */
export const PLATFORMS = ["KICKSTARTER", "INDIEGOGO", "GAMEFOUND", "BACKERKIT", "CROWDOX", "CSV"] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface PledgeAddress {
  name: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  /** As written in the file ("CA", "Stockholms Län"); turned into a code when the order is planned. */
  province: string | null;
  zip: string | null;
  countryCode: string | null;
  phone: string | null;
  deliveryNotes: string | null;
}

export interface PledgeRecord {
  row: number;
  platform: Platform;
  externalBackerId: string;
  backerNumber: number | null;
  name: string | null;
  email: string;
  identityKey: string;
  privateRelayEmail: boolean;
  address: PledgeAddress | null;
  reward: { externalId: string | null; title: string | null; minimum: Money | null } | null;
  amount: Money;
  shippingPaid: Money | null;
  bonus: Money | null;
  status: PledgeStatus;
  pledgedAt: Date | null;
  addOns: Array<{ externalId: string; title: string; quantity: number }>;
  items: Array<{ title: string; quantity: number; sku?: string | null; options?: string[] }>;
  answers: Record<string, string>;
  latePledge: boolean;
  pledgeOverTime: boolean;
  amountDue: Money | null;
  amountPaid: Money | null;
  fulfillmentStatus: string | null;
}

export interface RowError {
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

export type ParsedRow = { record: PledgeRecord; errors: [] } | { record: null; errors: RowError[] };

export interface ParseOptions {
  /** The campaign's currency: amounts with no currency, or an ambiguous symbol, are read in it. */
  currency: string;
  /** The file the rows come from (inside a ZIP, its entry name): Kickstarter's old reports name the tier there. */
  tableName?: string;
}

export interface PlatformFormat {
  platform: Platform;
  /** The column that holds the pledge amount (normalised), for reading the file's currency from it. */
  amountColumn: string;
  /** The export's vintage when the headers are this platform's, e.g. "kickstarter/2021"; null otherwise. */
  detect(headers: string[]): string | null;
  parser(headers: string[], options: ParseOptions): (cells: string[], row: number) => ParsedRow;
}

/** Headers as exports write them, made comparable: BOM, case and spacing do not matter. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
}
