// Fault injection, configured as SIM_FAULTS="5xx:0.05,timeout-after-write:0.05,throttle:0.02,…": each fault
// happens to that fraction of requests (or webhook deliveries). SIM_SEED makes a run repeatable.
export const FAULT_KINDS = [
  "5xx",
  "timeout-after-write",
  "throttle",
  "duplicate-webhook",
  "out-of-order-webhook",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultRates = Partial<Record<FaultKind, number>>;

export function parseFaults(spec: string | undefined): FaultRates {
  const rates: FaultRates = {};
  for (const part of (spec ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [kind, rate] = part.split(":");
    if (!FAULT_KINDS.includes(kind as FaultKind)) {
      throw new Error(`SIM_FAULTS: unknown fault "${kind}"; known: ${FAULT_KINDS.join(", ")}`);
    }
    const value = Number(rate);
    if (!(value >= 0 && value <= 1))
      throw new Error(`SIM_FAULTS: the rate of ${kind} must be a number from 0 to 1, not "${rate}"`);
    rates[kind as FaultKind] = value;
  }
  return rates;
}

export class Faults {
  private random: () => number;

  constructor(
    private rates: FaultRates = {},
    seed = Date.now(),
  ) {
    this.random = mulberry32(seed);
  }

  set(rates: FaultRates, seed?: number) {
    this.rates = rates;
    if (seed !== undefined) this.random = mulberry32(seed);
  }

  happens(kind: FaultKind): boolean {
    const rate = this.rates[kind] ?? 0;
    return rate > 0 && this.random() < rate;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}

// A small seeded generator, so a failing run can be replayed with the same SIM_SEED.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
