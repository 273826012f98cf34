// Pacing Admin API calls by the shop's cost budget, as Shopify reports it on every answer
// (extensions.cost.throttleStatus): a leaky bucket of `maximumAvailable` points refilled at `restoreRate` points
// a second, per app and shop. The pacer keeps its own estimate of the bucket, corrected by each answer, and lets a
// request go when the estimate covers its cost, with several requests in flight so that latency does not waste
// budget. It spends the initial burst, then runs at the restore rate, with the bucket near empty and no THROTTLED.
import type { QueryCost, ThrottleStatus } from "./admin-client";
import { AdminApiError } from "./errors";

export interface PacerOptions {
  /** Requests in flight at once: enough to cover latency at the restore rate. */
  maxInFlight?: number;
  /**
   * Shopify seconds per real second. Always 1 against Shopify; the local stand-in can run its bucket faster
   * (SIM_TIME_SCALE), and the pacer must then refill its estimate at the same speed.
   */
  timeScale?: number;
  /** What to assume before the first answer; otherwise one request goes alone to find out. */
  initial?: ThrottleStatus;
  now?: () => number;
}

export interface PacerStats {
  requests: number;
  throttled: number;
  waitedMs: number;
}

export class CostPacer {
  private status: ThrottleStatus | null;
  private estimatedAt: number;
  private reserved = 0;
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private readonly maxInFlight: number;
  private readonly timeScale: number;
  private readonly now: () => number;
  readonly stats: PacerStats = { requests: 0, throttled: 0, waitedMs: 0 };

  constructor(options: PacerOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 8;
    this.timeScale = options.timeScale ?? 1;
    this.now = options.now ?? (() => performance.now());
    this.status = options.initial ? { ...options.initial } : null;
    this.estimatedAt = this.now();
  }

  /** Waits until `cost` points are (by the estimate) in the bucket and a slot is free, then takes them. */
  async acquire(cost: number, signal?: AbortSignal): Promise<void> {
    const started = this.now();
    for (;;) {
      signal?.throwIfAborted();
      const slots = this.status ? this.maxInFlight : 1;
      if (this.inFlight >= slots) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      const available = this.available();
      if (available === null || available - this.reserved >= cost) {
        this.reserved += cost;
        this.inFlight++;
        this.stats.requests++;
        this.stats.waitedMs += this.now() - started;
        return;
      }
      await sleep(this.msUntil(cost - (available - this.reserved)), signal);
    }
  }

  /** After an answer (or a failure): gives back the reservation and takes Shopify's word for the bucket. */
  release(cost: number, report: QueryCost | null | undefined) {
    this.reserved -= cost;
    this.inFlight--;
    if (report) this.observe(report.throttleStatus);
    this.waiters.shift()?.();
  }

  /**
   * After THROTTLED: how long to wait before the same request can go, from what Shopify said was left
   * (ceil((cost − available) / restoreRate) seconds, as Shopify's documentation has it).
   */
  throttled(cost: number, report: QueryCost | null | undefined): number {
    this.stats.throttled++;
    if (report) this.observe({ ...report.throttleStatus });
    const status = this.status;
    if (!status) return 1000 / this.timeScale;
    const missing = Math.max(cost - status.currentlyAvailable, 1);
    return Math.ceil(missing / status.restoreRate) * (1000 / this.timeScale);
  }

  private observe(status: ThrottleStatus) {
    this.status = { ...status };
    this.estimatedAt = this.now();
  }

  private available(): number | null {
    if (!this.status) return null;
    const seconds = ((this.now() - this.estimatedAt) / 1000) * this.timeScale;
    return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + seconds * this.status.restoreRate);
  }

  private msUntil(points: number): number {
    const rate = this.status!.restoreRate * this.timeScale;
    return Math.max(1, Math.ceil((points / rate) * 1000));
  }
}

/** setTimeout as a promise that an abort cuts short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A request through the pacer: waits for budget, sends, and after THROTTLED waits as long as Shopify says and
 * sends again (a throttled request was not run, so sending it again is safe). Other failures are the caller's.
 * With no pacer (a one-off call from a page or a webhook), the request is simply sent.
 */
export async function pacedRequest<R extends { cost: QueryCost | null }>(
  pacer: CostPacer | undefined,
  cost: number,
  send: () => Promise<R>,
  signal?: AbortSignal,
): Promise<R> {
  if (!pacer) return send();
  for (;;) {
    await pacer.acquire(cost, signal);
    try {
      const result = await send();
      pacer.release(cost, result.cost);
      return result;
    } catch (error) {
      const report = error instanceof AdminApiError ? error.details.cost : undefined;
      pacer.release(cost, report);
      if (!(error instanceof AdminApiError) || error.failure !== "throttled") throw error;
      await sleep(pacer.throttled(cost, report), signal);
    }
  }
}

/** One pacer per shop in this process, so that every job of a shop shares its budget. */
const pacers = new Map<string, CostPacer>();

export function pacerForShop(shop: string, options?: PacerOptions): CostPacer {
  let pacer = pacers.get(shop);
  if (!pacer) pacers.set(shop, (pacer = new CostPacer(options)));
  return pacer;
}
