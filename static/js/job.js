// The job page follows its job while it runs: every few seconds it asks the API for the job's
// status, progress and message and shows them; once the job has finished it reloads the page,
// which then shows the result (a download, a link, the problems found). Without this script
// the page still shows where the job stood when it was loaded.
import { api } from "./api.js";

const EVERY_MS = 2000;
const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

function show(section, job) {
  const status = section.querySelector("[data-job-status]");
  status.textContent = job.status.charAt(0).toUpperCase() + job.status.slice(1);
  status.className = `status status-${job.status}`;
  const progress = section.querySelector("[data-job-progress]");
  if (job.total) {
    progress.max = job.total;
    progress.value = job.done;
    section.querySelector("[data-job-count]").textContent = `${job.done} / ${job.total}`;
  }
  section.querySelector("[data-job-message]").textContent = job.message;
}

async function follow(section) {
  try {
    const job = await api("GET", section.dataset.jobUrl);
    if (FINISHED.has(job.status)) {
      window.location.reload();
      return;
    }
    show(section, job);
  } catch (error) {
    section.querySelector("[data-job-message]").textContent = error.message;
  }
  window.setTimeout(() => follow(section), EVERY_MS);
}

const section = document.querySelector("[data-job-url]");
if (section && section.dataset.finished === "false") {
  window.setTimeout(() => follow(section), EVERY_MS);
}
