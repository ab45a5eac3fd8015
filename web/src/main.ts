/** Entry point: the router mounts one view at a time; the details panel follows `node=`. */
import './styles.css';
import { ApiError, getJson } from './api.js';
import { showDetails } from './details.js';
import { parseHash, type ViewName } from './router.js';
import { auditView } from './views/audit.js';
import { compareView } from './views/compare.js';
import { deadlinesView } from './views/deadlines.js';
import { lineageView } from './views/lineage.js';
import { searchView } from './views/search.js';
import { uploadView } from './views/upload.js';
import type { View, ViewFactory } from './views/view.js';

const FACTORIES: Record<ViewName, ViewFactory> = { lineage: lineageView, search: searchView, audit: auditView, compare: compareView, deadlines: deadlinesView, upload: uploadView };
const TITLES: Record<ViewName, string> = { lineage: 'Phả hệ', search: 'Tìm kiếm', audit: 'Kiểm tra thực hiện', compare: 'So sánh hai tỉnh', deadlines: 'Thời hạn', upload: 'Tải lên' };

const main = document.getElementById('view')!;
let current: { name: ViewName; view: View } | null = null;

function route(): void {
  const { view: name, params } = parseHash();
  if (!current || current.name !== name) {
    current?.view.unmount();
    current = { name, view: FACTORIES[name](main, params) };
    document.title = `${TITLES[name]} — Phả hệ chính sách`;
    document.querySelectorAll<HTMLAnchorElement>('.tabs a').forEach((a) => {
      const active = a.dataset.view === name;
      a.classList.toggle('active', active);
      if (active) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  } else {
    current.view.update(params);
  }
  showDetails(params.get('node'));
}

window.addEventListener('hashchange', route);
route();

/** The database's state in the header; polled, faster while it is down. */
const health = document.getElementById('health')!;
async function pollHealth(): Promise<void> {
  let up = false;
  try {
    await getJson('/health');
    up = true;
    health.textContent = 'CSDL sẵn sàng';
    health.title = 'Cơ sở dữ liệu Neo4j đang hoạt động';
  } catch (err) {
    health.textContent = err instanceof ApiError && err.status === 503 ? 'CSDL mất kết nối' : 'Máy chủ không phản hồi';
    health.title = 'Các trang sẽ tự thử lại khi cơ sở dữ liệu hoạt động trở lại';
  }
  health.className = `health ${up ? 'up' : 'down'}`;
  setTimeout(pollHealth, up ? 30_000 : 5_000);
}
void pollHealth();

// Escape closes the details panel.
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && parseHash().params.has('node') && !(e.target instanceof HTMLInputElement)) {
    const { view, params } = parseHash();
    params.delete('node');
    location.hash = `#/${view}${params.toString() ? `?${params}` : ''}`;
  }
});
