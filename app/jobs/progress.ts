// Job progress for the UI: pg-boss knows a job's state, this table knows how far it has got.
import type { PrismaClient } from "@prisma/client";

export interface Progress {
  done: number;
  total?: number | null;
  message?: string | null;
}

export async function reportProgress(
  prisma: PrismaClient,
  job: { jobId: string; shopId: string; queue: string },
  progress: Progress,
): Promise<void> {
  const values = { done: progress.done, total: progress.total ?? null, message: progress.message ?? null };
  await prisma.jobProgress.upsert({
    where: { jobId: job.jobId },
    create: { ...job, ...values },
    update: values,
  });
}

/** A job's progress, only if the job belongs to this shop. */
export function progressForShop(prisma: PrismaClient, shopId: string, jobId: string) {
  return prisma.jobProgress.findFirst({ where: { jobId, shopId } });
}
