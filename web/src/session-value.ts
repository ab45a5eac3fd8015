/**
 * A value the page keeps in sessionStorage: a reload keeps it, closing the tab forgets it, and it
 * is never written to the URL or to localStorage where it would outlive the session. Storage can
 * be disabled (privacy settings): reading then gives '' and saving does nothing, so a field simply
 * keeps its value for this page.
 */
export function sessionValue(key: string): { read(): string; save(value: string): void } {
  return {
    read() {
      try {
        return sessionStorage.getItem(key) ?? '';
      } catch {
        return '';
      }
    },
    save(value) {
      try {
        if (value) sessionStorage.setItem(key, value);
        else sessionStorage.removeItem(key);
      } catch {
        /* storage disabled */
      }
    },
  };
}
