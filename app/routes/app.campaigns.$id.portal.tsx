// A campaign's backer portal: where backers stand (addresses confirmed, choices made, reminders, paid), the
// merchant's controls (lock addresses, lock orders, the country, phones for customs, extras, link lifetime),
// reminders and completion, and a backer's link to copy or email.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { notFound, requireShop } from "../admin-shop.server";
import { useTranslate } from "../components/i18n";
import { IntentButton } from "../components/IntentButton";
import { StatCards } from "../components/StatCards";
import { readConfig } from "../config.server";
import { database } from "../db.server";
import { parseReminderDays } from "../domain/ordering/reminders";
import type { MessageKey } from "../i18n";
import { jobs } from "../jobs/runtime.server";
import { checkoutSettings, updateCheckoutSettings } from "../services/ordering/settings";
import {
  findBackerLinks,
  portalSummary,
  queueCompletion,
  queueLinkEmail,
  queueReconcile,
  resolveExtras,
} from "../services/portal/admin";
import { portalLinker, rotatePortalSecret } from "../services/portal/links";
import { portalSettings, updatePortalSettings } from "../services/portal/settings";
import { adminForShop } from "../services/shop-admin";

async function campaignOf(request: Request, id: string | undefined) {
  const { shop } = await requireShop(request);
  const campaign = await database.prisma.campaign.findFirst({ where: { id, shopId: shop.id } });
  if (!campaign) notFound();
  return { shop, campaign };
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, campaign } = await campaignOf(request, params.id);
  const q = new URL(request.url).searchParams.get("q")?.trim().slice(0, 200) ?? "";
  const portal = portalSettings(campaign.settings);
  const linkFor = await portalLinker(database.prisma, shop.id, {
    adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN,
    days: portal.linkDays,
  });
  return {
    campaign: { id: campaign.id, name: campaign.name },
    portal,
    checkout: checkoutSettings(campaign.settings),
    summary: await portalSummary(database, shop.id, campaign.id),
    q,
    backers: q ? await findBackerLinks(database, shop.id, campaign.id, q, linkFor) : [],
  };
};

type Result = { tone: "success" | "critical"; message: MessageKey; values?: Record<string, string> };

export const action = async ({ request, params }: ActionFunctionArgs): Promise<Result> => {
  const { shop, campaign } = await campaignOf(request, params.id);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "").slice(0, 10_000);
  switch (form.get("intent")) {
    case "portal": {
      const phones = text("phoneCountries")
        .split(/[\s,]+/)
        .map((code) => code.trim().toUpperCase())
        .filter(Boolean);
      if (phones.some((code) => !/^(\*|[A-Z]{2})$/.test(code)))
        return { tone: "critical", message: "portal.admin.invalid", values: { problem: text("phoneCountries") } };
      const linkDays = Number(text("linkDays"));
      if (!Number.isInteger(linkDays) || linkDays < 1 || linkDays > 365)
        return { tone: "critical", message: "portal.admin.invalid", values: { problem: text("linkDays") } };
      const { admin } = await adminForShop(database.prisma, shop.id, {
        adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN,
      });
      const extras = await resolveExtras(admin, text("extras"));
      if (extras.unknown.length)
        return {
          tone: "critical",
          message: "portal.admin.unknownExtras",
          values: { values: extras.unknown.join(", ") },
        };
      await updatePortalSettings(database.prisma, shop.id, campaign.id, {
        addressesLocked: form.has("addressesLocked"),
        ordersLocked: form.has("ordersLocked"),
        lockCountry: form.has("lockCountry"),
        phoneRequiredCountries: [...new Set(phones)],
        extraVariantIds: extras.ids,
        linkDays,
      });
      return { tone: "success", message: "portal.admin.saved" };
    }
    case "checkout": {
      const days = parseReminderDays(text("reminderDays"));
      if (!days.ok) return { tone: "critical", message: "portal.admin.invalid", values: { problem: days.error } };
      await updateCheckoutSettings(database.prisma, shop.id, campaign.id, {
        reminderDays: days.days,
        finalNotice: form.has("finalNotice"),
        autoComplete: form.has("autoComplete"),
      });
      return { tone: "success", message: "portal.admin.checkoutSaved" };
    }
    case "complete":
      await queueCompletion(jobs, shop.id, campaign.id);
      return { tone: "success", message: "portal.admin.completeQueued" };
    case "reconcile":
      await queueReconcile(jobs, shop.id);
      return { tone: "success", message: "portal.admin.reconcileQueued" };
    case "resend": {
      const pledge = await database.prisma.pledge.findFirst({
        where: { id: text("pledgeId"), shopId: shop.id, campaignId: campaign.id },
        include: { orderLink: true },
      });
      if (!pledge) notFound();
      if (!pledge.orderLink?.draftOrderId) return { tone: "critical", message: "portal.admin.noDraft" };
      await queueLinkEmail(jobs, shop.id, pledge.id);
      return { tone: "success", message: "portal.admin.resendQueued" };
    }
    case "rotate":
      await rotatePortalSecret(database.prisma, shop.id);
      return { tone: "success", message: "portal.admin.rotated" };
    default:
      return { tone: "critical", message: "orders.unknownAction" };
  }
};

