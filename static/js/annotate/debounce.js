// Run a function once typing pauses: used by the source, tag and claim searches.

export function debounce(run, wait = 150) {
  let timer = null;
  return (...args) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => run(...args), wait);
  };
}
