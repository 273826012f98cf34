// A campaign's ordering: where its pledges stand (ready, blocked, drafted, invoiced, paid, failed), the settings
// a draft order is made with, the push to Shopify with its progress, and the pledges Shopify refused.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { notFound, requireShop } from "../admin-shop.server";
import { useLocale, useTranslate } from "../components/i18n";
import { IntentButton } from "../components/IntentButton";
import { RunStatus } from "../components/RunStatus";
import { usePolling } from "../components/usePolling";
import { StatCards } from "../components/StatCards";
import { database } from "../db.server";
import type { MessageKey } from "../i18n";
import { jobs } from "../jobs/runtime.server";
import { describePushRun, queuePush } from "../services/ordering/push-jobs";
import {
  invoiceTemplate,
  InvoiceTemplateError,
  orderSettings,
  updateInvoiceTemplate,
  updateOrderSettings,
} from "../services/ordering/settings";
import { openExceptionCounts } from "../services/exceptions";
import { failedLinks, orderingCounts } from "../services/ordering/summary";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const campaign = await database.prisma.campaign.findFirst({ where: { id: params.id, shopId: shop.id } });
  if (!campaign) notFound();
  const [counts, lastRun, failed, exceptions] = await Promise.all([
    orderingCounts(database, shop.id, campaign.id),
    database.prisma.pushRun.findFirst({
      where: { shopId: shop.id, campaignId: campaign.id },
      orderBy: { createdAt: "desc" },
    }),
    failedLinks(database, shop.id, campaign.id, 50),
    openExceptionCounts(database, shop.id, campaign.id),
  ]);
  return {
    campaign: { id: campaign.id, name: campaign.name, currencyCode: campaign.currencyCode },
    storeCurrency: shop.currencyCode,
    settings: orderSettings(campaign.settings),
    invoice: invoiceTemplate(campaign.settings, shop.locale),
    counts,
    run: lastRun ? describePushRun(lastRun) : null,
    failed,
    exceptions,
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const campaign = await database.prisma.campaign.findFirst({ where: { id: params.id, shopId: shop.id } });
  if (!campaign) notFound();
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "push" || intent === "retry" || intent === "invoice") {
    await queuePush(database, jobs, {
      shopId: shop.id,
      campaignId: campaign.id,
      retryFailed: intent === "retry",
      invoice: intent === "invoice" || form.has("invoice"),
    });
    return notice("success", "orders.pushQueued");
  }
  if (intent === "template") {
    try {
      await updateInvoiceTemplate(database.prisma, shop.id, campaign.id, {
        subject: String(form.get("subject") ?? "").slice(0, 1000),
        message: String(form.get("message") ?? "").slice(0, 10_000),
      });
    } catch (error) {
      if (error instanceof InvoiceTemplateError)
        return { tone: "critical" as const, message: null, text: error.message };
      throw error;
    }
    return notice("success", "orders.invoice.saved");
  }
  if (intent === "settings") {
    const days = String(form.get("reserveDays") ?? "").trim();
    const reserveInventoryDays = days === "" ? null : Number(days);
    if (reserveInventoryDays !== null && !(Number.isInteger(reserveInventoryDays) && reserveInventoryDays >= 1)) {
      return notice("critical", "orders.settings.reserveInvalid");
    }
    if (reserveInventoryDays !== null && reserveInventoryDays > 365) {
      return notice("critical", "orders.settings.reserveInvalid");
    }
    const currency = form.get("currency");
    const bonus = form.get("bonus");
    await updateOrderSettings(database.prisma, shop.id, campaign.id, {
      reserveInventoryDays,
      currency: currency === "campaign" || currency === "store" ? currency : null,
      bonusSupport: bonus === "ignore" ? "ignore" : "record",
    });
    return notice("success", "orders.settings.saved");
  }
  return notice("critical", "orders.unknownAction");
};

function notice(tone: "success" | "critical", message: MessageKey) {
  return { tone, message, text: null };
}

