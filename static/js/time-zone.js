// The time zone page: offers the zone the browser is set to, when the list has it. Without this
// script the list alone chooses.

const hint = document.querySelector("[data-browser-zone]");
const select = document.getElementById("id_time_zone");
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const option = select && zone ? [...select.options].find((o) => o.value === zone) : undefined;
if (hint && option) {
  hint.querySelector("[data-browser-zone-name]").textContent = option.textContent;
  hint.hidden = false;
  hint.querySelector("[data-use-browser-zone]").addEventListener("click", () => {
    select.value = zone;
    select.focus();
  });
}
