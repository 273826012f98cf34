// One section of Shop.settings (fulfillment, exceptions, privacy …), read through its schema so an older or
// hand-edited value falls back to the defaults, and patched in a transaction so two sections saved at once never
// undo each other. The shop-wide twin of campaign-settings.ts.
import type { PrismaClient } from "@prisma/client";
import type { z } from "zod";

export function shopSettingsSection<Shape extends z.ZodRawShape, T extends z.infer<z.ZodObject<Shape>>>(
  key: string,
  schema: z.ZodObject<Shape>,
  defaults: T,
) {
  const read = (shopSettings: unknown): T => {
    const stored = (shopSettings as Record<string, unknown> | null)?.[key];
    const parsed = schema.partial().safeParse(stored ?? {});
    return { ...defaults, ...(parsed.success ? parsed.data : {}) };
  };
  const update = (prisma: PrismaClient, shopId: string, patch: Partial<T>): Promise<T> => {
    const valid = schema.partial().parse(patch);
    return prisma.$transaction(async (tx) => {
      const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId } });
      const next = { ...read(shop.settings), ...valid } as T;
      const settings = { ...((shop.settings as object | null) ?? {}), [key]: next };
      await tx.shop.update({ where: { id: shopId }, data: { settings: settings as object } });
      return next;
    });
  };
  return { read, update };
}
