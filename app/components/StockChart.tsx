// Stock against demand per product, as paired horizontal bars: the gap between them is what to make (or what is
// free). Plain SVG: a handful of bars needs no charting library, and it prints and reads without JavaScript.
export function StockChart({
  products,
  labels,
  format,
}: {
  products: Array<{ title: string; stock: number; demand: number }>;
  labels: { stock: string; demand: string };
  format: (n: number) => string;
}) {
  const shown = products.slice(0, 20);
  const max = Math.max(1, ...shown.flatMap((p) => [p.stock, p.demand]));
  const row = 44;
  const label = 180;
  const width = 640;
  const bar = (value: number) => Math.max(1, ((width - label - 60) * value) / max);
  return (
    <svg
      role="img"
      aria-label={`${labels.stock} / ${labels.demand}`}
      viewBox={`0 0 ${width} ${shown.length * row + 24}`}
      width="100%"
      style={{ maxWidth: width }}
    >
      <g fontSize="12" fontFamily="inherit">
        <rect x={label} y={4} width={10} height={10} fill="#2c6ecb" />
        <text x={label + 14} y={13}>
          {labels.stock}
        </text>
        <rect x={label + 120} y={4} width={10} height={10} fill="#e0b000" />
        <text x={label + 134} y={13}>
          {labels.demand}
        </text>
      </g>
      {shown.map((product, i) => {
        const y = 24 + i * row;
        return (
          <g key={`${product.title}-${i}`} fontSize="12">
            <title>{`${product.title}: ${labels.stock} ${format(product.stock)}, ${labels.demand} ${format(product.demand)}`}</title>
            <text x={0} y={y + 18}>
              {product.title.length > 26 ? `${product.title.slice(0, 25)}…` : product.title}
            </text>
            <rect x={label} y={y + 4} width={bar(product.stock)} height={14} fill="#2c6ecb" />
            <text x={label + bar(product.stock) + 4} y={y + 15}>
              {format(product.stock)}
            </text>
            <rect x={label} y={y + 20} width={bar(product.demand)} height={14} fill="#e0b000" />
            <text x={label + bar(product.demand) + 4} y={y + 31}>
              {format(product.demand)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
