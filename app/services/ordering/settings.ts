// A campaign's ordering settings, kept under `ordering` in Campaign.settings and read through one schema so a
// hand-edited or older value falls back to the defaults instead of breaking a push; its invoice email under
// `invoice`.
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { DEFAULT_INVOICE_TEMPLATES, invoiceTemplateProblem, type InvoiceTemplate } from "../../domain/ordering/invoice";
import { DEFAULT_ORDER_SETTINGS, type OrderSettings } from "../../domain/ordering/plan";
import { DEFAULT_CHECKOUT_SETTINGS, MAX_REMINDERS, type CheckoutSettings } from "../../domain/ordering/reminders";
import { settingsSection } from "../campaign-settings";

export const OrderSettingsInput = z.object({
  reserveInventoryDays: z.number().int().min(1).max(365).nullable(),
  bonusSupport: z.enum(["ignore", "record"]),
  currency: z.enum(["campaign", "store"]).nullable(),
});

const ordering = settingsSection("ordering", OrderSettingsInput, DEFAULT_ORDER_SETTINGS as OrderSettings);

export const orderSettings = ordering.read;
export const updateOrderSettings = ordering.update;

export class InvoiceTemplateError extends Error {
  override name = "InvoiceTemplateError";
}

/** The campaign's invoice subject and message, or the default in the shop's language. */
export function invoiceTemplate(campaignSettings: unknown, locale: string) {
  const defaults = DEFAULT_INVOICE_TEMPLATES[locale === "fr" ? "fr" : "en"];
  const stored = z
    .object({ subject: z.string(), message: z.string() })
    .safeParse((campaignSettings as { invoice?: unknown } | null)?.invoice);
  return { ...defaults, ...(stored.success ? stored.data : {}), custom: stored.success };
}

export async function updateInvoiceTemplate(
  prisma: PrismaClient,
  shopId: string,
  campaignId: string,
  template: InvoiceTemplate,
): Promise<void> {
  const problem = invoiceTemplateProblem(template);
  if (problem) throw new InvoiceTemplateError(problem);
  await prisma.$transaction(async (tx) => {
    const campaign = await tx.campaign.findFirst({ where: { id: campaignId, shopId } });
    if (!campaign) throw new Error(`No campaign ${campaignId} in this shop`);
    const invoice = { subject: template.subject, message: template.message };
    const settings = { ...((campaign.settings as object | null) ?? {}), invoice };
    await tx.campaign.update({ where: { id: campaign.id }, data: { settings } });
  });
}

export const CheckoutSettingsInput = z.object({
  reminderDays: z
    .array(z.number().int().min(1).max(90))
    .max(MAX_REMINDERS)
    .refine((days) => days.every((day, i) => i === 0 || day > days[i - 1]!), "days must go up"),
  finalNotice: z.boolean(),
  autoComplete: z.boolean(),
});

const checkout = settingsSection("checkout", CheckoutSettingsInput, DEFAULT_CHECKOUT_SETTINGS as CheckoutSettings);

/** Reminders and completion without the backer. */
export const checkoutSettings = checkout.read;
export const updateCheckoutSettings = checkout.update;
