// What the UI may know about a job: its state from the queue and its progress, only for the shop it belongs to.
// Every job's data names its shop (`shop`, the domain), which is how tenancy is checked here.
import type { PrismaClient } from "@prisma/client";
import { progressForShop } from "../jobs/progress";
import type { JobQueue } from "../jobs/queue";

export interface JobView {
  id: string;
  queue: string;
  state: string;
  attempts: number;
  progress: { done: number; total: number | null; message: string | null } | null;
  createdOn: Date;
  completedOn: Date | null;
}

export async function jobForShop(
  deps: { prisma: PrismaClient; queue: JobQueue },
  shopDomain: string,
  queueName: string,
  jobId: string,
): Promise<JobView | null> {
  const status = await deps.queue.status(queueName, jobId).catch(() => null);
  if (!status || (status.data as { shop?: unknown } | null)?.shop !== shopDomain) return null;
  const shop = await deps.prisma.shop.findUnique({ where: { domain: shopDomain } });
  const progress = shop ? await progressForShop(deps.prisma, shop.id, jobId) : null;
  return {
    id: status.id,
    queue: status.queue,
    state: status.state,
    attempts: status.attempts,
    progress: progress ? { done: progress.done, total: progress.total, message: progress.message } : null,
    createdOn: status.createdOn,
    completedOn: status.completedOn,
  };
}
