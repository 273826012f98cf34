// The shop's settings for exceptions and personal data (Shop.settings.exceptions, Shop.settings.privacy).
import { z } from "zod";
import { shopSettingsSection } from "./shop-settings";

export const ExceptionSettingsInput = z.object({
  /** An invoice still unpaid this many days after it was sent becomes an exception. */
  unpaidInvoiceDays: z.number().int().min(1).max(365),
});

export const PrivacySettingsInput = z.object({
  /**
   * Backers' names, emails, addresses and phones are erased this many days after their last parcel shipped (or
   * their pledge ended without one); null keeps them until the shop is uninstalled and Shopify asks to redact.
   */
  retentionDays: z.number().int().min(30).max(3650).nullable(),
});

const exceptions = shopSettingsSection("exceptions", ExceptionSettingsInput, { unpaidInvoiceDays: 14 });
const privacy = shopSettingsSection("privacy", PrivacySettingsInput, {
  retentionDays: null as number | null,
});

export const exceptionSettings = exceptions.read;
export const updateExceptionSettings = exceptions.update;
export const privacySettings = privacy.read;
export const updatePrivacySettings = privacy.update;
