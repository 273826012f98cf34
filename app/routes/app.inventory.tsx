import { EmptyStatePage } from "../components/EmptyStatePage";

export default function Inventory() {
  return <EmptyStatePage title="inventory.title" heading="inventory.empty.heading" body="inventory.empty.body" />;
}
