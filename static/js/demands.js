// Reply templates: choosing one fills the answer box (CSP-safe, no inline script).
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-fill]");
  if (!select || !select.value) return;
  const target = document.getElementById(select.dataset.fill);
  if (target) target.value = select.value;
});
