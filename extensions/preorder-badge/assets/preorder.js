// Shows the pre-order panel of the variant the buyer picks: themes keep the chosen variant in the product form's
// "id" field (and in ?variant= of the URL), so both are watched.
(function () {
  function show(variantId) {
    document.querySelectorAll("[data-pledgebridge-preorder]").forEach(function (block) {
      block.querySelectorAll("[data-variant-id]").forEach(function (panel) {
        panel.hidden = panel.getAttribute("data-variant-id") !== String(variantId);
      });
    });
  }
  document.addEventListener("change", function (event) {
    var form = event.target && event.target.closest && event.target.closest('form[action*="/cart/add"]');
    var input = form && form.querySelector('[name="id"]');
    if (input) show(input.value);
  });
  var last = null;
  setInterval(function () {
    var id = new URLSearchParams(window.location.search).get("variant");
    if (id && id !== last) {
      last = id;
      show(id);
    }
  }, 500);
})();
