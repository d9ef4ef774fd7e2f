// The cards' Withdraw button: a submitted claim goes back to draft through the API and its card
// is re-rendered in place. Without this script the button posts the panel's hidden form
// (claims:claim-withdraw) and the page reloads at the claim.

import { api } from "../api.js";

export function bindWithdraw(app) {
  document.getElementById("annotations").addEventListener("submit", async (event) => {
    if (event.submitter?.dataset.action !== "withdraw") return;
    event.preventDefault();
    const id = Number(event.submitter.dataset.claim);
    try {
      await api("POST", `/api/claims/${id}/withdraw/`);
      await app.panel.refresh([id], id);
      app.toast("Withdrawn from review: the claim is a draft again.");
    } catch (error) {
      app.toast(error.reason ?? error.message);
      // The card shows the claim as it now is (approved meanwhile, or already withdrawn).
      await app.panel.refresh([id], id).catch(() => {});
    }
  });
}
