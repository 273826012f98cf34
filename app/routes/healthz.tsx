import { database } from "../db.server";

// For load balancers and operators: answers 200 when the database answers.
export const loader = async () => {
  try {
    await database.query("SELECT 1");
    return Response.json({ status: "ok", database: database.target.kind });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
};
