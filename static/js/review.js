// The review queue, driven by the keyboard.
//
// j / ↓ and k / ↑ move between claims, a approves the current one, r moves to its note to
// reject (Ctrl+Enter rejects, Esc goes back), x ticks it for bulk approval. Decisions are
// posted with the page's own forms, asking for JSON so the queue moves on without a reload;
// without this script the same forms post normally and the page reloads at the next claim.

import { api } from "./api.js";

const queue = document.querySelector("[data-review-queue]");
const announcer = document.getElementById("review-announcer");

function items() {
  return Array.from(queue.querySelectorAll(".review-item:not(.reviewed)"));
}

function currentItem() {
  return document.activeElement?.closest?.(".review-item") ?? null;
}

function focusItem(item) {
  if (!item) return;
  item.focus();
  item.scrollIntoView({ block: "nearest" });
}

function move(step) {
  const open = items();
  if (!open.length) return;
  const index = open.indexOf(currentItem());
  const next = index === -1 ? 0 : Math.min(open.length - 1, Math.max(0, index + step));
  focusItem(open[next]);
}

/** One claim fewer waiting: the heading's count (left alone when it is no plain number, as
 * "10,000+" past the count's cap). */
function countDown() {
  const count = document.querySelector("[data-queue-count]");
  const waiting = Number(count?.textContent.trim().replace(/,/g, ""));
  if (Number.isInteger(waiting) && waiting > 0) count.textContent = (waiting - 1).toLocaleString("en");
}

function announce(message) {
  announcer.textContent = message;
}

function nextAfter(item) {
  const open = items();
  const index = open.indexOf(item);
  return open[index + 1] ?? open[index - 1] ?? null;
}

/** What to say when a decision was not recorded. */
function failureMessage(failure) {
  if (failure.status === 0) return "The server could not be reached. Check the connection and try again.";
  return failure.body.message ?? failure.message;
}

async function decide(form, decision) {
  const item = form.closest(".review-item");
  const error = form.querySelector(".form-errors");
  const note = form.querySelector("textarea");
  const body = new FormData(form);
  body.set("decision", decision);
  error.hidden = true;
  note?.removeAttribute("aria-invalid");
  let answer;
  try {
    answer = await api("POST", form.action, body);
  } catch (failure) {
    error.textContent = failureMessage(failure);
    error.hidden = false;
    // A rejection refused for its note marks the note invalid; one refused for another reason
    // (approved meanwhile, changed since) leaves a good note alone.
    if (decision === "reject" && failure.body?.fields?.includes("note")) {
      note.setAttribute("aria-invalid", "true");
      note.focus();
    }
    return;
  }
  const following = nextAfter(item);
  item.classList.add("reviewed", `reviewed-${answer.status}`);
  form.replaceWith(Object.assign(document.createElement("p"), {
    className: `status status-${answer.status}`,
    textContent: answer.message,
  }));
  item.querySelector(".bulk-pick")?.remove();
  countDown();
  announce(following ? `${answer.message} Next claim.` : `${answer.message} That was the last one on this page.`);
  // After the page's last decision the focus stays on the decided claim (the form that held it
  // is gone): the keyboard goes on from there, not from the top of the page.
  focusItem(following || item);
}

if (queue) {
  for (const item of queue.querySelectorAll(".review-item")) item.tabIndex = -1;

  queue.addEventListener("submit", (event) => {
    const form = event.target.closest(".review-form");
    if (!form) return;
    event.preventDefault();
    decide(form, event.submitter?.value ?? "approve");
  });

  queue.addEventListener("keydown", (event) => {
    if (event.target.tagName !== "TEXTAREA") return;
    const form = event.target.closest(".review-form");
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      decide(form, "reject");
    } else if (event.key === "Escape") {
      event.preventDefault();
      focusItem(event.target.closest(".review-item"));
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    // On a link, a button or a summary the arrows keep their own use (scrolling); J and K move.
    if (event.key.startsWith("Arrow") && event.target.closest("a[href], button, summary")) return;
    const item = currentItem();
    const form = item?.querySelector(".review-form");
    switch (event.key) {
      case "j":
      case "ArrowDown":
        move(1);
        break;
      case "k":
      case "ArrowUp":
        move(-1);
        break;
      case "a":
        if (!form) return;
        decide(form, "approve");
        break;
      case "r":
        if (!form) return;
        form.querySelector("textarea").focus();
        break;
      case "x": {
        const box = item?.querySelector(".bulk-pick input");
        if (!box) return;
        box.checked = !box.checked;
        announce(box.checked ? "Ticked for bulk approval." : "Unticked.");
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  });

  // After a plain form post the page reloads at #claim-N: start there.
  const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (target?.classList.contains("review-item")) focusItem(target);
}
