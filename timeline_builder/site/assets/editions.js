// The language switcher leads to the same page in another edition and keeps the #event.
// It loads that page afresh (capture phase, before Material's instant navigation sees the
// click): the site search's worker is made once per visit, for the edition it started in.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[data-tl-edition]");
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || event.altKey) return;
  link.href = link.href.split("#")[0] + location.hash;
  if (link.getAttribute("aria-current") === "true") return;
  event.preventDefault();
  event.stopPropagation();
  location.assign(link.href);
}, true);
