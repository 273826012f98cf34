// A new campaign: its name, the platform it ran on and its currency. Backers come in with an import after.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Button, Card, FormLayout, Layout, Page, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { requireShop } from "../admin-shop.server";
import { useTranslate } from "../components/i18n";
import prisma from "../db.server";
import { PLATFORMS } from "../domain/import/record";
import { isCurrency } from "../domain/money";
import { createCampaign } from "../services/campaigns";

const NewCampaign = z.object({
  name: z.string().trim().min(1, "campaigns.new.error.name").max(120, "campaigns.new.error.name"),
  platform: z.enum(PLATFORMS, { message: "campaigns.new.error.platform" }),
  currencyCode: z.string().trim().toUpperCase().refine(isCurrency, "campaigns.new.error.currency"),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return { currencyCode: shop.currencyCode ?? "USD" };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const parsed = NewCampaign.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path[0], issue.message]));
    return { errors: errors as Record<string, string> };
  }
  const existing = await prisma.campaign.findFirst({
    where: { shopId: shop.id, name: { equals: parsed.data.name, mode: "insensitive" } },
  });
  if (existing) return { errors: { name: "campaigns.new.error.taken" } };
  const campaign = await createCampaign(prisma, shop.id, parsed.data);
  return redirect(`/app/campaigns/${campaign.id}`);
};

export default function NewCampaignPage() {
  const t = useTranslate();
  const errors = useActionData<typeof action>()?.errors ?? {};
  const busy = useNavigation().state !== "idle";
  const [name, setName] = useState("");
  const [platform, setPlatform] = useState<string>("KICKSTARTER");
  const [currencyCode, setCurrencyCode] = useState("");
  const error = (field: string) => (errors[field] ? t(errors[field] as never) : undefined);
  return (
    <Page title={t("campaigns.new.title")} backAction={{ content: t("campaigns.title"), url: "/app/campaigns" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <Form method="post">
              <FormLayout>
                <TextField
                  label={t("campaigns.new.name")}
                  name="name"
                  value={name}
                  onChange={setName}
                  autoComplete="off"
                  error={error("name")}
                />
                <Select
                  label={t("campaigns.new.platform")}
                  name="platform"
                  options={PLATFORMS.map((value) => ({ value, label: t(`platform.${value}`) }))}
                  value={platform}
                  onChange={setPlatform}
                  error={error("platform")}
                />
                <TextField
                  label={t("campaigns.new.currency")}
                  name="currencyCode"
                  value={currencyCode}
                  onChange={setCurrencyCode}
                  placeholder="USD"
                  helpText={t("campaigns.new.currencyHelp")}
                  autoComplete="off"
                  maxLength={3}
                  error={error("currencyCode")}
                />
                <Button submit variant="primary" loading={busy}>
                  {t("campaigns.new.submit")}
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
