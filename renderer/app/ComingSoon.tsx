import type { ReactNode } from 'react';

/** An honest placeholder for a page another issue will build. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="page coming-soon">
      <h1>
        {title} <span className="badge">coming soon</span>
      </h1>
      {children}
    </div>
  );
}
