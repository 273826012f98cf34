// The shop's settings: what the app knows of the shop, and how mixed orders are held for their wave.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { requireShop } from "../admin-shop.server";
import { useTranslate } from "../components/i18n";
import prisma from "../db.server";
import { fulfillmentSettings, updateFulfillmentSettings } from "../services/fulfillment/settings";
import { ADMIN_API_VERSION } from "../shopify/api-version";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, shop } = await requireShop(request);
  return {
    domain: session.shop,
    currencyCode: shop.currencyCode ?? null,
    locale: shop.locale ?? "en",
    fulfillment: fulfillmentSettings(shop.settings),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const form = await request.formData();
  const mixedOrders = String(form.get("mixedOrders"));
  if (mixedOrders !== "hold_whole" && mixedOrders !== "ship_in_stock_now")
    throw new Response("Unknown setting", { status: 400 });
  await updateFulfillmentSettings(prisma, shop.id, { mixedOrders });
  return { saved: true };
};

export default function Settings() {
  const { domain, currencyCode, locale, fulfillment } = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>();
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
        {saved ? (
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
