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

export type DraftOrderDeleteMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DraftOrderDeleteInput;
}>;


export type DraftOrderDeleteMutation = { draftOrderDelete?: AdminTypes.Maybe<(
    Pick<AdminTypes.DraftOrderDeletePayload, 'deletedId'>
    & { userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }
  )> };

export type DraftOrderStatusQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type DraftOrderStatusQuery = { draftOrder?: AdminTypes.Maybe<(
    Pick<AdminTypes.DraftOrder, 'id' | 'status'>
    & { order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id'>> }
  )> };

export type OrderFulfillmentOrdersQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderFulfillmentOrdersQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id'>
    & { fulfillmentOrders: { nodes: Array<(
        Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>
        & { fulfillmentHolds: Array<Pick<AdminTypes.FulfillmentHold, 'id' | 'handle'>> }
      )> } }
  )> };

export type FulfillmentOrderLinesQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type FulfillmentOrderLinesQuery = { fulfillmentOrder?: AdminTypes.Maybe<(
    Pick<AdminTypes.FulfillmentOrder, 'id'>
    & { lineItems: { nodes: Array<(
        Pick<AdminTypes.FulfillmentOrderLineItem, 'id' | 'remainingQuantity'>
        & { lineItem: { sellingPlan?: AdminTypes.Maybe<Pick<AdminTypes.LineItemSellingPlan, 'sellingPlanId'>> } }
      )> } }
  )> };

export type FulfillmentOrderHoldMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  hold: AdminTypes.FulfillmentOrderHoldInput;
}>;


export type FulfillmentOrderHoldMutation = { fulfillmentOrderHold?: AdminTypes.Maybe<{ fulfillmentHold?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentHold, 'id'>>, userErrors: Array<Pick<AdminTypes.FulfillmentOrderHoldUserError, 'field' | 'message' | 'code'>> }> };

export type FulfillmentOrderReleaseMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  holdIds?: AdminTypes.InputMaybe<Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input']>;
}>;


export type FulfillmentOrderReleaseMutation = { fulfillmentOrderReleaseHold?: AdminTypes.Maybe<{ fulfillmentOrder?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.FulfillmentOrderReleaseHoldUserError, 'field' | 'message' | 'code'>> }> };

export type OrderForExportQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderForExportQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'phone'>
    & { shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'name' | 'company' | 'address1' | 'address2' | 'city' | 'provinceCode' | 'zip' | 'countryCodeV2' | 'phone'>>, lineItems: { nodes: Array<(
        Pick<AdminTypes.LineItem, 'sku' | 'name' | 'quantity'>
        & { originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, variant?: AdminTypes.Maybe<{ inventoryItem: Pick<AdminTypes.InventoryItem, 'harmonizedSystemCode'> }> }
      )> } }
  )> };

export type FulfillmentCreateWithTrackingMutationVariables = AdminTypes.Exact<{
  fulfillment: AdminTypes.FulfillmentInput;
}>;


export type FulfillmentCreateWithTrackingMutation = { fulfillmentCreate?: AdminTypes.Maybe<{ fulfillment?: AdminTypes.Maybe<Pick<AdminTypes.Fulfillment, 'id' | 'createdAt'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type VariantLevelsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type VariantLevelsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'id' | 'sku' | 'title'>
    & { product: Pick<AdminTypes.Product, 'id' | 'title'>, inventoryItem: (
      Pick<AdminTypes.InventoryItem, 'id' | 'tracked'>
      & { inventoryLevels: { nodes: Array<{ location: Pick<AdminTypes.Location, 'id' | 'name'>, quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>> }> } }
    ) }
  )>> };

export type InventoryItemVariantQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type InventoryItemVariantQuery = { inventoryItem?: AdminTypes.Maybe<(
    Pick<AdminTypes.InventoryItem, 'id'>
    & { variant: Pick<AdminTypes.ProductVariant, 'id'> }
  )> };

export type InventoryMoveMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.InventoryMoveQuantitiesInput;
  key: AdminTypes.Scalars['String']['input'];
}>;


