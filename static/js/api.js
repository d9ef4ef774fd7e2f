// Every request the pages' scripts make: to Corroborate's JSON API, or to a page's form asking
// for JSON, with the session cookie and CSRF token. Answers are parsed here and refusals become
// an ApiError saying why, so the scripts only show what they get.

const UNREACHABLE = "The server cannot be reached: check your connection and try again.";

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;     // 0 when the server could not be reached
    this.body = body || {};
  }

  /** The reason in one line, for a message with no form to mark (a toast): the messages of
   * the fields refused too ("A reviewer has approved this claim…"), not "correct the fields". */
  get reason() {
    const fields = Object.values(this.fields);
    if (this.status === 400 && typeof this.body.detail !== "string" && fields.length) return fields.join(" ");
    return this.message;
  }

  /** Messages per field, e.g. {quote: "The quote does not match…"}. */
  get fields() {
    const fields = {};
    for (const [field, value] of Object.entries(this.body)) {
      if (field === "detail" || field === "code" || field === "current") continue;
      fields[field] = Array.isArray(value) ? value.join(" ") : String(value);
    }
    return fields;
  }
}

const SESSION_ENDED = "Your session has ended, so nothing was saved. Log in again in another tab "
  + "(what you typed stays here), then save again.";

function describe(status, body) {
  if (status === 401) return SESSION_ENDED;  // also the API's own 401, which says it less plainly
  if (body && typeof body.detail === "string") return body.detail;
  if (body && body.non_field_errors) return body.non_field_errors.join(" ");
  if (status === 400) return "Please correct the fields marked below.";
  if (status === 403) return "You are not allowed to do that.";
  if (status === 404) return "That no longer exists: reload the page.";
  return `The server could not do that (HTTP ${status}). Try again in a moment.`;
}

function csrfToken() {
  const cookie = document.cookie.split("; ").find((item) => item.startsWith("csrftoken="));
  if (cookie) return decodeURIComponent(cookie.split("=")[1]);
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

/** Headers for `body`: FormData sets its own Content-Type (multipart), anything else is JSON. */
/** Whom the page was drawn for: a write the server finds sent by someone else is refused. */
const drawnFor = document.querySelector("meta[name=corroborate-user]")?.content;

function headers(body) {
  const headers = { Accept: "application/json", "X-CSRFToken": csrfToken() };
  if (drawnFor) headers["X-Corroborate-User"] = drawnFor;
  if (!(body instanceof FormData)) headers["Content-Type"] = "application/json";
  return headers;
}

function encode(body) {
  if (body instanceof FormData) {
    // The token the form was drawn with goes stale once someone logs in again in another tab;
    // the header carries the cookie's current one, which Django reads only without the field.
    body.delete("csrfmiddlewaretoken");
    return body;
  }
  return body === undefined ? body : JSON.stringify(body);
}

/** The answer with `status` and body `text`: its JSON (null for 204 or none), or an ApiError. */
function settle(status, text) {
  if (status === 204) return null;
  let data = null;
  try {
    data = JSON.parse(text);
  } catch (error) {
    data = null;
  }
  if (status < 200 || status > 299) throw new ApiError(status, data);
  return data;
}

/**
 * Send a request; resolve with the JSON answer (null for 204), reject with ApiError.
 * `body` is sent as JSON, or as it is when it is FormData (a form's fields, files);
 * `extraHeaders` are added to the request's own.
 */
export async function api(method, url, body, extraHeaders = {}) {
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { ...headers(body), ...extraHeaders },
      body: encode(body),
    });
  } catch (error) {
    throw new ApiError(0, { detail: UNREACHABLE });
  }
  return settle(response.status, await response.text().catch(() => ""));
}

/**
 * POST FormData as api() does, reporting progress: `onProgress(fraction)` while the body is
 * sent (when its length is known), `onSent()` once all of it is. fetch cannot report upload
 * progress, so this one request goes through XMLHttpRequest.
 */
export function upload(url, body, { onProgress, onSent } = {}) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    for (const [name, value] of Object.entries(headers(body))) request.setRequestHeader(name, value);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    });
    request.upload.addEventListener("load", () => onSent?.());
    request.addEventListener("load", () => {
      try {
        resolve(settle(request.status, request.responseText));
      } catch (error) {
        reject(error);
      }
    });
    request.addEventListener("error", () => reject(new ApiError(0, { detail: UNREACHABLE })));
    request.send(encode(body));
  });
}

/**
 * A new random key for an `Idempotency-Key` header (a UUID; `crypto.randomUUID` exists only on
 * HTTPS and localhost, `getRandomValues` everywhere).
 */
export function newRequestKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
