// Fulfillment orders: held when a pledge's or pre-order's order is linked, released by its wave, with the app's
// own hold handle so holding twice is refused by Shopify rather than doubled.
export const ORDER_FULFILLMENT_ORDERS = `#graphql
  query OrderFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      fulfillmentOrders(first: 10) {
        nodes {
          id
          status
          fulfillmentHolds {
            id
            handle
          }
        }
      }
    }
  }
` as const;

/** A fulfillment order's lines with their plan, to hold only the pre-order ones of a mixed order. */
export const FULFILLMENT_ORDER_LINES = `#graphql
  query FulfillmentOrderLines($id: ID!) {
    fulfillmentOrder(id: $id) {
      id
      lineItems(first: 50) {
        nodes {
          id
          remainingQuantity
          lineItem {
            sellingPlan {
              sellingPlanId
            }
          }
        }
      }
    }
  }
` as const;

export const FULFILLMENT_ORDER_HOLD = `#graphql
  mutation FulfillmentOrderHold($id: ID!, $hold: FulfillmentOrderHoldInput!) {
    fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {
      fulfillmentHold {
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

export const FULFILLMENT_ORDER_RELEASE = `#graphql
  mutation FulfillmentOrderRelease($id: ID!, $holdIds: [ID!]) {
    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {
      fulfillmentOrder {
        id
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

/** What a 3PL needs of an order: its lines with SKU, customs value and tariff code, and where it goes. */
export const ORDER_FOR_EXPORT = `#graphql
  query OrderForExport($id: ID!) {
    order(id: $id) {
      id
      name
      email
      phone
      shippingAddress {
        name
        company
        address1
        address2
        city
        provinceCode
        zip
        countryCodeV2
        phone
      }
      lineItems(first: 50) {
        nodes {
          sku
          name
          quantity
          originalUnitPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
          variant {
            inventoryItem {
              harmonizedSystemCode
            }
          }
        }
      }
    }
  }
` as const;

export const FULFILLMENT_CREATE = `#graphql
  mutation FulfillmentCreateWithTracking($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment {
        id
        createdAt
      }
      userErrors {
        field
        message
      }
    }
  }
` as const;
