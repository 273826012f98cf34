import { EmptyStatePage } from "../components/EmptyStatePage";

export default function Campaigns() {
  return (
    <EmptyStatePage
      title="campaigns.title"
      heading="campaigns.empty.heading"
      body="campaigns.empty.body"
      footer="campaigns.empty.cli"
    />
  );
}
