const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f1f1f1;color:#303030}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;width:100%;background:#fff;border-radius:8px;overflow:hidden;margin:8px 0}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #eee;font-size:14px;vertical-align:top}
th{background:#fafafa;font-weight:600}
.card{background:#fff;border-radius:12px;padding:20px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.total{font-size:18px;font-weight:600}
button{background:#1a1a1a;color:#fff;border:0;border-radius:8px;padding:12px 20px;font-size:15px;cursor:pointer}
.error{color:#8e1f0b;background:#fee9e8;padding:10px;border-radius:8px}
.muted{color:#616161}
</style></head><body><main>${body}</main></body></html>`;
}
