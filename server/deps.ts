import type { Config } from '../core/config.js';
import type { Db } from '../graph-store/db.js';
import type { SearchService } from '../search/types.js';

/** What the HTTP layer needs; everything is passed in, nothing is a module-level singleton. */
export interface AppDeps {
  db: Db;
  config: Config;
  /**
   * Absent while the search index is being built: search endpoints answer 503 until then. Read at
   * each request, so the caller can attach it to this object later without restarting the app.
   */
  search?: SearchService;
  /** The built UI (defaults to web/dist); a friendly page is served while it does not exist. */
  webDir?: string;
}
