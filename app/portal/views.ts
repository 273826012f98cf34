// The backer portal's pages, as the app proxy serves them: HTML fragments that Shopify renders inside the
// shop's theme layout (Content-Type application/liquid), so the portal wears the merchant's header, fonts and
// colours. Mobile first: one column, large touch targets, native inputs.
// Every value from a backer, a file or the shop is escaped for HTML *and* for Liquid: a name written as
// "{{ shop.metafields }}" must print as text, never run as Liquid inside the theme.
import type { FieldError, PortalOffer } from "../domain/portal/form";
import { ADDRESS_FIELDS, phoneRequired } from "../domain/portal/form";
import { formatMoney, money } from "../domain/money";
import type { PortalItem, PortalPledge } from "../services/portal/pledge";
import type { MessageKey } from "../i18n";

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "{": "&#123;",
  "}": "&#125;",
  "%": "&#37;",
};

export function escape(value: unknown): string {
  return String(value ?? "").replace(/[&<>"'{}%]/g, (c) => ESCAPES[c]!);
}

const STYLE = `<style>
.pb-portal{max-width:640px;margin:0 auto;padding:16px}
.pb-portal fieldset{border:1px solid rgba(0,0,0,.12);border-radius:8px;padding:12px 16px;margin:16px 0}
.pb-portal label{display:block;margin:10px 0 4px;font-weight:600}
.pb-portal input,.pb-portal select{width:100%;box-sizing:border-box;padding:10px;font-size:16px;min-height:44px}
.pb-portal input[type=number]{max-width:120px}
.pb-portal .pb-error{color:#8e1f0b;font-size:14px;margin:4px 0}
.pb-portal .pb-notice{padding:12px;border-radius:8px;background:rgba(0,0,0,.05);margin:12px 0}
.pb-portal button{width:100%;min-height:48px;font-size:17px;margin-top:16px;cursor:pointer}
.pb-portal ul{padding-left:20px}
</style>`;

function shell(body: string): string {
  return `${STYLE}<div class="pb-portal" data-pledgebridge-portal>${body}</div>`;
}

export interface PledgePageInput {
  view: PortalPledge;
  items: PortalItem[];
  offer: PortalOffer;
  /** The proxy path the page was served under (Shopify's path_prefix), e.g. /apps/pledge. */
  pathPrefix: string;
  /** Kept on the form's address: the language the page was asked in ("?locale=fr"), or nothing. */
  formQuery?: string;
  token: string;
  locale: string;
  t: Translate;
  values?: Record<string, string | undefined>;
  errors?: Record<string, FieldError>;
  notice?: MessageKey;
  noticeValues?: Record<string, string>;
}

export function pledgePage(input: PledgePageInput): string {
  const { view, items, offer, t } = input;
  const shopName = view.shop.name ?? view.shop.domain;
  const amount = formatMoney(money(view.pledge.amountMinor, view.pledge.currencyCode), input.locale);
  const header = `<h1>${escape(t("portal.title", { campaign: view.campaign.name }))}</h1>
<p>${escape(t("portal.backer", { number: view.pledge.number }))}${
    view.pledge.rewardTitle ? ` · ${escape(t("portal.reward", { reward: view.pledge.rewardTitle }))}` : ""
  }</p>
<p>${escape(t("portal.paidOnPlatform", { amount }))}</p>
<h2>${escape(t("portal.items"))}</h2>
<ul>${items.map((item) => `<li>${item.quantity} × ${escape(item.title)}</li>`).join("")}</ul>`;

  const notice = input.notice
    ? `<p class="pb-notice" role="alert">${escape(t(input.notice, { shop: shopName, ...input.noticeValues }))}</p>`
    : "";
  const closed = closedNotice(view, t, shopName);
  if (closed)
    return shell(
      `${header}${notice || `<p class="pb-notice" role="status">${escape(closed)}</p>`}${shipmentsList(view, t, input.locale)}`,
    );

  const errors = input.errors ?? {};
  const values = input.values ?? {};
  const fieldError = (field: string) =>
    errors[field]
      ? `<p class="pb-error" id="${escape(errorId(field))}">${escape(
          t(`portal.error.${errors[field]}` as MessageKey, { country: offer.pledgeCountry ?? "" }),
        )}</p>`
      : "";
  const described = (field: string) =>
    errors[field] ? ` aria-invalid="true" aria-describedby="${escape(errorId(field))}"` : "";

  const choices = view.settings.ordersLocked
    ? `<p class="pb-notice">${escape(t("portal.ordersLocked"))}</p>`
    : offer.items
        .map((item) => {
          const field = `variant:${item.mappedVariantId}`;
          const selected = values[field] ?? view.choices.variants?.[item.mappedVariantId] ?? item.mappedVariantId;
          const options = item.options
            .map(
              (option) =>
                `<option value="${escape(option.variantId)}"${option.variantId === selected ? " selected" : ""}${
                  !option.available && option.variantId !== selected ? " disabled" : ""
                }>${escape(option.title)}${option.available ? "" : ` (${escape(t("portal.soldOut"))})`}</option>`,
            )
            .join("");
          return `<label for="${escape(field)}">${escape(t("portal.choose"))}: ${escape(item.title)}</label>
<select id="${escape(field)}" name="${escape(field)}"${described(field)}>${options}</select>${fieldError(field)}`;
        })
        .join("") +
      (offer.extras.length
        ? `<fieldset><legend>${escape(t("portal.extras"))}</legend><p>${escape(t("portal.extrasHint"))}</p>${offer.extras
            .map((extra) => {
              const field = `extra:${extra.variantId}`;
              const had = view.choices.extras?.find((e) => e.variantId === extra.variantId)?.quantity ?? 0;
              const price = formatMoney(money(extra.priceMinor, view.shop.currencyCode ?? "USD"), input.locale);
              return `<label for="${escape(field)}">${escape(extra.title)} · ${escape(price)}${
                extra.available ? "" : ` (${escape(t("portal.soldOut"))})`
              }</label><input type="number" inputmode="numeric" min="0" max="20" id="${escape(field)}" name="${escape(
                field,
              )}" value="${escape(values[field] ?? String(had))}"${described(field)}>${fieldError(field)}`;
            })
            .join("")}</fieldset>`
        : "");

  const address = view.settings.addressesLocked
    ? `<p class="pb-notice">${escape(t("portal.addressLocked", { shop: shopName }))}</p>`
    : `<fieldset><legend>${escape(t("portal.address"))}</legend>${ADDRESS_FIELDS.map((field) => {
        const label =
          field === "phone" && phoneRequired(view.settings, (values.country ?? view.address.country).toUpperCase())
            ? t("portal.field.phoneRequired")
            : t(`portal.field.${field}` as MessageKey);
        const locked = field === "country" && view.settings.lockCountry && offer.pledgeCountry;
        return `<label for="pb-${field}">${escape(label)}</label><input id="pb-${field}" name="${field}" autocomplete="${
          AUTOCOMPLETE[field]
        }" value="${escape(values[field] ?? view.address[field])}"${locked ? " readonly" : ""}${described(field)}>${fieldError(field)}`;
      }).join("")}</fieldset>`;

  const action = `${input.pathPrefix}/p/${input.token}${input.formQuery ?? ""}`;
  return shell(`${header}
