// Tracking numbers from a 3PL's CSV: each row names an order (its name, #1001, or its id) and a tracking number,
// optionally the carrier and a URL. Each order of the campaign's waves gets `fulfillmentCreate` with that tracking
// and Shopify's shipping email to the backer. Exactly once: an order whose fulfillment orders are already closed
// is reported shipped and not fulfilled again, so importing the same file twice (or after a lost answer) makes no
// second parcel. Rows that cannot be used are reported with their row number and reason; nothing else is skipped.
import { parse } from "csv-parse/sync";
import type { Database } from "../../db/open";
import type { AdminClient } from "../../shopify/admin-client";
import { FULFILLMENT_CREATE, ORDER_FULFILLMENT_ORDERS } from "../../shopify/operations/fulfillment";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";
import { recordShipment } from "./tracking";

const HEADERS = {
  order: ["order", "order name", "order number", "order id", "reference"],
  number: ["tracking number", "tracking", "tracking no", "tracking #"],
  company: ["carrier", "tracking company", "courier", "shipping carrier"],
  url: ["tracking url", "tracking link", "url"],
} as const;

export type TrackingRowOutcome =
  | { row: number; order: string; outcome: "fulfilled" | "already_shipped" }
  | { row: number; order: string; outcome: "rejected"; reason: string };

export class TrackingFileError extends Error {
  override name = "TrackingFileError";
}

export function readTrackingCsv(text: string) {
  // A CSV is text: a NUL means a spreadsheet or an archive, whatever its name says (and the database cannot store it).
  if (text.includes("\0")) throw new TrackingFileError("The file is not a CSV (it has binary content)");
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new TrackingFileError(`The file is not a CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new TrackingFileError("The file is empty");
  const names = header.map((h) => h.toLowerCase().replace(/[_-]+/g, " ").trim());
  const column = (key: keyof typeof HEADERS) => names.findIndex((n) => (HEADERS[key] as readonly string[]).includes(n));
  const columns = { order: column("order"), number: column("number"), company: column("company"), url: column("url") };
  if (columns.order < 0 || columns.number < 0)
    throw new TrackingFileError(
      `The file needs an "Order" and a "Tracking number" column; it has: ${header.join(", ")}`,
    );
  if (rows.length > 20_000) throw new TrackingFileError("The file has more than 20,000 rows: split it");
  return rows.map((cells, index) => ({
    row: index + 2,
    order: cells[columns.order] ?? "",
    number: cells[columns.number] ?? "",
    company: columns.company >= 0 ? cells[columns.company] || null : null,
    url: columns.url >= 0 ? cells[columns.url] || null : null,
  }));
}

export async function importTracking(
  db: Database,
  context: {
    shopId: string;
    admin: AdminClient;
    pacer?: CostPacer;
    campaignId: string;
    cause: string;
    signal?: AbortSignal;
  },
  text: string,
): Promise<TrackingRowOutcome[]> {
  const rows = readTrackingCsv(text);
  const outcomes: TrackingRowOutcome[] = [];
  for (const row of rows) {
    context.signal?.throwIfAborted();
    const reject = (reason: string) => outcomes.push({ row: row.row, order: row.order, outcome: "rejected", reason });
    if (!row.order) {
      reject("no order");
      continue;
    }
    if (!/^[\w -]{3,60}$/.test(row.number)) {
      reject("the tracking number is missing or has characters no carrier uses");
      continue;
    }
    if (row.url && !/^https?:\/\/\S+$/.test(row.url)) {
      reject("the tracking URL is not a web address");
      continue;
    }
    const orderId = await orderOfRow(db, context.shopId, context.campaignId, row.order);
    if (!orderId) {
      reject("no order of this campaign's waves has this name");
      continue;
    }
    const request = () => context.admin.request(ORDER_FULFILLMENT_ORDERS, { id: orderId });
    const { data } = await pacedRequest(context.pacer, 20, request);
    const open = data.order?.fulfillmentOrders.nodes.filter((fo) => !["CLOSED", "CANCELLED"].includes(fo.status));
    if (!open?.length) {
      outcomes.push({ row: row.row, order: row.order, outcome: "already_shipped" });
      continue;
    }
    if (open.some((fo) => fo.status === "ON_HOLD")) {
      reject("the order is still held: release its wave first");
      continue;
    }
    const { data: answer } = await pacedRequest(context.pacer, 10, () =>
      context.admin.request(FULFILLMENT_CREATE, {
        fulfillment: {
          notifyCustomer: true,
          trackingInfo: {
            number: row.number,
            ...(row.company ? { company: row.company } : {}),
            ...(row.url ? { url: row.url } : {}),
          },
          lineItemsByFulfillmentOrder: open.map((fo) => ({ fulfillmentOrderId: fo.id })),
        },
      }),
    );
    const result = answer.fulfillmentCreate!;
    if (result.userErrors.length || !result.fulfillment) {
      reject(`Shopify refused it: ${result.userErrors.map((e) => e.message).join("; ")}`);
      continue;
    }
    await recordShipment(
      db,
      context.shopId,
      {
        id: result.fulfillment.id.split("/").pop()!,
        admin_graphql_api_id: result.fulfillment.id,
        order_id: orderId.split("/").pop()!,
        status: "success",
        tracking_company: row.company,
        tracking_number: row.number,
        tracking_url: row.url,
        created_at: result.fulfillment.createdAt as string,
      },
      context.cause,
    );
    outcomes.push({ row: row.row, order: row.order, outcome: "fulfilled" });
  }
  return outcomes;
}

/** An order of the campaign's waves, by its name (#1001, 1001) or its id. */
async function orderOfRow(db: Database, shopId: string, campaignId: string, reference: string) {
  const name = /^#?\d+$/.test(reference) ? `#${reference.replace(/^#/, "")}` : reference;
  const id = /^gid:\/\/shopify\/Order\/\d+$/.test(reference) ? reference : null;
  const [found] = await db.query<{ orderId: string }>(
    `SELECT w."orderId" FROM "WaveOrder" w
       JOIN "Wave" v ON v.id = w."waveId"
       LEFT JOIN "OrderLink" l ON l."shopId" = w."shopId" AND l."orderId" = w."orderId"
       LEFT JOIN "PreorderOrder" o ON o.id = w."preorderOrderId"
      WHERE w."shopId" = $1 AND v."campaignId" = $2
        AND (l."orderName" = $3 OR o."orderName" = $3 OR w."orderId" = $4)
      LIMIT 1`,
    [shopId, campaignId, name, id],
  );
  return found?.orderId ?? null;
}
