// One backer: their timeline (every Event, newest first), their pledges and orders, what is open about them, their
// address (editable by the merchant under the portal's rules; draft orders follow at once), and the download of
// everything the app holds about them, for a customer's data request.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { notFound, requireShop } from "../admin-shop.server";
import { DownloadButton } from "../components/DownloadButton";
import { useLocale, useTranslate } from "../components/i18n";
import { readConfig } from "../config.server";
import { database } from "../db.server";
import { backerLabel } from "../domain/backer-label";
import { formatMoney } from "../domain/money";
import { ADDRESS_FIELDS, addressFormValues, parseMerchantAddress } from "../domain/portal/form";
import { isMessageKey, type MessageKey } from "../i18n";
import { loadBacker, loadBackerProfile, saveBackerAddress } from "../services/backer-profile";
import { connectedAdmin } from "../services/shop-admin";
import { pacerForShop } from "../shopify/pacer";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const profile = await loadBackerProfile(database, shop.id, params.id ?? "");
  if (!profile) notFound();
  return profile;
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, shop } = await requireShop(request);
  const profile = await loadBacker(database, shop.id, params.id ?? "");
  if (!profile) notFound();
  const form = await request.formData();
  const fields = Object.fromEntries(ADDRESS_FIELDS.map((name) => [name, String(form.get(name) ?? "")]));
  const parsed = parseMerchantAddress(fields, profile.portal);
  if (!parsed.ok) return { errors: parsed.errors, saved: null };
  const connection = await connectedAdmin(database.prisma, shop.id, { adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN });
  const saved = await saveBackerAddress(
    database,
    { admin: connection?.admin ?? null, pacer: connection ? pacerForShop(shop.domain) : null },
    profile,
    parsed.address,
    `user:${session.id}`,
  );
  return { errors: null, saved };
};

export default function BackerPage() {
  const { backer, pledges, exceptions, events } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const t = useTranslate();
  const locale = useLocale();
  const name = [backer.firstName, backer.lastName].filter(Boolean).join(" ");
  const label = pledges[0] ? backerLabel(pledges[0]) : "";
  const title = name || label || t("backer.anonymous");
  const fieldError = (field: string) => {
    const error = result?.errors?.[field];
    return error ? t(`portal.error.${error}` as MessageKey, { country: "" }) : undefined;
  };
  const [values, setValues] = useState<Record<string, string>>(() => addressFormValues(backer));
  const timeline = [
    ...events.map((e) => ({ id: e.id, at: e.createdAt, kind: e.kind, cause: e.cause })),
    ...pledges.map((p) => ({
      id: `import-${p.id}`,
      at: p.createdAt,
      kind: "imported",
      cause: t(`platform.${p.source}`),
    })),
  ].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());

  return (
    <Page
      title={title}
      subtitle={label ? `${label} · ${backer.campaign.name}` : backer.campaign.name}
      backAction={{ content: t("backers.title"), url: `/app/campaigns/${backer.campaign.id}/backers` }}
    >
      <Layout>
        {result?.saved ? (
          <Layout.Section>
            <Banner tone={result.saved.draftsPending ? "warning" : "success"}>
              {t(result.saved.draftsPending ? "backer.savedPending" : "backer.saved", {
                updated: result.saved.draftsUpdated,
                pending: result.saved.draftsPending,
              })}
            </Banner>
          </Layout.Section>
        ) : null}
        {exceptions.length ? (
          <Layout.Section>
            <Banner tone="warning" title={t("backer.open")}>
              <InlineStack gap="200">
                {exceptions.map((e) => (
                  <Badge key={e.id} tone={e.severity === "CRITICAL" ? "critical" : "warning"}>
                    {t(`exceptions.kind.${e.kind}` as MessageKey)}
                  </Badge>
                ))}
              </InlineStack>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("backer.pledges")}
                </Text>
                {pledges.map((p) => (
                  <InlineStack key={p.id} gap="200" align="space-between" blockAlign="center">
                    <Text as="span">
                      {p.backerNumber ? `#${p.backerNumber} · ` : ""}
                      {t(`platform.${p.source}`)} · {p.reward ?? "—"} ·{" "}
                      {formatMoney({ amountMinor: p.amountMinor, currency: p.currencyCode }, locale)}
                    </Text>
                    <InlineStack gap="100">
                      <Badge tone={p.status === "COLLECTED" ? "success" : "warning"}>
                        {t(`pledge.status.${p.status}`)}
                      </Badge>
                      {p.order ? (
                        <Badge tone="info">{p.order.name ?? t(`backer.order.${p.order.state}` as MessageKey)}</Badge>
                      ) : null}
                    </InlineStack>
                  </InlineStack>
                ))}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("backer.timeline")}
                </Text>
                <ol style={{ margin: 0, paddingInlineStart: "1.2em" }} aria-label={t("backer.timeline")}>
                  {timeline.map((entry) => {
                    const key = `timeline.${entry.kind}`;
                    return (
                      <li key={entry.id} style={{ marginBlockEnd: "var(--p-space-200)" }}>
                        <Text as="span">{isMessageKey(key) ? t(key) : entry.kind}</Text>{" "}
                        <Text as="span" tone="subdued">
                          {new Date(entry.at).toLocaleString(locale)} · {causeLabel(entry.cause, t)}
                        </Text>
                      </li>
                    );
                  })}
                </ol>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <Form method="post">
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("backer.address")}
                </Text>
                {backer.email ? <Text as="p">{backer.email}</Text> : null}
                <InlineStack>
                  <DownloadButton url={`/app/backers/${backer.id}/data`} label="backer.download" />
                </InlineStack>
                <FormLayout>
                  {ADDRESS_FIELDS.map((field) => (
                    <TextField
                      key={field}
                      name={field}
                      label={t(`portal.field.${field}`)}
                      value={values[field] ?? ""}
                      onChange={(value) => setValues((all) => ({ ...all, [field]: value }))}
                      error={fieldError(field)}
                      autoComplete="off"
                    />
                  ))}
                </FormLayout>
                <InlineStack>
                  <Button submit variant="primary" loading={saving}>
                    {t("backer.saveAddress")}
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

/** Who or what made a change, in words: an import, a webhook, a job, a person, the backer in the portal. */
function causeLabel(cause: string, t: ReturnType<typeof useTranslate>) {
  const kind = cause.split(":")[0] ?? "";
  const key = `backer.cause.${kind}`;
  return isMessageKey(key) ? t(key) : cause;
}
