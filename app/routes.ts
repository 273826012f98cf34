// Route config (Remix's v3_routeConfig): the file layout of app/routes/ by Remix's flat-routes convention.
// React Router 7 reads the same file, so moving there is an import rewrite (docs/decisions/0003-routes.md).
import { type RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

export default flatRoutes() satisfies RouteConfig;
