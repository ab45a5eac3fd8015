/**
 * The write token (the server's API_TOKEN), kept in sessionStorage: a reload keeps it, closing the
 * tab forgets it, and it is never written to the URL or to localStorage where it would outlive
 * the session.
 */
const KEY = 'policy-graph.apiToken';

export function readApiToken(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    // Storage can be disabled (privacy settings): the field then simply starts empty.
    return '';
  }
}

export function saveApiToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* see readApiToken */
  }
}
