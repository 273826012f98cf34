// A campaign's backer-portal settings, under `portal` in Campaign.settings.
import { z } from "zod";
import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from "../../domain/portal/form";
import { settingsSection } from "../campaign-settings";

export const PortalSettingsInput = z.object({
  addressesLocked: z.boolean(),
  ordersLocked: z.boolean(),
  lockCountry: z.boolean(),
  phoneRequiredCountries: z.array(z.string().regex(/^(\*|[A-Z]{2})$/, "an ISO country code or *")).max(250),
  extraVariantIds: z.array(z.string().regex(/^gid:\/\/shopify\/ProductVariant\/\d+$/)).max(50),
  linkDays: z.number().int().min(1).max(365),
});

const portal = settingsSection("portal", PortalSettingsInput, DEFAULT_PORTAL_SETTINGS as PortalSettings);

export const portalSettings = portal.read;
export const updatePortalSettings = portal.update;
