// The upload page: drop or pick several files, watch each one upload, and read what became of
// it, without leaving the page. Without this script the page is a plain multipart form that the
// server handles the same way; here each file goes to the API (POST /api/articles/) on its own.

import { api, ApiError, upload } from "./api.js";

const form = document.getElementById("upload-form");
if (form) enhance(form);

function enhance(form) {
  const input = form.querySelector('input[type="file"][name="files"]');
  const zone = document.getElementById("drop-zone");
  const queue = document.getElementById("upload-queue");
  const pasted = form.querySelector('[name="pasted_text"]');
  const submit = document.getElementById("upload-submit");
  const settings = {
    apiUrl: form.dataset.apiUrl,
    editUrl: form.dataset.editUrl,
    detailUrl: form.dataset.detailUrl,
    maxBytes: Number(form.dataset.maxBytes),
    maxSize: form.dataset.maxSize,
    extensions: form.dataset.extensions.split(","),
  };
  const items = [];

  zone.classList.add("enhanced");
  input.addEventListener("change", () => {
    addFiles(input.files);
    input.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  }
  for (const type of ["dragleave", "dragend", "drop"]) {
    zone.addEventListener(type, () => zone.classList.remove("dragging"));
  }
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    addFiles(event.dataTransfer.files);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    uploadAll();
  });

  function addFiles(files) {
    for (const file of files) {
      const item = { file, row: fileRow(file), state: "waiting" };
      item.row.querySelector(".remove").addEventListener("click", () => {
        const at = items.indexOf(item);
        items.splice(at, 1);
        item.row.remove();
        queue.hidden = items.length === 0;
        focusAfterRemoving(at);
      });
      items.push(item);
      queue.append(item.row);
    }
    queue.hidden = items.length === 0;
    showFormError("");
  }

  /** The removed row took the focus with it: it goes to the Remove button now in its place
   * (or the last one), or to the file picker when the queue is empty. */
  function focusAfterRemoving(at) {
    const next = items[Math.min(at, items.length - 1)];
    (next?.row.querySelector(".remove") ?? input).focus();
  }

  function details() {
    const fields = {};
    for (const name of ["title", "outlet", "author", "url", "published_on", "language"]) {
      const field = form.elements.namedItem(name);
      if (field && field.value.trim()) fields[name] = field.value.trim();
    }
    return fields;
  }

  async function uploadAll() {
    const pending = items.filter((item) => item.state === "waiting");
    const text = pasted.value.trim() ? pasted.value : "";
    const given = details();
    if (!pending.length && !text) {
      showFormError("Choose at least one file, or paste the article's text.");
      return;
    }
    const textBytes = new Blob([text]).size;
    if (textBytes > settings.maxBytes) {
      // Sent, it would be refused whole and the page left: say so here, with the text kept.
      showFormError(`The pasted text is ${sizeForPeople(textBytes)}, over the limit of ${settings.maxSize} for one article. Split it into parts and add each on its own.`);
      return;
    }
    if (given.title && pending.length + (text ? 1 : 0) > 1) {
      showFormError("A title fits one article. Leave it blank when adding several: each takes its own from its file.");
      return;
    }
    showFormError("");
    submit.disabled = true;
    const results = [];
    for (const item of pending) results.push(await uploadFile(item, given));
    if (text) results.push(await uploadText(text, given));
    submit.disabled = false;
    const added = results.filter((result) => result.article);
    if (results.length === 1 && added.length === 1) {
      window.location.assign(urlFor(settings.editUrl, added[0].article.id));
      return;
    }
    if (text && results[results.length - 1].article) pasted.value = "";
    summary(added.length, results.length);
  }

  function uploadFile(item, given) {
    item.state = "sending";
    const status = item.row.querySelector(".result");
    const progress = item.row.querySelector("progress");
    item.row.querySelector(".remove").remove();
    if (item.file.size > settings.maxBytes) {
      return Promise.resolve(showFailed(item, new ApiError(0, {
        file: [`The file is ${sizeForPeople(item.file.size)}, over the limit of ${settings.maxSize}. Split it into smaller files, or paste only the part you need.`],
      })));
    }
    const body = new FormData();
    body.append("file", item.file, item.file.name);
    for (const [name, value] of Object.entries(given)) body.append(name, value);
    status.textContent = "Uploading…";
    progress.hidden = false;
    return upload(settings.apiUrl, body, {
      onProgress: (fraction) => { progress.value = fraction; },
      onSent: () => {
        progress.removeAttribute("value");
        status.textContent = "Reading the text…";
      },
    }).then((article) => showAdded(item, article), (error) => showFailed(item, error));
  }

  function uploadText(text, given) {
    const row = fileRow(null);
    row.querySelector(".remove").remove();
    queue.append(row);
    queue.hidden = false;
    const item = { row, state: "sending" };
    return api("POST", settings.apiUrl, { ...given, text })
      .then((article) => showAdded(item, article), (error) => showFailed(item, error));
  }

  /** Empty the row's result for what became of its file. */
  function resultOf(item) {
    const result = item.row.querySelector(".result");
    item.row.querySelector("progress").hidden = true;
    result.textContent = "";
    return result;
  }

  function showAdded(item, body) {
    if (body.page_url && body.kind) return showQueued(item, body);
    const result = resultOf(item);
    item.state = "added";
    item.row.classList.add("outcome-added");
    result.append(strong("Added"), " ", link(urlFor(settings.detailUrl, body.id), body.title), " · ",
      link(urlFor(settings.editUrl, body.id), "Check details"));
    for (const other of body.same_url || []) {
      const warning = document.createElement("p");
      warning.className = "warning";
      warning.append("Another article has the same URL: ", link(other.url, other.title),
        ". Check that this is not the same story twice.");
      result.append(warning);
    }
    return { article: body };
  }

  /** The row of a large file that a background job reads (the answer is the job). */
  function showQueued(item, job) {
    const result = resultOf(item);
    item.state = "added";
    item.row.classList.add("outcome-added");
    if (job.result_url) {
      result.append(strong("Added"), " ", link(job.result_url, job.message));
    } else {
      result.append(strong("Being read in the background"), ": a large file. ",
        link(job.page_url, "Follow the job"), "; it links to the article when done.");
    }
    return { job };
  }

  /** The row of a file the server refused (an ApiError), or that was never sent. */
  function showFailed(item, error) {
    const result = resultOf(item);
    const body = error.body;
    item.state = "failed";
    if (error.status === 409 && body.current) {
      item.row.classList.add("outcome-duplicate");
      result.append(strong("Already here"), ": this text is stored as ", link(body.current.url, body.current.title),
        ` (article ${body.current.id}). Nothing was added.`);
    } else {
      item.row.classList.add("outcome-failed");
      result.append(strong("Not added"), `: ${describe(error)}`);
    }
    return { article: null };
  }

  function summary(added, total) {
    let heading = document.getElementById("queue-summary");
    if (!heading) {
      heading = document.createElement("h2");
      heading.id = "queue-summary";
      heading.tabIndex = -1;
      queue.before(heading);
    }
    heading.textContent = `${added} of ${total} added`;
    heading.focus();
  }

  function showFormError(message) {
    let box = document.getElementById("upload-form-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "upload-form-error";
      box.className = "form-errors";
      box.setAttribute("role", "alert");
      form.prepend(box);
    }
    box.textContent = message;
    box.hidden = !message;
  }
}

