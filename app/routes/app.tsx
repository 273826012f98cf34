import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import prisma from "../db.server";
import { polarisTranslations, resolveLocale, translator } from "../i18n";
import { isDemoMode } from "../demo/mode.server";
import { ensureShop } from "../services/shops";
import { authenticate } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const requested = new URL(request.url).searchParams.get("locale");
  const shop = await ensureShop(prisma, session.shop, requested ? resolveLocale(requested) : null);
  return { apiKey: process.env.SHOPIFY_API_KEY ?? "", locale: resolveLocale(shop.locale), demo: isDemoMode() };
};

export default function AppLayout() {
  const { apiKey, locale, demo } = useLoaderData<typeof loader>();
  const t = translator(locale);
  return (
    <AppProvider
      isEmbeddedApp
      apiKey={apiKey}
      i18n={polarisTranslations(locale)}
      // In demo mode App Bridge is served locally: Shopify's CDN and admin are not there.
      {...(demo ? { __APP_BRIDGE_URL: "/demo/app-bridge.js" } : {})}
    >
      <NavMenu>
        <Link to="/app" rel="home">
          {t("nav.dashboard")}
        </Link>
        <Link to="/app/campaigns">{t("nav.campaigns")}</Link>
        <Link to="/app/preorders">{t("nav.preorders")}</Link>
        <Link to="/app/inventory">{t("nav.inventory")}</Link>
        <Link to="/app/fulfillment">{t("nav.fulfillment")}</Link>
        <Link to="/app/exceptions">{t("nav.exceptions")}</Link>
        <Link to="/app/settings">{t("nav.settings")}</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs its own error boundary and headers to handle auth redirects and the embedded iframe.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
