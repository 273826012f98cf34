// app/uninstalled and app/scopes_update.
import { z } from "zod";
import { TerminalJobError } from "../../jobs/queue";
import { markShopUninstalled, updateGrantedScopes } from "../../services/shops";
import type { WebhookHandler } from "../process";

const ScopesUpdatePayload = z.object({ current: z.array(z.string()) });

export const appWebhookHandlers: Record<string, WebhookHandler> = {
  "app/uninstalled": ({ prisma }, webhook) => markShopUninstalled(prisma, webhook.shop),
  "app/scopes_update": ({ prisma }, webhook) => {
    const payload = ScopesUpdatePayload.safeParse(webhook.payload);
    if (!payload.success) throw new TerminalJobError("app/scopes_update payload has no current scopes");
    return updateGrantedScopes(prisma, webhook.shop, payload.data.current);
  },
};
