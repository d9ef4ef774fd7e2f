// Decisions on links (Confirm, Dismiss, Back to proposed) made in place, on every page that
// shows the decision form (claims/_link_decision.html): the contradiction board, the review
// queue and a claim's page. The form is posted asking for JSON; the pair's row
// ([data-link-row]) then shows the new status, who decided, why it cannot be confirmed, and a
// fresh form at the new version, without a reload, so the reader keeps their place. Without
// this script the same form posts normally and the page comes back at the pair's anchor.

import { api, ApiError } from "./api.js";

/**
 * The page's one polite live region for outcomes, there from the start: the form a decision
 * brings is new, and a live region created already filled is not reliably read out.
 */
const announcer = Object.assign(document.createElement("div"), { id: "decision-announcer", className: "visually-hidden" });
announcer.setAttribute("role", "status");
document.body.append(announcer);

/** Show `message` in the pair's form and say it (emptied first: the same words twice are
 * still a change). */
function tell(form, message) {
  form.querySelector(".decision-message").textContent = message;
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = message; }, 30);
}

/**
 * A page listing the links of one status (the board's "Proposed" tab) counts them in its
 * heading ([data-list-count]): a pair decided out of that status, or back into it, moves the
 * count, as a reload would. A count the page gives only roughly ("1,000+") is left alone.
 */
function recount(before, after) {
  const counter = document.querySelector("[data-list-count]");
  const listed = counter?.dataset.listStatus;
  if (!listed || before === after || !/^[\d,]+$/.test(counter.textContent.trim())) return;
  const delta = Number(after === listed) - Number(before === listed);
  const count = Number(counter.textContent.replace(/,/g, "")) + delta;
  counter.textContent = Math.max(0, count).toLocaleString("en");
}

function render(row, form, answer) {
  const status = row?.querySelector("[data-link-status]");
  if (status && answer.status) {
    recount(status.dataset.linkStatus, answer.status);
    status.className = `status status-${answer.status}`;
    status.dataset.linkStatus = answer.status;
    status.textContent = answer.status_label;
  }
  const decider = row?.querySelector("[data-link-decider]");
  if (decider) {
    decider.textContent = answer.decided_by ? ` · ${answer.status_label.toLowerCase()} by ${answer.decided_by}` : "";
  }
  const refusal = row?.querySelector("[data-link-refusal]");
  if (refusal) {
    refusal.textContent = answer.confirm_refusal || "";
    refusal.hidden = !answer.confirm_refusal;
    row.classList.toggle("pair-unconfirmable", Boolean(answer.confirm_refusal));
  }
  const template = document.createElement("template");
  template.innerHTML = (answer.decision_html || "").trim();
  const fresh = template.content.querySelector("form.link-decision");
  if (!fresh) {
    form.replaceWith(Object.assign(document.createElement("p"), { className: "muted", textContent: answer.message }));
    announcer.textContent = answer.message;
    return;
  }
  form.replaceWith(fresh);
  fresh.querySelector("button")?.focus({ preventScroll: true });
  tell(fresh, answer.message);
}

document.addEventListener("submit", async (event) => {
  const form = event.target.closest?.("form.link-decision");
  if (!form) return;
  event.preventDefault();
  const body = new FormData(form);
  if (event.submitter?.name) body.set(event.submitter.name, event.submitter.value);
  const row = form.closest("[data-link-row]");
  const buttons = Array.from(form.querySelectorAll("button"));
  buttons.forEach((button) => { button.disabled = true; });
  try {
    render(row, form, await api("POST", form.action, body));
  } catch (error) {
    if (error instanceof ApiError && error.body.decision_html) {
      render(row, form, error.body);
    } else {
      buttons.forEach((button) => { button.disabled = false; });
      // Disabled while it had the focus, the pressed button lost it to the page: it takes it back.
      if (document.activeElement === document.body || !document.activeElement) {
        (event.submitter ?? buttons[0])?.focus({ preventScroll: true });
      }
      const message = error instanceof ApiError && error.body.message ? error.body.message : error.message;
      tell(form, message);
    }
  }
});
