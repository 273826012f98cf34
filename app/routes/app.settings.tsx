import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useTranslate } from "../components/i18n";
import prisma from "../db.server";
import { ADMIN_API_VERSION } from "../shopify/api-version";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await prisma.shop.findUnique({ where: { domain: session.shop } });
  return { domain: session.shop, currencyCode: shop?.currencyCode ?? null, locale: shop?.locale ?? "en" };
};

export default function Settings() {
  const { domain, currencyCode, locale } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const rows: Array<[string, string]> = [
    [t("settings.shop"), domain],
    [t("settings.currency"), currencyCode ?? t("common.notSet")],
    [t("settings.language"), locale],
    [t("settings.apiVersion"), ADMIN_API_VERSION],
  ];
  return (
    <Page title={t("settings.title")}>
      <Layout>
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
      </Layout>
    </Page>
  );
}
