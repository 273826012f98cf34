// Everything the app holds about one backer, as a JSON download: what the merchant sends on for a customer's data
// request (the `data_request` exception links here). Downloading records an Event; it resolves nothing by itself.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireShop } from "../admin-shop.server";
import { database } from "../db.server";
import { recordEvent } from "../services/events";
import { backerData } from "../services/privacy";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, shop } = await requireShop(request);
  const data = await backerData(database, shop.id, params.id ?? "");
  if (!data) notFound();
  await recordEvent(database, shop.id, "backer", params.id!, "privacy.data_exported", `user:${session.id}`, {});
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="backer-data-${params.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
};
