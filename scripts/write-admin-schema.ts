// Writes the pinned Admin schema from @shopify/dev-mcp where @shopify/api-codegen-preset looks for it, so
// codegen reads a local file instead of downloading one.
import { mkdirSync, writeFileSync } from "node:fs";
import { adminIntrospection } from "../app/shopify/admin-schema";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";

mkdirSync("app/types", { recursive: true });
writeFileSync(`app/types/admin-${ADMIN_API_VERSION}.schema.json`, JSON.stringify(adminIntrospection()));
