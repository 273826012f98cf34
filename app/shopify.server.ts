// Shopify's app library: embedded auth by token exchange, sessions in our database, webhook verification.
// Admin API calls go through app/shopify/admin-client.ts, never through the library's client, so the app
// has one typed, paced door to Shopify.
import "@shopify/shopify-app-remix/adapters/node";
import { shopifyApi } from "@shopify/shopify-api";
import { AppDistribution, type ApiVersion, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { readConfig, shopifyCredentials } from "./config.server";
import prisma from "./db.server";
import { ADMIN_API_VERSION } from "./shopify/api-version";

const config = readConfig();
const credentials = shopifyCredentials(config);

const shopify = shopifyApp({
  ...credentials,
  apiVersion: ADMIN_API_VERSION as ApiVersion,
  scopes: config.SCOPES?.split(",").map((scope) => scope.trim()),
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  useOnlineTokens: false,
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
  ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
});

/** The same library's webhook verification alone, with the app's credentials (webhooks/route.server.ts). */
export const webhookApi = shopifyApi({
  apiKey: credentials.apiKey,
  apiSecretKey: credentials.apiSecretKey,
  apiVersion: ADMIN_API_VERSION as ApiVersion,
  hostName: new URL(credentials.appUrl).host,
  hostScheme: new URL(credentials.appUrl).protocol === "http:" ? "http" : "https",
  isEmbeddedApp: true,
  logger: { level: 0 },
});

export default shopify;
export const apiVersion = ADMIN_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
