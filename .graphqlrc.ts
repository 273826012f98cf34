// GraphQL config for codegen and editors: types for every #graphql document under app/shopify, generated
// from the pinned Admin schema. `npm run graphql-codegen` writes the schema file from @shopify/dev-mcp first,
// so nothing is downloaded.
import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import { ADMIN_API_VERSION } from "./app/shopify/api-version";

export default {
  schema: `app/types/admin-${ADMIN_API_VERSION}.schema.json`,
  documents: ["app/shopify/operations/**/*.ts"],
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: ADMIN_API_VERSION,
      documents: ["app/shopify/operations/**/*.ts"],
      outputDir: "app/types",
      enumsAsConst: true,
    }),
  },
};
