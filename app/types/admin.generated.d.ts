/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type StagedUploadCreateMutationVariables = AdminTypes.Exact<{
  filename: AdminTypes.Scalars['String']['input'];
}>;


export type StagedUploadCreateMutation = { stagedUploadsCreate?: AdminTypes.Maybe<{ stagedTargets?: AdminTypes.Maybe<Array<(
      Pick<AdminTypes.StagedMediaUploadTarget, 'url'>
      & { parameters: Array<Pick<AdminTypes.StagedUploadParameter, 'name' | 'value'>> }
    )>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type BulkRunMutationMutationVariables = AdminTypes.Exact<{
  mutation: AdminTypes.Scalars['String']['input'];
  path: AdminTypes.Scalars['String']['input'];
  clientIdentifier?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type BulkRunMutationMutation = { bulkOperationRunMutation?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkMutationUserError, 'field' | 'message'>> }> };

export type BulkOperationStatusQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type BulkOperationStatusQuery = { bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'url' | 'partialDataUrl'>> };

export type BulkDraftOrderCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DraftOrderInput;
}>;


export type BulkDraftOrderCreateMutation = { draftOrderCreate?: AdminTypes.Maybe<{ draftOrder?: AdminTypes.Maybe<Pick<AdminTypes.DraftOrder, 'id' | 'invoiceUrl' | 'tags'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type BulkOperationsRunningQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkOperationsRunningQuery = { bulkOperations: { nodes: Array<Pick<AdminTypes.BulkOperation, 'id' | 'type' | 'status'>> } };

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

export type CompletedPledgeDraftsQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CompletedPledgeDraftsQuery = { draftOrders: { nodes: Array<(
      Pick<AdminTypes.DraftOrder, 'id' | 'tags'>
      & { customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'name' | 'displayFinancialStatus' | 'cancelledAt'>> }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type DraftOrderDueQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type DraftOrderDueQuery = { draftOrder?: AdminTypes.Maybe<(
    Pick<AdminTypes.DraftOrder, 'id' | 'status'>
    & { totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'address1'>>, order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'name'>> }
  )> };

export type DraftOrderCompleteMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type DraftOrderCompleteMutation = { draftOrderComplete?: AdminTypes.Maybe<{ draftOrder?: AdminTypes.Maybe<(
      Pick<AdminTypes.DraftOrder, 'id' | 'status'>
      & { order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'name'>> }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type PortalVariantQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type PortalVariantQuery = { productVariant?: AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'displayName' | 'price' | 'availableForSale' | 'inventoryQuantity' | 'inventoryPolicy'>
    & { product: (
      Pick<AdminTypes.Product, 'title' | 'hasOnlyDefaultVariant'>
      & { variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'availableForSale' | 'inventoryQuantity' | 'inventoryPolicy'>> } }
    ) }
  )> };

export type ShopIdentityQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopIdentityQuery = { shop: Pick<AdminTypes.Shop, 'id' | 'name' | 'myshopifyDomain' | 'currencyCode' | 'ianaTimezone'>, appInstallation?: AdminTypes.Maybe<{ accessScopes: Array<Pick<AdminTypes.AccessScope, 'handle'>> }> };

interface GeneratedQueryTypes {
  "#graphql\n  query BulkOperationStatus($id: ID!) {\n    bulkOperation(id: $id) {\n      id\n      status\n      errorCode\n      objectCount\n      url\n      partialDataUrl\n    }\n  }\n": {return: BulkOperationStatusQuery, variables: BulkOperationStatusQueryVariables},
  "#graphql\n  query BulkOperationsRunning {\n    bulkOperations(first: 10, query: \"status:running\") {\n      nodes {\n        id\n        type\n        status\n      }\n    }\n  }\n": {return: BulkOperationsRunningQuery, variables: BulkOperationsRunningQueryVariables},
  "#graphql\n  query CatalogVariants($first: Int!, $after: String, $query: String) {\n    productVariants(first: $first, after: $after, query: $query, sortKey: ID) {\n      nodes {\n        id\n        sku\n        title\n        displayName\n        price\n        product {\n          title\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: CatalogVariantsQuery, variables: CatalogVariantsQueryVariables},
  "#graphql\n  query VariantById($id: ID!) {\n    productVariant(id: $id) {\n      id\n      sku\n      title\n      displayName\n      price\n      product {\n        title\n      }\n    }\n  }\n": {return: VariantByIdQuery, variables: VariantByIdQueryVariables},
  "#graphql\n  query DraftOrdersByTag($query: String!, $first: Int!) {\n    draftOrders(first: $first, query: $query) {\n      nodes {\n        id\n        name\n        status\n        invoiceUrl\n        tags\n        order {\n          id\n        }\n      }\n    }\n  }\n": {return: DraftOrdersByTagQuery, variables: DraftOrdersByTagQueryVariables},
  "#graphql\n  query DraftOrderInvoiceState($id: ID!) {\n    draftOrder(id: $id) {\n      id\n      status\n      invoiceSentAt\n    }\n  }\n": {return: DraftOrderInvoiceStateQuery, variables: DraftOrderInvoiceStateQueryVariables},
  "#graphql\n  query CompletedPledgeDrafts($query: String!, $first: Int!, $after: String) {\n    draftOrders(first: $first, after: $after, query: $query, sortKey: ID) {\n      nodes {\n        id\n        tags\n        customAttributes {\n          key\n          value\n        }\n        order {\n          id\n          name\n          displayFinancialStatus\n          cancelledAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: CompletedPledgeDraftsQuery, variables: CompletedPledgeDraftsQueryVariables},
  "#graphql\n  query DraftOrderDue($id: ID!) {\n    draftOrder(id: $id) {\n      id\n      status\n      totalPriceSet {\n        shopMoney {\n          amount\n        }\n      }\n      shippingAddress {\n        address1\n      }\n      order {\n        id\n        name\n      }\n    }\n  }\n": {return: DraftOrderDueQuery, variables: DraftOrderDueQueryVariables},
  "#graphql\n  query PortalVariant($id: ID!) {\n    productVariant(id: $id) {\n      id\n      title\n      displayName\n      price\n      availableForSale\n      inventoryQuantity\n      inventoryPolicy\n      product {\n        title\n        hasOnlyDefaultVariant\n        variants(first: 100) {\n          nodes {\n            id\n            title\n            availableForSale\n            inventoryQuantity\n            inventoryPolicy\n          }\n        }\n      }\n    }\n  }\n": {return: PortalVariantQuery, variables: PortalVariantQueryVariables},
  "#graphql\n  query ShopIdentity {\n    shop {\n      id\n      name\n      myshopifyDomain\n      currencyCode\n      ianaTimezone\n    }\n    appInstallation {\n      accessScopes {\n        handle\n      }\n    }\n  }\n": {return: ShopIdentityQuery, variables: ShopIdentityQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation StagedUploadCreate($filename: String!) {\n    stagedUploadsCreate(\n      input: [{ resource: BULK_MUTATION_VARIABLES, filename: $filename, mimeType: \"text/jsonl\", httpMethod: POST }]\n    ) {\n      stagedTargets {\n        url\n        parameters {\n          name\n          value\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: StagedUploadCreateMutation, variables: StagedUploadCreateMutationVariables},
  "#graphql\n  mutation BulkRunMutation($mutation: String!, $path: String!, $clientIdentifier: String) {\n    bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $path, clientIdentifier: $clientIdentifier) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: BulkRunMutationMutation, variables: BulkRunMutationMutationVariables},
  "#graphql\n  mutation BulkDraftOrderCreate($input: DraftOrderInput!) {\n    draftOrderCreate(input: $input) {\n      draftOrder {\n        id\n        invoiceUrl\n        tags\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: BulkDraftOrderCreateMutation, variables: BulkDraftOrderCreateMutationVariables},
  "#graphql\n  mutation DraftOrderCreate($input: DraftOrderInput!) {\n    draftOrderCreate(input: $input) {\n      draftOrder {\n        id\n        name\n        status\n        invoiceUrl\n        tags\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DraftOrderCreateMutation, variables: DraftOrderCreateMutationVariables},
  "#graphql\n  mutation DraftOrderUpdate($id: ID!, $input: DraftOrderInput!) {\n    draftOrderUpdate(id: $id, input: $input) {\n      draftOrder {\n        id\n        name\n        status\n        invoiceUrl\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DraftOrderUpdateMutation, variables: DraftOrderUpdateMutationVariables},
  "#graphql\n  mutation DraftOrderInvoiceSend($id: ID!, $email: EmailInput) {\n    draftOrderInvoiceSend(id: $id, email: $email) {\n      draftOrder {\n        id\n        status\n        invoiceSentAt\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DraftOrderInvoiceSendMutation, variables: DraftOrderInvoiceSendMutationVariables},
  "#graphql\n  mutation DraftOrderComplete($id: ID!) {\n    draftOrderComplete(id: $id) {\n      draftOrder {\n        id\n        status\n        order {\n          id\n          name\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DraftOrderCompleteMutation, variables: DraftOrderCompleteMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
