/**
 * 404 Not Found from @kubernetes/client-node 1.x (its errors carry the HTTP status as `code`):
 * one place for "absent is an answer, not an error".
 */

/** HTTP status of a client-node error, if it has one. */
export function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

/** What `read` resolves to, or `absent` when the API server answers 404 Not Found. */
export async function unlessNotFound<T, A>(read: Promise<T>, absent: A): Promise<T | A> {
  try {
    return await read;
  } catch (err) {
    if (statusOf(err) === 404) return absent;
    throw err;
  }
}
