// Polaris Viz charts for the dashboard. They measure their container, so they are drawn once the page runs in the
// browser; until then (and for screen readers, always) the same figures are in a plain list beside them.
import { FunnelChart, PolarisVizProvider, SimpleBarChart } from "@shopify/polaris-viz";
import { useSyncExternalStore, type ReactNode } from "react";

export type Series = ReadonlyArray<{ label: string; value: number }>;

const noSubscription = () => () => {};

/** False on the server and while hydrating, true once the page runs in the browser. */
function useMounted() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function ChartFrame({ height, label, children }: { height: number; label: string; children: ReactNode }) {
  const mounted = useMounted();
  return (
    <div style={{ height }} aria-hidden="true" data-chart={label}>
      {mounted ? <PolarisVizProvider>{children}</PolarisVizProvider> : null}
    </div>
  );
}

const toData = (name: string, series: Series) => [
  { name, data: series.map((point) => ({ key: point.label, value: point.value })) },
];

/** Each stage as a bar, with the share kept from the one before. */
export function Funnel({ label, series }: { label: string; series: Series }) {
  return (
    <ChartFrame height={280} label={label}>
      <FunnelChart data={toData(label, series)} theme="Light" />
    </ChartFrame>
  );
}

/** Horizontal bars, biggest first: rewards, countries. */
export function Bars({ label, series }: { label: string; series: Series }) {
  return (
    <ChartFrame height={Math.max(120, series.length * 56 + 16)} label={label}>
      <SimpleBarChart data={toData(label, series)} theme="Light" showLegend={false} />
    </ChartFrame>
  );
}
