// On a phone the site navigation folds behind a Menu button (.nav-toggle in base.html). Without
// this script the links simply wrap under the brand.

const header = document.querySelector(".site-header");
const toggle = header && header.querySelector(".nav-toggle");
if (toggle) {
  const nav = document.getElementById(toggle.getAttribute("aria-controls"));
  header.classList.add("nav-collapsible");
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const open = header.classList.toggle("nav-open");
    toggle.setAttribute("aria-expanded", String(open));
    if (open) nav.querySelector("a")?.focus();
  });
  header.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && header.classList.contains("nav-open")) {
      header.classList.remove("nav-open");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
}

// On a phone a list's filters fold behind their "Filters" summary, in use or not: the list comes
// first, and the summary says how many are in use (the claim list's "Filters in use" also says
// which). Refused ones stay open, with the reason. They are open in the page, so without this
// script they show.
if (window.matchMedia("(max-width: 700px)").matches) {
  for (const box of document.querySelectorAll("details.filter-box[open]")) {
    if (box.querySelector(".form-errors")) continue;
    const inUse = [...box.querySelectorAll("input, select")].filter(
      (field) => field.name && field.type !== "hidden" && field.value.trim() !== "",
    ).length;
    const summary = box.querySelector(":scope > summary");
    if (inUse && summary) summary.textContent += ` · ${inUse} in use`;
    box.open = false;
  }
}

// The messages a page opens with ("Details saved." after a redirect): a screen reader speaks a
// live region's changes, not what it held on arrival, so their words go into an empty one now.
const announcer = document.getElementById("messages-announcer");
if (announcer) {
  const words = [...document.querySelectorAll(".messages .message")].map((message) => message.textContent.trim());
  window.setTimeout(() => { announcer.textContent = words.join(" "); }, 250);
}

// A plain form is sent once: a second press while its answer is on the way (a double click,
// Enter twice on a slow connection) would send it again — a second export job, or "already
// exists" for the source just added. Forms a script sends itself (it prevents the default) keep
// their own guards. A page brought back from the history, or a form that answered with a
// download (the page stays), can be sent again.
const SENDING = "sending";
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset[SENDING]) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  // Once every listener has run (a microtask would run between them, before a script's own
  // handler has prevented the default).
  window.setTimeout(() => {
    if (event.defaultPrevented) return;
    form.dataset[SENDING] = "1";
    window.setTimeout(() => { delete form.dataset[SENDING]; }, 10000);
  }, 0);
}, true);
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-sending]")) delete form.dataset[SENDING];
});
