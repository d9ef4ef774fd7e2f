// Calls to Corroborate's JSON API with the session cookie and CSRF token.

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body || {};
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

function describe(status, body) {
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

/** Send a JSON request; resolve with the JSON answer (null for 204), reject with ApiError. */
export async function api(method, url, body) {
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, { detail: "The server cannot be reached: check your connection and try again." });
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch (error) {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}
