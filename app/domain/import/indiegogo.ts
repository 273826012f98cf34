// Indiegogo's legacy contributions export (market-and-formats.md §4.2). Its item columns repeat, five at a time
// ("Item Name, Item SKU, Option 1, Option 2, Option 3" once per item), so they are read by position: a parser
// keyed by header would keep only the first item.
import { cleanCell, columnIndex, finishRow, RowReader } from "./fields";
import { normaliseHeader, type ParsedRow, type PledgeRecord, type PlatformFormat } from "./record";

export const indiegogo: PlatformFormat = {
  platform: "INDIEGOGO",
  amountColumn: "amount",
  detect(headers) {
    const names = new Set(headers.map(normaliseHeader));
    return names.has("pledge id") && names.has("perk") && names.has("order no.") ? "indiegogo/legacy" : null;
  },
  parser(headers, options) {
    const columns = columnIndex(headers, normaliseHeader);
    const firstItem = headers.findIndex((header) => normaliseHeader(header) === "item name");
    return (cells, row): ParsedRow => {
      const read = new RowReader(cells, columns, headers, row, options.currency);
      const externalBackerId = read.required(["pledge id"], "pledge id");
      const identity = read.email(["email"]);
      const amount = read.money(["amount"], { required: true });
      const countryCode = read.country(["shipping country"]);
      const items: PledgeRecord["items"] = [];
      for (let index = firstItem; firstItem >= 0 && index < cells.length; index += 5) {
        const title = cleanCell(cells[index]);
        if (!title) continue;
        const itemOptions = [cells[index + 2], cells[index + 3], cells[index + 4]]
          .map(cleanCell)
          .filter((o): o is string => Boolean(o));
        items.push({ title, quantity: 1, sku: cleanCell(cells[index + 1]) || null, options: itemOptions });
      }
      const perkId = read.text("perk id");
      const perk = read.text("perk");
      const record: Parameters<typeof finishRow>[1] = {
        row,
        platform: "INDIEGOGO",
        backerNumber: read.integer(["order no."]),
        name: read.text("name"),
        address: {
          name: read.text("shipping name"),
          address1: read.text("shipping address"),
          address2: read.text("shipping address 2"),
          city: read.text("shipping city"),
          province: read.text("shipping state/province"),
          zip: read.text("shipping zip/postal code"),
          countryCode,
          phone: read.text("shipping phone number"),
          deliveryNotes: null,
        },
        reward: perkId || perk ? { externalId: perkId, title: perk, minimum: null } : null,
        shippingPaid: read.money(["shipping fees"]),
        bonus: null,
        pledgedAt: read.date(["funding date"]),
        addOns: [],
        items,
        answers: {},
        latePledge: false,
        pledgeOverTime: false,
        amountDue: null,
        amountPaid: null,
        fulfillmentStatus: read.text("fulfillment status"),
      };
      return finishRow(read, record, { externalBackerId, identity, amount, status: "COLLECTED" });
    };
  },
};
