import { EmptyStatePage } from "../components/EmptyStatePage";

export default function Dashboard() {
  return (
    <EmptyStatePage
      title="dashboard.title"
      heading="dashboard.empty.heading"
      body="dashboard.empty.body"
      action={{ content: "dashboard.empty.action", url: "/app/campaigns" }}
    />
  );
}
