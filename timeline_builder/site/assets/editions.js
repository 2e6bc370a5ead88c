// The language switcher leads to the same page in another edition and keeps the #event:
// runs in the capture phase, before Material's instant navigation reads the link, and keeps
// that navigation from taking it.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[data-tl-edition]");
  if (!link) return;
  if (location.hash) link.href = link.href.split("#")[0] + location.hash;
  // A full page load, not Material's instant navigation: the other edition's page brings its
  // own search worker (its events' index) and its own theme language.
  event.stopPropagation();
}, true);
