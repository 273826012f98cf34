import { EmptyStatePage } from "../components/EmptyStatePage";

export default function Fulfillment() {
  return <EmptyStatePage title="fulfillment.title" heading="fulfillment.empty.heading" body="fulfillment.empty.body" />;
}
