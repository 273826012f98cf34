import { EmptyStatePage } from "../components/EmptyStatePage";

export default function Exceptions() {
  return <EmptyStatePage title="exceptions.title" heading="exceptions.empty.heading" body="exceptions.empty.body" />;
}