${Object.keys(errors).length ? `<p class="pb-error" role="alert">${escape(t("portal.fix"))}</p>` : ""}
${notice}
<form method="post" action="${escape(action)}">${choices}${address}
<button type="submit">${escape(t("portal.continue"))}</button></form>
<p><small>${escape(t("portal.expires", { date: view.expiresAt.toLocaleDateString(input.locale, { dateStyle: "long" }) }))}</small></p>`);
}

/** The order's parcels: carrier, tracking number (a link when the carrier gave a web address), shipped, delivered. */
function shipmentsList(view: PortalPledge, t: Translate, locale: string): string {
  const shipments = view.link?.state === "PAID" ? view.link.shipments : [];
  if (!shipments.length) return "";
  const day = (date: Date) => new Date(date).toLocaleDateString(locale, { dateStyle: "long" });
  const items = shipments.map((s) => {
    const parts = [
      t("portal.shippedOn", { date: day(s.shippedAt) }),
      [s.company, s.number].filter(Boolean).join(" "),
      s.deliveredAt ? t("portal.deliveredOn", { date: day(s.deliveredAt) }) : "",
    ].filter(Boolean);
    const tracked =
      s.url && /^https?:\/\//i.test(s.url)
        ? ` <a href="${escape(s.url)}" rel="noopener noreferrer" target="_blank">${escape(t("portal.track"))}</a>`
        : "";
    return `<li>${escape(parts.join(" · "))}${tracked}</li>`;
  });
  return `<h2>${escape(t("portal.shipping"))}</h2><ul>${items.join("")}</ul>`;
}

function closedNotice(view: PortalPledge, t: Translate, shop: string): string | null {
  if (view.link?.state === "PAID" && view.link.shipments.length)
    return t("portal.paidShipped", { order: view.link.orderName ?? "" });
  if (view.link?.state === "PAID") return t("portal.paid", { order: view.link.orderName ?? "" });
  if (view.link?.state === "CANCELLED") return t("portal.cancelled", { shop });
  if (view.pledge.status !== "COLLECTED") return t("portal.notOrderable", { shop });
  return null;
}

const AUTOCOMPLETE: Record<(typeof ADDRESS_FIELDS)[number], string> = {
  firstName: "given-name",
  lastName: "family-name",
  company: "organization",
  address1: "address-line1",
  address2: "address-line2",
  city: "address-level2",
  province: "address-level1",
  zip: "postal-code",
  country: "country",
  phone: "tel",
};

function errorId(field: string) {
  return `pb-error-${field.replace(/[^\w-]/g, "_")}`;
}

/** Ask for a link by email; the same page answers whether or not the address has a pledge. */
export function requestLinkPage(input: {
  pathPrefix: string;
  formQuery?: string;
  t: Translate;
  state: "form" | "sent" | "invalid" | "expired" | "bad_link";
}): string {
  const { t } = input;
  const notice = {
    form: null,
    sent: t("portal.request.sent"),
    invalid: t("portal.request.invalid"),
    expired: t("portal.link.expired"),
    bad_link: t("portal.link.invalid"),
  }[input.state];
  return shell(`<h1>${escape(t("portal.request.title"))}</h1>
${notice ? `<p class="pb-notice" role="status">${escape(notice)}</p>` : ""}
<p>${escape(t("portal.request.body"))}</p>
<form method="post" action="${escape(`${input.pathPrefix}${input.formQuery ?? ""}`)}">
<label for="pb-email">${escape(t("portal.request.email"))}</label>
<input id="pb-email" name="email" type="email" autocomplete="email" required>
<button type="submit">${escape(t("portal.request.submit"))}</button></form>`);
}
