export const DRAFT_ORDER_CREATE = `#graphql
  mutation DraftOrderCreate($input: DraftOrderInput!) {
    draftOrderCreate(input: $input) {
      draftOrder {
        id
        name
        status
        invoiceUrl
        tags
      }
      userErrors {
        field
        message
      }
    }
  }
` as const;

export const DRAFT_ORDERS_BY_TAG = `#graphql
  query DraftOrdersByTag($query: String!, $first: Int!) {
    draftOrders(first: $first, query: $query) {
      nodes {
        id
        name
        status
        invoiceUrl
        tags
        order {
          id
        }
      }
    }
  }
` as const;

export const DRAFT_ORDER_UPDATE = `#graphql
  mutation DraftOrderUpdate($id: ID!, $input: DraftOrderInput!) {
    draftOrderUpdate(id: $id, input: $input) {
      draftOrder {
        id
        name
        status
        invoiceUrl
      }
      userErrors {
        field
        message
      }
    }
  }
` as const;
