// The language switcher leads to the same page in another edition and keeps the #event:
// runs in the capture phase, before Material's instant navigation reads the link.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[data-tl-edition]");
  if (!link || !location.hash) return;
  link.href = link.href.split("#")[0] + location.hash;
}, true);
