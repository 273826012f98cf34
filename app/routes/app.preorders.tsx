import { EmptyStatePage } from "../components/EmptyStatePage";

export default function Preorders() {
  return <EmptyStatePage title="preorders.title" heading="preorders.empty.heading" body="preorders.empty.body" />;
}
