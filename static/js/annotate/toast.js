// The toast at the bottom of the page (#toast): one message at a time, with an optional action
// button (Undo). It owns only its own hide timer.

export function createToast(toast) {
  let timer = null;

  return function showToast(message, action) {
    toast.replaceChildren(Object.assign(document.createElement("span"), { textContent: message }));
    if (action) {
      const button = Object.assign(document.createElement("button"), { type: "button", textContent: action.label });
      button.addEventListener("click", () => {
        toast.hidden = true;
        action.run();
      });
      toast.append(button);
    }
    toast.hidden = false;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => { toast.hidden = true; }, action ? 10000 : 4000);
  };
}
