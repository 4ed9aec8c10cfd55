/** How long one request to Enrow may take, by method. */
export const REQUEST_TIMEOUT_MS = Object.freeze({ GET: 30_000, POST: 120_000 });
