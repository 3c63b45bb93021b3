import { Icon } from './Icon';
import type { Page } from './hash-state';
import { useLocation } from './LocationProvider';

const ITEMS: { page: Page; label: string; hint: string }[] = [
  { page: 'explore', label: 'Explore', hint: 'g e' },
  { page: 'pipelines', label: 'Pipelines', hint: 'g p' },
  { page: 'alerts', label: 'Alerts', hint: 'g a' },
  { page: 'sources', label: 'Sources', hint: 'g s' },
  { page: 'connections', label: 'Connections', hint: 'g c' },
  { page: 'settings', label: 'Settings', hint: 'g ,' },
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
          <Icon name={it.page} />
          <span className="nav-label">{it.label}</span>
        </a>
      ))}
    </nav>
  );
}
