// Pre-orders: offers (a PRE_ORDER selling-plan group on chosen variants) made, edited and ended; units sold
// against caps; balances still owed, with "charge now" for one order or every one due by a date.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireShop } from "../admin-shop.server";
import { useLocale, useTranslate } from "../components/i18n";
import { IntentButton } from "../components/IntentButton";
import { readConfig } from "../config.server";
import { database } from "../db.server";
import { formatMoney } from "../domain/money";
import { parseOfferForm, parseVariantLines, type FormProblem } from "../domain/preorders/form";
import { termsFromJson, type PreorderOffer } from "../domain/preorders/offer";
import type { MessageKey } from "../i18n";
import { jobs } from "../jobs/runtime.server";
import { resolveVariants } from "../services/catalog-lookup";
import { listOffers, queueCharge } from "../services/preorders/admin";
import { listBalances } from "../services/preorders/balances";
import { createOffer, endOffer, updateOffer, type OfferRequestProblem } from "../services/preorders/offers";
import { adminForShop } from "../services/shop-admin";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const [offers, balances, campaigns] = await Promise.all([
    listOffers(database, shop.id),
    listBalances(database, shop.id),
    database.prisma.campaign.findMany({ where: { shopId: shop.id }, select: { id: true, name: true } }),
  ]);
  return { offers, balances, campaigns };
};

type Problem = FormProblem | OfferRequestProblem | { field: "variants"; code: "unknown_sku"; values: string };
type Result = { ok: true; message: MessageKey } | { ok: false; problems: Problem[] };

export const action = async ({ request }: ActionFunctionArgs): Promise<Result> => {
  const { session, shop } = await requireShop(request);
  const form = await request.formData();
  const connect = () => adminForShop(database.prisma, shop.id, { adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN });
  const cause = `user:${session.id}`;
  const text = (name: string) => String(form.get(name) ?? "").slice(0, 10_000);
  switch (form.get("intent")) {
    case "create": {
      const parsed = parseOfferForm(form);
      if (!parsed.ok) return parsed;
      const campaignId = parsed.value.campaignId;
      if (campaignId && !(await database.prisma.campaign.count({ where: { id: campaignId, shopId: shop.id } })))
        return { ok: false, problems: [{ field: "campaign", code: "invalid", value: campaignId }] };
      const { admin } = await connect();
      const resolved = await resolveVariants(
        admin,
        parsed.value.variants.map((v) => v.ref),
      );
      if (resolved.unknown.length)
        return {
          ok: false,
          problems: [{ field: "variants", code: "unknown_sku", values: resolved.unknown.join(", ") }],
        };
      const result = await createOffer(
        database,
        { shopId: shop.id, admin, cause },
        {
          terms: parsed.value.terms,
          campaignId,
          translations: parsed.value.translations,
          variants: parsed.value.variants.map((v) => ({ variantId: resolved.byRef.get(v.ref)!, cap: v.cap })),
        },
      );
      return result.ok ? { ok: true, message: "preorders.created" } : result;
    }
    case "edit": {
      const offer = await database.prisma.preorderOffer.findFirst({
        where: { id: text("offerId"), shopId: shop.id, status: "ACTIVE" },
        include: { variants: true },
      });
      if (!offer) throw new Response("Not found", { status: 404 });
      const { variants, problems } = parseVariantLines(text("caps"));
      if (problems.length) return { ok: false, problems };
      const bySku = new Map(offer.variants.map((v) => [v.sku ?? v.variantId, v.variantId]));
      const unknown = variants.filter((v) => !bySku.has(v.ref) && !offer.variants.some((o) => o.variantId === v.ref));
      if (unknown.length)
        return {
          ok: false,
          problems: [{ field: "variants", code: "unknown_sku", values: unknown.map((u) => u.ref).join(", ") }],
        };
      const { admin } = await connect();
      const result = await updateOffer(database, { shopId: shop.id, admin, cause }, offer.id, {
        terms: { ...termsFromJson(offer.terms), name: text("name") },
        translations: text("nameFr") ? { fr: { name: text("nameFr") } } : {},
        caps: Object.fromEntries(variants.map((v) => [bySku.get(v.ref) ?? v.ref, v.cap])),
      });
      return result.ok ? { ok: true, message: "preorders.updated" } : result;
    }
    case "end": {
      const { admin } = await connect();
      const ended = await endOffer(database, { shopId: shop.id, admin, cause }, text("offerId"));
      if (!ended.ended) throw new Response("Not found", { status: 404 });
      return { ok: true, message: "preorders.ended" };
    }
    case "charge": {
      if (!text("orderId") && !/^\d{4}-\d{2}-\d{2}$/.test(text("dueBy")))
        return { ok: false, problems: [{ field: "date", code: "invalid", value: text("dueBy") }] };
      const ids = text("orderId")
        ? [text("orderId")]
        : // Up to the charge job's 1,000 orders (the list on the page shows 200).
          (
            await listBalances(
              database,
              shop.id,
              { status: "DUE", dueBefore: new Date(`${text("dueBy")}T23:59:59Z`) },
              1000,
            )
          ).map((b) => b.id);
      const queued = await queueCharge(jobs, database, shop.id, ids, cause);
      return queued
        ? { ok: true, message: "preorders.chargeQueued" }
        : { ok: true, message: "preorders.nothingToCharge" };
    }
    default:
      throw new Response("Unknown action", { status: 400 });
  }
};

