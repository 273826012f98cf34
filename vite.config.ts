import { vitePlugin as remix } from "@remix-run/dev";
import { build, defineConfig, type Plugin, type ResolvedConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// Shopify's CLI passes the public URL as SHOPIFY_APP_URL; HMR goes through it when it is not localhost.
const appUrl = new URL(process.env.SHOPIFY_APP_URL ?? "http://localhost");
const hmr =
  appUrl.hostname === "localhost"
    ? { protocol: "ws", host: "localhost", port: 64999, clientPort: 64999 }
    : { protocol: "wss", host: appUrl.hostname, port: Number(process.env.FRONTEND_PORT) || 8002, clientPort: 443 };

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The import's reading thread (app/services/import/batch-reader.ts) starts `read-thread.mjs` from beside the module
 * that starts it. Beside the sources that file has tsx compile them; beside the server bundle there are no sources, so
 * the server's build writes it there as JavaScript, from the same sources at the same time.
 */
function importReadingThread(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "pledgebridge-import-reading-thread",
    apply: "build",
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      if (!config.build.ssr) return;
      await build({
        configFile: false,
        logLevel: "warn",
        build: {
          ssr: "app/services/import/read-thread.ts",
          outDir: config.build.outDir,
          emptyOutDir: false,
          target: "node20",
          rollupOptions: { output: { entryFileNames: "read-thread.mjs" } },
        },
      });
    },
  };
}

export default defineConfig({
  server: { port: Number(process.env.PORT || 3000), hmr, fs: { allow: ["app", "node_modules"] } },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
    importReadingThread(),
  ],
  build: { assetsInlineLimit: 0, target: "es2022" },
  ssr: { target: "node" },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
});
