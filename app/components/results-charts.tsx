import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/**
 * The results charts (recharts draws in the browser only). Their keyboard layer is off: each sits
 * in an aria-hidden figure beside the table that is the accessible version, so nothing in it may
 * take focus. Loaded lazily by components/results,
 * always next to a table with the same numbers; these take plain, already computed data.
 */
export const CHART_COLOURS = ["#2f5bd3", "#1d7a4c", "#9a5b00", "#8a3ffc", "#1f6f8b", "#b42318", "#5b6370"];

export type StackedBarsData = { series: { key: string; label: string }[]; rows: Record<string, string | number>[] };

export function StackedBars({ data }: { data: StackedBarsData }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, 56 * data.rows.length + 60)}>
      <BarChart data={data.rows} layout="vertical" margin={{ left: 8, right: 24 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="" />
        <YAxis type="category" dataKey="vendor" width={150} />
        <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(1) : String(value))} />
        <Legend />
        {data.series.map((series, index) => (
          <Bar
            key={series.key}
            dataKey={series.key}
            name={series.label}
            stackId="total"
            fill={CHART_COLOURS[index % CHART_COLOURS.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export type RadarData = { vendor: string; axes: { criterion: string; attained: number }[] }[];

/** One small radar per vendor: the shape of its strengths, 0–100% of each top-level criterion. */
export function VendorRadar({ data }: { data: RadarData }) {
  return (
    <div className="radar-grid">
      {data.map((vendor, index) => (
        <div key={vendor.vendor} className="radar-grid__item">
          <div className="small">{vendor.vendor}</div>
          <ResponsiveContainer width="100%" height={220}>
            <RadarChart data={vendor.axes} outerRadius="58%" accessibilityLayer={false}>
              <PolarGrid />
              <PolarAngleAxis dataKey="criterion" tick={{ fontSize: 10 }} />
              <PolarRadiusAxis domain={[0, 100]} tick={false} axisLine={false} />
              <Radar
                dataKey="attained"
                stroke={CHART_COLOURS[index % CHART_COLOURS.length]}
                fill={CHART_COLOURS[index % CHART_COLOURS.length]}
                fillOpacity={0.35}
                isAnimationActive={false}
              />
            </RadarChart>
          </ResponsiveContainer>
        </div>
      ))}
    </div>
  );
}

export type ScatterData = { vendor: string; cost: number; quality: number }[];

export function QualityPriceScatter({ data, currency }: { data: ScatterData; currency: string }) {
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ScatterChart margin={{ left: 16, right: 32, top: 16, bottom: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="cost"
          name={`Total cost (${currency})`}
          tickFormatter={(value: number) => `${Math.round(value / 1000).toLocaleString("en-GB")}k`}
          // Room either side, so the cheapest and dearest bids' labels are not cut off.
          domain={[(min: number) => Math.max(0, Math.floor(min * 0.8)), (max: number) => Math.ceil(max * 1.1)]}
        />
        <YAxis type="number" dataKey="quality" name="Quality" domain={[0, 100]} />
        <Tooltip />
        <Scatter data={data} fill={CHART_COLOURS[0]} isAnimationActive={false}>
          <LabelList dataKey="vendor" position="top" fontSize={11} />
        </Scatter>
      </ScatterChart>
    </ResponsiveContainer>
  );
}
