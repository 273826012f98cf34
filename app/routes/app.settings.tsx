// The shop's settings: what the app knows of the shop, how mixed orders are held for their wave, after how many
// days an unpaid invoice becomes an exception, and how long backers' personal data is kept after shipping.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { requireShop } from "../admin-shop.server";
import { useTranslate } from "../components/i18n";
import type { MessageKey } from "../i18n";
import prisma from "../db.server";
import {
  exceptionSettings,
  privacySettings,
  updateExceptionSettings,
  updatePrivacySettings,
} from "../services/exception-settings";
import { fulfillmentSettings, updateFulfillmentSettings } from "../services/fulfillment/settings";
import { ADMIN_API_VERSION } from "../shopify/api-version";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, shop } = await requireShop(request);
  return {
    domain: session.shop,
    currencyCode: shop.currencyCode ?? null,
    locale: shop.locale ?? "en",
    fulfillment: fulfillmentSettings(shop.settings),
    exceptions: exceptionSettings(shop.settings),
    privacy: privacySettings(shop.settings),
  };
};

/** A whole number of days in [min, max], or null for an empty field when empty is allowed. */
function days(value: FormDataEntryValue | null, min: number, max: number, allowEmpty: boolean) {
  const text = String(value ?? "").trim();
  if (!text && allowEmpty) return { ok: true as const, value: null };
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? { ok: true as const, value: n } : { ok: false as const };
}

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const form = await request.formData();
  const mixedOrders = String(form.get("mixedOrders"));
  if (mixedOrders !== "hold_whole" && mixedOrders !== "ship_in_stock_now")
    throw new Response("Unknown setting", { status: 400 });
  const unpaid = days(form.get("unpaidInvoiceDays"), 1, 365, false);
  const retention = days(form.get("retentionDays"), 30, 3650, true);
  const errors = {
    ...(unpaid.ok ? {} : { unpaidInvoiceDays: "settings.unpaidInvoiceDaysError" as const }),
    ...(retention.ok ? {} : { retentionDays: "settings.retentionDaysError" as const }),
  };
  if (!unpaid.ok || !retention.ok) return { saved: false, errors };
  await updateFulfillmentSettings(prisma, shop.id, { mixedOrders });
  await updateExceptionSettings(prisma, shop.id, { unpaidInvoiceDays: unpaid.value! });
  await updatePrivacySettings(prisma, shop.id, { retentionDays: retention.value });
  return { saved: true, errors };
};

export default function Settings() {
  const { domain, currencyCode, locale, fulfillment, exceptions, privacy } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: { unpaidInvoiceDays?: MessageKey; retentionDays?: MessageKey } = result?.errors ?? {};
  const [unpaidDays, setUnpaidDays] = useState(String(exceptions.unpaidInvoiceDays));
  const [retentionDays, setRetentionDays] = useState(
    privacy.retentionDays === null ? "" : String(privacy.retentionDays),
  );
  const t = useTranslate();
  const [mixedOrders, setMixedOrders] = useState<string>(fulfillment.mixedOrders);
  const rows: Array<[string, string]> = [
    [t("settings.shop"), domain],
    [t("settings.currency"), currencyCode ?? t("common.notSet")],
    [t("settings.language"), locale],
    [t("settings.apiVersion"), ADMIN_API_VERSION],
  ];
  return (
    <Page title={t("settings.title")}>
      <Layout>
        {result?.saved ? (
          <Layout.Section>
            <Banner tone="success">{t("settings.saved")}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              {rows.map(([label, value]) => (
                <InlineStack key={label} align="space-between">
                  <Text as="span" tone="subdued">
                    {label}
                  </Text>
                  <Text as="span">{value}</Text>
                </InlineStack>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <BlockStack gap="300">
                <Select
                  label={t("settings.mixedOrders")}
                  helpText={t("settings.mixedOrdersHelp")}
                  name="mixedOrders"
                  value={mixedOrders}
                  onChange={setMixedOrders}
                  options={[
                    { label: t("settings.mixedOrders.hold_whole"), value: "hold_whole" },
                    { label: t("settings.mixedOrders.ship_in_stock_now"), value: "ship_in_stock_now" },
                  ]}
                />
                <TextField
                  label={t("settings.unpaidInvoiceDays")}
                  helpText={t("settings.unpaidInvoiceDaysHelp")}
                  name="unpaidInvoiceDays"
                  type="number"
                  value={unpaidDays}
                  onChange={setUnpaidDays}
                  error={errors.unpaidInvoiceDays ? t(errors.unpaidInvoiceDays) : undefined}
                  autoComplete="off"
                />
                <TextField
                  label={t("settings.retentionDays")}
                  helpText={t("settings.retentionDaysHelp")}
                  name="retentionDays"
                  type="number"
                  value={retentionDays}
                  onChange={setRetentionDays}
                  error={errors.retentionDays ? t(errors.retentionDays) : undefined}
                  autoComplete="off"
                />
                <InlineStack>
                  <Button submit>{t("settings.save")}</Button>
                </InlineStack>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