function fileRow(file) {
  const row = document.createElement("li");
  row.className = "outcome";
  const name = document.createElement("span");
  name.className = "file-name";
  name.textContent = file ? file.name : "Pasted text";
  const size = document.createElement("span");
  size.className = "file-size muted";
  size.textContent = file ? sizeForPeople(file.size) : "";
  const progress = document.createElement("progress");
  progress.max = 1;
  progress.value = 0;
  progress.hidden = true;
  const status = document.createElement("span");
  status.className = "result";
  status.textContent = file ? "Ready" : "Sending…";
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "remove small";
  remove.textContent = "Remove";
  remove.setAttribute("aria-label", `Remove ${name.textContent}`);
  row.append(name, size, progress, status, remove);
  return row;
}

/** Why the server did not add a file, with each field's message labelled. */
function describe(error) {
  if (typeof error.body.detail === "string") return error.body.detail;
  const unlabelled = ["file", "text", "non_field_errors"];
  const messages = Object.entries(error.fields)
    .map(([field, text]) => (unlabelled.includes(field) ? text : `${label(field)}: ${text}`));
  if (messages.length) return messages.join(" ");
  if (error.status === 403) return "You are not allowed to add articles.";
  return `The server could not add it (HTTP ${error.status}). Try again in a moment.`;
}

function label(field) {
  return { published_on: "Published on", url: "URL" }[field] || field.charAt(0).toUpperCase() + field.slice(1);
}

function strong(text) {
  const element = document.createElement("strong");
  element.textContent = text;
  return element;
}

function link(href, text) {
  const anchor = document.createElement("a");
  anchor.href = href;
  anchor.textContent = text;
  return anchor;
}

function urlFor(template, id) {
  return template.replace("/0/", `/${encodeURIComponent(id)}/`);
}

function sizeForPeople(bytes) {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(Math.ceil((bytes * 10) / (1024 * 1024)) / 10).toString()} MB`;
}