export default function CampaignPortalPage() {
  const { campaign, portal, checkout, summary, q, backers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useTranslate();
  const [phoneCountries, setPhoneCountries] = useState(portal.phoneRequiredCountries.join(", "));
  const [extras, setExtras] = useState(portal.extraVariantIds.join("\n"));
  const [linkDays, setLinkDays] = useState(String(portal.linkDays));
  const [flags, setFlags] = useState({
    addressesLocked: portal.addressesLocked,
    ordersLocked: portal.ordersLocked,
    lockCountry: portal.lockCountry,
    finalNotice: checkout.finalNotice,
    autoComplete: checkout.autoComplete,
  });
  const [reminderDays, setReminderDays] = useState(checkout.reminderDays.join(", "));
  const [search, setSearch] = useState(q);
  const [copied, setCopied] = useState<string | null>(null);
  const flag = (name: keyof typeof flags, label: MessageKey, helpText?: MessageKey) => (
    <Checkbox
      label={t(label)}
      helpText={helpText ? t(helpText) : undefined}
      name={name}
      checked={flags[name]}
      onChange={(checked) => setFlags({ ...flags, [name]: checked })}
    />
  );

  return (
    <Page
      title={t("portal.admin.title")}
      subtitle={campaign.name}
      backAction={{ content: campaign.name, url: `/app/campaigns/${campaign.id}` }}
      secondaryActions={[{ content: t("orders.title"), url: `/app/campaigns/${campaign.id}/orders` }]}
    >
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.tone}>{t(result.message, result.values)}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <StatCards
            stats={[
              ["portal.admin.stats.confirmed", summary.confirmed],
              ["portal.admin.stats.choices", summary.choices],
              ["portal.admin.stats.reminded", summary.reminded],
              ["portal.admin.stats.paid", summary.paid],
            ]}
          />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("portal.admin.find")}
              </Text>
              <Form method="get">
                <InlineStack gap="200" blockAlign="end">
                  <div style={{ flexGrow: 1 }}>
                    <TextField
                      label={t("portal.admin.search")}
                      name="q"
                      autoComplete="off"
                      value={search}
                      onChange={setSearch}
                    />
                  </div>
                  <Button submit>{t("portal.admin.searchButton")}</Button>
                </InlineStack>
              </Form>
              {q && !backers.length ? <Text as="p">{t("portal.admin.noMatch")}</Text> : null}
              {backers.map((backer) => (
                <BlockStack gap="100" key={backer.pledgeId}>
                  <Text as="p" fontWeight="semibold">
                    {[backer.number, backer.name, backer.email].filter(Boolean).join(" · ")}
                  </Text>
                  <InlineStack gap="200" blockAlign="center" wrap={false}>
                    <div style={{ flexGrow: 1 }}>
                      <TextField
                        label={t("portal.admin.copy")}
                        labelHidden
                        value={backer.link}
                        readOnly
                        autoComplete="off"
                      />
                    </div>
                    <Button
                      onClick={() => {
                        void navigator.clipboard?.writeText(backer.link);
                        setCopied(backer.pledgeId);
                      }}
                    >
                      {copied === backer.pledgeId ? t("portal.admin.copied") : t("portal.admin.copy")}
                    </Button>
                    <IntentButton intent="resend" fields={{ pledgeId: backer.pledgeId }} disabled={!backer.hasDraft}>
                      {t("portal.admin.resend")}
                    </IntentButton>
                  </InlineStack>
                </BlockStack>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="portal" />
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  {t("portal.admin.controls")}
                </Text>
                {flag("addressesLocked", "portal.admin.addressesLocked")}
                {flag("ordersLocked", "portal.admin.ordersLocked")}
                {flag("lockCountry", "portal.admin.lockCountry")}
                <TextField
                  label={t("portal.admin.phoneCountries")}
                  helpText={t("portal.admin.phoneCountriesHelp")}
                  name="phoneCountries"
                  autoComplete="off"
                  value={phoneCountries}
                  onChange={setPhoneCountries}
                />
                <TextField
                  label={t("portal.admin.extras")}
                  helpText={t("portal.admin.extrasHelp")}
                  name="extras"
                  autoComplete="off"
                  multiline={3}
                  value={extras}
                  onChange={setExtras}
                />
                <TextField
                  label={t("portal.admin.linkDays")}
                  name="linkDays"
                  type="number"
                  autoComplete="off"
                  value={linkDays}
                  onChange={setLinkDays}
                />
                <Button submit variant="primary">
                  {t("portal.admin.save")}
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="checkout" />
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  {t("portal.admin.checkout")}
                </Text>
                <TextField
                  label={t("portal.admin.reminderDays")}
                  helpText={t("portal.admin.reminderDaysHelp")}
                  name="reminderDays"
                  autoComplete="off"
                  value={reminderDays}
                  onChange={setReminderDays}
                />
                {flag("finalNotice", "portal.admin.finalNotice")}
                {flag("autoComplete", "portal.admin.autoComplete", "portal.admin.autoCompleteHelp")}
                <Banner tone="warning">{t("portal.admin.trialWarning")}</Banner>
                <Button submit>{t("portal.admin.save")}</Button>
              </FormLayout>
            </Form>
            <div style={{ marginTop: "var(--p-space-400)" }}>
              <InlineStack gap="200">
                <IntentButton intent="complete">{t("portal.admin.completeNow")}</IntentButton>
                <IntentButton intent="reconcile">{t("portal.admin.reconcile")}</IntentButton>
              </InlineStack>
            </div>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="rotate" />
              <BlockStack gap="200">
                <Text as="p" tone="subdued">
                  {t("portal.admin.rotateHelp")}
                </Text>
                <InlineStack>
                  <Button submit tone="critical">
                    {t("portal.admin.rotate")}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
