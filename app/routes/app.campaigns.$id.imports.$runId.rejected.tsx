// The rejected rows of one import as a CSV (the file's own columns, with the row number and the reasons first),
// streamed from the database a page at a time.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireShop } from "../admin-shop.server";
import prisma from "../db.server";
import { rejectionsCsv, runForShop } from "../services/import/runs";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const run = await runForShop(prisma, shop.id, params.runId ?? "");
  if (!run || run.campaignId !== params.id) notFound();
  const lines = rejectionsCsv(prisma, shop.id, run.id);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const name = `${run.fileName.replace(/\.(csv|zip)$/i, "").replace(/[^\w.-]+/g, "_")}-rejected.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
};
