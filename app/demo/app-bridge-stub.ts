// Demo mode only: what the admin's App Bridge script provides to the app, served locally. It fetches session
// tokens from /demo/session-token, adds them to the app's own requests as App Bridge does, and shows the app's
// navigation (which Shopify's admin would draw in its sidebar) as a bar at the top.
export const APP_BRIDGE_STUB = `
(function () {
  var shop = new URLSearchParams(location.search).get("shop") || sessionStorage.getItem("pb-demo-shop") || "";
  if (shop) sessionStorage.setItem("pb-demo-shop", shop);
  async function idToken() {
    var response = await fetch("/demo/session-token?shop=" + encodeURIComponent(shop), { credentials: "same-origin" });
    return (await response.json()).token;
  }
  var originalFetch = window.fetch.bind(window);
  window.fetch = async function (input, init) {
    init = init || {};
    var url = new URL(typeof input === "string" ? input : input.url, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf("/demo/") === 0) return originalFetch(input, init);
    var headers = new Headers(init.headers || (typeof input === "string" ? undefined : input.headers));
    headers.set("Authorization", "Bearer " + (await idToken()));
    return originalFetch(input, Object.assign({}, init, { headers: headers }));
  };
  window.shopify = {
    config: { shop: shop },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    toast: { show: function (message) { console.info("[toast]", message); }, hide: function () {} },
    loading: function () {},
    saveBar: { show: function () {}, hide: function () {}, toggle: function () {} },
    modal: { show: function () {}, hide: function () {}, toggle: function () {} },
  };
  var style = document.createElement("style");
  style.textContent =
    "ui-nav-menu{display:flex;gap:4px;padding:8px 16px;background:#1a1a1a;position:sticky;top:0;z-index:100}" +
    "ui-nav-menu a{color:#e3e3e3;text-decoration:none;padding:6px 10px;border-radius:8px;font:500 13px system-ui,sans-serif}" +
    "ui-nav-menu a:hover{background:#303030;color:#fff}";
  document.head.appendChild(style);
})();
`;
