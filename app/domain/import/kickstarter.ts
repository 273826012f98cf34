// Kickstarter's backer report, every vintage from 2013 to the 2024 pledge-manager era (headers and values in
// ../shared/reference/market-and-formats.md §4.1). Columns the report does not name are the creator's: item
// quantities before "Survey Response", survey answers after it; "[Addon: <id>] <name>" columns are add-ons.
import { parseMoney } from "../money-parse";
import { cleanCell, columnIndex, finishRow, RowReader } from "./fields";
import { normaliseHeader, type ParsedRow, type PledgeRecord, type PledgeStatus, type PlatformFormat } from "./record";

const KNOWN = new Set([
  "backer id",
  "backer number",
  "backer uid",
  "backer name",
  "email",
  "twitter",
  "shipping",
  "shipping country",
  "shipping amount",
  "reward title",
  "reward minimum",
  "backing minimum",
  "reward id",
  "bonus support",
  "pledge amount",
  "pledged at",
  "pledged at (utc)",
  "rewards sent?",
  "fulfillment status",
  "pledged status",
  "notes",
  "billing state/province",
  "billing country",
  "survey response",
  "shipping name",
  "shipping address 1",
  "shipping address 2",
  "shipping city",
  "shipping state",
  "shipping postal code",
  "shipping country name",
  "shipping country code",
  "shipping phone number",
  "shipping delivery notes",
  "late pledge",
  "pledge over time",
  "amount due",
  "amount paid",
]);

const ADDON = /^\[addon:\s*(\d+)\]\s*(.*)$/i;

const STATUSES: Record<string, PledgeStatus> = {
  collected: "COLLECTED",
  // Pledge Over Time backers still paying: their pledge stands.
  pending: "COLLECTED",
  dropped: "DROPPED",
  errored: "ERRORED",
  refunded: "REFUNDED",
  canceled: "CANCELLED",
  cancelled: "CANCELLED",
};

export function kickstarterVintage(headers: string[]): string | null {
  const names = new Set(headers.map(normaliseHeader));
  const has = (name: string) => names.has(name);
  const isKickstarter = has("pledged status") && (has("backer uid") || has("backer id")) && has("pledge amount");
  if (!isKickstarter) return null;
  if (!has("backer uid")) return "kickstarter/2013";
  if (
    [...names].some((name) => ADDON.test(name)) ||
    has("late pledge") ||
    has("pledged at (utc)") ||
    has("pledge over time")
  ) {
    return "kickstarter/2024";
  }
  if (has("backing minimum") || has("bonus support") || has("fulfillment status")) return "kickstarter/2021";
  if (has("reward title") || has("shipping country code") || has("survey response")) return "kickstarter/2016";
  return "kickstarter/2014";
}

export const kickstarter: PlatformFormat = {
  platform: "KICKSTARTER",
  amountColumn: "pledge amount",
  detect: kickstarterVintage,
  parser(headers, options) {
    const columns = columnIndex(headers, normaliseHeader);
    const vintage = kickstarterVintage(headers);
    const surveyAt = columns.get("survey response") ?? columns.get("shipping name") ?? headers.length;
    const creatorColumns = headers
      .map((header, index) => ({ header: header.replace(/^\uFEFF/, "").trim(), index, name: normaliseHeader(header) }))
      .filter((column) => !KNOWN.has(column.name))
      .map((column) => ({ ...column, addOn: ADDON.exec(column.header) }));

    const fileTier = tierFromFileName(options.tableName, options.currency);
    return (cells, row): ParsedRow => {
      const read = new RowReader(cells, columns, headers, row, options.currency);
      const externalBackerId = read.required(["backer uid", "backer id", "backer number"], "backer id");
      const identity = read.email(["email"]);
      const amount = read.money(["pledge amount"], { required: true });
      // Before 2014 "Shipping" held a label ("Domestic"), not an amount.
      const shippingPaid = read.money(["shipping amount"]);
      const status = read.status(["pledged status"], STATUSES);
      const country = read.country(
        vintage === "kickstarter/2013"
          ? ["shipping country"]
          : ["shipping country code", "shipping country", "shipping country name"],
      );
      const record: Omit<
        PledgeRecord,
        "email" | "identityKey" | "privateRelayEmail" | "amount" | "status" | "externalBackerId"
      > = {
        row,
        platform: "KICKSTARTER",
        backerNumber: read.integer(["backer number"]),
        name: read.text("backer name"),
        address: addressOf(read, country),
        reward: rewardOf(read) ?? fileTier,
        shippingPaid,
        bonus: read.money(["bonus support"]),
        pledgedAt: read.date(["pledged at (utc)", "pledged at"]),
        addOns: [],
        items: [],
        answers: {},
        latePledge: read.flag("late pledge"),
        pledgeOverTime: read.flag("pledge over time"),
        amountDue: read.money(["amount due"]),
        amountPaid: read.money(["amount paid"]),
        fulfillmentStatus: read.text("fulfillment status", "rewards sent?"),
      };
      const notes = read.text("notes");
      if (notes) record.answers["Notes"] = notes;
      const surveyedAt = read.text("survey response");
      if (surveyedAt) record.answers["Survey Response"] = surveyedAt;

      for (const column of creatorColumns) {
        const value = cleanCell(cells[column.index]);
        if (!value) continue;
        const { addOn } = column;
        const quantity = /^\d+$/.test(value) ? Number(value) : null;
        // An add-on or item cell that is not a number is a reply to a question, kept as an answer.
        if (addOn && quantity !== null) {
          if (quantity > 0) record.addOns.push({ externalId: addOn[1]!, title: addOn[2]!.trim(), quantity });
        } else if (!addOn && column.index < surveyAt && quantity !== null) {
          if (quantity > 0) record.items.push({ title: column.header, quantity });
        } else {
          record.answers[column.header] = value;
        }
      }

      return finishRow(read, record, { externalBackerId, identity, amount, status });
    };
  },
};

function addressOf(read: RowReader, countryCode: string | null): PledgeRecord["address"] {
  const address = {
    name: read.text("shipping name"),
    address1: read.text("shipping address 1"),
    address2: read.text("shipping address 2"),
    city: read.text("shipping city"),
    province: read.text("shipping state"),
    zip: read.text("shipping postal code"),
    countryCode,
    phone: read.text("shipping phone number"),
    deliveryNotes: read.text("shipping delivery notes"),
  };
  return Object.values(address).some((value) => value !== null) ? address : null;
}

function rewardOf(read: RowReader): PledgeRecord["reward"] {
  const externalId = read.text("reward id");
  const title = read.text("reward title");
  const minimum = read.money(["backing minimum", "reward minimum"]);
  return externalId || title || minimum ? { externalId, title, minimum } : null;
}

// "Kickstarter Backer Report - $59 - Aug 18 07am.csv": the ZIP's one file per tier. Reports from before 2016 name
// the tier nowhere else; "No reward" (and any name not in this shape) gives none.
const TIER_FILE = /backer report\s*-\s*(.+?)\s*-\s*[A-Z][a-z]{2} \d{1,2} \d{1,2}(?:am|pm)\.csv$/i;

export function tierFromFileName(name: string | undefined, currency: string): PledgeRecord["reward"] {
  const label = TIER_FILE.exec(name?.split("/").pop() ?? "")?.[1];
  if (!label || /^no reward$/i.test(label)) return null;
  const minimum = parseMoney(label, currency);
  return { externalId: null, title: label, minimum: minimum.ok ? minimum.money : null };
}
