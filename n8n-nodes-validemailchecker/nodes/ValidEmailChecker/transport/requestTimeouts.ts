/**
 * How long one verification may take. ValidEmailChecker's docs say 1–3 s, longer for slow mail
 * servers, "the connection holds open".
 */
export const REQUEST_TIMEOUT_MS = Object.freeze({ POST: 90_000 });
