import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * While `active`, reads the route's loader again every `ms`: a job writes its progress in the database and the
 * page shows it without holding a request open.
 */
export function usePolling(active: boolean, ms = 1000) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), ms);
    return () => clearInterval(timer);
  }, [active, ms, revalidator]);
}