export default function Preorders() {
  const { offers, balances, campaigns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useTranslate();
  const locale = useLocale();
  return (
    <Page title={t("preorders.title")} subtitle={t("preorders.subtitle")}>
      <Layout>
        {result ? (
          <Layout.Section>
            {result.ok ? (
              <Banner tone="success">{t(result.message)}</Banner>
            ) : (
              <Banner tone="critical" title={t("preorders.problems")}>
                <ul>
                  {result.problems.map((problem, i) => (
                    <li key={i}>{describeProblem(t, problem)}</li>
                  ))}
                </ul>
              </Banner>
            )}
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            {offers.map((offer) => (
              <OfferCard key={offer.id} offer={offer} />
            ))}
            <NewOfferCard campaigns={campaigns} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("preorders.balances.title")}
              </Text>
              {balances.length ? (
                <DataTable
                  columnContentTypes={["text", "numeric", "text", "text", "text"]}
                  headings={[
                    t("preorders.balances.order"),
                    t("preorders.balances.outstanding"),
                    t("preorders.balances.due"),
                    t("preorders.balances.status"),
                    "",
                  ]}
                  rows={balances.map((b) => [
                    b.orderName ?? b.orderId,
                    formatMoney({ amountMinor: b.outstandingMinor, currency: b.currencyCode }, locale),
                    b.dueOnFulfillment
                      ? t("preorders.balances.onFulfillment")
                      : b.dueAt
                        ? new Date(b.dueAt).toLocaleDateString(locale)
                        : "",
                    b.balanceStatus === "FAILED"
                      ? t("preorders.balances.failed", { error: b.lastError ?? "" })
                      : b.failedAttempts
                        ? t("preorders.balances.retrying", { attempts: b.failedAttempts, error: b.lastError ?? "" })
                        : t("preorders.balances.due"),
                    <IntentButton key={b.id} intent="charge" fields={{ orderId: b.id }}>
                      {t("preorders.balances.chargeNow")}
                    </IntentButton>,
                  ])}
                />
              ) : (
                <Text as="p" tone="subdued">
                  {t("preorders.balances.none")}
                </Text>
              )}
              <ChargeSegment />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

type Translate = ReturnType<typeof useTranslate>;

function describeProblem(t: Translate, problem: Problem): string {
  if ("messages" in problem) return t("preorders.problem.shopify", { messages: problem.messages.join("; ") });
  if ("values" in problem) return t("preorders.problem.unknown_sku", { values: problem.values });
  if ("value" in problem) return t("preorders.problem.invalid", { field: problem.field, value: problem.value || "—" });
  if ("line" in problem) return t("preorders.problem.bad_line", { line: problem.line ?? "" });
  const key = `preorders.problem.${problem.field}.${problem.code}` as MessageKey;
  return t(key);
}

function termsSummary(t: Translate, terms: PreorderOffer, locale: string): string {
  const when = (date: Date | string) => new Date(date).toLocaleDateString(locale);
  const payment =
    terms.payment.kind === "full"
      ? t("preorders.terms.full")
      : terms.payment.kind === "deposit"
        ? t("preorders.terms.depositPercent", { percent: terms.payment.percentage })
        : t("preorders.terms.depositAmount", { amount: terms.payment.amount });
  const balance =
    terms.payment.kind === "full"
      ? ""
      : terms.payment.balance.trigger === "date"
        ? t("preorders.terms.balanceDate", { date: when(terms.payment.balance.date) })
        : terms.payment.balance.trigger === "days_after_checkout"
          ? t("preorders.terms.balanceDays", { days: terms.payment.balance.days })
          : t("preorders.terms.balanceFulfillment");
  const ships =
    terms.delivery.kind === "date"
      ? t("preorders.terms.ships", { date: when(terms.delivery.date) })
      : t("preorders.terms.asap");
  return [payment, balance, ships].filter(Boolean).join(" · ");
}

function OfferCard({ offer }: { offer: Awaited<ReturnType<typeof loader>>["offers"][number] }) {
  const t = useTranslate();
  const locale = useLocale();
  const [name, setName] = useState(offer.name);
  const [nameFr, setNameFr] = useState(offer.translations.fr?.name ?? "");
  const [caps, setCaps] = useState(
    offer.variants.map((v) => `${v.sku ?? v.variantId}: ${v.cap ?? ""}`.replace(/: $/, "")).join("\n"),
  );
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <BlockStack gap="100">
            <InlineStack gap="200">
              <Text as="h2" variant="headingMd">
                {offer.name}
              </Text>
              <Badge
                tone={offer.status === "ACTIVE" ? "success" : offer.status === "FAILED" ? "critical" : "attention"}
              >
                {t(`preorders.status.${offer.status}` as MessageKey)}
              </Badge>
            </InlineStack>
            <Text as="p" tone="subdued">
              {termsSummary(t, offer.terms as PreorderOffer, locale)}
              {offer.campaign ? ` · ${offer.campaign}` : ""}
            </Text>
          </BlockStack>
          <IntentButton intent="end" fields={{ offerId: offer.id }} tone="critical">
            {t("preorders.end")}
          </IntentButton>
        </InlineStack>
        {offer.userErrors.length ? (
          <Banner tone="critical">{offer.userErrors.map((e) => e.message).join("; ")}</Banner>
        ) : null}
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "text"]}
          headings={[t("preorders.variant"), t("preorders.sold"), t("preorders.cap"), ""]}
          rows={offer.variants.map((v) => [
            `${v.title ?? v.variantId}${v.sku ? ` (${v.sku})` : ""}`,
            v.sold,
            v.cap ?? "—",
            v.selling ? t("preorders.selling") : t("preorders.capReached"),
          ])}
        />
        {offer.status === "ACTIVE" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="offerId" value={offer.id} />
            <FormLayout>
              <FormLayout.Group>
                <TextField
                  label={t("preorders.field.name")}
                  name="name"
                  value={name}
                  onChange={setName}
                  autoComplete="off"
                />
                <TextField
                  label={t("preorders.field.nameFr")}
                  name="nameFr"
                  value={nameFr}
                  onChange={setNameFr}
                  autoComplete="off"
                />
              </FormLayout.Group>
              <TextField
                label={t("preorders.field.caps")}
                helpText={t("preorders.field.capsHelp")}
                name="caps"
                value={caps}
                onChange={setCaps}
                multiline={3}
                autoComplete="off"
              />
              <Button submit>{t("preorders.save")}</Button>
            </FormLayout>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function NewOfferCard({ campaigns }: { campaigns: Array<{ id: string; name: string }> }) {
  const t = useTranslate();
  const [fields, setFields] = useState({
    name: "",
    nameFr: "",
    description: "",
    variants: "",
    campaignId: "",
    payment: "deposit",
    depositPercentage: "20",
    depositAmount: "",
    balanceTrigger: "on_fulfillment",
    balanceDate: "",
    balanceDays: "30",
    delivery: "date",
    deliveryDate: "",
    reserve: "on_sale",
    discount: "0",
  });
  const field = (name: keyof typeof fields) => ({
    name,
    value: fields[name],
    onChange: (value: string) => setFields((f) => ({ ...f, [name]: value })),
  });
  const text = (name: keyof typeof fields, label: MessageKey, extra: Record<string, unknown> = {}) => (
    <TextField label={t(label)} autoComplete="off" {...field(name)} {...extra} />
  );
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="create" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("preorders.new")}
          </Text>
          <FormLayout>
            <FormLayout.Group>
              {text("name", "preorders.field.name", { placeholder: t("preorders.field.namePlaceholder") })}
              {text("nameFr", "preorders.field.nameFr")}
            </FormLayout.Group>
            {text("description", "preorders.field.description")}
            {text("variants", "preorders.field.variants", { multiline: 4, helpText: t("preorders.field.capsHelp") })}
            <Select
              label={t("preorders.field.campaign")}
              options={[
                { label: t("preorders.field.noCampaign"), value: "" },
                ...campaigns.map((c) => ({ label: c.name, value: c.id })),
              ]}
              {...field("campaignId")}
            />
            <FormLayout.Group>
              <Select
                label={t("preorders.field.payment")}
                options={[
                  { label: t("preorders.terms.full"), value: "full" },
                  { label: t("preorders.field.depositPercent"), value: "deposit" },
                  { label: t("preorders.field.depositAmount"), value: "deposit_amount" },
                ]}
                {...field("payment")}
              />
              {fields.payment === "deposit"
                ? text("depositPercentage", "preorders.field.percent", { type: "number" })
                : null}
              {fields.payment === "deposit_amount" ? text("depositAmount", "preorders.field.amount") : null}
            </FormLayout.Group>
            {fields.payment !== "full" ? (
              <FormLayout.Group>
                <Select
                  label={t("preorders.field.balance")}
                  options={[
                    { label: t("preorders.field.balanceFulfillment"), value: "on_fulfillment" },
                    { label: t("preorders.field.balanceDate"), value: "date" },
                    { label: t("preorders.field.balanceDays"), value: "days_after_checkout" },
                  ]}
                  {...field("balanceTrigger")}
                />
                {fields.balanceTrigger === "date"
                  ? text("balanceDate", "preorders.field.date", { type: "date" })
                  : null}
                {fields.balanceTrigger === "days_after_checkout"
                  ? text("balanceDays", "preorders.field.days", { type: "number" })
                  : null}
              </FormLayout.Group>
            ) : null}
            <FormLayout.Group>
              <Select
                label={t("preorders.field.delivery")}
                options={[
                  { label: t("preorders.field.deliveryDate"), value: "date" },
                  { label: t("preorders.terms.asap"), value: "asap" },
                ]}
                {...field("delivery")}
              />
              {fields.delivery === "date" ? text("deliveryDate", "preorders.field.date", { type: "date" }) : null}
            </FormLayout.Group>
            <FormLayout.Group>
              <Select
                label={t("preorders.field.reserve")}
                options={[
                  { label: t("preorders.field.reserveOnSale"), value: "on_sale" },
                  { label: t("preorders.field.reserveOnFulfillment"), value: "on_fulfillment" },
                ]}
                {...field("reserve")}
              />
              {text("discount", "preorders.field.discount", { type: "number" })}
            </FormLayout.Group>
            <Button submit variant="primary">
              {t("preorders.create")}
            </Button>
          </FormLayout>
        </BlockStack>
      </Form>
    </Card>
  );
}

function ChargeSegment() {
  const t = useTranslate();
  const [dueBy, setDueBy] = useState(new Date().toISOString().slice(0, 10));
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="charge" />
      <InlineStack gap="200" blockAlign="end">
        <TextField
          label={t("preorders.balances.dueBy")}
          type="date"
          name="dueBy"
          value={dueBy}
          onChange={setDueBy}
          autoComplete="off"
        />
        <Button submit>{t("preorders.balances.chargeAll")}</Button>
      </InlineStack>
    </Form>
  );
}
