// Remix route modules served over HTTP in the test's own process, so that the stand-in can reach them as it would
// reach the app (its app proxy and its webhooks), while the test shares the app's database and job queue.
// Only what these routes need: the path picks a module, GET runs its loader, anything else its action.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
export interface RouteModule {
  loader?: RouteFunction;
  action?: RouteFunction;
}

export interface Route {
  pattern: RegExp;
  module: RouteModule;
  params?: (match: RegExpExecArray) => Record<string, string>;
}

export async function serveRoutes(routes: Route[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const request = await toRequest(incoming);
      const path = new URL(request.url).pathname;
      let response: Response = new Response("Not Found", { status: 404 });
      for (const route of routes) {
        const match = route.pattern.exec(path);
        if (!match) continue;
        const run = request.method === "GET" ? route.module.loader : route.module.action;
        if (!run) break;
        try {
          response = await run({ request, params: route.params?.(match) ?? {}, context: {} });
        } catch (thrown) {
          if (!(thrown instanceof Response)) throw thrown;
          response = thrown;
        }
        break;
      }
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      outgoing.writeHead(500, { "Content-Type": "text/plain" });
      outgoing.end(String((error as Error).stack ?? error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function toRequest(incoming: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(`http://${incoming.headers.host}${incoming.url}`, {
    method: incoming.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}