export type InventoryMoveMutation = { inventoryMoveQuantities?: AdminTypes.Maybe<{ inventoryAdjustmentGroup?: AdminTypes.Maybe<(
      Pick<AdminTypes.InventoryAdjustmentGroup, 'id'>
      & { changes: Array<Pick<AdminTypes.InventoryChange, 'name' | 'delta' | 'quantityAfterChange'>> }
    )>, userErrors: Array<Pick<AdminTypes.InventoryMoveQuantitiesUserError, 'field' | 'message' | 'code'>> }> };

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

export type PreorderGroupCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.SellingPlanGroupInput;
  resources?: AdminTypes.InputMaybe<AdminTypes.SellingPlanGroupResourceInput>;
}>;


export type PreorderGroupCreateMutation = { sellingPlanGroupCreate?: AdminTypes.Maybe<{ sellingPlanGroup?: AdminTypes.Maybe<(
      Pick<AdminTypes.SellingPlanGroup, 'id'>
      & { sellingPlans: { nodes: Array<Pick<AdminTypes.SellingPlan, 'id'>> } }
    )>, userErrors: Array<Pick<AdminTypes.SellingPlanGroupUserError, 'field' | 'message' | 'code'>> }> };

export type PreorderGroupUpdateMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  input: AdminTypes.SellingPlanGroupInput;
}>;


export type PreorderGroupUpdateMutation = { sellingPlanGroupUpdate?: AdminTypes.Maybe<{ sellingPlanGroup?: AdminTypes.Maybe<(
      Pick<AdminTypes.SellingPlanGroup, 'id'>
      & { sellingPlans: { nodes: Array<Pick<AdminTypes.SellingPlan, 'id'>> } }
    )>, userErrors: Array<Pick<AdminTypes.SellingPlanGroupUserError, 'field' | 'message' | 'code'>> }> };

export type PreorderGroupsQueryVariables = AdminTypes.Exact<{
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type PreorderGroupsQuery = { sellingPlanGroups: { nodes: Array<(
      Pick<AdminTypes.SellingPlanGroup, 'id' | 'merchantCode'>
      & { sellingPlans: { nodes: Array<Pick<AdminTypes.SellingPlan, 'id'>> } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type PreorderGroupVariantsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type PreorderGroupVariantsQuery = { sellingPlanGroup?: AdminTypes.Maybe<(
    Pick<AdminTypes.SellingPlanGroup, 'id'>
    & { productVariants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id'>> } }
  )> };

export type PreorderGroupAddVariantsMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  variantIds: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type PreorderGroupAddVariantsMutation = { sellingPlanGroupAddProductVariants?: AdminTypes.Maybe<{ sellingPlanGroup?: AdminTypes.Maybe<Pick<AdminTypes.SellingPlanGroup, 'id'>>, userErrors: Array<Pick<AdminTypes.SellingPlanGroupUserError, 'field' | 'message' | 'code'>> }> };

export type PreorderGroupRemoveVariantsMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  variantIds: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type PreorderGroupRemoveVariantsMutation = { sellingPlanGroupRemoveProductVariants?: AdminTypes.Maybe<(
    Pick<AdminTypes.SellingPlanGroupRemoveProductVariantsPayload, 'removedProductVariantIds'>
    & { userErrors: Array<Pick<AdminTypes.SellingPlanGroupUserError, 'field' | 'message' | 'code'>> }
  )> };

export type PreorderGroupDeleteMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type PreorderGroupDeleteMutation = { sellingPlanGroupDelete?: AdminTypes.Maybe<(
    Pick<AdminTypes.SellingPlanGroupDeletePayload, 'deletedSellingPlanGroupId'>
    & { userErrors: Array<Pick<AdminTypes.SellingPlanGroupUserError, 'field' | 'message' | 'code'>> }
  )> };

export type OfferVariantsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type OfferVariantsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'id' | 'sku' | 'displayName' | 'inventoryPolicy'>
    & { product: Pick<AdminTypes.Product, 'id'> }
  )>> };

export type VariantsInventoryPolicyMutationVariables = AdminTypes.Exact<{
  productId: AdminTypes.Scalars['ID']['input'];
  variants: Array<AdminTypes.ProductVariantsBulkInput> | AdminTypes.ProductVariantsBulkInput;
}>;


export type VariantsInventoryPolicyMutation = { productVariantsBulkUpdate?: AdminTypes.Maybe<{ productVariants?: AdminTypes.Maybe<Array<Pick<AdminTypes.ProductVariant, 'id' | 'inventoryPolicy'>>>, userErrors: Array<Pick<AdminTypes.ProductVariantsBulkUpdateUserError, 'field' | 'message' | 'code'>> }> };

export type PreorderMetafieldsSetMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type PreorderMetafieldsSetMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'id' | 'key' | 'value'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code'>> }> };

export type PreorderMetafieldsDeleteMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldIdentifierInput> | AdminTypes.MetafieldIdentifierInput;
}>;


export type PreorderMetafieldsDeleteMutation = { metafieldsDelete?: AdminTypes.Maybe<{ deletedMetafields?: AdminTypes.Maybe<Array<AdminTypes.Maybe<Pick<AdminTypes.MetafieldIdentifier, 'key'>>>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type PreorderOrderFieldsFragment = (
  Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'cancelledAt' | 'currencyCode' | 'displayFulfillmentStatus'>
  & { shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, totalOutstandingSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, paymentTerms?: AdminTypes.Maybe<(
    Pick<AdminTypes.PaymentTerms, 'paymentTermsType'>
    & { paymentSchedules: { nodes: Array<Pick<AdminTypes.PaymentSchedule, 'id' | 'dueAt' | 'completedAt'>> } }
  )>, paymentCollectionDetails: { vaultedPaymentMethods?: AdminTypes.Maybe<Array<Pick<AdminTypes.PaymentMandate, 'id'>>> }, lineItems: { nodes: Array<(
      Pick<AdminTypes.LineItem, 'id' | 'quantity'>
      & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, sellingPlan?: AdminTypes.Maybe<Pick<AdminTypes.LineItemSellingPlan, 'sellingPlanId'>> }
    )> } }
);

export type PreorderOrderQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type PreorderOrderQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'cancelledAt' | 'currencyCode' | 'displayFulfillmentStatus'>
    & { shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, totalOutstandingSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, paymentTerms?: AdminTypes.Maybe<(
      Pick<AdminTypes.PaymentTerms, 'paymentTermsType'>
      & { paymentSchedules: { nodes: Array<Pick<AdminTypes.PaymentSchedule, 'id' | 'dueAt' | 'completedAt'>> } }
    )>, paymentCollectionDetails: { vaultedPaymentMethods?: AdminTypes.Maybe<Array<Pick<AdminTypes.PaymentMandate, 'id'>>> }, lineItems: { nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'quantity'>
        & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, sellingPlan?: AdminTypes.Maybe<Pick<AdminTypes.LineItemSellingPlan, 'sellingPlanId'>> }
      )> } }
  )> };

