import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { Badge, Card, DataTable, Layout, Page } from "@shopify/polaris";
import { EmptyStatePage } from "../components/EmptyStatePage";
import { useTranslate } from "../components/i18n";
import prisma from "../db.server";
import { listCampaigns } from "../services/campaigns";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await prisma.shop.findUnique({ where: { domain: session.shop } });
  return { campaigns: shop ? await listCampaigns(prisma, shop.id) : [] };
};

export default function Campaigns() {
  const { campaigns } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<{ locale: string }>("routes/app")?.locale ?? "en";
  const t = useTranslate();
  if (!campaigns.length) {
    return (
      <EmptyStatePage
        title="campaigns.title"
        heading="campaigns.empty.heading"
        body="campaigns.empty.body"
        footer="campaigns.empty.cli"
        action={{ content: "campaigns.create", url: "/app/campaigns/new" }}
      />
    );
  }
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const number = new Intl.NumberFormat(locale);
  return (
    <Page title={t("campaigns.title")} primaryAction={{ content: t("campaigns.create"), url: "/app/campaigns/new" }}>
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "text", "text", "numeric", "numeric", "text"]}
              headings={[
                t("campaigns.column.name"),
                t("campaigns.column.platform"),
                t("campaigns.column.status"),
                t("campaigns.column.pledges"),
                t("campaigns.column.collected"),
                t("campaigns.column.ships"),
              ]}
              rows={campaigns.map((campaign) => [
                <Link key={`${campaign.id}-name`} to={`/app/campaigns/${campaign.id}`}>
                  {campaign.name}
                </Link>,
                t(`platform.${campaign.platform}`),
                <Badge key={campaign.id} tone={campaign.status === "FULFILLING" ? "info" : undefined}>
                  {t(`campaign.status.${campaign.status}`)}
                </Badge>,
                number.format(campaign.pledges),
                number.format(campaign.collected),
                campaign.estimatedShipAt ? date.format(new Date(campaign.estimatedShipAt)) : "—",
              ])}
            />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
