// The audit trail: one Event per change, with its cause ("webhook:<id>", "job:<id>", "user:<id>", "cli").
// Never personal data in `data`: counts, ids and states only.
import type { Database } from "../db/open";

export async function recordEvent(
  db: Database,
  shopId: string,
  subjectType: string,
  subjectId: string,
  kind: string,
  cause: string,
  data: Record<string, unknown>,
  pledgeId: string | null = null,
) {
  await db.prisma.event.create({
    data: { shopId, pledgeId, subjectType, subjectId, kind, cause, data: data as object },
  });
}
