// The one Admin API version of the app, the webhooks (shopify.app.toml) and the schema the tests validate
// against. 2026-10 is the newest stable version (released 2026-10-01) that @shopify/shopify-api knows and that
// @shopify/dev-mcp ships a schema for; see docs/decisions/0002-admin-api-version.md. A test keeps them in step.
export const ADMIN_API_VERSION = "2026-10";
