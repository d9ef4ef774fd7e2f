// A claim's discussion: Ctrl+Enter (⌘+Enter) in the comment box posts it, as it saves a claim
// in the reading view. Without this script the button posts it.
for (const form of document.querySelectorAll("form.comment-form")) {
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.matches("textarea")) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}
