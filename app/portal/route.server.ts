// What the portal's proxy routes do. Shopify forwards https://<shop>/apps/pledge/* to /proxy/* with a signed
// query string; authenticate.public.appProxy refuses a bad or stale signature (400) before anything is read.
// The backer is then known only by the signed link in the path: the proxy's logged_in_customer_id is not used.
import { redirect } from "@remix-run/node";
import { readConfig } from "../config.server";
import { database } from "../db.server";
import { resolveLocale, translator, type Locale, type MessageKey } from "../i18n";
import { jobs } from "../jobs/runtime.server";
import { logger } from "../logger.server";
import { continueToCheckout } from "../services/portal/checkout";
import { PORTAL_PATH } from "../services/portal/links";
import { openPortal, portalItems, portalOffer, PortalLinkError, type PortalPledge } from "../services/portal/pledge";
import { requestLinks } from "../services/portal/request-link";
import { adminForShop } from "../services/shop-admin";
import { pacerForShop } from "../shopify/pacer";
import { authenticate } from "../shopify.server";
import { pledgePage, requestLinkPage } from "./views";

type Liquid = (body: string, init?: number | (ResponseInit & { layout?: boolean })) => Response;

async function proxyRequest(request: Request) {
  const { liquid } = await authenticate.public.appProxy(request);
  const url = new URL(request.url);
  const shopDomain = url.searchParams.get("shop") ?? "";
  // Shopify says where it mounted the proxy (the merchant may rename it); forms post back there.
  const prefix = url.searchParams.get("path_prefix") ?? "";
  const pathPrefix = /^\/(apps|a|community|tools)\/[\w-]{1,64}$/.test(prefix) ? prefix : PORTAL_PATH;
  const shop = await database.prisma.shop.findUnique({ where: { domain: shopDomain } });
  const locale = resolveLocale(url.searchParams.get("locale") ?? shop?.locale);
  const formQuery = url.searchParams.has("locale") ? `?locale=${locale}` : "";
  return { liquid: liquid as Liquid, shopDomain, pathPrefix, formQuery, locale, t: translator(locale) };
}

export async function pledgeLoader(request: Request, token: string): Promise<Response> {
  const context = await proxyRequest(request);
  const opened = await open(context, token);
  if (opened instanceof Response) return opened;
  return render(context, opened, token, {});
}

export async function pledgeAction(request: Request, token: string): Promise<Response> {
  const context = await proxyRequest(request);
  const opened = await open(context, token);
  if (opened instanceof Response) return opened;
  const form = Object.fromEntries(
    [...(await request.formData()).entries()].map(([key, value]) => [key, typeof value === "string" ? value : ""]),
  );
  const outcome = await continueToCheckout(
    database,
    { admin: opened.admin, pacer: pacerForShop(opened.view.shop.domain) },
    opened.view,
    opened.offer,
    form,
  );
  if (outcome.ok && "invoiceUrl" in outcome) return redirect(outcome.invoiceUrl, 303);
  if (outcome.ok) {
    const done = await open(context, token);
    if (done instanceof Response) return done;
    return render(context, done, token, {
      notice: "portal.confirmed",
      noticeValues: { order: outcome.completedOrder },
    });
  }
  logger.info(
    { shop: context.shopDomain, outcome: "errors" in outcome ? "invalid" : outcome.reason },
    "portal checkout refused",
  );
  if ("errors" in outcome) return render(context, opened, token, { values: form, errors: outcome.errors }, 422);
  // Paid or cancelled meanwhile: the page itself says so.
  if (outcome.reason === "closed") return render(context, opened, token, {}, 409);
  const notice: Record<Exclude<typeof outcome.reason, "closed">, MessageKey> = {
    not_orderable: "portal.notOrderable",
    not_ready: "portal.notReady",
    refused: "portal.refused",
    unavailable: "portal.unavailable",
  };
  return render(
    context,
    opened,
    token,
    { values: form, notice: notice[outcome.reason] },
    outcome.reason === "unavailable" ? 503 : 409,
  );
}

type Context = Awaited<ReturnType<typeof proxyRequest>>;

async function open(context: Context, token: string) {
  let view: PortalPledge;
  try {
    view = await openPortal(database, context.shopDomain, token);
  } catch (error) {
    if (!(error instanceof PortalLinkError)) throw error;
    logger.info({ shop: context.shopDomain, reason: error.reason }, "backer link refused");
    const state = error.reason === "expired" ? "expired" : "bad_link";
    return context.liquid(
      requestLinkPage({ pathPrefix: context.pathPrefix, formQuery: context.formQuery, t: context.t, state }),
      403,
    );
  }
  const { admin } = await adminForShop(database.prisma, view.shop.id, {
    adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN,
  });
  const items = await portalItems(database, view);
  const offer = await portalOffer(admin, view, items);
  return { view, items, offer, admin };
}

function render(
  context: Context,
  opened: Exclude<Awaited<ReturnType<typeof open>>, Response>,
  token: string,
  extra: Pick<Parameters<typeof pledgePage>[0], "values" | "errors" | "notice" | "noticeValues">,
  status = 200,
): Response {
  const html = pledgePage({
    ...opened,
    ...extra,
    token,
    pathPrefix: context.pathPrefix,
    formQuery: context.formQuery,
    locale: localeTag(context.locale),
    t: context.t,
  });
  return context.liquid(html, { status, headers: { "Cache-Control": "private, no-store" } });
}

function localeTag(locale: Locale) {
  return locale === "fr" ? "fr-FR" : "en-GB";
}

export async function requestLinkLoader(request: Request): Promise<Response> {
  const context = await proxyRequest(request);
  return context.liquid(
    requestLinkPage({ pathPrefix: context.pathPrefix, formQuery: context.formQuery, t: context.t, state: "form" }),
  );
}

/** The same answer whether or not the address has a pledge: the page never tells who backed the campaign. */
export async function requestLinkAction(request: Request): Promise<Response> {
  const context = await proxyRequest(request);
  const email = String((await request.formData()).get("email") ?? "").trim();
  if (!/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email)) {
    return context.liquid(
      requestLinkPage({ pathPrefix: context.pathPrefix, formQuery: context.formQuery, t: context.t, state: "invalid" }),
      422,
    );
  }
  await requestLinks(database, jobs, context.shopDomain, email);
  return context.liquid(
    requestLinkPage({ pathPrefix: context.pathPrefix, formQuery: context.formQuery, t: context.t, state: "sent" }),
  );
}
