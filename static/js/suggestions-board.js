// The "Suggested" section of the contradiction board: Accept and Dismiss decide a suggested pair
// in place through the API; without the script the same buttons post their forms.

import { api } from "./api.js";

const section = document.getElementById("suggested");

function settle(card, message) {
  card.querySelector(".suggestion-actions")?.remove();
  card.querySelector(".suggestion-outcome").textContent = message;
  card.classList.add("decided");
  const count = section.querySelector("[data-suggested-count]");
  if (count) count.textContent = String(Math.max(0, Number(count.textContent) - 1));
}

async function decide(form) {
  const card = form.closest("[data-suggestion]");
  const id = card.dataset.suggestion;
  const buttons = card.querySelectorAll(".suggestion-actions button");
  buttons.forEach((button) => { button.disabled = true; });
  try {
    if (form.dataset.decision === "accept") {
      const answer = await api("POST", `/api/suggestions/${id}/accept/`, {});
      settle(card, `Accepted: claims ${answer.a.claim} and ${answer.b.claim} are linked (link ${answer.link}), waiting for a reviewer.`);
    } else {
      await api("POST", `/api/suggestions/${id}/dismiss/`);
      settle(card, "Dismissed: it will not be suggested again.");
    }
  } catch (error) {
    buttons.forEach((button) => { button.disabled = false; });
    card.querySelector(".suggestion-outcome").textContent = error.message;
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
