// Bulk mutations: a staged JSONL file of variables, one mutation run per line by Shopify, results by line number.
export const STAGED_UPLOAD_CREATE = `#graphql
  mutation StagedUploadCreate($filename: String!) {
    stagedUploadsCreate(
      input: [{ resource: BULK_MUTATION_VARIABLES, filename: $filename, mimeType: "text/jsonl", httpMethod: POST }]
    ) {
      stagedTargets {
        url
        parameters {
          name
          value
        }
      }
      userErrors {
        field
        message
      }
    }
  }
` as const;

export const BULK_RUN_MUTATION = `#graphql
  mutation BulkRunMutation($mutation: String!, $path: String!, $clientIdentifier: String) {
    bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $path, clientIdentifier: $clientIdentifier) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
` as const;

export const BULK_OPERATION_STATUS = `#graphql
  query BulkOperationStatus($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      url
      partialDataUrl
    }
  }
` as const;

/** What each line of a bulk push runs: the pledge's tag comes back with the draft, to link it. */
export const BULK_DRAFT_ORDER_CREATE = `#graphql
  mutation BulkDraftOrderCreate($input: DraftOrderInput!) {
    draftOrderCreate(input: $input) {
      draftOrder {
        id
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

export const BULK_OPERATIONS_RUNNING = `#graphql
  query BulkOperationsRunning {
    bulkOperations(first: 10, query: "status:running") {
      nodes {
        id
        type
        status
      }
    }
  }
` as const;
