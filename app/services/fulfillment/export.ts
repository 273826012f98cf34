// A wave as a CSV for a 3PL that is not on Shopify: one line per order line, with the SKU, the quantity, the
// customs value (the item's price before the pledge's discount: what customs declares), the tariff code when the
// product has one, and the address and phone. Every cell is made spreadsheet-safe (a backer named
// =HYPERLINK(…) stays text). Orders are read from Shopify a page at a time, paced by the shop's budget.
import { stringify } from "csv-stringify/sync";
import type { Database } from "../../db/open";
import { spreadsheetSafe } from "../../domain/spreadsheet-safe";
import type { AdminClient } from "../../shopify/admin-client";
import { ORDER_FOR_EXPORT } from "../../shopify/operations/fulfillment";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";

export const WAVE_CSV_COLUMNS = [
  "Wave",
  "Order",
  "SKU",
  "Item",
  "Quantity",
  "Customs value",
  "Currency",
  "HS code",
  "Name",
  "Company",
  "Address 1",
  "Address 2",
  "City",
  "Province",
  "Postal code",
  "Country",
  "Phone",
  "Email",
];

export async function* waveCsv(
  db: Database,
  context: { shopId: string; admin: AdminClient; pacer?: CostPacer; signal?: AbortSignal },
  waveId: string,
): AsyncGenerator<string> {
  const wave = await db.prisma.wave.findFirst({ where: { id: waveId, shopId: context.shopId } });
  if (!wave) throw new Error("No such wave in this shop");
  yield stringify([], { header: true, columns: WAVE_CSV_COLUMNS, bom: true });
  let after: string | undefined;
  for (;;) {
    const page = await db.prisma.waveOrder.findMany({
      where: { waveId, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: 100,
    });
    if (!page.length) return;
    after = page.at(-1)!.id;
    const rows: unknown[][] = [];
    for (const entry of page) {
      context.signal?.throwIfAborted();
      const ask = () => context.admin.request(ORDER_FOR_EXPORT, { id: entry.orderId });
      const { data } = await pacedRequest(context.pacer, 60, ask);
      const order = data.order;
      if (!order) continue;
      const address = order.shippingAddress;
      for (const line of order.lineItems.nodes) {
        rows.push(
          [
            wave.name,
            order.name,
            line.sku ?? "",
            line.name,
            line.quantity,
            line.originalUnitPriceSet.shopMoney.amount,
            line.originalUnitPriceSet.shopMoney.currencyCode,
            line.variant?.inventoryItem.harmonizedSystemCode ?? "",
            address?.name ?? "",
            address?.company ?? "",
            address?.address1 ?? "",
            address?.address2 ?? "",
            address?.city ?? "",
            address?.provinceCode ?? "",
            address?.zip ?? "",
            address?.countryCodeV2 ?? "",
            address?.phone ?? order.phone ?? "",
            order.email ?? "",
          ].map((cell) => (typeof cell === "string" ? spreadsheetSafe(cell) : cell)),
        );
      }
    }
    yield stringify(rows);
  }
}
