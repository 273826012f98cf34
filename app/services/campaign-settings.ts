// One section of Campaign.settings (ordering, invoice, portal …), read through its schema so an older or
// hand-edited value falls back to the defaults instead of breaking a job, and patched in a transaction so two
// sections saved at once never undo each other.
import type { PrismaClient } from "@prisma/client";
import type { z } from "zod";

export function settingsSection<Shape extends z.ZodRawShape, T extends z.infer<z.ZodObject<Shape>>>(
  key: string,
  schema: z.ZodObject<Shape>,
  defaults: T,
) {
  const read = (campaignSettings: unknown): T => {
    const stored = (campaignSettings as Record<string, unknown> | null)?.[key];
    const parsed = schema.partial().safeParse(stored ?? {});
    return { ...defaults, ...(parsed.success ? parsed.data : {}) };
  };
  const update = (prisma: PrismaClient, shopId: string, campaignId: string, patch: Partial<T>): Promise<T> => {
    const valid = schema.partial().parse(patch);
    return prisma.$transaction(async (tx) => {
      const campaign = await tx.campaign.findFirst({ where: { id: campaignId, shopId } });
      if (!campaign) throw new Error(`No campaign ${campaignId} in this shop`);
      const next = { ...read(campaign.settings), ...valid } as T;
      const settings = { ...((campaign.settings as object | null) ?? {}), [key]: next };
      await tx.campaign.update({ where: { id: campaign.id }, data: { settings: settings as object } });
      return next;
    });
  };
  return { read, update };
}