export default function CampaignOrdersPage() {
  const { campaign, storeCurrency, settings, invoice, counts, run, failed, exceptions } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useTranslate();
  const number = new Intl.NumberFormat(useLocale());
  const navigation = useNavigation();
  const active = run?.status === "QUEUED" || run?.status === "RUNNING";
  const [reserveDays, setReserveDays] = useState(settings.reserveInventoryDays?.toString() ?? "");
  const [currency, setCurrency] = useState(settings.currency ?? "");
  const [bonus, setBonus] = useState<string>(settings.bonusSupport);
  const [subject, setSubject] = useState(invoice.subject);
  const [message, setMessage] = useState(invoice.message);
  const [withInvoices, setWithInvoices] = useState(false);
  const currencyDiffers = !!storeCurrency && storeCurrency !== campaign.currencyCode;

  usePolling(active);

  return (
    <Page
      title={t("orders.title")}
      subtitle={campaign.name}
      backAction={{ content: campaign.name, url: `/app/campaigns/${campaign.id}` }}
      secondaryActions={[
        { content: t("rewards.title"), url: `/app/campaigns/${campaign.id}/rewards` },
        { content: t("portal.admin.title"), url: `/app/campaigns/${campaign.id}/portal` },
      ]}
    >
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.tone}>{result.message ? t(result.message) : result.text}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <StatCards
            stats={[
              ["orders.state.ready", counts.ready],
              ["orders.state.blocked", counts.blocked],
              ["orders.state.drafted", counts.drafted],
              ["orders.state.invoiced", counts.invoiced],
              ["orders.state.paid", counts.paid],
              ["orders.state.failed", counts.failed],
            ]}
          />
        </Layout.Section>
        {exceptions.length ? (
          <Layout.Section>
            <ExceptionsBanner exceptions={exceptions} />
          </Layout.Section>
        ) : null}
        {counts.unmappedRewards.length || counts.currencyChoiceRequired ? (
          <Layout.Section>
            <Banner tone="warning" title={t("orders.blocked.title", { count: number.format(counts.blocked) })}>
              <BlockStack gap="100">
                {counts.unmappedRewards
                  .filter((reward) => reward.pledges > 0)
                  .map((reward) => (
                    <Text as="p" key={reward.rewardId}>
                      {t("orders.blocked.unmapped", { title: reward.title, pledges: number.format(reward.pledges) })}
                    </Text>
                  ))}
                {counts.currencyChoiceRequired ? (
                  <Text as="p">
                    {t("orders.blocked.currency", { campaign: campaign.currencyCode, store: storeCurrency ?? "" })}
                  </Text>
                ) : null}
              </BlockStack>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="center">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {t("orders.push.title")}
                  </Text>
                  {run ? <RunStatus status={run.status} /> : null}
                </InlineStack>
                <InlineStack gap="200" blockAlign="center">
                  <IntentButton intent="invoice" disabled={active || counts.drafted === 0}>
                    {t("orders.invoice.send", { count: number.format(counts.drafted) })}
                  </IntentButton>
                  <Form method="post">
                    <input type="hidden" name="intent" value="push" />
                    <InlineStack gap="200" blockAlign="center">
                      <Checkbox
                        label={t("orders.invoice.withPush")}
                        name="invoice"
                        checked={withInvoices}
                        onChange={setWithInvoices}
                      />
                      <Button
                        submit
                        variant="primary"
                        disabled={active || counts.ready + counts.creating === 0}
                        loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "push"}
                      >
                        {t("orders.push.start", { count: number.format(counts.ready) })}
                      </Button>
                    </InlineStack>
                  </Form>
                </InlineStack>
              </InlineStack>
              {run ? (
                <>
                  <ProgressBar
                    progress={run.total ? Math.round((run.done / run.total) * 100) : active ? 0 : 100}
                    tone="primary"
                  />
                  <Text as="p" tone="subdued">
                    {[
                      t("orders.push.done", { done: number.format(run.done), total: number.format(run.total) }),
                      run.pledgesPerSecond !== null
                        ? t("orders.push.rate", { rate: number.format(run.pledgesPerSecond) })
                        : null,
                      run.secondsLeft !== null ? t("imports.progress.left", { seconds: run.secondsLeft }) : null,
                      t("orders.push.counts", {
                        created: number.format(run.counts.created),
                        updated: number.format(run.counts.updated),
                        failed: number.format(run.counts.failed),
                      }),
                      run.invoice ? t("orders.invoice.sent", { count: number.format(run.counts.sent) }) : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                  {active && run.phase === "bulk" ? (
                    <Text as="p" tone="subdued">
                      {t("orders.push.bulk")}
                    </Text>
                  ) : null}
                  {run.error ? <Banner tone="critical">{run.error}</Banner> : null}
                </>
              ) : (
                <Text as="p" tone="subdued">
                  {t("orders.push.never")}
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        {failed.length ? (
          <Layout.Section>
            <Card padding="0">
              <div style={{ padding: "var(--p-space-400)" }}>
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {t("orders.failed.title")}
                  </Text>
                  <IntentButton intent="retry" disabled={active}>
                    {t("orders.failed.retry")}
                  </IntentButton>
                </InlineStack>
              </div>
              <DataTable
                columnContentTypes={["text", "text", "numeric"]}
                headings={[t("orders.failed.backer"), t("orders.failed.error"), t("orders.failed.attempts")]}
                rows={failed.map((link) => [link.backer, link.error, link.attempts])}
              />
            </Card>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="template" />
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  {t("orders.invoice.title")}
                </Text>
                <TextField
                  label={t("orders.invoice.subject")}
                  name="subject"
                  autoComplete="off"
                  value={subject}
                  onChange={setSubject}
                />
                <TextField
                  label={t("orders.invoice.message")}
                  helpText={t("orders.invoice.help")}
                  name="message"
                  autoComplete="off"
                  multiline={5}
                  value={message}
                  onChange={setMessage}
                />
                <Button submit>{t("orders.invoice.save")}</Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="settings" />
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  {t("orders.settings.title")}
                </Text>
                {currencyDiffers ? (
                  <Select
                    label={t("orders.settings.currency", {
                      campaign: campaign.currencyCode,
                      store: storeCurrency ?? "",
                    })}
                    name="currency"
                    value={currency}
                    onChange={setCurrency}
                    options={[
                      { label: t("orders.settings.currency.unset"), value: "" },
                      {
                        label: t("orders.settings.currency.campaign", { code: campaign.currencyCode }),
                        value: "campaign",
                      },
                      { label: t("orders.settings.currency.store", { code: storeCurrency ?? "" }), value: "store" },
                    ]}
                  />
                ) : (
                  <input type="hidden" name="currency" value={currency} />
                )}
                <TextField
                  label={t("orders.settings.reserve")}
                  helpText={t("orders.settings.reserve.help")}
                  name="reserveDays"
                  type="number"
                  min={1}
                  max={365}
                  autoComplete="off"
                  value={reserveDays}
                  onChange={setReserveDays}
                />
                <Select
                  label={t("orders.settings.bonus")}
                  name="bonus"
                  value={bonus}
                  onChange={setBonus}
                  options={[
                    { label: t("orders.settings.bonus.record"), value: "record" },
                    { label: t("orders.settings.bonus.ignore"), value: "ignore" },
                  ]}
                />
                <Button submit>{t("orders.settings.save")}</Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** What the pushes left for the merchant to decide, by kind; the inbox that acts on them is to come (#9). */
function ExceptionsBanner({ exceptions }: { exceptions: Array<{ kind: string; severity: string; count: number }> }) {
  const t = useTranslate();
  const byKind = new Map<string, number>();
  for (const row of exceptions) byKind.set(row.kind, (byKind.get(row.kind) ?? 0) + row.count);
  const critical = exceptions.filter((row) => row.severity === "CRITICAL").reduce((sum, row) => sum + row.count, 0);
  return (
    <Banner tone={critical ? "critical" : "info"} title={t("orders.exceptions.title")}>
      <BlockStack gap="100">
        {[...byKind].map(([kind, count]) => (
          <Text as="p" key={kind}>
            {t(`orders.exceptions.${kind}` as MessageKey, { count })}
          </Text>
        ))}
        {critical ? <Text as="p">{t("orders.exceptions.critical", { count: critical })}</Text> : null}
      </BlockStack>
    </Banner>
  );
}
