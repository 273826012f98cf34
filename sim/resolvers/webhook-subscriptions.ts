// Shop-specific webhook subscriptions made through the API (the app's TOML subscriptions need none of this).
import { ADMIN_API_VERSION } from "../../app/shopify/api-version";
import { connection } from "../connection";
import { gid, parseGid } from "../state/ids";
import type { WebhookSubscription } from "../state/types";
import type { RootResolver } from "./context";

/** "orders/create" → "ORDERS_CREATE", the enum Shopify uses for the same topic. */
export function topicEnum(topic: string): string {
  return topic.toUpperCase().replace("/", "_");
}

function view(subscription: WebhookSubscription) {
  return {
    __typename: "WebhookSubscription",
    id: gid("WebhookSubscription", subscription.id),
    legacyResourceId: String(subscription.id),
    topic: subscription.topic,
    uri: subscription.uri,
    callbackUrl: subscription.uri,
    endpoint: { __typename: "WebhookHttpEndpoint", callbackUrl: subscription.uri },
    filter: subscription.filter,
    includeFields: subscription.includeFields,
    metafieldNamespaces: [],
    metafields: [],
    name: subscription.name,
    format: "JSON",
    apiVersion: {
      __typename: "ApiVersion",
      handle: ADMIN_API_VERSION,
      displayName: ADMIN_API_VERSION,
      supported: true,
    },
    createdAt: subscription.createdAt,
    updatedAt: subscription.createdAt,
  };
}

export const webhookSubscriptionQueries: Record<string, RootResolver> = {
  webhookSubscriptions: (args, { state }) => {
    const topics = args.topics as string[] | undefined;
    const subscriptions = [...state.webhookSubscriptions.values()].filter(
      (s) => !topics?.length || topics.includes(s.topic),
    );
    return connection(subscriptions, args, view);
  },
};

export const webhookSubscriptionMutations: Record<string, RootResolver> = {
  webhookSubscriptionCreate: ({ topic, webhookSubscription }, { state }) => {
    const uri = (webhookSubscription.uri ?? webhookSubscription.callbackUrl) as string | undefined;
    if (!uri || !/^https?:\/\/[^/]/.test(uri)) {
      return {
        webhookSubscription: null,
        userErrors: [{ field: ["webhookSubscription", "uri"], message: "Address is invalid" }],
      };
    }
    if ([...state.webhookSubscriptions.values()].some((s) => s.topic === topic && s.uri === uri)) {
      return {
        webhookSubscription: null,
        userErrors: [
          { field: ["webhookSubscription", "uri"], message: "Address for this topic has already been taken" },
        ],
      };
    }
    const subscription: WebhookSubscription = {
      id: state.id(),
      topic,
      uri,
      filter: webhookSubscription.filter ?? null,
      includeFields: webhookSubscription.includeFields ?? [],
      name: webhookSubscription.name ?? null,
      createdAt: state.now().toISOString(),
    };
    state.webhookSubscriptions.set(subscription.id, subscription);
    return { webhookSubscription: view(subscription), userErrors: [] };
  },
  webhookSubscriptionDelete: ({ id }, { state }) => {
    const subscriptionId = parseGid(id, "WebhookSubscription") ?? -1;
    if (!state.webhookSubscriptions.delete(subscriptionId)) {
      return {
        deletedWebhookSubscriptionId: null,
        userErrors: [{ field: ["id"], message: "Webhook subscription does not exist" }],
      };
    }
    return { deletedWebhookSubscriptionId: id, userErrors: [] };
  },
};
