import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";
import { jobs } from "../jobs/runtime.server";
import { jobForShop } from "../services/jobs";
import { authenticate } from "../shopify.server";

// JSON for progress bars: a job's state and progress, for the signed-in shop's own jobs only.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const job = await jobForShop({ prisma, queue: jobs }, session.shop, params.queue ?? "", params.id ?? "");
  if (!job) return Response.json({ error: "No such job" }, { status: 404 });
  return Response.json(job);
};
