import type { Database } from "../db/open";

/**
 * The backer a record stands for now: itself, or the one it was merged into (backer-merge.ts). Pages and exports
 * asked for a merged record show the kept one, where its pledges and details are.
 */
export async function currentBackerId(db: Database, shopId: string, id: string): Promise<string> {
  const found = await db.prisma.backer.findFirst({ where: { id, shopId }, select: { mergedIntoId: true } });
  return found?.mergedIntoId ?? id;
}