export type RecentPreorderOrdersQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type RecentPreorderOrdersQuery = { orders: { nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'cancelledAt' | 'currencyCode' | 'displayFulfillmentStatus'>
      & { shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, totalOutstandingSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, paymentTerms?: AdminTypes.Maybe<(
        Pick<AdminTypes.PaymentTerms, 'paymentTermsType'>
        & { paymentSchedules: { nodes: Array<Pick<AdminTypes.PaymentSchedule, 'id' | 'dueAt' | 'completedAt'>> } }
      )>, paymentCollectionDetails: { vaultedPaymentMethods?: AdminTypes.Maybe<Array<Pick<AdminTypes.PaymentMandate, 'id'>>> }, lineItems: { nodes: Array<(
          Pick<AdminTypes.LineItem, 'id' | 'quantity'>
          & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, sellingPlan?: AdminTypes.Maybe<Pick<AdminTypes.LineItemSellingPlan, 'sellingPlanId'>> }
        )> } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type ChargeBalanceMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  mandateId: AdminTypes.Scalars['ID']['input'];
  key: AdminTypes.Scalars['String']['input'];
  amount?: AdminTypes.InputMaybe<AdminTypes.MoneyInput>;
}>;


export type ChargeBalanceMutation = { orderCreateMandatePayment?: AdminTypes.Maybe<(
    Pick<AdminTypes.OrderCreateMandatePaymentPayload, 'paymentReferenceId'>
    & { jobResult?: AdminTypes.Maybe<Pick<AdminTypes.OrderCreateMandatePaymentJobResult, 'status'>>, userErrors: Array<Pick<AdminTypes.OrderCreateMandatePaymentUserError, 'field' | 'message' | 'code'>> }
  )> };

export type BalancePaymentStatusQueryVariables = AdminTypes.Exact<{
  orderId: AdminTypes.Scalars['ID']['input'];
  reference: AdminTypes.Scalars['String']['input'];
}>;


export type BalancePaymentStatusQuery = { orderPaymentStatus?: AdminTypes.Maybe<Pick<AdminTypes.OrderPaymentStatus, 'status' | 'errorMessage'>> };

export type ShopLocalesQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopLocalesQuery = { shopLocales: Array<Pick<AdminTypes.ShopLocale, 'locale' | 'primary'>> };

export type TranslatableContentQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type TranslatableContentQuery = { translatableResource?: AdminTypes.Maybe<{ translatableContent: Array<Pick<AdminTypes.TranslatableContent, 'key' | 'digest'>> }> };

export type TranslationsRegisterMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  translations: Array<AdminTypes.TranslationInput> | AdminTypes.TranslationInput;
}>;


