// A worker process (`app/jobs/worker.ts`) on a test database and the stand-in, with short push slices and expiry so
// that a killed worker's work comes back within seconds; and its SIGKILL.
import { spawn, type ChildProcess } from "node:child_process";

export function startWorkerProcess(options: { databaseUrl: string; adminOrigin: string }): ChildProcess {
  // `node --import tsx`, not the tsx CLI: the CLI runs the worker in a child that a SIGKILL would not reach.
  return spawn(process.execPath, ["--import", "tsx", "app/jobs/worker.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: options.databaseUrl,
      SHOPIFY_ADMIN_ORIGIN: options.adminOrigin,
      LOG_LEVEL: "silent",
      WORKER_CONCURRENCY: "2",
      PUSH_SLICE_SECONDS: "1",
      PUSH_PAGE_SIZE: "20",
      PUSH_LOOKUP_DELAY_MS: "0",
      PUSH_JOB_EXPIRE_SECONDS: "3",
    },
    stdio: "ignore",
  });
}

export async function killWorkerProcess(worker: ChildProcess) {
  worker.kill("SIGKILL");
  await new Promise((resolve) => worker.once("exit", resolve));
}
