import type { Page } from './hash-state';
import { useLocation } from './LocationProvider';

const ITEMS: { page: Page; label: string; icon: string; hint: string }[] = [
  { page: 'explore', label: 'Explore', icon: '⌕', hint: 'g e' },
  { page: 'pipelines', label: 'Pipelines', icon: '⇶', hint: 'g p' },
  { page: 'alerts', label: 'Alerts', icon: '🔔', hint: 'g a' },
  { page: 'sources', label: 'Sources', icon: '🗀', hint: 'g s' },
  { page: 'settings', label: 'Settings', icon: '⚙', hint: 'g ,' },
];

export function Nav() {
  const { page, navigate } = useLocation();
  return (
    <nav className="side-nav" aria-label="Main">
      {ITEMS.map((it) => (
        <a
          key={it.page}
          href={`#/${it.page}`}
          className={`nav-item${page === it.page ? ' active' : ''}`}
          data-testid={`nav-${it.page}`}
          aria-current={page === it.page ? 'page' : undefined}
          title={`${it.label} (${it.hint})`}
          onClick={(e) => {
            e.preventDefault();
            navigate(it.page);
          }}
        >
          <span className="nav-icon" aria-hidden>
            {it.icon}
          </span>
          <span className="nav-label">{it.label}</span>
        </a>
      ))}
    </nav>
  );
}
