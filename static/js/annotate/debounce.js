// Run a function once typing pauses: used by the source, tag and claim searches. The returned
// function has `cancel()`, to drop a pending run (the form is being saved: no more suggestions).

export function debounce(run, wait = 150) {
  let timer = null;
  const debounced = (...args) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => run(...args), wait);
  };
  debounced.cancel = () => window.clearTimeout(timer);
  return debounced;
}