export type TranslationsRegisterMutation = { translationsRegister?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.TranslationUserError, 'field' | 'message' | 'code'>> }> };

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
  "#graphql\n  query DraftOrderStatus($id: ID!) {\n    draftOrder(id: $id) {\n      id\n      status\n      order {\n        id\n      }\n    }\n  }\n": {return: DraftOrderStatusQuery, variables: DraftOrderStatusQueryVariables},
  "#graphql\n  query OrderFulfillmentOrders($id: ID!) {\n    order(id: $id) {\n      id\n      fulfillmentOrders(first: 10) {\n        nodes {\n          id\n          status\n          fulfillmentHolds {\n            id\n            handle\n          }\n        }\n      }\n    }\n  }\n": {return: OrderFulfillmentOrdersQuery, variables: OrderFulfillmentOrdersQueryVariables},
  "#graphql\n  query FulfillmentOrderLines($id: ID!) {\n    fulfillmentOrder(id: $id) {\n      id\n      lineItems(first: 50) {\n        nodes {\n          id\n          remainingQuantity\n          lineItem {\n            sellingPlan {\n              sellingPlanId\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: FulfillmentOrderLinesQuery, variables: FulfillmentOrderLinesQueryVariables},
  "#graphql\n  query OrderForExport($id: ID!) {\n    order(id: $id) {\n      id\n      name\n      email\n      phone\n      shippingAddress {\n        name\n        company\n        address1\n        address2\n        city\n        provinceCode\n        zip\n        countryCodeV2\n        phone\n      }\n      lineItems(first: 50) {\n        nodes {\n          sku\n          name\n          quantity\n          originalUnitPriceSet {\n            shopMoney {\n              amount\n              currencyCode\n            }\n          }\n          variant {\n            inventoryItem {\n              harmonizedSystemCode\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrderForExportQuery, variables: OrderForExportQueryVariables},
  "#graphql\n  query VariantLevels($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on ProductVariant {\n        id\n        sku\n        title\n        product {\n          id\n          title\n        }\n        inventoryItem {\n          id\n          tracked\n          inventoryLevels(first: 20) {\n            nodes {\n              location {\n                id\n                name\n              }\n              quantities(names: [\"on_hand\", \"available\", \"committed\", \"reserved\", \"incoming\"]) {\n                name\n                quantity\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: VariantLevelsQuery, variables: VariantLevelsQueryVariables},
  "#graphql\n  query InventoryItemVariant($id: ID!) {\n    inventoryItem(id: $id) {\n      id\n      variant {\n        id\n      }\n    }\n  }\n": {return: InventoryItemVariantQuery, variables: InventoryItemVariantQueryVariables},
  "#graphql\n  query PortalVariant($id: ID!) {\n    productVariant(id: $id) {\n      id\n      title\n      displayName\n      price\n      availableForSale\n      inventoryQuantity\n      inventoryPolicy\n      product {\n        title\n        hasOnlyDefaultVariant\n        variants(first: 100) {\n          nodes {\n            id\n            title\n            availableForSale\n            inventoryQuantity\n            inventoryPolicy\n          }\n        }\n      }\n    }\n  }\n": {return: PortalVariantQuery, variables: PortalVariantQueryVariables},
  "#graphql\n  query PreorderGroups($after: String) {\n    sellingPlanGroups(first: 50, after: $after) {\n      nodes {\n        id\n        merchantCode\n        sellingPlans(first: 1) {\n          nodes {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: PreorderGroupsQuery, variables: PreorderGroupsQueryVariables},
  "#graphql\n  query PreorderGroupVariants($id: ID!) {\n    sellingPlanGroup(id: $id) {\n      id\n      productVariants(first: 250) {\n        nodes {\n          id\n        }\n      }\n    }\n  }\n": {return: PreorderGroupVariantsQuery, variables: PreorderGroupVariantsQueryVariables},
  "#graphql\n  query OfferVariants($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on ProductVariant {\n        id\n        sku\n        displayName\n        inventoryPolicy\n        product {\n          id\n        }\n      }\n    }\n  }\n": {return: OfferVariantsQuery, variables: OfferVariantsQueryVariables},
  "#graphql\n  query PreorderOrder($id: ID!) {\n    order(id: $id) {\n      ...PreorderOrderFields\n    }\n  }\n  #graphql\n  fragment PreorderOrderFields on Order {\n    id\n    name\n    createdAt\n    cancelledAt\n    currencyCode\n    displayFulfillmentStatus\n    shippingAddress {\n      countryCodeV2\n    }\n    totalOutstandingSet {\n      shopMoney {\n        amount\n      }\n    }\n    paymentTerms {\n      paymentTermsType\n      paymentSchedules(first: 1) {\n        nodes {\n          id\n          dueAt\n          completedAt\n        }\n      }\n    }\n    paymentCollectionDetails {\n      vaultedPaymentMethods {\n        id\n      }\n    }\n    lineItems(first: 50) {\n      nodes {\n        id\n        quantity\n        variant {\n          id\n        }\n        sellingPlan {\n          sellingPlanId\n        }\n      }\n    }\n  }\n\n": {return: PreorderOrderQuery, variables: PreorderOrderQueryVariables},
  "#graphql\n  query RecentPreorderOrders($query: String!, $after: String) {\n    orders(first: 5, after: $after, query: $query) {\n      nodes {\n        ...PreorderOrderFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n  #graphql\n  fragment PreorderOrderFields on Order {\n    id\n    name\n    createdAt\n    cancelledAt\n    currencyCode\n    displayFulfillmentStatus\n    shippingAddress {\n      countryCodeV2\n    }\n    totalOutstandingSet {\n      shopMoney {\n        amount\n      }\n    }\n    paymentTerms {\n      paymentTermsType\n      paymentSchedules(first: 1) {\n        nodes {\n          id\n          dueAt\n          completedAt\n        }\n      }\n    }\n    paymentCollectionDetails {\n      vaultedPaymentMethods {\n        id\n      }\n    }\n    lineItems(first: 50) {\n      nodes {\n        id\n        quantity\n        variant {\n          id\n        }\n        sellingPlan {\n          sellingPlanId\n        }\n      }\n    }\n  }\n\n": {return: RecentPreorderOrdersQuery, variables: RecentPreorderOrdersQueryVariables},
  "#graphql\n  query BalancePaymentStatus($orderId: ID!, $reference: String!) {\n    orderPaymentStatus(orderId: $orderId, paymentReferenceId: $reference) {\n      status\n      errorMessage\n    }\n  }\n": {return: BalancePaymentStatusQuery, variables: BalancePaymentStatusQueryVariables},
  "#graphql\n  query ShopLocales {\n    shopLocales(published: true) {\n      locale\n      primary\n    }\n  }\n": {return: ShopLocalesQuery, variables: ShopLocalesQueryVariables},
  "#graphql\n  query TranslatableContent($id: ID!) {\n    translatableResource(resourceId: $id) {\n      translatableContent {\n        key\n        digest\n      }\n    }\n  }\n": {return: TranslatableContentQuery, variables: TranslatableContentQueryVariables},
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
  "#graphql\n  mutation DraftOrderDelete($input: DraftOrderDeleteInput!) {\n    draftOrderDelete(input: $input) {\n      deletedId\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DraftOrderDeleteMutation, variables: DraftOrderDeleteMutationVariables},
  "#graphql\n  mutation FulfillmentOrderHold($id: ID!, $hold: FulfillmentOrderHoldInput!) {\n    fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {\n      fulfillmentHold {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: FulfillmentOrderHoldMutation, variables: FulfillmentOrderHoldMutationVariables},
  "#graphql\n  mutation FulfillmentOrderRelease($id: ID!, $holdIds: [ID!]) {\n    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {\n      fulfillmentOrder {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: FulfillmentOrderReleaseMutation, variables: FulfillmentOrderReleaseMutationVariables},
  "#graphql\n  mutation FulfillmentCreateWithTracking($fulfillment: FulfillmentInput!) {\n    fulfillmentCreate(fulfillment: $fulfillment) {\n      fulfillment {\n        id\n        createdAt\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: FulfillmentCreateWithTrackingMutation, variables: FulfillmentCreateWithTrackingMutationVariables},
  "#graphql\n  mutation InventoryMove($input: InventoryMoveQuantitiesInput!, $key: String!) {\n    inventoryMoveQuantities(input: $input) @idempotent(key: $key) {\n      inventoryAdjustmentGroup {\n        id\n        changes {\n          name\n          delta\n          quantityAfterChange\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: InventoryMoveMutation, variables: InventoryMoveMutationVariables},
  "#graphql\n  mutation PreorderGroupCreate($input: SellingPlanGroupInput!, $resources: SellingPlanGroupResourceInput) {\n    sellingPlanGroupCreate(input: $input, resources: $resources) {\n      sellingPlanGroup {\n        id\n        sellingPlans(first: 1) {\n          nodes {\n            id\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: PreorderGroupCreateMutation, variables: PreorderGroupCreateMutationVariables},
  "#graphql\n  mutation PreorderGroupUpdate($id: ID!, $input: SellingPlanGroupInput!) {\n    sellingPlanGroupUpdate(id: $id, input: $input) {\n      sellingPlanGroup {\n        id\n        sellingPlans(first: 1) {\n          nodes {\n            id\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: PreorderGroupUpdateMutation, variables: PreorderGroupUpdateMutationVariables},
  "#graphql\n  mutation PreorderGroupAddVariants($id: ID!, $variantIds: [ID!]!) {\n    sellingPlanGroupAddProductVariants(id: $id, productVariantIds: $variantIds) {\n      sellingPlanGroup {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: PreorderGroupAddVariantsMutation, variables: PreorderGroupAddVariantsMutationVariables},
  "#graphql\n  mutation PreorderGroupRemoveVariants($id: ID!, $variantIds: [ID!]!) {\n    sellingPlanGroupRemoveProductVariants(id: $id, productVariantIds: $variantIds) {\n      removedProductVariantIds\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: PreorderGroupRemoveVariantsMutation, variables: PreorderGroupRemoveVariantsMutationVariables},
  "#graphql\n  mutation PreorderGroupDelete($id: ID!) {\n    sellingPlanGroupDelete(id: $id) {\n      deletedSellingPlanGroupId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: PreorderGroupDeleteMutation, variables: PreorderGroupDeleteMutationVariables},
  "#graphql\n  mutation VariantsInventoryPolicy($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {\n    productVariantsBulkUpdate(productId: $productId, variants: $variants) {\n      productVariants {\n        id\n        inventoryPolicy\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: VariantsInventoryPolicyMutation, variables: VariantsInventoryPolicyMutationVariables},
  "#graphql\n  mutation PreorderMetafieldsSet($metafields: [MetafieldsSetInput!]!) {\n    metafieldsSet(metafields: $metafields) {\n      metafields {\n        id\n        key\n        value\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: PreorderMetafieldsSetMutation, variables: PreorderMetafieldsSetMutationVariables},
  "#graphql\n  mutation PreorderMetafieldsDelete($metafields: [MetafieldIdentifierInput!]!) {\n    metafieldsDelete(metafields: $metafields) {\n      deletedMetafields {\n        key\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: PreorderMetafieldsDeleteMutation, variables: PreorderMetafieldsDeleteMutationVariables},
  "#graphql\n  mutation ChargeBalance($id: ID!, $mandateId: ID!, $key: String!, $amount: MoneyInput) {\n    orderCreateMandatePayment(id: $id, mandateId: $mandateId, idempotencyKey: $key, amount: $amount, autoCapture: true) {\n      paymentReferenceId\n      jobResult {\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: ChargeBalanceMutation, variables: ChargeBalanceMutationVariables},
  "#graphql\n  mutation TranslationsRegister($id: ID!, $translations: [TranslationInput!]!) {\n    translationsRegister(resourceId: $id, translations: $translations) {\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: TranslationsRegisterMutation, variables: TranslationsRegisterMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
