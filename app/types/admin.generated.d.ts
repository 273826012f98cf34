/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type CatalogVariantsQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CatalogVariantsQuery = { productVariants: { nodes: Array<(
      Pick<AdminTypes.ProductVariant, 'id' | 'sku' | 'title' | 'displayName' | 'price'>
      & { product: Pick<AdminTypes.Product, 'title'> }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type VariantByIdQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type VariantByIdQuery = { productVariant?: AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'id' | 'sku' | 'title' | 'displayName' | 'price'>
    & { product: Pick<AdminTypes.Product, 'title'> }
  )> };

export type DraftOrderCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DraftOrderInput;
}>;


export type DraftOrderCreateMutation = { draftOrderCreate?: AdminTypes.Maybe<{ draftOrder?: AdminTypes.Maybe<Pick<AdminTypes.DraftOrder, 'id' | 'name' | 'status' | 'invoiceUrl' | 'tags'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type DraftOrdersByTagQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  first: AdminTypes.Scalars['Int']['input'];
}>;


export type DraftOrdersByTagQuery = { draftOrders: { nodes: Array<(
      Pick<AdminTypes.DraftOrder, 'id' | 'name' | 'status' | 'invoiceUrl' | 'tags'>
      & { order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id'>> }
    )> } };

export type DraftOrderUpdateMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  input: AdminTypes.DraftOrderInput;
}>;


export type DraftOrderUpdateMutation = { draftOrderUpdate?: AdminTypes.Maybe<{ draftOrder?: AdminTypes.Maybe<Pick<AdminTypes.DraftOrder, 'id' | 'name' | 'status' | 'invoiceUrl'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type DraftOrderInvoiceSendMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  email?: AdminTypes.InputMaybe<AdminTypes.EmailInput>;
}>;


export type DraftOrderInvoiceSendMutation = { draftOrderInvoiceSend?: AdminTypes.Maybe<{ draftOrder?: AdminTypes.Maybe<Pick<AdminTypes.DraftOrder, 'id' | 'status' | 'invoiceSentAt'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type DraftOrderInvoiceStateQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type DraftOrderInvoiceStateQuery = { draftOrder?: AdminTypes.Maybe<Pick<AdminTypes.DraftOrder, 'id' | 'status' | 'invoiceSentAt'>> };

export type ShopIdentityQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopIdentityQuery = { shop: Pick<AdminTypes.Shop, 'id' | 'name' | 'myshopifyDomain' | 'currencyCode' | 'ianaTimezone'>, appInstallation?: AdminTypes.Maybe<{ accessScopes: Array<Pick<AdminTypes.AccessScope, 'handle'>> }> };

interface GeneratedQueryTypes {
  "#graphql\n  query CatalogVariants($first: Int!, $after: String, $query: String) {\n    productVariants(first: $first, after: $after, query: $query, sortKey: ID) {\n      nodes {\n        id\n        sku\n        title\n        displayName\n        price\n        product {\n          title\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: CatalogVariantsQuery, variables: CatalogVariantsQueryVariables},
  "#graphql\n  query VariantById($id: ID!) {\n    productVariant(id: $id) {\n      id\n      sku\n      title\n      displayName\n      price\n      product {\n        title\n      }\n    }\n  }\n": {return: VariantByIdQuery, variables: VariantByIdQueryVariables},
  "#graphql\n  query DraftOrdersByTag($query: String!, $first: Int!) {\n    draftOrders(first: $first, query: $query) {\n      nodes {\n        id\n        name\n        status\n        invoiceUrl\n        tags\n        order {\n          id\n        }\n      }\n    }\n  }\n": {return: DraftOrdersByTagQuery, variables: DraftOrdersByTagQueryVariables},
  "#graphql\n  query DraftOrderInvoiceState($id: ID!) {\n    draftOrder(id: $id) {\n      id\n      status\n      invoiceSentAt\n    }\n  }\n": {return: DraftOrderInvoiceStateQuery, variables: DraftOrderInvoiceStateQueryVariables},
  "#graphql\n  query ShopIdentity {\n    shop {\n      id\n      name\n      myshopifyDomain\n      currencyCode\n      ianaTimezone\n    }\n    appInstallation {\n      accessScopes {\n        handle\n      }\n    }\n  }\n": {return: ShopIdentityQuery, variables: ShopIdentityQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation DraftOrderCreate($input: DraftOrderInput!) {\n    draftOrderCreate(input: $input) {\n      draftOrder {\n        id\n        name\n        status\n        invoiceUrl\n        tags\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DraftOrderCreateMutation, variables: DraftOrderCreateMutationVariables},
  "#graphql\n  mutation DraftOrderUpdate($id: ID!, $input: DraftOrderInput!) {\n    draftOrderUpdate(id: $id, input: $input) {\n      draftOrder {\n        id\n        name\n        status\n        invoiceUrl\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DraftOrderUpdateMutation, variables: DraftOrderUpdateMutationVariables},
  "#graphql\n  mutation DraftOrderInvoiceSend($id: ID!, $email: EmailInput) {\n    draftOrderInvoiceSend(id: $id, email: $email) {\n      draftOrder {\n        id\n        status\n        invoiceSentAt\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DraftOrderInvoiceSendMutation, variables: DraftOrderInvoiceSendMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
