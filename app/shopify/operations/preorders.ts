// Pre-orders: the selling-plan group the app owns (found again by merchantCode), its variants, their inventory
// policy while an offer runs, the metafields the storefront block reads, and the balances owed on orders.
export const PREORDER_GROUP_CREATE = `#graphql
  mutation PreorderGroupCreate($input: SellingPlanGroupInput!, $resources: SellingPlanGroupResourceInput) {
    sellingPlanGroupCreate(input: $input, resources: $resources) {
      sellingPlanGroup {
        id
        sellingPlans(first: 1) {
          nodes {
            id
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;

export const PREORDER_GROUP_UPDATE = `#graphql
  mutation PreorderGroupUpdate($id: ID!, $input: SellingPlanGroupInput!) {
    sellingPlanGroupUpdate(id: $id, input: $input) {
      sellingPlanGroup {
        id
        sellingPlans(first: 1) {
          nodes {
            id
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;

/** The app's groups, to find one whose creation answer was lost (an app has a handful). */
export const PREORDER_GROUPS = `#graphql
  query PreorderGroups($after: String) {
    sellingPlanGroups(first: 50, after: $after) {
      nodes {
        id
        merchantCode
        sellingPlans(first: 1) {
          nodes {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
` as const;

export const PREORDER_GROUP_VARIANTS = `#graphql
  query PreorderGroupVariants($id: ID!) {
    sellingPlanGroup(id: $id) {
      id
      productVariants(first: 250) {
        nodes {
          id
        }
      }
    }
  }
` as const;

export const PREORDER_GROUP_ADD_VARIANTS = `#graphql
  mutation PreorderGroupAddVariants($id: ID!, $variantIds: [ID!]!) {
    sellingPlanGroupAddProductVariants(id: $id, productVariantIds: $variantIds) {
      sellingPlanGroup {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;

export const PREORDER_GROUP_REMOVE_VARIANTS = `#graphql
  mutation PreorderGroupRemoveVariants($id: ID!, $variantIds: [ID!]!) {
    sellingPlanGroupRemoveProductVariants(id: $id, productVariantIds: $variantIds) {
      removedProductVariantIds
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;

export const PREORDER_GROUP_DELETE = `#graphql
  mutation PreorderGroupDelete($id: ID!) {
    sellingPlanGroupDelete(id: $id) {
      deletedSellingPlanGroupId
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;

export const OFFER_VARIANTS = `#graphql
  query OfferVariants($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        sku
        displayName
        inventoryPolicy
        product {
          id
        }
      }
    }
  }
` as const;

export const VARIANTS_INVENTORY_POLICY = `#graphql
  mutation VariantsInventoryPolicy($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
    productVariantsBulkUpdate(productId: $productId, variants: $variants) {
      productVariants {
        id
        inventoryPolicy
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;

export const METAFIELDS_SET = `#graphql
  mutation PreorderMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
        key
        value
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;

export const METAFIELDS_DELETE = `#graphql
  mutation PreorderMetafieldsDelete($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields {
        key
      }
      userErrors {
        field
        message
      }
    }
  }
` as const;

const PREORDER_ORDER_FIELDS = `#graphql
  fragment PreorderOrderFields on Order {
    id
    name
    createdAt
    cancelledAt
    currencyCode
    displayFulfillmentStatus
    shippingAddress {
      countryCodeV2
    }
    totalOutstandingSet {
      shopMoney {
        amount
      }
    }
    paymentTerms {
      paymentTermsType
      paymentSchedules(first: 1) {
        nodes {
          id
          dueAt
          completedAt
        }
      }
    }
    paymentCollectionDetails {
      vaultedPaymentMethods {
        id
      }
    }
    lineItems(first: 50) {
      nodes {
        id
        quantity
        variant {
          id
        }
        sellingPlan {
          sellingPlanId
        }
      }
    }
  }
` as const;

export const PREORDER_ORDER = `#graphql
  query PreorderOrder($id: ID!) {
    order(id: $id) {
      ...PreorderOrderFields
    }
  }
  ${PREORDER_ORDER_FIELDS}
` as const;

/** Orders since an offer began, for the reconciliation that catches webhooks that never came. */
export const RECENT_ORDERS = `#graphql
  query RecentPreorderOrders($query: String!, $after: String) {
    orders(first: 5, after: $after, query: $query) {
      nodes {
        ...PreorderOrderFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${PREORDER_ORDER_FIELDS}
` as const;

export const CHARGE_BALANCE = `#graphql
  mutation ChargeBalance($id: ID!, $mandateId: ID!, $key: String!, $amount: MoneyInput) {
    orderCreateMandatePayment(id: $id, mandateId: $mandateId, idempotencyKey: $key, amount: $amount, autoCapture: true) {
      paymentReferenceId
      jobResult {
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;

export const PAYMENT_STATUS = `#graphql
  query BalancePaymentStatus($orderId: ID!, $reference: String!) {
    orderPaymentStatus(orderId: $orderId, paymentReferenceId: $reference) {
      status
      errorMessage
    }
  }
` as const;

/** The shop's published languages, to translate the offer's names into. */
export const SHOP_LOCALES = `#graphql
  query ShopLocales {
    shopLocales(published: true) {
      locale
      primary
    }
  }
` as const;

export const TRANSLATABLE_CONTENT = `#graphql
  query TranslatableContent($id: ID!) {
    translatableResource(resourceId: $id) {
      translatableContent {
        key
        digest
      }
    }
  }
` as const;

export const TRANSLATIONS_REGISTER = `#graphql
  mutation TranslationsRegister($id: ID!, $translations: [TranslationInput!]!) {
    translationsRegister(resourceId: $id, translations: $translations) {
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;
