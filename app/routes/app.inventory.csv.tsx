// The inventory view as a CSV, with the page's filters.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "../admin-shop.server";
import { database } from "../db.server";
import { inventoryCsv, inventoryFilter, inventoryView } from "../services/inventory/view";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const rows = await inventoryView(database, shop.id, await inventoryFilter(database, new URL(request.url), shop.id));
  return new Response(inventoryCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="inventory-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
