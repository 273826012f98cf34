// Any CSV, read through a column mapping the merchant saves once: which column holds the email, the amount,
// and so on. Columns the mapping does not name are kept as survey answers. Gamefound's import file is the same
// thing with a mapping that ships with the app.
import type { ColumnMapping } from "./column-mapping";
import { cleanCell, columnIndex, finishRow, RowReader } from "./fields";
import { normaliseHeader, type ParsedRow, type PledgeStatus, type Platform, type PlatformFormat } from "./record";

const STATUSES: Record<string, PledgeStatus> = {
  collected: "COLLECTED",
  paid: "COLLECTED",
  complete: "COLLECTED",
  completed: "COLLECTED",
  confirmed: "COLLECTED",
  dropped: "DROPPED",
  failed: "DROPPED",
  declined: "DROPPED",
  errored: "ERRORED",
  error: "ERRORED",
  refunded: "REFUNDED",
  canceled: "CANCELLED",
  cancelled: "CANCELLED",
};

export function mappedFormat(platform: Platform, vintage: string, mapping: ColumnMapping): PlatformFormat {
  const mapped = new Set(
    Object.values(mapping)
      .filter((column): column is string => typeof column === "string")
      .map(normaliseHeader),
  );
  const required = [mapping.externalBackerId, mapping.email, mapping.amount].map(normaliseHeader);
  return {
    platform,
    amountColumn: normaliseHeader(mapping.amount),
    detect(headers) {
      const names = new Set(headers.map(normaliseHeader));
      return required.every((name) => names.has(name)) ? vintage : null;
    },
    parser(headers, options) {
      const columns = columnIndex(headers, normaliseHeader);
      const at = (field: keyof ColumnMapping) => (mapping[field] ? [normaliseHeader(mapping[field]!)] : []);
      const rest = headers
        .map((header, index) => ({ header: header.replace(/^\uFEFF/, "").trim(), index }))
        .filter((c) => !mapped.has(normaliseHeader(c.header)));
      return (cells, row): ParsedRow => {
        const read = new RowReader(cells, columns, headers, row, options.currency);
        const externalBackerId = read.required(at("externalBackerId"), "backer id");
        const identity = read.email(at("email"));
        const amount = read.money(at("amount"), { required: true });
        const status = read.status(at("status"), STATUSES);
        const countryCode = read.country(at("country"));
        const rewardId = read.text(...at("rewardId"));
        const rewardTitle = read.text(...at("rewardTitle"));
        const rewardMinimum = read.money(at("rewardMinimum"));
        const addressFields = {
          name: read.text(...at("shippingName")),
          address1: read.text(...at("address1")),
          address2: read.text(...at("address2")),
          city: read.text(...at("city")),
          province: read.text(...at("province")),
          zip: read.text(...at("zip")),
          countryCode,
          phone: read.text(...at("phone")),
          deliveryNotes: null,
        };
        const answers: Record<string, string> = {};
        for (const { header, index } of rest) {
          const value = cleanCell(cells[index]);
          if (value) answers[header] = value;
        }
        return finishRow(
          read,
          {
            row,
            platform,
            backerNumber: read.integer(at("backerNumber")),
            name: read.text(...at("name")),
            address: Object.values(addressFields).some((v) => v !== null) ? addressFields : null,
            reward:
              rewardId || rewardTitle || rewardMinimum
                ? { externalId: rewardId, title: rewardTitle, minimum: rewardMinimum }
                : null,
            shippingPaid: read.money(at("shippingPaid")),
            bonus: read.money(at("bonus")),
            pledgedAt: read.date(at("pledgedAt")),
            addOns: [],
            items: [],
            answers,
            latePledge: false,
            pledgeOverTime: false,
            amountDue: null,
            amountPaid: null,
            fulfillmentStatus: null,
          },
          { externalBackerId, identity, amount, status },
        );
      };
    },
  };
}

/** Gamefound's (and the new Indiegogo's) pledge import file (market-and-formats.md §4.3). */
export const gamefound = mappedFormat("GAMEFOUND", "gamefound/import", {
  externalBackerId: "Backer number",
  backerNumber: "Backer number",
  name: "Backer name",
  email: "E-mail",
  rewardTitle: "Reward title",
  bonus: "Bonus support",
  amount: "Pledge amount",
});
