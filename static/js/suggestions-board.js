// The "Suggested" section of the contradiction board: Accept and Dismiss decide a suggested pair
// in place through the API; without the script the same buttons post their forms.

import { api } from "./api.js";

const section = document.getElementById("suggested");

/** Say what became of the suggestion in place of its buttons; the focus, if it was on them,
 * goes to what is said (it would drop to the page's start with the buttons). */
function settle(card, message, keepFocus) {
  card.querySelector(".suggestion-actions")?.remove();
  const outcome = card.querySelector(".suggestion-outcome");
  outcome.textContent = message;
  if (keepFocus) {
    outcome.tabIndex = -1;
    outcome.focus();
  }
  card.classList.add("decided");
  const count = section.querySelector("[data-suggested-count]");
  if (count) count.textContent = String(Math.max(0, Number(count.textContent) - 1));
}

async function decide(form) {
  const card = form.closest("[data-suggestion]");
  const id = card.dataset.suggestion;
  const focused = card.contains(document.activeElement) ? document.activeElement : null;
  const buttons = card.querySelectorAll(".suggestion-actions button");
  buttons.forEach((button) => { button.disabled = true; });
  try {
    if (form.dataset.decision === "accept") {
      const answer = await api("POST", `/api/suggestions/${id}/accept/`, {});
      settle(card, `Accepted: claims ${answer.a.claim} and ${answer.b.claim} are linked (link ${answer.link}), waiting for a reviewer.`, Boolean(focused));
    } else {
      await api("POST", `/api/suggestions/${id}/dismiss/`);
      settle(card, "Dismissed: it will not be suggested again.", Boolean(focused));
    }
  } catch (error) {
    buttons.forEach((button) => { button.disabled = false; });
    card.querySelector(".suggestion-outcome").textContent = error.message;
    focused?.focus();
  }
}

if (section) {
  section.addEventListener("submit", (event) => {
    const form = event.target.closest("form.suggestion-decision");
    if (!form) return;
    event.preventDefault();
    decide(form);
  });
}
