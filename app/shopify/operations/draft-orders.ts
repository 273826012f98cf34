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

export const DRAFT_ORDER_INVOICE_SEND = `#graphql
  mutation DraftOrderInvoiceSend($id: ID!, $email: EmailInput) {
    draftOrderInvoiceSend(id: $id, email: $email) {
      draftOrder {
        id
        status
        invoiceSentAt
      }
      userErrors {
        field
        message
      }
    }
  }
` as const;

export const DRAFT_ORDER_INVOICE_STATE = `#graphql
  query DraftOrderInvoiceState($id: ID!) {
    draftOrder(id: $id) {
      id
      status
      invoiceSentAt
    }
  }
` as const;

export const COMPLETED_PLEDGE_DRAFTS = `#graphql
  query CompletedPledgeDrafts($query: String!, $first: Int!, $after: String) {
    draftOrders(first: $first, after: $after, query: $query, sortKey: ID) {
      nodes {
        id
        tags
        customAttributes {
          key
          value
        }
        order {
          id
          name
          displayFinancialStatus
          cancelledAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
` as const;

export const DRAFT_ORDER_DUE = `#graphql
  query DraftOrderDue($id: ID!) {
    draftOrder(id: $id) {
      id
      status
      totalPriceSet {
        shopMoney {
          amount
        }
      }
      shippingAddress {
        address1
      }
      order {
        id
        name
      }
    }
  }
` as const;

export const DRAFT_ORDER_COMPLETE = `#graphql
  mutation DraftOrderComplete($id: ID!) {
    draftOrderComplete(id: $id) {
      draftOrder {
        id
        status
        order {
          id
          name
        }
      }
      userErrors {
        field
        message
      }
    }
  }
` as const;

export const DRAFT_ORDER_DELETE = `#graphql
  mutation DraftOrderDelete($input: DraftOrderDeleteInput!) {
    draftOrderDelete(input: $input) {
      deletedId
      userErrors {
        field
        message
      }
    }
  }
` as const;

export const DRAFT_ORDER_STATUS = `#graphql
  query DraftOrderStatus($id: ID!) {
    draftOrder(id: $id) {
      id
      status
      order {
        id
      }
    }
  }
` as const;
